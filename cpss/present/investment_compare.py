"""Investment across countries or units (the Compare page): spending per outcome per year of the
span of each place's assessments, beside the place's phase profile (average phase per outcome of
its newest assessment), so places of different sizes of record read side by side."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from cpss.i18n import ENGLISH, Text, format_number
from cpss.model.framework import Framework
from cpss.present import investment as inv

CENT = Decimal("0.01")
DAYS_A_YEAR = Decimal("365.25")


def years_spanned(days: Iterable[date]) -> Decimal:
    """The years between the first and the last of ``days``, to the hundredth; at least one (a
    single assessment, or two in one year, count as a year)."""
    found = sorted(days)
    if not found:
        return Decimal(1)
    span = Decimal((found[-1] - found[0]).days) / DAYS_A_YEAR
    return max(span, Decimal(1)).quantize(CENT)


def spend_per_year(
    framework: Framework, rows: pd.DataFrame, years: Decimal, *, tr: Text = ENGLISH
) -> pd.DataFrame:
    """Spending per outcome and currency divided by ``years``: columns key, label, currency,
    per_year (Decimal, to the cent)."""
    spent = rows[rows["kind"] == inv.SPENT] if not rows.empty else rows
    totals = inv.totals(framework, spent, inv.OUTCOME, tr)
    per_year = [(s / years).quantize(CENT) for s in totals[inv.SPENT]]
    return totals[["key", "label", "currency"]].assign(per_year=per_year)


@dataclass(frozen=True)
class Place:
    """One country or unit on the Compare page: its name as shown, the money of its plans, the
    years its assessments span, and its newest assessment's average phase per outcome id."""

    name: str
    money: pd.DataFrame
    years: Decimal
    profile: Mapping[str, float]


def compare_table(
    framework: Framework, places: list[Place], *, phases: bool = True, tr: Text = ENGLISH
) -> pd.DataFrame:
    """One row per outcome; per place, its average phase (unless not ``phases``: a report that
    has them in a table already) and its spending a year (each currency its own amount, "—"
    when nothing was spent)."""
    table: dict[str, list[str]] = {tr("Outcome"): [o.label for o in framework.outcomes]}
    for place in places:
        per_year = spend_per_year(framework, place.money, place.years, tr=tr)
        if phases:
            table[tr("{place}: average phase", place=place.name)] = [
                _phase(place.profile.get(o.id), tr) for o in framework.outcomes
            ]
        table[tr("{place}: spent a year", place=place.name)] = [
            _amounts(per_year[per_year["key"] == o.id], tr) for o in framework.outcomes
        ]
    return pd.DataFrame(table)


def _phase(value: float | None, tr: Text) -> str:
    """An average phase to one decimal, or a dash when the outcome is unrated."""
    return "—" if value is None or pd.isna(value) else format_number(value, tr, 1)


def _amounts(rows: pd.DataFrame, tr: Text) -> str:
    """The yearly amounts of one outcome, one per currency, or a dash."""
    found = [inv.format_money(v, c, tr) for v, c in zip(rows["per_year"], rows["currency"]) if v]
    return "; ".join(found) or "—"


def years_note(places: list[Place], *, tr: Text = ENGLISH) -> str:
    """How each place's spending was divided: "Demoland: over 2.82 years"."""
    return "; ".join(
        tr("{place}: over {years} years", place=p.name, years=format_number(float(p.years), tr, 2))
        for p in places
    )
