"""The offline worksheet as an Excel workbook, blank or prefilled, to fill in without a connection.

The workbook carries an assessment id (a new one for a blank worksheet, the assessment's own when
made from one), so importing the same filled-in file twice adds nothing the second time, and the
time it was made, so that answers changed here since then show as conflicts rather than being
overwritten. Its sheets and columns are named here; :mod:`cpss.exchange.worksheet_import` reads a
filled-in one back, and :mod:`cpss.exchange.worksheet_pdf` is the printable version.
"""

from __future__ import annotations

import uuid

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from cpss.exchange.tables import append_row
from cpss.i18n import ENGLISH, Text
from cpss.model.answers import (
    CONFIDENCE_LEVELS,
    CONFIDENCE_WORDS,
    DONT_KNOW,
    NOT_APPLICABLE,
    STATUS_LABELS,
    Answer,
)
from cpss.model.assessments import Assessment
from cpss.model.countries import countries
from cpss.model.framework import Framework
from cpss.model.times import utc_now
from cpss.model.workbooks import workbook_bytes

WORKSHEET_SHEET, DETAILS_SHEET, LISTS_SHEET = "Worksheet", "Details", "Lists"
# A hidden copy of the answers a worksheet was prefilled with: a row still equal to it was not
# touched offline, so it changes nothing (an answer changed here since then stays, no conflict).
PREFILL_SHEET = "Prefilled answers"
# Likewise the details it was prefilled with: details left as they were change nothing either.
PREFILL_DETAILS_SHEET = "Prefilled details"
FIELDS = (
    "Assessment ID",
    "Framework version",
    "Prepared at (UTC)",
    "Country",
    "Unit",
    "Title",
    "Date",
    "Assessor",
)
ANSWER_COLUMNS = ("Current phase", "Target phase", "Confidence", "Evidence", "Rationale")
# The sheet names, FIELDS and the columns "Subdomain" and ANSWER_COLUMNS are read back by name
# (worksheet_import): they stay English whatever the language. What a person reads and picks (the
# criterion texts, the phase and status words, the confidence, the help) is in the worksheet's
# language; the hidden sheet "Lists" holds the words it offers in a fixed order, so the import
# knows them in any language.


def choice_options(framework: Framework, *, tr: Text = ENGLISH) -> list[str]:
    """The words of the "Current phase" drop-down: the phases, "Don't know", "Not applicable"."""
    return [p.label for p in framework.phases] + [
        tr(STATUS_LABELS[DONT_KNOW]),
        tr(STATUS_LABELS[NOT_APPLICABLE]),
    ]


def confidence_options(*, tr: Text = ENGLISH) -> list[str]:
    """The words of the "Confidence" drop-down, in the order of ``CONFIDENCE_LEVELS``."""
    return [tr(CONFIDENCE_WORDS[level]) for level in CONFIDENCE_LEVELS]


def worksheet_excel(
    framework: Framework,
    assessment: Assessment | None = None,
    answers: dict[str, Answer] | None = None,
    *,
    tr: Text = ENGLISH,
) -> bytes:
    """A worksheet to fill in offline: blank, or prefilled with an assessment and its answers; in
    ``tr``'s language, with ``framework``'s criterion texts (pass the translated framework)."""
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has one sheet, the active one
    sheet.title = WORKSHEET_SHEET
    _lists(book, framework, tr)
    _details(book, framework, assessment, tr)
    if assessment is not None:
        _prefill_details(book, framework, assessment)
    phases = [p.label for p in framework.phases]
    sheet.append(["Subdomain", tr("Subdomain title"), *phases, *ANSWER_COLUMNS])
    drafted = " " + tr("(drafted text, not UNICEF's)")
    for sub in framework.subdomains:
        texts = [
            sub.criteria[p.number] + (drafted if sub.is_drafted(p.number) else "")
            for p in framework.phases
        ]
        append_row(sheet, [sub.id, sub.title, *texts, *_cells(framework, answers, sub.id, tr)])
    if answers:
        _prefill(book, framework, answers, tr)
    _style_worksheet(sheet, framework, tr)
    return workbook_bytes(book)


def _cells(framework: Framework, answers: dict[str, Answer] | None, sub_id: str, tr: Text) -> list:
    """A subdomain's answer as the worksheet's answer cells (see :data:`ANSWER_COLUMNS`)."""
    answer = (answers or {}).get(sub_id, Answer())
    phases = [p.label for p in framework.phases]
    status = STATUS_LABELS.get(answer.status or "")
    choice = (
        phases[answer.rated_phase - 1]
        if answer.rated_phase is not None
        else (tr(status) if status else None)
    )
    target = phases[answer.target - 1] if answer.target else None
    confidence = tr(CONFIDENCE_WORDS[answer.confidence]) if answer.confidence else None
    return [choice, target, confidence, answer.evidence, answer.rationale]


def _prefill(book: Workbook, framework: Framework, answers: dict[str, Answer], tr: Text) -> None:
    """The hidden sheet of the prefilled answers, read back to tell untouched rows."""
    sheet = book.create_sheet(PREFILL_SHEET)
    sheet.append(["Subdomain", *ANSWER_COLUMNS])
    for sub in framework.subdomains:
        append_row(sheet, [sub.id, *_cells(framework, answers, sub.id, tr)])
    sheet.sheet_state = "hidden"


def _lists(book: Workbook, framework: Framework, tr: Text) -> None:
    """The hidden lists of the drop-downs, in a fixed order (read back by place on import)."""
    lists = book.create_sheet(LISTS_SHEET)
    columns = [
        choice_options(framework, tr=tr),
        [p.label for p in framework.phases],
        confidence_options(tr=tr),
        sorted(countries().values()),
    ]
    for index, values in enumerate(columns, start=1):
        for row, value in enumerate(values, start=1):
            lists.cell(row, index, value)
    lists.sheet_state = "hidden"


def _validation(sheet, column: str, cells: str, count: int, error: str) -> None:
    rule = DataValidation(
        type="list",
        formula1=f"={LISTS_SHEET}!${column}$1:${column}${count}",
        allow_blank=True,
        showErrorMessage=True,
        error=error,
    )
    sheet.add_data_validation(rule)
    rule.add(cells)


def _style_worksheet(sheet, framework: Framework, tr: Text) -> None:
    last = len(framework.subdomains) + 1
    phases = len(framework.phases)
    first_answer = 3 + phases  # columns A, B, then the phase texts
    letters = [chr(ord("A") + i) for i in range(first_answer + len(ANSWER_COLUMNS))]
    for letter, width in zip(letters, [10, 30] + [45] * phases + [24, 22, 12, 45, 45]):
        sheet.column_dimensions[letter].width = width
    fill = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in, pale yellow
    for row in sheet.iter_rows(min_row=2, max_row=last):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in row[first_answer - 1 :]:
            cell.fill = fill
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    choice, target, confidence = (letters[first_answer - 1 + i] for i in range(3))
    _validation(
        sheet,
        "A",
        f"{choice}2:{choice}{last}",
        phases + 2,
        tr("Choose the current phase from the list."),
    )
    _validation(
        sheet,
        "B",
        f"{target}2:{target}{last}",
        phases,
        tr("Choose the target phase from the list."),
    )
    _validation(
        sheet,
        "C",
        f"{confidence}2:{confidence}{last}",
        len(CONFIDENCE_LEVELS),
        tr("Choose the confidence from the list."),
    )
    sheet.freeze_panes = "C2"


def _prefill_details(book: Workbook, framework: Framework, assessment: Assessment) -> None:
    """The hidden copy of the details the worksheet was prefilled with, read back to tell
    details left as they were."""
    sheet = book.create_sheet(PREFILL_DETAILS_SHEET)
    _detail_rows(sheet, framework, assessment)
    sheet.sheet_state = "hidden"


def _detail_rows(sheet, framework: Framework, assessment: Assessment | None) -> None:
    """The Field/Value rows of the details (see :data:`FIELDS`), empty for a blank worksheet."""
    d = assessment.details if assessment else None
    values = [
        assessment.id if assessment else uuid.uuid4().hex,
        framework.version,
        utc_now().isoformat(sep=" "),
        d.country if d else None,
        d.unit if d else None,
        d.title if d else None,
        d.assessment_date if d else None,
        d.assessor if d else None,
    ]
    sheet.append(["Field", "Value"])
    for field, value in zip(FIELDS, values):
        append_row(sheet, [field, value])


def _details(book: Workbook, framework: Framework, assessment: Assessment | None, tr: Text) -> None:
    """The Details sheet: the fields, and how to fill the worksheet in."""
    sheet = book.create_sheet(DETAILS_SHEET, 0)
    _detail_rows(sheet, framework, assessment)
    sheet.append([])
    sheet.append(
        [
            tr("How to fill in"),
            tr(
                'Fill in the yellow cells of the sheet "{sheet}": pick the '
                "current phase, the target and the confidence from the lists, and write the "
                "evidence and the rationale. Leave the first three fields as they are. Then "
                'import the file on the app\'s "Reports & data" page.',
                sheet=WORKSHEET_SHEET,
            ),
        ]
    )
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    sheet["B11"].alignment = Alignment(wrap_text=True)
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
    _validation(sheet, "D", "B5", len(countries()), tr("Choose the country from the list."))
