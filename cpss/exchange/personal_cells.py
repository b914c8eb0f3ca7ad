"""The cells of an import that look like personal data (issue 22): the preview lists them (sheet
or table, field, row, what was seen) so that the person importing can fix the file first;
importing anyway is allowed, as saving anyway is on the pages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cpss.exchange.money_tables import BUDGETS, SPENDING
from cpss.exchange.preview import CONFLICT, WRITTEN, ImportPlan
from cpss.exchange.tables import ACTION_ITEMS, DETAILS, RATINGS, REVIEWS, Table
from cpss.i18n import ENGLISH, Text
from cpss.model.personal_data import KIND_WORDS, find

_TABLES = {
    table.name: table for table in (DETAILS, RATINGS, ACTION_ITEMS, REVIEWS, BUDGETS, SPENDING)
}
# The free texts of the imported histories: where people type sentences (and so, numbers).
TEXT_FIELDS = ("evidence", "rationale", "what", "owner", "notes", "donor", "note")


@dataclass(frozen=True)
class Cell:
    """One cell that looks like personal data: where it is and what was seen (English kinds)."""

    sheet: str
    field: str
    row: int | None
    what: str
    seen: tuple[str, ...]
    text: str


def personal_data_cells(plan: ImportPlan) -> list[Cell]:
    """The cells of the rows the import would write (or might, in a conflict) with findings.

    Rows carry no country, so phone numbers are looked for in international form and in the
    default regions only (:data:`cpss.model.personal_data.DEFAULT_REGIONS`)."""
    excel = plan.source.lower().endswith((".xlsx", ".xlsm"))
    cells = []
    for change in plan.changes:
        if change.kind not in (*WRITTEN, CONFLICT) or change.table not in _TABLES:
            continue
        table = _TABLES[change.table]
        for place, row in zip(change.order or [None] * len(change.rows), change.rows):
            file_row = None if place is None else place + (2 if excel else 1)  # Excel: a header
            cells += _cells_of(table, row, file_row, change.what)
    return cells


def _cells_of(table: Table, row: dict, file_row: int | None, what: str) -> list[Cell]:
    cells = []
    for column in table.columns:
        text = row.get(column.field)
        if column.field in TEXT_FIELDS and isinstance(text, str):
            found = find(text)
            if found:
                seen = tuple(dict.fromkeys(f.kind for f in found))
                quoted = ", ".join(f.text for f in found)
                cells.append(Cell(table.sheet, column.header, file_row, what, seen, quoted))
    return cells


def cells_table(cells: list[Cell], tr: Text = ENGLISH) -> pd.DataFrame:
    """The cells as the preview shows them, headers and kinds in ``tr``'s language."""
    return pd.DataFrame(
        {
            tr("Sheet"): [c.sheet for c in cells],
            tr("Row"): [c.row for c in cells],
            tr("Field"): [c.field for c in cells],
            tr("What"): [c.what for c in cells],
            tr("What was seen"): [
                "; ".join(tr(KIND_WORDS[kind]) for kind in c.seen) + f": {c.text}" for c in cells
            ],
        }
    )
