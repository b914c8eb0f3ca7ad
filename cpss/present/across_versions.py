"""Answers of an assessment on one framework version, read on another version's subdomains.

Change over time and Compare put assessments side by side by subdomain id. When they were made on
different versions, the older one's answer cells are carried onto the newer one's ids through
:mod:`cpss.model.version_map`: a persisting id by itself, a renamed or split one by ``replaces``
(each part gets the old answer), a merged one as the lowest phase. A carried cell is marked
(``mapped_from``); a subdomain without a counterpart is listed, never dropped in silence.
"""

from __future__ import annotations

import pandas as pd

from cpss.model.framework import Framework, Outcome
from cpss.model.version_map import no_counterpart, sources


def carried_cells(cells: pd.DataFrame, made_on: Framework, read_on: Framework) -> pd.DataFrame:
    """:func:`cpss.db.dashboard.answer_cells` rows of one assessment made on ``made_on``, keyed
    by ``read_on``'s subdomain ids; column ``mapped_from`` names the old ids of a carried cell
    ("" when the id is the same)."""
    if made_on.content_hash == read_on.content_hash:
        return cells.assign(mapped_from="")
    by_id: dict[str, dict] = {str(r["subdomain_id"]): dict(r) for r in cells.to_dict("records")}
    rows = []
    for new_id, from_ids in sources(read_on, list(by_id), made_on).items():
        found = [by_id[i] for i in from_ids]
        if not found:
            continue
        chosen: dict = min(found, key=_phase_first)
        row = dict(chosen)
        row["subdomain_id"] = new_id
        row["mapped_from"] = "" if from_ids == (new_id,) else ", ".join(from_ids)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*cells.columns, "mapped_from"])


def _phase_first(row: dict) -> tuple[int, int]:
    """Merged answers: the lowest phase first, then any other answer."""
    choice = str(row["choice"])
    return (0, int(choice)) if choice.isdigit() else (1, 0)


def left_behind(made_on: Framework, read_on: Framework) -> list[str]:
    """Labels of ``made_on``'s subdomains with no counterpart in ``read_on``."""
    if made_on.content_hash == read_on.content_hash:
        return []
    return [made_on.subdomain(i).label for i in no_counterpart(made_on, read_on)]


def on_one_version(
    cells: pd.DataFrame, made_on: dict[str, Framework], read_on: Framework
) -> pd.DataFrame:
    """:func:`cpss.db.dashboard.answer_cells` rows of several assessments (``made_on``: each
    one's framework), all on ``read_on``'s subdomain ids (Compare's heatmap)."""
    parts = [
        carried_cells(cells[cells["assessment_id"] == i], framework, read_on)
        for i, framework in made_on.items()
    ]
    return pd.concat(parts, ignore_index=True).drop(columns="mapped_from") if parts else cells


_SUMMARY_COLUMNS = [
    "assessment_id",
    "outcome_id",
    "outcome",
    "subdomains",
    "rated",
    "dont_know",
    "not_applicable",
    "not_answered",
    "current",
    "target",
]


def outcome_summary_on(
    cells: pd.DataFrame, assessment_ids: list[str], read_on: Framework
) -> pd.DataFrame:
    """:func:`cpss.db.dashboard.outcome_summary` rows (same columns and order) from answer cells
    already carried onto ``read_on``'s subdomain ids (:func:`on_one_version`): Compare's radar
    across versions reads each outcome through the heatmap's mapping. A subdomain of an older
    version without counterpart has no cell there, so it never counts as a phase; a new one
    without a source counts as not answered."""
    answers = {(r.assessment_id, r.subdomain_id): r for r in cells.itertuples(index=False)}
    rows = [
        _outcome_row(
            assessment_id,
            outcome,
            [
                answers.get((assessment_id, s.id))
                for s in read_on.subdomains
                if s.outcome_id == outcome.id
            ],
        )
        for assessment_id in assessment_ids
        for outcome in read_on.outcomes
    ]
    return pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)


def _outcome_row(assessment_id: str, outcome: Outcome, found: list) -> list:
    """One outcome's counts and average current and target phase (NaN when none is rated)."""
    rated = [cell for cell in found if cell is not None and str(cell.choice).isdigit()]
    choices = [str(cell.choice) for cell in found if cell is not None]
    return [
        assessment_id,
        outcome.id,
        outcome.label,
        len(found),
        len(rated),
        choices.count("dont_know"),
        choices.count("not_applicable"),
        len(found) - len(choices),
        _mean([int(cell.choice) for cell in rated]),
        _mean([float(cell.target) for cell in rated if pd.notna(cell.target)]),
    ]


def _mean(values: list) -> float:
    return sum(values) / len(values) if values else float("nan")
