"""The Investment page through ``app.py`` with AppTest, on the demo with made-up money: budget and
spent per outcome, exchange rates kept with the view, the value of investment in four groups."""

import re
from datetime import date
from decimal import Decimal

import pytest

from cpss.db import dashboard, investment, plans
from cpss.model.investment import Budget, Spend
from cpss.model.plans import ActionItem
from tests.test_dashboard_pages import charts
from tests.test_pages import app_db, texts

BY = "test"


def action(db, assessment_id, subdomain_id, budget=None, spends=()):
    """An action on ``subdomain_id`` with a budget and spending, as the plan page records them."""
    item_id = plans.add_item(db, assessment_id, ActionItem("Act", subdomain_id=subdomain_id), BY)
    if budget:
        investment.set_budget(db, item_id, Budget(Decimal(budget[0]), budget[1], budget[2]), BY)
    for day, amount, currency in spends:
        investment.add_spend(db, item_id, Spend(day, Decimal(amount), currency), BY)


@pytest.fixture
def money(app):
    """The demo (2023 baseline, 2026 follow-up) with money on both plans."""
    app.button(key="load_demo").click().run()
    db = app_db()
    followup = dashboard.latest_assessment(db)
    baseline = dashboard.previous_assessment(db, followup)
    action(db, baseline, "1.1", ("1000", "USD", "unicef"), [(date(2024, 5, 1), "400", "USD")])
    action(db, baseline, "1.2", None, [(date(2024, 6, 1), "100", "USD")])
    action(db, followup, "3.1", ("500", "EUR", "government"), [(date(2026, 4, 1), "200", "EUR")])
    app.switch_page("app_pages/investment.py").run()
    assert not app.exception, app.exception
    return app


def shown(text: str) -> str:
    """Text as the reader sees it: the page escapes Markdown in user-visible text."""
    return re.sub(r"\\(.)", r"\1", str(text))


def tables(app):
    """The page's static tables, their cells as the reader sees them."""
    return [t.value.map(shown).rename(columns=shown) for t in app.table]


def words(app):
    return [shown(t) for t in texts(app)]


def test_budget_and_spent_per_outcome_per_currency(money):
    outcome_tables = [t for t in tables(money) if "Outcome" in t.columns]
    eur, usd = outcome_tables[:2]  # per currency (in code order), no rates given
    first = usd[usd["Outcome"].str.startswith("1.")].iloc[0]
    assert (first["Budget"], first["Spent"]) == ("US$1,000.00", "US$500.00")
    assert list(eur["Spent"]) == ["€200.00"]
    assert any("In all, US$500.00 is spent of a budget of US$1,000.00" in t for t in words(money))


def test_exchange_rates_are_kept_in_the_address_and_add_currencies_up(money):
    money.text_input(key="inv_rates_into").input("usd")
    money.text_area(key="inv_rates_lines").input("EUR=2").run()
    assert money.query_params["rates"] in ("USD;EUR=2", ["USD;EUR=2"])
    per_outcome = [t for t in tables(money) if "Outcome" in t.columns]
    assert len(per_outcome) == 1  # one currency now
    spent = dict(zip(per_outcome[0]["Outcome"].str[:2], per_outcome[0]["Spent"]))
    assert spent["3."] == "US$400.00"  # €200 at 2
    money.text_area(key="inv_rates_lines").input("EUR=-2").run()
    assert "The exchange rate for EUR must be a positive number" in money.error[0].value


def test_value_of_investment_reads_in_four_groups(money):
    said = words(money)
    assert any("1 subdomain moved up and had money spent on it: 1.1 " in t for t in said)
    assert any("subdomain received money and stayed in its phase" in t for t in said)
    assert any("association, not cause" in i.value for i in money.info)
    value = next(t for t in tables(money) if "Phase then" in t.columns).set_index("Subdomain")
    row = value[value.index.str.startswith("1.1")].iloc[0]
    assert (row["Phase then"], row["Phase now"], row["Change"]) == ("2", "3", "+1")
    assert row["Spent in between"] == "US$400.00"  # the 2026 euros came after the follow-up
    scatter = next(frames for spec, frames in charts(money) if "Phase change" in str(spec))
    points = next(f for f in scatter if "id" in f)
    assert "1.1" in set(points["id"])  # each point labelled with its subdomain


def shared_dashboard(app, shows):
    """A fresh session opening a share link of the demo follow-up made to show ``shows``."""
    from cpss.db import share_links
    from tests.test_trust_pages import fresh

    db = app_db()
    followup = dashboard.latest_assessment(db)
    token = share_links.create(db, followup, "test", shows=shows)
    at = fresh(query={"share": token})
    assert not at.exception, at.exception
    return at


def test_a_share_link_shows_the_money_only_when_its_maker_ticked_it(money):
    without = shared_dashboard(money, ())
    assert not any("Investment" in t for t in words(without))
    assert not [t for t in tables(without) if "Budget" in t.columns]
    ticked = shared_dashboard(money, ("investment",))
    per_outcome = [t for t in tables(ticked) if "Budget" in t.columns]
    # this assessment's plan only: the euros, none of the baseline's dollars
    assert [list(t["Spent"]) for t in per_outcome] == [["€200.00"]]


def test_the_compare_page_shows_spending_a_year_beside_the_phases(money):
    money.switch_page("app_pages/compare.py").run()
    table = next(t for t in tables(money) if any("spent a year" in c for c in t.columns))
    row = table[table["Outcome"].str.startswith("1.")].iloc[0]
    spent = next(c for c in table.columns if c.endswith("spent a year"))
    phase = next(c for c in table.columns if c.endswith("average phase"))
    assert row[spent] == "US$177.30"  # $500 over the 2.82 years from May 2023 to March 2026
    assert row[phase] == "2.5"  # 1.1 at 3 and 1.2 at 2 in the 2026 follow-up
