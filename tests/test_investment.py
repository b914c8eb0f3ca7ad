"""Money on the action plan: exact amounts, currencies, shares, spending and its history."""

from datetime import date
from decimal import Decimal as D

import pytest

from cpss.db import assessments, investment, plans
from cpss.db.demo import load_demo
from cpss.model.access import VIEWER, AccessDenied, Actor
from cpss.model.assessments import FINAL
from cpss.model.investment import (
    Budget,
    InvestmentError,
    Spend,
    check_shares,
    parse_amount,
    parse_rates,
    split,
    totals,
)
from cpss.model.plans import ActionItem
from tests.test_dashboard import assess


def action(db, assessment_id, subdomain="1.1", what="Train social workers"):
    return plans.add_item(db, assessment_id, ActionItem(what, subdomain_id=subdomain), by="Ana")


def test_a_third_each_of_100_is_33_34_then_33_33_twice():
    assert split(D("100.00"), [None, None, None]) == [D("33.34"), D("33.33"), D("33.33")]
    assert split(D("0.01"), [None, None]) == [D("0.01"), D("0.00")]
    assert split(D("10.00"), [D("0.25"), D("0.75")]) == [D("2.50"), D("7.50")]
    assert split(D("0.99"), [D("0.5"), D("0.5")]) == [D("0.50"), D("0.49")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "The amount cannot be negative: -5."),
        ("NaN", "The amount must be a number, not NaN."),
        ("12.345", "The amount has more than two decimals: 12.345."),
        (
            "12,5.3",
            "The amount '12,5.3' is not a number: write digits and one decimal point, "
            "such as 1250.50.",
        ),
        ("", "The amount is required."),
    ],
)
def test_bad_amounts_are_refused_naming_the_field(text, message):
    with pytest.raises(InvestmentError) as refused:
        parse_amount(text)
    assert str(refused.value) == message


def test_amounts_are_read_as_exact_decimals():
    assert parse_amount("1250.50") == D("1250.50")
    assert parse_amount("1 250,5") == D("1250.50")
    assert parse_amount(D("0.1")) + parse_amount("0.2") == D("0.3")  # a float would not be


def test_unknown_currencies_and_funders_are_refused():
    with pytest.raises(InvestmentError, match=r"The currency 'XYZ' is not an ISO 4217 currency"):
        Budget(D("1"), "XYZ").validate()
    with pytest.raises(InvestmentError, match=r"^Unknown funder 'bank': one of unicef, "):
        Budget(D("1"), "usd", "bank").validate()
    with pytest.raises(InvestmentError, match=r"^Name the donor: the funder is a donor\.$"):
        Budget(D("1"), "usd", "donor").validate()
    assert Budget(D("1"), " eur ", "unicef").validate().currency == "EUR"


def test_shares_are_equal_or_add_up_to_one():
    assert check_shares({"1.1": None, "2.1": None}) == {"1.1": None, "2.1": None}
    assert check_shares({"1.1": "0.4", "2.1": "0.6"}) == {"1.1": D("0.4"), "2.1": D("0.6")}
    with pytest.raises(InvestmentError, match=r"^The shares add up to 0\.9; they must add up to"):
        check_shares({"1.1": "0.4", "2.1": "0.5"})
    with pytest.raises(InvestmentError, match=r"^The share of subdomain 2\.1 must be a number"):
        check_shares({"1.1": "0.4", "2.1": "1.5"})
    with pytest.raises(InvestmentError, match=r"^Give a share for every subdomain"):
        check_shares({"1.1": "1", "2.1": None})


def test_totals_per_currency_unless_rates_are_given():
    money = [("USD", D("10.00")), ("EUR", D("5.00")), ("USD", D("2.50")), ("XOF", D("1000"))]
    assert totals(money) == {"USD": D("12.50"), "EUR": D("5.00"), "XOF": D("1000.00")}
    rates = parse_rates({"EUR": "1.10"}, "usd")
    assert totals(money, rates, "USD") == {"USD": D("18.00"), "XOF": D("1000.00")}
    with pytest.raises(InvestmentError, match=r"^The exchange rate for EUR must be a positive"):
        parse_rates({"EUR": "-1"}, "USD")


def test_investment_rows_split_budget_and_spend_over_subdomains(db):
    assessment_id = assess(db, {})
    item = action(db, assessment_id)
    investment.set_budget(db, item, Budget(D("100.00"), "USD", "donor", "Sweden"), "Ana")
    investment.set_shares(db, item, {"2.1": None, "1.1": None, "3.1": None}, "Ana")
    investment.add_spend(db, item, Spend(date(2025, 3, 1), D("10.00"), "EUR", "hall"), "Ana")
    investment.add_spend(db, item, Spend(date(2025, 3, 1), D("0.50"), "EUR", "tea"), "Ana")
    investment.add_spend(db, item, Spend(date(2026, 1, 9), D("3.00"), "USD"), "Ana")
    rows = investment.investment_rows(db, [assessment_id])
    assert list(rows.columns) == investment.INVESTMENT_COLUMNS
    budget = rows[rows.kind == "budget"]
    assert budget.amount.tolist() == [D("33.34"), D("33.33"), D("33.33")]
    assert budget.subdomain_id.tolist() == ["2.1", "1.1", "3.1"]
    assert set(budget.funder) == {"donor"} and set(budget.donor) == {"Sweden"}
    spent = rows[rows.kind == "spent"]
    assert spent.on.tolist() == [date(2025, 3, 1)] * 3 + [date(2026, 1, 9)] * 3
    assert spent.amount.tolist() == [
        D("3.50"),
        D("3.50"),
        D("3.50"),
        D("1.00"),
        D("1.00"),
        D("1.00"),
    ]
    assert spent.currency.tolist() == ["EUR"] * 3 + ["USD"] * 3
    per_currency = totals(zip(spent.currency, spent.amount))
    assert per_currency == {"EUR": D("10.50"), "USD": D("3.00")}


def test_an_action_without_shares_puts_it_all_on_its_subdomain(db):
    assessment_id = assess(db, {})
    item = action(db, assessment_id, subdomain=None)
    other = action(db, assessment_id, subdomain="4.1")
    investment.set_budget(db, item, Budget(D("7.00"), "XOF"), "Ana")
    investment.set_budget(db, other, Budget(D("9.99"), "EUR", "unicef"), "Ana")
    investment.set_shares(db, other, {"4.1": "0.5", "4.2": "0.5"}, "Ana")
    investment.set_shares(db, other, {"4.2": None}, "Ana")  # 4.1 unlinked
    rows = investment.investment_rows(db, [assessment_id])
    assert rows[["subdomain_id", "amount", "funder"]].fillna("none").values.tolist() == [
        ["none", D("7.00"), "other"],
        ["4.2", D("9.99"), "unicef"],
    ]
    assert investment.current_shares(db, other) == {"4.2": None}
    assert investment.investment_rows(db, [assess(db, {})]).empty


def test_spend_after_final_and_removal_are_kept_in_history(db):
    assessment_id = assess(db, {})
    item = action(db, assessment_id)
    assessments.set_status(db, assessment_id, FINAL, "Ana")
    entry = investment.add_spend(db, item, Spend(date(2027, 1, 1), D("5.00"), "USD"), "Ana")
    investment.remove_spend(db, entry, "Ben")
    assert investment.spend_entries(db, item).empty
    assert investment.investment_rows(db, [assessment_id]).empty
    history = investment.money_history(db, item)
    assert history[["change", "recorded_by", "removed"]].values.tolist() == [
        ["spend", "Ben", True],
        ["spend", "Ana", False],
    ]
    with pytest.raises(InvestmentError, match=r"^No spend entry with id"):
        investment.remove_spend(db, entry, "Ben")


def test_viewers_cannot_record_money(db):
    assessment_id = assess(db, {})
    item = action(db, assessment_id)
    viewer = db.as_actor(Actor(VIEWER, "Vi"))
    with pytest.raises(AccessDenied):
        investment.set_budget(viewer, item, Budget(D("1.00"), "USD"), "Vi")
    with pytest.raises(AccessDenied):
        investment.add_spend(viewer, item, Spend(date(2026, 1, 1), D("1.00"), "USD"), "Vi")
    with pytest.raises(AccessDenied):
        investment.set_shares(viewer, item, {"1.1": None}, "Vi")
    assert investment.budget(db, item) is None and investment.spend_entries(db, item).empty


def test_bad_input_changes_nothing(db):
    assessment_id = assess(db, {})
    item = action(db, assessment_id)
    with pytest.raises(InvestmentError, match="cannot be negative"):
        investment.set_budget(db, item, Budget(D("-1.00"), "USD"), "Ana")
    with pytest.raises(InvestmentError, match="not an ISO 4217"):
        investment.add_spend(db, item, Spend(date(2026, 1, 1), D("1.00"), "ABC"), "Ana")
    with pytest.raises(Exception, match="No action item"):
        investment.set_budget(db, "nope", Budget(D("1.00"), "USD"), "Ana")
    assert investment.money_history(db, item).empty
    assert assessments.assessment(db, assessment_id)  # still there


def test_the_demo_has_made_up_money_in_two_currencies_over_three_years(db, framework):
    baseline, follow_up = load_demo(db, framework)
    rows = investment.investment_rows(db, [baseline, follow_up])
    assert set(rows.assessment_id) == {baseline}  # the plan was made at the baseline
    assert all(title.startswith("DEMO · ") for title in rows.action_title)
    spent = rows[rows.kind == "spent"]
    assert totals(zip(spent.currency, spent.amount)) == {
        "USD": D("256450.50"),  # 110550.50 + 27400 + 57500 + 61000
        "XOF": D("334000000.00"),
    }
    assert {on.year for on in spent.on} == {2023, 2024, 2025}
    assert set(rows.funder) == {"unicef", "government", "donor", "other"}
    ministry = spent[spent.action_title.str.contains("lead ministry's")]
    by_subdomain = ministry.groupby("subdomain_id")["amount"].sum().to_dict()
    assert by_subdomain == {"2.1": D("195000000.00"), "5.2": D("130000000.00")}  # 60 % / 40 %
