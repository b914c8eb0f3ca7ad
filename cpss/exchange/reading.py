"""Reading an export back (JSON or Excel) into checked history rows, or refusing it with a message
that names the sheet, row and column (or the JSON list, item and field) of the first problem.

Nothing here touches the database: a file is read and checked whole before any preview or write.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from cpss.exchange.export import ANSWERS_SHEET, FORMAT, FORMAT_VERSION, PLAN_SHEET
from cpss.exchange.money_tables import BUDGETS, EXCHANGED_TABLES, MONEY_TABLES, SHARES, SPENDING
from cpss.exchange.readable import Bundle, answer_rows, assessment_rows, plan_rows
from cpss.exchange.tables import (
    ACTION_ITEMS,
    ASSESSMENTS,
    DETAILS,
    RATINGS,
    REVIEWS,
    FileError,
    Place,
    Table,
    read_cell,
)
from cpss.model.answers import NOT_APPLICABLE, RATED
from cpss.model.assessments import DEMO_COUNTRY_CODE
from cpss.model.countries import countries
from cpss.model.errors import Phrase
from cpss.model.framework import Framework
from cpss.model.investment import DONOR, currencies

RawRows = Iterator[tuple[int, dict]]  # (row number or item number, header or field -> raw value)
# The most rows (all history tables together) one import reads. An export of a hundred assessments,
# each answer changed about ten times, holds about 25,000; this many take some seconds to check and
# write. A larger file (e.g. one row repeated endlessly) is refused before its rows are checked, so
# that no file holds the database for minutes.
MAX_IMPORT_ROWS = 100_000


def version_mismatch(found, framework: Framework) -> Phrase:
    """The message for a file made with another framework version."""
    return Phrase(
        "the file uses framework version {found!r}, this app uses version {version!r}: "
        "assessments can only be imported into an installation with the same framework "
        "version.",
        found=found,
        version=framework.version,
    )


# -- JSON ------------------------------------------------------------------------------------


def read_json(data: bytes, framework: Framework) -> Bundle:
    """The checked history rows of a JSON export; :class:`FileError` when it cannot be imported."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FileError(
            "The file is not UTF-8 text, so it is not a JSON export of this app."
        ) from None
    except json.JSONDecodeError as exc:
        raise FileError(
            "The file is not valid JSON: line {lineno}, column {colno}: {msg}.",
            lineno=exc.lineno,
            colno=exc.colno,
            msg=exc.msg,
        ) from None
    except RecursionError:  # e.g. 100,000 "[": an export nests four levels deep
        raise FileError(
            "The file nests lists or objects too deeply (thousands of levels) to be "
            "read, so it is not an export of this app."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileError(
            'The file is not an export of this app (it has no "format": "{format}").', format=FORMAT
        )
    if document.get("format_version") != FORMAT_VERSION:
        raise FileError(
            "The file is in export format version {format_version!r}; this app reads "
            "version {format_version2}.",
            format_version=document.get("format_version"),
            format_version2=FORMAT_VERSION,
        )
    stamp = document.get("framework")
    if not isinstance(stamp, dict):
        raise FileError('The file has no "framework" object naming the framework and its version.')
    version = stamp.get("version")
    if version != framework.version:
        raise FileError(
            '"framework", field "version": {version_mismatch}',
            version_mismatch=version_mismatch(version, framework),
        )
    return check_bundle(
        framework, _read_tables(lambda t: _json_rows(document, t), False), excel=False
    )


def _json_rows(document: dict, table: Table) -> RawRows:
    items = document.get(table.name)
    if items is None and table in MONEY_TABLES:
        return  # a file exported before budgets and spending were recorded
    if not isinstance(items, list):
        raise FileError('The file has no "{name}" list.', name=table.name)
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise Place(table.name, number, excel=False).error("is not an object of fields.")
        for column in table.columns:
            if column.field not in item:
                raise Place(table.name, number, column.field, excel=False).error("is missing.")
        yield number, item


# -- Excel -----------------------------------------------------------------------------------


def open_workbook(data: bytes):
    """The workbook in ``data`` (values, not formulas); :class:`FileError` when it is not one."""
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise FileError(
            "The file is not an Excel workbook (.xlsx): open it in Excel or "
            "LibreOffice and save it as .xlsx, or choose the file you exported."
        ) from None
    except (
        ParseError
    ) as exc:  # e.g. the texts shared by all sheets hold a character that is no text
        raise FileError(
            "The workbook cannot be read: {xml_problem}", xml_problem=_xml_problem(exc)
        ) from None


def _xml_problem(exc: ParseError) -> Phrase:
    """What is wrong with a workbook's XML, for a message (the parser's words name the spot)."""
    return Phrase(
        "its XML is damaged or holds a character that is not text ({exc}). Open it in "
        "Excel or LibreOffice, check the text near there and save it again, or choose "
        "the file you exported.",
        exc=exc,
    )


def sheet_rows(book, sheet_name: str, headers: list[str], expected: list[str]) -> RawRows:
    """The non-empty rows of a sheet as header -> value, numbered as Excel numbers them."""
    if sheet_name not in book.sheetnames:
        raise FileError(
            'The workbook has no sheet "{sheet_name}"; expected the sheets {items}.',
            sheet_name=sheet_name,
            items=", ".join(expected),
        )
    rows = _parsed(book[sheet_name].iter_rows(values_only=True), sheet_name)
    found = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    for header in headers:
        if header not in found:
            raise Place(sheet_name, 1).error('there is no column "{header}".', header=header)
    for number, values in enumerate(rows, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue  # Excel keeps formatted empty rows: they are not data
        yield number, {h: values[i] if i < len(values) else None for i, h in enumerate(found) if h}


def _parsed(rows: Iterator[tuple], sheet_name: str) -> Iterator[tuple]:
    """The rows of a sheet as openpyxl parses them on the way (read-only mode), a broken spot
    refused with the sheet and the row from which on it could not be read."""
    number = 0
    try:
        for values in rows:
            number += 1
            yield values
    except ParseError as exc:  # the parser reads ahead: the spot is at or below the next row
        raise Place(sheet_name, number + 1).error(
            "this row or one below cannot be read: {xml_problem}", xml_problem=_xml_problem(exc)
        ) from None


EXPORT_SHEETS = [
    ASSESSMENTS.sheet,
    ANSWERS_SHEET,
    PLAN_SHEET,
    *(t.sheet for t in EXCHANGED_TABLES[1:]),
]


def read_excel(book, framework: Framework) -> Bundle:
    """The checked history rows of an exported workbook; the readable sheets must agree with them."""
    numbered = _read_tables(lambda t: _excel_rows(book, t), True)
    bundle = check_bundle(framework, numbered, excel=True)
    for sheet, rows in (
        (ASSESSMENTS.sheet, assessment_rows(bundle)),
        (ANSWERS_SHEET, answer_rows(framework, bundle)),
        (PLAN_SHEET, plan_rows(bundle)),
    ):
        _check_view(book, sheet, rows)
    return bundle


def _excel_rows(book, table: Table) -> RawRows:
    if table in MONEY_TABLES and table.sheet not in book.sheetnames:
        return iter(())  # a workbook exported before budgets and spending were recorded
    return sheet_rows(book, table.sheet, [c.header for c in table.columns], EXPORT_SHEETS)


def _check_view(book, sheet: str, expected: list[dict]) -> None:
    """A readable sheet must say what the history sheets say: an edit there would be lost."""
    headers = list(expected[0]) if expected else []
    found = list(sheet_rows(book, sheet, headers, EXPORT_SHEETS))
    for (number, row), wanted in zip(found, expected):
        for header, value in wanted.items():
            if _same(row.get(header)) != _same(value):
                raise Place(sheet, number, header).error(
                    "{get!r} differs from the history sheets ({value!r}). This sheet is for "
                    "reading: undo the edit, or answer offline with the worksheet.",
                    get=row.get(header),
                    value=value,
                )
    if len(found) != len(expected):
        raise Place(sheet).error(
            "has {length} rows, the history sheets give {length2}: rows were added or removed.",
            length=len(found),
            length2=len(expected),
        )


def _same(value) -> str:
    """A cell as text, so that a date read back as a datetime equals the date written."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return (
            value.isoformat()[:10]
            if getattr(value, "hour", 0) == 0 == getattr(value, "minute", 0)
            else value.isoformat(sep=" ")
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- both ------------------------------------------------------------------------------------


def _read_tables(raw: Callable[[Table], RawRows], excel: bool) -> dict[str, list[tuple[int, dict]]]:
    """The checked cells of every history table. The rows are counted first (beyond
    :data:`MAX_IMPORT_ROWS` only counted, for the message), so a huge file is refused quickly."""
    listed: dict[Table, list[tuple[int, dict]]] = {}
    total = 0
    for table in EXCHANGED_TABLES:
        rows = listed[table] = []
        for number, values in raw(table):
            total += 1
            if total <= MAX_IMPORT_ROWS:
                rows.append((number, values))
    if total > MAX_IMPORT_ROWS:
        raise FileError(
            "The file has {total:,} rows; an import takes at most {max_import_rows:,}. "
            "Export fewer assessments at a time, or check that the file is an export of "
            "this app.",
            total=total,
            max_import_rows=MAX_IMPORT_ROWS,
        )
    return {
        table.name: [(number, _read_row(table, number, values, excel)) for number, values in rows]
        for table, rows in listed.items()
    }


def _read_row(table: Table, number: int, values: dict, excel: bool) -> dict:
    key = (lambda c: c.header) if excel else (lambda c: c.field)
    return {
        c.field: read_cell(
            c,
            values.get(key(c)),
            Place(table.sheet if excel else table.name, number, key(c), excel),
        )
        for c in table.columns
    }


def check_bundle(
    framework: Framework, read: dict[str, list[tuple[int, dict]]], excel: bool
) -> Bundle:
    """Check the rules between fields and tables; return the rows without their numbers."""

    def place(table: Table, number: int, field: str | None = None) -> Place:
        header = (
            next(c.header for c in table.columns if c.field == field) if excel and field else field
        )
        return Place(table.sheet if excel else table.name, number, header, excel)

    ids = set()
    for number, row in read[ASSESSMENTS.name]:
        if row["framework_version"] != framework.version:
            raise place(ASSESSMENTS, number, "framework_version").error(
                version_mismatch(row["framework_version"], framework)
            )
        if row["id"] in ids:
            raise place(ASSESSMENTS, number, "id").error("this assessment is listed twice.")
        ids.add(row["id"])
    checks: dict[Table, Callable] = {
        DETAILS: _check_details,
        RATINGS: _check_rating,
        ACTION_ITEMS: _check_item,
        REVIEWS: _check_review,
        BUDGETS: _check_money,
        SHARES: _check_share,
        SPENDING: _check_money,
    }
    for table, check in checks.items():
        for number, row in read[table.name]:
            if row["assessment_id"] not in ids:
                raise place(table, number, "assessment_id").error(
                    "{assessment_id!r} is not among the file's assessments.",
                    assessment_id=row["assessment_id"],
                )
            problem = check(framework, row)
            if problem:
                raise place(table, number, problem[0]).error(problem[1])
    described = {row["assessment_id"] for _, row in read[DETAILS.name]}
    for number, row in read[ASSESSMENTS.name]:
        if row["id"] not in described:
            raise place(ASSESSMENTS, number, "id").error(
                "this assessment has no details (no row in {table}).", table=place(DETAILS, 0).table
            )
    return {name: [row for _, row in rows] for name, rows in read.items()}


def _unknown_subdomain(framework: Framework, subdomain_id: str) -> Phrase:
    ids = [s.id for s in framework.subdomains]
    return Phrase(
        "{subdomain_id!r} is not a subdomain of this framework ({first} to {last}).",
        subdomain_id=subdomain_id,
        first=ids[0],
        last=ids[-1],
    )


def _check_details(framework: Framework, row: dict) -> tuple[str, Phrase] | None:
    known = countries()
    if row["country_code"] != DEMO_COUNTRY_CODE and row["country_code"] not in known:
        return "country_code", Phrase(
            "{country_code!r} is not a country code of the list.", country_code=row["country_code"]
        )
    if row["country_code"] != DEMO_COUNTRY_CODE and known[row["country_code"]] != row["country"]:
        return "country", (
            Phrase(
                "{country!r} is not the name of {country_code} ({known!r}).",
                country=row["country"],
                country_code=row["country_code"],
                known=known[row["country_code"]],
            )
        )
    if not row["title"]:
        return "title", Phrase("is empty; the title is required.")
    return None


def _check_rating(framework: Framework, row: dict) -> tuple[str, Phrase] | None:
    if row["subdomain_id"] not in {s.id for s in framework.subdomains}:
        return "subdomain_id", _unknown_subdomain(framework, row["subdomain_id"])
    top = len(framework.phases)
    for field in ("phase", "target"):
        if row[field] is not None and not 1 <= row[field] <= top:
            return field, Phrase(
                "{value} is out of range: a phase is 1 to {top}.", value=row[field], top=top
            )
    if (row["answer"] == RATED) != (row["phase"] is not None):
        return "phase", (
            Phrase(
                "a rated answer needs a phase, and only a rated answer has one (answer "
                "{answer!r}, phase {phase!r}).",
                answer=row["answer"],
                phase=row["phase"],
            )
        )
    if row["answer"] == RATED and row["target"] is not None and row["target"] < row["phase"]:
        return "target", Phrase(
            "the target ({target}) is below the phase ({phase}).",
            target=row["target"],
            phase=row["phase"],
        )
    if row["answer"] == NOT_APPLICABLE and not row["rationale"]:
        return "rationale", Phrase('"not applicable" needs a reason in the rationale.')
    return None


def _check_item(framework: Framework, row: dict) -> tuple[str, Phrase] | None:
    if row["subdomain_id"] is not None and row["subdomain_id"] not in {
        s.id for s in framework.subdomains
    }:
        return "subdomain_id", _unknown_subdomain(framework, row["subdomain_id"])
    if not row["what"]:
        return "what", Phrase("is empty; say what is to be done.")
    return None


def _check_money(framework: Framework, row: dict) -> tuple[str, Phrase] | None:
    if row["currency"] not in currencies():
        return "currency", Phrase(
            "{currency!r} is not an ISO 4217 currency code.", currency=row["currency"]
        )
    if row.get("funder") == DONOR and not row["donor"]:
        return "donor", Phrase("is empty; name the donor.")
    return None


def _check_share(framework: Framework, row: dict) -> tuple[str, Phrase] | None:
    if row["subdomain_id"] not in {s.id for s in framework.subdomains}:
        return "subdomain_id", _unknown_subdomain(framework, row["subdomain_id"])
    return None


def _check_review(framework: Framework, row: dict) -> tuple[str, Phrase] | None:
    known = {s.id for s in framework.subdomains}
    for field in ("ordering", "dismissed"):
        unknown = [i for i in row[field] if i not in known]
        if unknown:
            return field, _unknown_subdomain(framework, unknown[0])
    return None
