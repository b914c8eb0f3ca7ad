"""The Investment page through ``app.py`` with AppTest, on the demo's made-up money (data/demo.yaml:
the baseline's plan, in USD and XOF) and a euro action added on the follow-up's plan: budget and
spent per outcome, exchange rates kept with the view, the value of investment in four groups, the
share link and the Compare page."""

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
    """The demo (2023 baseline with its money, 2026 follow-up) and a euro action on the follow-up,
    spent after its date."""
    app.button(key="load_demo").click().run()
    db = app_db()
    followup = dashboard.latest_assessment(db)
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
    eur, usd, _xof = [t for t in tables(money) if "Outcome" in t.columns]  # in code order
    first = usd[usd["Outcome"].str.startswith("1.")].iloc[0]
    # 1.1's policy: a $120,000 budget; 38,500 + 52,250.50 + 19,800 spent
    assert (first["Budget"], first["Spent"]) == ("US$120,000.00", "US$110,550.50")
    assert list(eur["Spent"]) == ["€200.00"]
    assert (
        "In all, US$256,450.50 is spent of a budget of US$309,000.00; the most spending went to "
        "3. A continuum of services (US$118,500.00)." in words(money)
    )


def test_exchange_rates_are_kept_in_the_address_and_add_currencies_up(money):
    money.text_input(key="inv_rates_into").input("usd")
    money.text_area(key="inv_rates_lines").input("EUR=2\nXOF=0.0016").run()
    assert money.query_params["rates"] in ("USD;EUR=2;XOF=0.0016", ["USD;EUR=2;XOF=0.0016"])
    per_outcome = [t for t in tables(money) if "Outcome" in t.columns]
    assert len(per_outcome) == 1  # one currency now
    spent = dict(zip(per_outcome[0]["Outcome"].str[:2], per_outcome[0]["Spent"]))
    assert spent["3."] == "US$118,900.00"  # 118,500 + €200 at 2
    assert spent["2."] == "US$339,400.00"  # 27,400 + 0.6 × 325,000,000 XOF at 0.0016
    money.text_area(key="inv_rates_lines").input("EUR=-2").run()
    assert "The exchange rate for EUR must be a positive number" in money.error[0].value


def test_value_of_investment_reads_in_four_groups(money):
    said = words(money)
    for sentence in (
        "5 subdomains moved up and had money spent on them: 1.1 ",
        "3 subdomains moved up with no money recorded for them: 2.2 ",
        "2 subdomains received money and stayed in their phase: 3.1 ",
        "1 subdomain moved back: 2.3 ",
    ):
        assert any(sentence in t for t in said), sentence
    assert any("association, not cause" in i.value for i in money.info)
    value = next(t for t in tables(money) if "Phase then" in t.columns).set_index("Subdomain")
    row = value[value.index.str.startswith("1.1")].iloc[0]
    assert (row["Phase then"], row["Phase now"], row["Change"]) == ("2", "3", "+1")
    assert row["Spent in between"] == "US$110,550.50"  # the euros came after the follow-up
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
    assert row[spent] == "US$39,202.30"  # $110,550.50 over the 2.82 years from 2023 to 2026
    assert row[phase] == "2.5"  # 1.1 at 3 and 1.2 at 2 in the 2026 follow-up
