"""The rows of a template's Subdomains sheet, checked cell by cell, as the framework file's
``outcomes`` and ``subdomains``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpss.model.framework import PHASE_NUMBERS
from cpss.model.framework_excel import SUBDOMAINS_SHEET as SHEET

if TYPE_CHECKING:
    from cpss.model.framework_excel_read import SheetReader

# Columns (1 = A) of the fixed part: see framework_excel.FIXED_HEADERS.
OUTCOME_ID, OUTCOME_TITLE, SUBDOMAIN_ID, TITLE, REPLACES, DRAFTED = range(1, 7)
FIRST_PHASE = DRAFTED + 1


class SubdomainRows:
    """Reads the rows below the headings; :meth:`read` gives ``outcomes`` and ``subdomains``."""

    def __init__(self, reader: SheetReader, phases: list[str]):
        self.reader, self.phases = reader, phases
        self.outcomes: dict[str, tuple[str, int]] = {}  # id -> (title, row it was given in)
        self.seen: dict[str, int] = {}  # subdomain id -> its row

    def fail(self, column: int, row: int, what: str, /, **values: object):
        """The error for a cell of this sheet, to raise."""
        return self.reader.fail(SHEET, (column, row), what, **values)

    def read(self, rows: list[tuple]) -> dict:
        """The file's ``outcomes`` and ``subdomains`` lists from the data rows (from row 2)."""
        subdomains = []
        for number, values in enumerate(rows, start=2):
            cells = [_cell(v) for v in (*values, *([None] * FIRST_PHASE))][: FIRST_PHASE + 3]
            if all(c is None or c == "" for c in cells):
                continue  # spreadsheet programs keep formatted empty rows
            subdomains.append(self.subdomain(cells, number))
        if not subdomains:
            raise self.fail(0, 2, "the sheet has no subdomain rows.")
        outcomes = [{"id": key, "title": title} for key, (title, _row) in self.outcomes.items()]
        return {"outcomes": outcomes, "subdomains": subdomains}

    def subdomain(self, cells: list, row: int) -> dict:
        """One row as a subdomain of the framework file."""
        outcome = self.outcome(cells, row)
        sub_id = self.identifier(cells, SUBDOMAIN_ID, row)
        if sub_id in self.seen:
            raise self.fail(
                SUBDOMAIN_ID,
                row,
                "duplicate subdomain id '{sub_id}' (also in row {other}).",
                sub_id=sub_id,
                other=self.seen[sub_id],
            )
        self.seen[sub_id] = row
        found: dict[str, object] = {
            "id": sub_id,
            "outcome": outcome,
            "title": self.text(cells, TITLE, row),
        }
        replaces = self.replaces(cells, row, sub_id)
        found |= {"replaces": replaces} if replaces else {}
        found["criteria"] = {n: self.phase_text(cells, n, row, sub_id) for n in PHASE_NUMBERS}
        drafted = self.drafted(cells, row)
        return found | ({"drafted_phases": drafted} if drafted else {})

    def outcome(self, cells: list, row: int) -> str:
        """The row's outcome id; its title is needed on the outcome's first row and must agree
        with it on the others (where it may be left empty)."""
        outcome_id = self.identifier(cells, OUTCOME_ID, row)
        title = cells[OUTCOME_TITLE - 1] or ""
        known = self.outcomes.get(outcome_id)
        if known is None and not title:
            raise self.fail(
                OUTCOME_TITLE,
                row,
                "unknown outcome '{outcome_id}': give its title here, on its first row.",
                outcome_id=outcome_id,
            )
        if known is None:
            self.outcomes[outcome_id] = (title, row)
        elif title and title != known[0]:
            raise self.fail(
                OUTCOME_TITLE,
                row,
                "outcome '{outcome_id}' is titled differently in row {other}; give it one "
                "title (or leave this cell empty).",
                outcome_id=outcome_id,
                other=known[1],
            )
        return outcome_id

    def text(self, cells: list, column: int, row: int) -> str:
        """The text of a cell that must not be empty."""
        value = cells[column - 1]
        if value is None or value == "":
            raise self.fail(column, row, "the cell is empty.")
        return str(value)

    def identifier(self, cells: list, column: int, row: int) -> str:
        """An id: text, or a whole number; a decimal number is refused (3.10 would read 3.1)."""
        value = cells[column - 1]
        if isinstance(value, float):
            raise self.fail(
                column,
                row,
                "the id is a number ({value}); type it as text, with an apostrophe first "
                "('{value}), so that an id like 3.10 stays 3.10.",
                value=value,
            )
        return self.text(cells, column, row)

    def phase_text(self, cells: list, number: int, row: int, sub_id: str) -> str:
        value = cells[FIRST_PHASE + number - 2]
        if value is None or value == "":
            raise self.fail(
                FIRST_PHASE + number - 1,
                row,
                "the text for phase {number} ({name}) of subdomain {sub_id} is empty.",
                number=number,
                name=self.phases[number - 1],
                sub_id=sub_id,
            )
        return str(value)

    def replaces(self, cells: list, row: int, sub_id: str) -> list[str]:
        """The ids this subdomain replaces: a comma-separated list, maybe empty."""
        value = cells[REPLACES - 1]
        if value is None or value == "":
            return []
        ids = [part.strip() for part in str(value).split(",")]
        if "" in ids or sub_id in ids:
            raise self.fail(
                REPLACES,
                row,
                "expected the ids of the subdomains it replaces, separated by commas, like "
                "“1.1, 1.2” (not its own id), found “{value}”.",
                value=value,
            )
        return ids

    def drafted(self, cells: list, row: int) -> list[int]:
        """The phases whose texts were drafted: numbers from 1 to 4, separated by commas."""
        value = cells[DRAFTED - 1]
        if value is None or value == "":
            return []
        parts = [part.strip() for part in str(value).split(",")]
        if any(part not in {str(n) for n in PHASE_NUMBERS} for part in parts):
            raise self.fail(
                DRAFTED,
                row,
                "expected phase numbers from 1 to 4 separated by commas, found “{value}”.",
                value=value,
            )
        return sorted({int(part) for part in parts})


def _cell(value: object) -> object:
    """A cell's value: text stripped, a whole number as text, a decimal kept (ids refuse it)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, float) else str(value)
