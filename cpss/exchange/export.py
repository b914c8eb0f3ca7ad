"""Exports of one or many assessments: JSON (everything, for another installation), an Excel
workbook (readable sheets and the history sheets an import reads back) and a CSV of the answers.

:func:`gather` reads the history tables once; the writers are pure functions of what it returns,
so a download can be built off the script thread.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cpss.db import transfer
from cpss.db.core import Reader
from cpss.exchange.file_framework import (
    ABOUT_SHEET,
    FRAMEWORK_FILE,
    FRAMEWORK_LABEL,
    HASH_LABEL,
    stamp,
)
from cpss.exchange.money_tables import EXACT_KINDS, EXCHANGED_TABLES
from cpss.exchange.readable import (
    ANSWER_HEADERS,
    PLAN_HEADERS,
    Bundle,
    answer_rows,
    assessment_rows,
    plan_rows,
)
from cpss.exchange.tables import (
    ASSESSMENTS,
    Table,
    append_row,
    write_cell,
)
from cpss.exchange.votes import VOTES, workshop_votes
from cpss.model.framework import Framework
from cpss.model.times import utc_now
from cpss.model.workbooks import workbook_bytes

FORMAT = "cpss-assessments"
FORMAT_VERSION = 1
ANSWERS_SHEET, PLAN_SHEET = "Answers", "Action plan"
WIDE_HEADERS = {"Evidence", "Rationale", "Notes", "Action", "Subdomain title", "Title"}


def gather(db: Reader, assessment_ids: list[str]) -> Bundle:
    """Every history row of the given assessments (and their workshop votes), oldest first."""
    bundle: Bundle = {}
    for table in EXCHANGED_TABLES:
        key = "id" if table is ASSESSMENTS else "assessment_id"
        order = "created_at" if table is ASSESSMENTS else "seq"
        exact = [c.field for c in table.columns if c.kind in EXACT_KINDS]
        # table and column names come from the specification in tables.py, never from input
        bundle[table.name] = transfer.history_rows(
            db, table.name, table.fields, key, order, assessment_ids, exact
        )
    position = {assessment_id: i for i, assessment_id in enumerate(assessment_ids)}
    bundle[ASSESSMENTS.name].sort(key=lambda row: position[row["id"]])
    bundle[VOTES.name] = workshop_votes(db, assessment_ids)
    return bundle


def _stamp(framework: Framework) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": utc_now().isoformat(sep=" ", timespec="seconds"),
        "framework": stamp(framework),
    }


def json_document(framework: Framework, bundle: Bundle, framework_text: str = "") -> dict:
    """The JSON export as an object: the stamp and every history's rows; with ``framework_text``
    (the framework's YAML), the framework too, so that an installation without it can add it."""
    document = _stamp(framework)
    if framework_text:
        document[FRAMEWORK_FILE] = framework_text
    for table in (*EXCHANGED_TABLES, VOTES):
        document[table.name] = [
            {c.field: write_cell(c, row[c.field], excel=False) for c in table.columns}
            for row in bundle[table.name]
        ]
    return document


def to_json(framework: Framework, bundle: Bundle, framework_text: str = "") -> bytes:
    """Everything, for moving assessments between installations without loss (with the framework's
    YAML when ``framework_text`` is given)."""
    document = json_document(framework, bundle, framework_text)
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_csv(framework: Framework, bundle: Bundle) -> bytes:
    """The current answers in the tidy long shape: one row per assessment and subdomain."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ANSWER_HEADERS, lineterminator="\n")
    writer.writeheader()
    for row in answer_rows(framework, bundle):
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the accents right


# A spreadsheet program opening the CSV runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """A value for the CSV: dates as ISO text; text that a spreadsheet program would run as a
    formula gets a leading apostrophe, which spreadsheet programs read as "this is text"."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_excel(framework: Framework, bundle: Bundle) -> bytes:
    """A workbook: readable sheets first, then the history sheets that an import reads back."""
    book = Workbook()
    _about(book.active, framework)
    assessments = assessment_rows(bundle)
    _sheet(
        book,
        ASSESSMENTS.sheet,
        list(assessments[0]) if assessments else [c.header for c in ASSESSMENTS.columns],
        [list(r.values()) for r in assessments],
    )
    _sheet(
        book,
        ANSWERS_SHEET,
        ANSWER_HEADERS,
        [list(r.values()) for r in answer_rows(framework, bundle)],
    )
    _sheet(book, PLAN_SHEET, PLAN_HEADERS, [list(r.values()) for r in plan_rows(bundle)])
    for table in (VOTES, *EXCHANGED_TABLES[1:]):
        _table_sheet(book, table, bundle[table.name])
    return workbook_bytes(book)


def _about(sheet, framework: Framework) -> None:
    stamped = _stamp(framework)
    sheet.title = ABOUT_SHEET
    lines = [
        ("CPSS self-assessment export", ""),
        ("Format", f"{FORMAT} {FORMAT_VERSION}"),
        (FRAMEWORK_LABEL, f"{framework.name}, version {framework.version}"),
        ("Framework key", framework.key),
        (HASH_LABEL, framework.content_hash),
        ("Exported at (UTC)", stamped["exported_at"]),
        (
            "Sheets",
            "Assessments, Answers and Action plan are for reading. The history sheets "
            "(Assessment history, Rating history, Action plan history, Priority reviews, "
            "Budget history, Subdomain share history, Spending history) "
            "hold every recorded version and are what an import reads back.",
        ),
        (
            "Editing",
            "Do not edit this workbook before importing it: an edited cell is refused "
            "with its sheet, row and column. To answer offline, use the offline "
            "worksheet instead.",
        ),
    ]
    for label, text in lines:
        sheet.append([label, text])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    for row in sheet.iter_rows(min_row=2):
        row[0].font = Font(bold=True)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")


def _table_sheet(book: Workbook, table: Table, rows: list[dict]) -> None:
    _sheet(
        book,
        table.sheet,
        [c.header for c in table.columns],
        [[write_cell(c, row[c.field], excel=True) for c in table.columns] for row in rows],
    )


def _sheet(book: Workbook, title: str, headers, rows: list[list]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        append_row(sheet, row)
    for index, header in enumerate(headers, start=1):
        sheet.cell(1, index).font = Font(bold=True)
        wide = header in WIDE_HEADERS
        sheet.column_dimensions[get_column_letter(index)].width = (
            50 if wide else max(12, len(header) + 2)
        )
        if wide:
            for cell in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
