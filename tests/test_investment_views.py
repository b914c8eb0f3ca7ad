"""What the money shows: exact sums per outcome, subdomain, year and funder, exchange rates given
for a view, the share to the top priorities, and the value of investment in four groups."""

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from cpss.db.investment import INVESTMENT_COLUMNS
from cpss.i18n import text
from cpss.model.errors import UserError
from cpss.present import investment as inv
from cpss.present import investment_value as value
from cpss.present.investment_charts import money_chart, value_chart
from cpss.present.investment_summary import (
    money_summary,
    money_table,
    share_sentences,
    value_rows,
    value_summary,
)

COLUMNS = INVESTMENT_COLUMNS  # the frame cpss.db.investment.investment_rows returns


def money(*rows) -> pd.DataFrame:
    """Rows of (subdomain, funder, donor, currency, kind, day, amount as text)."""
    return pd.DataFrame(
        [
            ("a1", f"x{i}", "Act", s, f, d, c, k, day, Decimal(amount))
            for i, (s, f, d, c, k, day, amount) in enumerate(rows)
        ],
        columns=COLUMNS,
    )


ROWS = money(
    ("1.1", "unicef", None, "USD", "budget", date(2024, 1, 5), "1000.10"),
    ("1.1", "unicef", None, "USD", "spent", date(2024, 6, 1), "400.05"),
    ("1.2", "donor", "Norway", "USD", "budget", date(2024, 1, 5), "500"),
    ("1.2", "donor", "Norway", "USD", "spent", date(2025, 2, 1), "250.25"),
    ("3.1", "government", None, "EUR", "budget", date(2025, 1, 1), "300"),
    ("3.1", "government", None, "EUR", "spent", date(2025, 3, 1), "100"),
)


def test_totals_per_outcome_are_exact_and_kept_per_currency(framework):
    got = inv.totals(framework, ROWS, inv.OUTCOME)
    assert list(got["key"]) == [framework.subdomain("1.1").outcome_id, "3"]
    first = got.iloc[0]
    assert (first["currency"], first["budget"], first["spent"]) == (
        "USD",
        Decimal("1500.10"),
        Decimal("650.30"),
    )
    assert isinstance(first["spent"], Decimal)
    assert (got.iloc[1]["currency"], got.iloc[1]["budget"]) == ("EUR", Decimal("300"))


def test_totals_per_subdomain_year_and_funder(framework):
    per_sub = inv.totals(framework, ROWS, inv.SUBDOMAIN)
    assert list(per_sub["key"]) == ["1.1", "1.2", "3.1"]
    per_year = inv.totals(framework, ROWS, inv.YEAR)
    assert [
        (k, c, s) for k, c, s in zip(per_year["key"], per_year["currency"], per_year["spent"])
    ] == [
        ("2024", "USD", Decimal("400.05")),
        ("2025", "EUR", Decimal("100")),
        ("2025", "USD", Decimal("250.25")),
    ]
    per_funder = inv.totals(framework, ROWS, inv.FUNDER)
    assert set(per_funder["label"]) == {"UNICEF", "Norway", "Government"}  # a donor by name
    french = inv.totals(framework, ROWS, inv.FUNDER, text("fr"))
    assert "Gouvernement" in set(french["label"])


def test_rates_convert_the_view_and_leave_unknown_currencies_apart(framework):
    rates = inv.parse_rates("usd", "EUR=1.5\n\n")
    assert rates.as_text() == "USD;EUR=1.5" and inv.rates_from_address(rates.as_text()) == rates
    got = inv.totals(framework, inv.converted(ROWS, rates), inv.YEAR)
    assert list(zip(got["key"], got["currency"], got["spent"])) == [
        ("2024", "USD", Decimal("400.05")),
        ("2025", "USD", Decimal("400.25")),  # 250.25 + 100 × 1.5
    ]
    assert inv.missing_rates(ROWS, None) == ["EUR", "USD"]
    assert inv.missing_rates(ROWS, inv.parse_rates("GBP", "EUR=0.9")) == ["USD"]


@pytest.mark.parametrize(
    ("into", "lines", "says"),
    [
        ("XYZ", "", "The currency of the view 'XYZ' is not an ISO 4217 currency code"),
        ("USD", "EUR=1\nEURO", "line 2: write a currency code"),
        ("USD", "EURO=1", "The exchange rate's currency 'EURO' is not an ISO 4217"),
        ("USD", "EUR=-1", "The exchange rate for EUR must be a positive number, not '-1'"),
        ("USD", "EUR=abc", "The exchange rate for EUR must be a positive number, not 'abc'"),
    ],
)
def test_bad_rates_say_which_line_and_why(into, lines, says):
    with pytest.raises(UserError, match=says):
        inv.parse_rates(into, lines)


def test_share_to_top_priorities_is_per_currency_and_kind():
    shares = inv.share_to_top(ROWS, ["1.2"])
    usd_spent = shares[(shares["currency"] == "USD") & (shares["kind"] == "spent")].iloc[0]
    assert usd_spent["to_top"] == Decimal("250.25") and usd_spent["whole"] == Decimal("650.30")
    eur = shares[shares["currency"] == "EUR"]
    assert all(s == 0 for s in eur["share"])
    said = share_sentences(shares, 1)
    assert (
        "38% of the spending (US$250.25 of US$650.30) went to the top 1 priority subdomain." in said
    )


def phases(*pairs) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["subdomain_id", "choice"])


def test_value_of_investment_groups_the_subdomains():
    spent = value.spent_between(ROWS, date(2024, 1, 1), date(2024, 12, 31))
    assert list(spent["amount"]) == [Decimal("400.05")]  # 2025 spending is after the follow-up
    everything = value.spent_between(ROWS, date(2024, 1, 1), date(2025, 12, 31))
    then = phases(("1.1", "1"), ("1.2", "2"), ("3.1", "2"), ("2.1", "3"), ("2.2", "dont_know"))
    now = phases(("1.1", "2"), ("1.2", "2"), ("3.1", "1"), ("2.1", "4"), ("2.2", "2"))
    from cpss.model.framework_file import load_framework

    framework = load_framework()
    table = value.value_table(framework, then, now, everything, "USD").set_index("subdomain_id")
    assert table.loc["1.1", "group"] == value.WITH and table.loc["1.1", "spent"] == Decimal(
        "400.05"
    )
    assert table.loc["2.1", "group"] == value.WITHOUT
    assert table.loc["1.2", "group"] == value.STILL
    assert table.loc["3.1", "group"] == value.BACK and table.loc["3.1", "spent"] == 0  # in EUR
    assert table.loc["2.2", "change"] is None and table.loc["2.2", "group"] is None
    said = value.reading(table.reset_index())
    assert said[0].startswith("1 subdomain moved up and had money spent on it: 1.1 ")
    assert value_summary(table.reset_index()).startswith("4 subdomains rated in both")
    russian = value.reading(table.reset_index(), tr=text("ru"))
    assert all("{" not in s for s in russian)
    shown = value_rows(table.reset_index(), "USD")
    assert list(shown.loc[shown["Subdomain"].str.startswith("3.1"), "Change"]) == ["−1"]


def test_charts_draw_floats_and_label_each_point(framework):
    totals = inv.totals(framework, ROWS, inv.OUTCOME)
    spec = money_chart(totals, "USD").to_dict()
    data = next(iter(spec["datasets"].values()))
    assert data[0]["budget"] == 1500.1 and data[0]["words"] == "US$650.30 of US$1,500.10"
    assert money_summary(totals, "USD").startswith("In all, US$650.30 is spent of a budget of")
    assert list(money_table(totals, inv.OUTCOME)["Budget"]) == ["US$1,500.10", "€300.00"]
    table = pd.DataFrame(
        [("1.1", "1.1 Laws", 1, 2, 1, Decimal("5"), True, value.WITH)], columns=value.VALUE_COLUMNS
    )
    layers = value_chart(table).to_dict()["layer"]
    assert any(
        layer["mark"]["type"] == "text" and layer["encoding"]["text"]["field"] == "id"
        for layer in layers
    )


def test_general_actions_and_spending_without_a_budget_have_their_own_group(framework):
    rows = money(
        (None, None, None, "USD", "spent", date(2024, 6, 1), "10"),
        ("1.1", "unicef", None, "USD", "spent", date(2024, 6, 1), "5"),
    )
    per_outcome = inv.totals(framework, rows, inv.OUTCOME)
    assert list(per_outcome["label"])[-1] == "General actions (no subdomain)"
    per_funder = inv.totals(framework, rows, inv.FUNDER)
    assert "No budget recorded" in set(per_funder["label"])


def test_compare_divides_spending_by_the_years_spanned(framework):
    from cpss.present.investment_compare import Place, compare_table, years_spanned

    assert years_spanned([date(2023, 5, 16), date(2026, 3, 10)]) == Decimal("2.82")
    assert years_spanned([date(2026, 3, 10)]) == Decimal(1)
    place = Place("Demoland", ROWS, Decimal(2), {"1": 2.5})
    table = compare_table(framework, [place]).set_index("Outcome")
    first = table.loc[framework.outcomes[0].label]
    assert first["Demoland: average phase"] == "2.5"
    assert first["Demoland: spent a year"] == "US$325.15"  # (400.05 + 250.25) / 2
    assert table.loc[framework.outcomes[2].label, "Demoland: spent a year"] == "€50.00"
    assert table.loc[framework.outcomes[1].label, "Demoland: spent a year"] == "—"
