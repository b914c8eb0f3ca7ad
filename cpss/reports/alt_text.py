"""The alt text of the report's charts: one sentence that says what the chart's data shows, for a
reader who cannot see the picture (a screen reader reads it in place of the chart).

Each function takes the same data as the chart it describes (:func:`cpss.present.radar.radar_chart`
and :func:`cpss.present.heatmap.heatmap_chart`), so that the summaries of the dashboard's charts
(``cpss.present``) can stand in for these once both are merged.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, STATUS_LABELS
from cpss.model.framework import Framework


def radar_alt_text(framework: Framework, values: pd.DataFrame) -> str:
    """``"Radar of the average phase of the 6 intermediate outcomes (...): Current: lowest is
    ... (1.25), highest is ... (2.50); Target: every outcome at 3.00."`` from the radar's
    ``series, outcome_id, value`` rows."""
    labels = {o.id: o.label for o in framework.outcomes}
    lines = [
        f"{series}: {_spread(rows, labels)}"
        for series, rows in values.groupby("series", sort=False)
    ]
    return (
        f"Radar of the average phase of the {len(labels)} intermediate outcomes "
        f"(phases 1 to {len(framework.phases)}, rated subdomains only): " + "; ".join(lines) + "."
    )


def _spread(rows: pd.DataFrame, labels: dict[str, str]) -> str:
    """One line of the radar in words: its lowest and highest outcome, and how many are unrated."""
    rated = rows.dropna(subset=["value"]).sort_values("value", kind="stable")
    unrated = len(rows) - len(rated)
    if rated.empty:
        return "no outcome rated"
    low, high = rated.iloc[0], rated.iloc[-1]
    if low["value"] == high["value"]:
        words = f"every {'rated ' if unrated else ''}outcome at {low['value']:.2f}"
    else:
        words = (
            f"lowest is {labels[low['outcome_id']]} ({low['value']:.2f}), "
            f"highest is {labels[high['outcome_id']]} ({high['value']:.2f})"
        )
    return words + (f", {unrated} outcome{'s' if unrated > 1 else ''} unrated" if unrated else "")


def heatmap_alt_text(framework: Framework, cells: pd.DataFrame, columns: list[str]) -> str:
    """``"Heatmap of the answers to the 19 subdomains, one column per assessment: This assessment:
    most often System Enhancement (phase 2, 7 subdomains), 4 at phase 1, ...; Previous ..."."``
    from the heatmap's cells (``column`` and ``choice`` per answered subdomain)."""
    lines = [
        f"{column}: {_answers(framework, cells[cells['column'] == column]['choice'])}"
        for column in columns
    ]
    return (
        f"Heatmap of the answers to the {len(framework.subdomains)} subdomains, one column per "
        "assessment: " + "; ".join(lines) + "."
    )


def _answers(framework: Framework, choices: pd.Series) -> str:
    """One column of the heatmap in words: its most frequent phase, then every count."""
    counts = Counter(str(choice) for choice in choices)
    phases = [(counts[str(p.number)], p) for p in framework.phases if counts[str(p.number)]]
    parts = [f"{n} at phase {p.number}" for n, p in phases]
    parts += [
        f"{counts[status]} {STATUS_LABELS[status].lower()}"
        for status in (DONT_KNOW, NOT_APPLICABLE)
        if counts[status]
    ]
    missing = len(framework.subdomains) - len(choices)
    parts += [f"{missing} not answered"] if missing else []
    if not phases:
        return "no subdomain rated in a phase, " + ", ".join(parts)
    most, phase = max(phases, key=lambda pair: pair[0])  # the first, lowest phase on a tie
    subdomains = "subdomain" if most == 1 else "subdomains"
    return f"most often {phase.name} (phase {phase.number}, {most} {subdomains}), " + ", ".join(
        parts
    )
