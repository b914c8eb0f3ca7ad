"""The plan page with AppTest: recording an action's budget, shares and spending, and viewers
reading them."""

from datetime import date
from decimal import Decimal as D

import streamlit as st

from cpss.db import investment, plans
from cpss.i18n import format_money, text
from cpss.model.access import Actor
from cpss.model.investment import Budget, Spend
from cpss.model.plans import ActionItem
from tests.test_pages import app_db, start_assessment
from tests.test_trust_pages import all_text, fresh
from tests.trust_support import populate


def shown(at) -> str:
    """The page's words as a reader sees them (Markdown's escapes of plain text removed)."""
    return all_text(at).replace("\\", "")


def open_plan_with_an_action(app) -> tuple[str, str]:
    assessment_id = start_assessment(app, assessor="Ana")
    item_id = plans.add_item(
        app_db(), assessment_id, ActionItem("Train social workers", subdomain_id="1.1"), by="Ana"
    )
    app.switch_page("app_pages/plan.py").run()
    return assessment_id, item_id


def test_an_editor_records_a_budget_shares_and_spending(app):
    assessment_id, item_id = open_plan_with_an_action(app)
    key = f"money_{item_id}"
    assert app.text_input(key=f"{key}_amount").value == ""
    app.text_input(key=f"{key}_amount").input("100,00")
    app.selectbox(key=f"{key}_currency").set_value("EUR")
    app.selectbox(key=f"{key}_funder").set_value("donor")
    app.text_input(key=f"{key}_donor").input("Sweden")
    app.multiselect(key=f"{key}_subdomains").set_value(["1.1", "2.1", "3.1"])
    app.button(key=f"{key}_budget_save").click().run()
    assert not app.error, [e.value for e in app.error]
    assert "Budget €100.00, funded by Sweden" in shown(app)
    rows = investment.investment_rows(app_db(), [assessment_id])
    assert rows.amount.tolist() == [D("33.34"), D("33.33"), D("33.33")]

    app.date_input(key=f"{key}_on").set_value(date(2026, 4, 2))
    app.text_input(key=f"{key}_spent").input("12.50")
    app.text_input(key=f"{key}_note").input("Training hall")
    app.button(key=f"{key}_spend_add").click().run()
    assert not app.error, [e.value for e in app.error]
    [entry] = investment.spend_entries(app_db(), item_id).itertuples()
    assert (entry.amount, entry.currency, entry.note) == (D("12.50"), "EUR", "Training hall")
    assert "€12.50. Training hall (recorded" in shown(app) and "by Ana)" in shown(app)
    assert app.text_input(key=f"{key}_spent").value == ""  # cleared once stored

    app.button(key=f"{key}_remove_{entry.entry_id}").click().run()
    assert investment.spend_entries(app_db(), item_id).empty
    assert len(investment.money_history(app_db(), item_id)) == 6  # budget, 3 shares, 2 spends


def test_a_bad_amount_is_refused_with_its_field_and_nothing_is_stored(app):
    _, item_id = open_plan_with_an_action(app)
    key = f"money_{item_id}"
    app.text_input(key=f"{key}_amount").input("-20")
    app.button(key=f"{key}_budget_save").click().run()
    assert [e.value for e in app.error] == ["The budget cannot be negative: -20."]
    app.text_input(key=f"{key}_spent").input("5")
    app.button(key=f"{key}_spend_add").click().run()
    assert [e.value for e in app.error] == ["Give the date the money was spent."]
    assert investment.money_history(app_db(), item_id).empty


def test_the_money_is_shown_in_french(app):
    _, item_id = open_plan_with_an_action(app)
    investment.set_budget(app_db(), item_id, Budget(D("1250.50"), "USD", "unicef"), "Ana")
    app.query_params["lang"] = "fr"
    app.run()
    assert format_money(D("1250.50"), "USD", text("fr")) == "1\u202f250,50\u00a0$US"
    assert "1\u202f250,50\u00a0$US" in shown(app)


def test_a_viewer_reads_the_money_without_forms(app_database, monkeypatch, framework):
    monkeypatch.setenv("CPSS_MODE", "team")
    st.cache_resource.clear()
    world = populate(app_db(), framework)
    item_id = plans.items(app_db(), world.assessment_id)[0].item_id
    investment.set_budget(app_db(), item_id, Budget(D("40.00"), "XOF", "government"), "eve")
    investment.add_spend(app_db(), item_id, Spend(date(2026, 5, 1), D("10.00"), "XOF"), "eve")
    at = fresh(Actor("vic", "viewer"))
    at.switch_page("app_pages/plan.py").run()
    assert not at.exception and not at.error
    assert "Budget F\u202fCFA40, funded by Government" in shown(at)
    assert at.table[1].value["Amount"].tolist() == ["F\u202fCFA10"]  # the spending, as a table
    assert not [b for b in at.button if (b.key or "").startswith("money_")]
    assert not [t for t in at.text_input if (t.key or "").startswith("money_")]
