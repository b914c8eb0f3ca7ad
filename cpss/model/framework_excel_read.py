"""Reading an uploaded Excel template back into a framework file, or refusing it with the cell.

Every message reads ``FILE, sheet SHEET, cell B7: WHAT`` (or ``row 7`` when a whole row is meant).
The template's texts become the framework file's YAML (what is published and stored), which the
file loader then checks once more, so a template can never hold what a file could not.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from cpss.model.errors import Phrase
from cpss.model.framework import PHASE_NUMBERS, Framework
from cpss.model.framework_excel import (
    FIELD_HEADERS,
    FIELDS,
    FIXED_HEADERS,
    FRAMEWORK_SHEET,
    RANKING,
    RANKING_NAMES,
    READING_RULE,
    SUBDOMAINS_SHEET,
)
from cpss.model.framework_excel_rows import SubdomainRows
from cpss.model.framework_file import FrameworkError
from cpss.model.framework_texts import parse_framework
from cpss.model.translation_file import MASTER_LANGUAGE

# More rows than any framework has (the CPSS Benchmarks have 19 subdomains): a sheet of a million
# formatted rows is refused before it is read through.
MAX_ROWS = 2000


@dataclass(frozen=True, eq=False)
class Candidate:
    """An uploaded framework, checked: its file text (YAML, what is published) and the framework."""

    yaml_text: str
    framework: Framework


class SheetReader:
    """Reads one workbook; :meth:`fail` makes the error for a sheet and cell."""

    def __init__(self, name: str):
        self.name = name

    def fail(
        self, sheet: str, at: tuple[int, int], what: str, /, **values: object
    ) -> FrameworkError:
        """``FILE, sheet SHEET, cell B7: WHAT`` for the cell at ``at`` = (column, row), column 1
        being A; column 0 names the whole row: ``FILE, sheet SHEET, row 7: WHAT``."""
        column, row = at
        if not column:
            return FrameworkError(
                "{path}, sheet {sheet}, row {row}: {what}",
                path=self.name,
                sheet=sheet,
                row=row,
                what=Phrase(what, **values),
            )
        return FrameworkError(
            "{path}, sheet {sheet}, cell {cell}: {what}",
            path=self.name,
            sheet=sheet,
            cell=f"{get_column_letter(column)}{row}",
            what=Phrase(what, **values),
        )

    def rows(self, book, sheet: str) -> list[tuple]:
        """The rows of ``sheet`` as values, the heading row first; refused beyond MAX_ROWS."""
        if sheet not in book.sheetnames:
            raise FrameworkError(
                '{path}: the workbook has no sheet "{sheet}"; the template has the sheets {items}.',
                path=self.name,
                sheet=sheet,
                items=f"{SUBDOMAINS_SHEET}, {FRAMEWORK_SHEET}",
            )
        rows = []
        for values in book[sheet].iter_rows(values_only=True):
            rows.append(values)
            if len(rows) > MAX_ROWS:
                raise self.fail(
                    sheet, (0, len(rows)), "a framework has at most {count} rows.", count=MAX_ROWS
                )
        return rows

    def headings(self, sheet: str, rows: list[tuple], expected: tuple[str, ...]) -> list[str]:
        """The heading row's texts; the first ones must be ``expected``, in order."""
        found = [_shown(v) for v in (rows[0] if rows else ())]
        while found and not found[-1]:
            found.pop()
        for column, heading in enumerate(expected, start=1):
            have = found[column - 1] if column <= len(found) else ""
            if have != heading:
                raise self.fail(
                    sheet,
                    (column, 1),
                    'expected the heading "{heading}", found "{found}".',
                    heading=heading,
                    found=have,
                )
        return found


def read_template(data: bytes, name: str) -> Candidate:
    """The framework in an uploaded template (``name`` is the file's name, for messages);
    :class:`FrameworkError` naming the sheet and cell of the first problem."""
    book = _open(data, name)
    reader = SheetReader(name)
    fields, at = _fields(reader, reader.rows(book, FRAMEWORK_SHEET))
    rows = reader.rows(book, SUBDOMAINS_SHEET)
    phases = _phase_names(reader, rows)
    content = SubdomainRows(reader, phases).read(rows[1:])
    document = {
        **({"key": fields["key"]} if "key" in fields else {}),
        "name": fields["name"],
        "version": fields["version"],
        "source": fields["source"],
        **_optional(fields),
        **_ranking(reader, fields, at, [o["id"] for o in content["outcomes"]]),
        "phases": [{"number": n, "name": phases[n - 1]} for n in PHASE_NUMBERS],
        **content,
    }
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return Candidate(text, parse_framework(text, name))


def _optional(fields: dict) -> dict:
    """The framework file's optional keys that the template has values for."""
    found = {
        "drafted_note": fields.get("drafted note"),
        "purposes": fields.get("purposes"),
        "reading_rules": fields.get(READING_RULE),
    }
    return {key: value for key, value in found.items() if value}


def _ranking(reader: SheetReader, fields: dict, at: dict[str, int], outcomes: list[str]) -> dict:
    """The file's ``ranking:`` block from the ``ranking ...`` fields (none: the defaults)."""
    found: dict[str, object] = {}
    for name in RANKING_NAMES:
        value, row = fields.get(RANKING + name), at.get(RANKING + name, 0)
        if value is None:
            continue
        if name == "foundation_outcomes":
            found[name] = _foundations(reader, value, row, outcomes)
            continue
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0 <= number <= 100:
            raise reader.fail(
                FRAMEWORK_SHEET,
                (2, row),
                "expected a number from 0 to 100, found {value!r}.",
                value=value,
            )
        found[name] = number
    return {"ranking": found} if found else {}


def _foundations(reader: SheetReader, value: str, row: int, outcomes: list[str]) -> list[str]:
    """The foundation outcomes: ids of the Subdomains sheet's outcomes, separated by commas."""
    ids = [part.strip() for part in value.split(",")]
    for outcome_id in ids:
        if outcome_id not in outcomes:
            raise reader.fail(
                FRAMEWORK_SHEET,
                (2, row),
                "unknown outcome '{outcome_id}' (outcomes are: {items}).",
                outcome_id=outcome_id,
                items=", ".join(outcomes),
            )
    return ids


def _open(data: bytes, name: str):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, ParseError):
        raise FrameworkError(
            "{path}: not an Excel workbook (.xlsx) that can be read: save it from Excel or "
            "LibreOffice as .xlsx, starting from the template this page offers.",
            path=name,
        ) from None


def _phase_names(reader: SheetReader, rows: list[tuple]) -> list[str]:
    headings = reader.headings(SUBDOMAINS_SHEET, rows, FIXED_HEADERS)
    phases = headings[len(FIXED_HEADERS) :]
    first = len(FIXED_HEADERS) + 1
    for offset, name in enumerate(phases):
        if not name:
            raise reader.fail(SUBDOMAINS_SHEET, (first + offset, 1), "the phase's name is empty.")
    if len(phases) != len(PHASE_NUMBERS):
        extra = len(phases) > len(PHASE_NUMBERS)  # point at the first column too many
        raise reader.fail(
            SUBDOMAINS_SHEET,
            (first + len(PHASE_NUMBERS) if extra else 0, 1),
            "expected 4 phase columns after “{last}”, found {count}: a framework has four "
            "phases, always (the CPSS data contract).",
            last=FIXED_HEADERS[-1],
            count=len(phases),
        )
    return phases


def _fields(reader: SheetReader, rows: list[tuple]) -> tuple[dict, dict[str, int]]:
    """The Framework sheet's fields: field name -> text (reading rules: a list), and the row of
    each (for messages)."""
    reader.headings(FRAMEWORK_SHEET, rows, FIELD_HEADERS)
    fields: dict = {READING_RULE: []}
    at: dict[str, int] = {}  # field -> its row, for messages
    for number, values in enumerate(rows[1:], start=2):
        field, value = (_shown(v) for v in (*values, None, None)[:2])
        if not field and not value:
            continue
        if field not in FIELDS:
            raise reader.fail(
                FRAMEWORK_SHEET,
                (1, number),
                'unknown field "{field}" (the fields are: {items}).',
                field=field,
                items=", ".join(FIELDS),
            )
        if not value:
            raise reader.fail(FRAMEWORK_SHEET, (2, number), 'the "{field}" is empty.', field=field)
        if field == READING_RULE:
            fields[READING_RULE].append(value)
            continue
        if field in at:
            raise reader.fail(
                FRAMEWORK_SHEET, (1, number), 'the field "{field}" is given twice.', field=field
            )
        fields[field], at[field] = value, number
    _check_fields(reader, fields, at)
    return fields, at


def _check_fields(reader: SheetReader, fields: dict, at: dict[str, int]) -> None:
    for field, required in FIELDS.items():
        if required and field not in fields:
            raise FrameworkError(
                '{path}, sheet {sheet}: missing the field "{field}" (a row with {field} in '
                "column A and its value in column B).",
                path=reader.name,
                sheet=FRAMEWORK_SHEET,
                field=field,
            )
    if fields["language"] != MASTER_LANGUAGE:
        raise reader.fail(
            FRAMEWORK_SHEET,
            (2, at["language"]),
            'the language is "{language}": a framework is published with its English texts '
            '(language "{master}"); translations are added to a published version.',
            language=fields["language"],
            master=MASTER_LANGUAGE,
        )


def _shown(value: object) -> str:
    """A cell's value as text, stripped; "" for an empty cell."""
    if value is None:
        return ""
    return str(value).strip()
