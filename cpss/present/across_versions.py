"""Answers of an assessment on one framework version, read on another version's subdomains.

Change over time and Compare put assessments side by side by subdomain id. When they were made on
different versions, the older one's answer cells are carried onto the newer one's ids through
:mod:`cpss.model.version_map`: a persisting id by itself, a renamed or split one by ``replaces``
(each part gets the old answer), a merged one as the lowest phase. A carried cell is marked
(``mapped_from``); a subdomain without a counterpart is listed, never dropped in silence.
"""

from __future__ import annotations

import pandas as pd

from cpss.model.framework import Framework
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
