"""The investment charts in words: one sentence each (the chart's description, shown under it),
and the tables a reader gets instead of the drawing, amounts written as money.

Beside :mod:`cpss.present.chart_summary` (the dashboard's charts), in a module of its own to keep
both short.
"""

from __future__ import annotations

import pandas as pd

from cpss.i18n import ENGLISH, N_, Text, format_number
from cpss.present.investment import BUDGET, SPENT, ZERO, format_money, format_percent
from cpss.present.investment_charts import signed_phases
from cpss.present.investment_value import GROUP_WORDS

HEADERS = {  # the first column of a totals table, per view: English message ids
    "outcome": N_("Outcome"),
    "subdomain": N_("Subdomain"),
    "year": N_("Year"),
    "funder": N_("Funder"),
}


def money_summary(totals: pd.DataFrame, currency: str, *, tr: Text = ENGLISH) -> str:
    """The budget chart of one currency in one sentence: what was spent of the budget in all,
    and which group got the most spending."""
    mine = totals[totals["currency"] == currency]
    if mine.empty:
        return tr("Nothing is recorded in {currency}.", currency=currency)
    budget, spent = sum(mine[BUDGET], ZERO), sum(mine[SPENT], ZERO)
    spent_each = list(mine[SPENT])
    most = spent_each.index(max(spent_each))
    if spent == 0:
        return tr(
            "A budget of {budget} is recorded and nothing is spent yet.",
            budget=format_money(budget, currency, tr),
        )
    return tr(
        "In all, {spent} is spent of a budget of {budget}; the most spending went to {name} "
        "({amount}).",
        spent=format_money(spent, currency, tr),
        budget=format_money(budget, currency, tr),
        name=list(mine["label"])[most],
        amount=format_money(spent_each[most], currency, tr),
    )


def money_table(totals: pd.DataFrame, view: str, *, tr: Text = ENGLISH) -> pd.DataFrame:
    """:func:`cpss.present.investment.totals` rows as a reader's table, money written out."""
    return pd.DataFrame(
        {
            tr(HEADERS[view]): totals["label"],
            tr("Budget"): [
                format_money(v, c, tr) for v, c in zip(totals[BUDGET], totals["currency"])
            ],
            tr("Spent"): [
                format_money(v, c, tr) for v, c in zip(totals[SPENT], totals["currency"])
            ],
        }
    )


def share_sentences(shares: pd.DataFrame, count: int, *, tr: Text = ENGLISH) -> list[str]:
    """What share of the budget and of the spending went to the ranking's first ``count``
    subdomains, one sentence per currency and kind."""
    said = []
    columns = (shares[c] for c in ("currency", "kind", "to_top", "whole", "share"))
    for currency, kind, to_top, whole, share in zip(*columns):
        if share is None:
            continue
        values = {
            "share": format_percent(share, tr),
            "amount": format_money(to_top, currency, tr),
            "whole": format_money(whole, currency, tr),
        }
        said.append(_share_sentence(kind, count, values, tr))
    return said


def _share_sentence(kind: str, count: int, values: dict[str, str], tr: Text) -> str:
    """One kind's share sentence (whole sentences, for the translators)."""
    if kind == BUDGET:
        return tr.plural(
            "{share} of the budget ({amount} of {whole}) is for the top {count} priority "
            "subdomain.",
            "{share} of the budget ({amount} of {whole}) is for the top {count} priority "
            "subdomains.",
            count,
            **values,
        )
    return tr.plural(
        "{share} of the spending ({amount} of {whole}) went to the top {count} priority subdomain.",
        "{share} of the spending ({amount} of {whole}) went to the top {count} priority "
        "subdomains.",
        count,
        **values,
    )


def value_summary(table: pd.DataFrame, *, tr: Text = ENGLISH) -> str:
    """The value-of-investment scatter in one sentence: how many subdomains it places, and how
    many of them had money spent on them."""
    shown = table[table["change"].notna()]
    if shown.empty:
        return tr(
            "No subdomain is rated with a phase in both assessments: there is nothing to plot."
        )
    return tr.plural(
        "{count} subdomain rated in both assessments is plotted by its phase change against the "
        "money spent on it; {funded} of them had money spent on them.",
        "{count} subdomains rated in both assessments are plotted by their phase change against "
        "the money spent on them; {funded} of them had money spent on them.",
        len(shown),
        funded=int(shown["money"].sum()),
    )


def value_rows(table: pd.DataFrame, currency: str | None, *, tr: Text = ENGLISH) -> pd.DataFrame:
    """:func:`cpss.present.investment_value.value_table` rows as a reader's table."""
    return pd.DataFrame(
        {
            tr("Subdomain"): table["subdomain"],
            tr("Phase then"): [_phase(v, tr) for v in table["then"]],
            tr("Phase now"): [_phase(v, tr) for v in table["now"]],
            tr("Change"): [
                "—" if pd.isna(v) else signed_phases(int(v), tr) for v in table["change"]
            ],
            tr("Spent in between"): [
                format_money(v, currency, tr) if currency else "—" for v in table["spent"]
            ],
            tr("Reading"): [tr(GROUP_WORDS[g]) if g else "" for g in table["group"]],
        }
    )


def _phase(value, tr: Text) -> str:
    """A phase number, or a dash when the subdomain was not placed in a phase."""
    return "—" if value is None or pd.isna(value) else format_number(int(value), tr)
