"""The dashboard's data shaped for its charts and tables (small frames: 19 rows per assessment).

The queries of :mod:`cpss.db.dashboard` do the aggregation; these functions only reshape their results
into what :mod:`cpss.present.radar`, :mod:`cpss.present.heatmap` and the pages take, so that they are
easy to test without a database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from cpss.i18n import ENGLISH, N_, Text, format_date, format_number
from cpss.model.framework import Framework
from cpss.model.plans import ITEM_STATUSES, StoredItem
from cpss.model.scoring import choice_label

# The dashboard's series: data keys, and English message ids translated where drawn (series_name).
CURRENT, TARGET, PREVIOUS = N_("Current"), N_("Target"), N_("Previous")
UP, DOWN, SAME, NEW, GONE, OTHER = "up", "down", "same", "new", "gone", "other"
NEITHER = "neither"  # answered in neither assessment
CHANGE_WORDS = {  # English message ids: translated where shown
    UP: N_("Moved up"),
    DOWN: N_("Moved back"),
    SAME: N_("No change"),
    OTHER: N_("To or from don't know / not applicable"),
    NEW: N_("Newly answered"),
    GONE: N_("No longer answered"),
    NEITHER: N_("Answered in neither"),
}
ALWAYS_COUNTED = (UP, DOWN, SAME)  # tiles shown even at zero; the others only when they occur
CELL_COLUMNS = ["subdomain_id", "column", "choice", "low_confidence", "drafted"]
SERIES_NAMES = (CURRENT, TARGET, PREVIOUS)


def series_name(name: str, tr: Text = ENGLISH) -> str:
    """A series or heatmap column as shown: the dashboard's own (``CURRENT``, ``TARGET``,
    ``PREVIOUS``) in ``tr``'s language; an assessment's name (place and date) as it is."""
    return tr(name) if name in SERIES_NAMES else name


def radar_values(
    summary: pd.DataFrame, series: dict[str, str], with_target: str | None = None
) -> pd.DataFrame:
    """Long ``series, outcome_id, value`` rows for the radar from :func:`outcome_summary` rows.

    ``series`` names each assessment id's line (in drawing order); the target line of the
    assessment ``with_target`` comes right after its current line, named ``"Target"``.
    """
    frames = []
    for assessment_id, name in series.items():
        rows = summary[summary["assessment_id"] == assessment_id]
        frames.append(
            pd.DataFrame(
                {"series": name, "outcome_id": rows["outcome_id"], "value": rows["current"]}
            )
        )
        if assessment_id == with_target:
            frames.append(
                pd.DataFrame(
                    {"series": TARGET, "outcome_id": rows["outcome_id"], "value": rows["target"]}
                )
            )
    return pd.concat(frames, ignore_index=True)


def heatmap_cells(cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Heatmap cells from :func:`cpss.db.dashboard.answer_cells`: one column per assessment id."""
    picked = cells[cells["assessment_id"].isin(list(columns))]
    return picked.assign(column=picked["assessment_id"].map(columns))[CELL_COLUMNS]


def summary_cells(
    framework: Framework, current: pd.DataFrame, previous: pd.DataFrame | None
) -> pd.DataFrame:
    """Heatmap cells for one assessment: its current answers, their targets, and the previous ones.

    The target column holds the (effective) target phase of rated subdomains, marked drafted when
    that phase's criterion text is; "don't know" and "not applicable" have no target and show as
    what they are there too.
    """
    rated = current["target"].notna()
    targets = current.assign(
        column=TARGET,
        low_confidence=False,
        choice=[
            str(int(t)) if ok else c
            for t, c, ok in zip(current["target"], current["choice"], rated)
        ],
        drafted=[
            ok and framework.subdomain(sid).is_drafted(int(t))
            for sid, t, ok in zip(current["subdomain_id"], current["target"], rated)
        ],
    )
    frames = [current.assign(column=CURRENT)[CELL_COLUMNS], targets[CELL_COLUMNS]]
    if previous is not None:
        frames.append(previous.assign(column=PREVIOUS)[CELL_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def changes(framework: Framework, old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Per subdomain (framework order): the old and new answers, their notes, and the change.

    ``old`` and ``new`` are :func:`cpss.db.dashboard.answer_cells` rows of one assessment each.
    Columns: subdomain_id, subdomain, old_choice, new_choice, old_evidence, new_evidence,
    old_rationale, new_rationale, change (one of :data:`CHANGE_WORDS`' keys, None when neither
    assessment answered it).
    """
    before, after = old.set_index("subdomain_id"), new.set_index("subdomain_id")
    rows = []
    for sub in framework.subdomains:
        row: dict[str, Any] = {"subdomain_id": sub.id, "subdomain": sub.label}
        for prefix, frame in (("old", before), ("new", after)):
            found = sub.id in frame.index
            for field in ("choice", "evidence", "rationale"):
                row[f"{prefix}_{field}"] = frame.at[sub.id, field] if found else None
        row["change"] = _change(row["old_choice"], row["new_choice"])
        rows.append(row)
    return pd.DataFrame(rows, dtype=object)  # object: a missing answer stays None, not NaN


def _change(old: str | None, new: str | None) -> str | None:
    """How an answer moved: phases compare as numbers; any other difference is ``OTHER``."""
    if old is None and new is None:
        return None
    if old is None or new is None:
        return NEW if old is None else GONE
    if old.isdigit() and new.isdigit():
        return UP if int(new) > int(old) else DOWN if int(new) < int(old) else SAME
    return SAME if old == new else OTHER


def change_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many subdomains of :func:`changes`' ``table`` moved each way, in tile order.

    Every subdomain is in exactly one count, so the counts add up to the number of subdomains;
    a kind that never occurs is left out unless it is one of :data:`ALWAYS_COUNTED`.
    """
    counted = table["change"].fillna(NEITHER).value_counts()
    return {
        change: int(counted.get(change, 0))
        for change in CHANGE_WORDS
        if change in ALWAYS_COUNTED or counted.get(change, 0)
    }


def items_table(items: list[StoredItem], *, tr: Text = ENGLISH) -> pd.DataFrame:
    """The items as people read them: one row each, with readable headers and status words."""
    return pd.DataFrame(
        {
            tr("Action"): [s.item.what for s in items],
            tr("Subdomain"): [s.item.subdomain_id or "" for s in items],
            tr("Owner"): [s.item.owner for s in items],
            tr("Due"): [_day(s.item.due_date, tr) for s in items],
            tr("Status"): [tr(ITEM_STATUSES[s.item.status]) for s in items],
            tr("Notes"): [s.item.notes for s in items],
            tr("Last change"): [
                tr(
                    "{date} by {name}",
                    date=format_date(s.recorded_at, tr, "medium"),
                    name=s.recorded_by,
                )
                for s in items
            ],
        }
    )


# How the tables under the charts spell out what the charts mark with a sign.
# English message ids, translated where shown.
DRAFTED_WORDS = N_("(criterion text drafted)")
LOW_CONFIDENCE_WORDS = N_("(low confidence)")
OUTCOME_HEADER, SUBDOMAIN_HEADER = N_("Intermediate outcome"), N_("Subdomain")
UNRATED = N_("Unrated")


def radar_table(framework: Framework, values: pd.DataFrame, *, tr: Text = ENGLISH) -> pd.DataFrame:
    """The radar's figures as a table: one row per outcome, one column per series (its average
    phase, two decimals as in the chart's tooltip, or "Unrated"), in the chart's order."""
    table: dict[str, list[str]] = {tr(OUTCOME_HEADER): [o.label for o in framework.outcomes]}
    for series, group in values.groupby("series", sort=False):
        by_outcome = dict(zip(group["outcome_id"], group["value"]))
        table[series_name(str(series), tr)] = [
            _average(by_outcome.get(o.id), tr) for o in framework.outcomes
        ]
    return pd.DataFrame(table)


def _day(day: date | None, tr: Text) -> str:
    """A day as a table writes it in ``tr``'s language ("5 Mar 2026"); blank when there is none."""
    return format_date(day, tr, "medium") if day else ""


def _average(value, tr: Text) -> str:
    """An average phase as the table writes it."""
    return tr(UNRATED) if value is None or pd.isna(value) else format_number(value, tr, 2)


def heatmap_table(
    framework: Framework, cells: pd.DataFrame, columns: list[str], *, tr: Text = ENGLISH
) -> pd.DataFrame:
    """The heatmap's cells as a table: one row per subdomain (framework order) with its outcome,
    one column per heatmap column, each answer in words with its marks spelled out."""
    given = {(row.subdomain_id, row.column): row for row in cells.itertuples(index=False)}
    subdomains = [(o, s) for o in framework.outcomes for s in o.subdomains]
    table = {
        tr(OUTCOME_HEADER): [o.label for o, _ in subdomains],
        tr(SUBDOMAIN_HEADER): [s.label for _, s in subdomains],
    }
    for column in columns:
        table[series_name(column, tr)] = [
            _cell_words(framework, given.get((s.id, column)), tr) for _, s in subdomains
        ]
    return pd.DataFrame(table)


def _cell_words(framework: Framework, row, tr: Text) -> str:
    """One heatmap cell in words: the answer, then "(criterion text drafted)" and "(low
    confidence)" where they apply."""
    if row is None:
        return choice_label(framework, None, tr=tr)
    choice = None if pd.isna(row.choice) else row.choice
    marks = [
        tr(words)
        for words, flag in (
            (DRAFTED_WORDS, row.drafted),
            (LOW_CONFIDENCE_WORDS, row.low_confidence),
        )
        if not pd.isna(flag) and bool(flag)
    ]
    return " ".join([choice_label(framework, choice, tr=tr), *marks])
