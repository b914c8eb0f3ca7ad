"""The regional summary: for each intermediate outcome, how many countries (of a region, or of
all) are at each phase by their latest final assessment, how many are not rated, the average
across them, and which outcomes lag (their average across countries is below the average of all
outcomes). Shown on the Map page and in the comparison report.
"""

from __future__ import annotations

import pandas as pd

from cpss.i18n import ENGLISH, Text, format_number
from cpss.model.framework import Framework
from cpss.present.map_data import NOT_RATED, OUTCOME, Scope, place_phases


def regional_summary(
    framework: Framework, finals: pd.DataFrame, cells: pd.DataFrame
) -> pd.DataFrame:
    """One row per outcome: outcome_id, outcome (its label), a count per phase number (columns
    1 to 4), not_rated, and average (of the countries' averages; NaN when none is rated)."""
    rows = []
    for outcome in framework.outcomes:
        placed = place_phases(framework, finals, cells, Scope(OUTCOME, outcome.id))
        counts = placed["phase"].value_counts()
        rows.append(
            {"outcome_id": outcome.id, "outcome": outcome.label}
            | {p.number: int(counts.get(p.number, 0)) for p in framework.phases}
            | {"not_rated": int(counts.get(0, 0)), "average": placed["average"].mean()}
        )
    return pd.DataFrame(rows)


def lagging(summary: pd.DataFrame) -> list[str]:
    """The labels of the outcomes whose average across countries is below the average of all the
    outcomes' averages, lowest first; none when fewer than two outcomes are rated."""
    rated = summary.dropna(subset=["average"])
    if len(rated) < 2:
        return []
    below = rated[rated["average"] < rated["average"].mean()]
    return list(below.sort_values("average")["outcome"])


def summary_table(framework: Framework, summary: pd.DataFrame, tr: Text = ENGLISH) -> pd.DataFrame:
    """The summary as readers see it: outcome, countries per phase, not rated, average."""
    table: dict[str, object] = {tr("Intermediate outcome"): summary["outcome"]}
    table |= {p.label: summary[p.number] for p in framework.phases}
    table[tr(NOT_RATED)] = summary["not_rated"]
    table[tr("Average across countries")] = [
        "" if pd.isna(a) else format_number(a, tr, decimals=2) for a in summary["average"]
    ]
    return pd.DataFrame(table)


def lagging_sentence(summary: pd.DataFrame, countries: int, tr: Text = ENGLISH) -> str:
    """One sentence: the outcomes lagging across ``countries`` countries, or why none is named."""
    behind = lagging(summary)
    if not countries:
        return tr("No country here has a final assessment yet.")
    if not behind:
        return tr("No outcome lags behind the others across these countries.")
    return tr.plural(
        "Lagging across {count} country (average below the other outcomes'): {outcomes}.",
        "Lagging across {count} countries (average below the other outcomes'): {outcomes}.",
        countries,
        outcomes="; ".join(behind),
    )
