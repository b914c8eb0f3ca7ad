"""The offline workshop worksheet as an Excel workbook: filled in without a connection, then imported.

The workbook carries an assessment id (a new one for a blank worksheet, the assessment's own when
made from one), so importing the same filled-in file twice adds nothing the second time, and the
time it was made, so that answers changed here since then show as conflicts rather than being
overwritten. Importing it gives the same assessment as entering the answers in the app.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from cpss.db import assessments, transfer
from cpss.db.core import Reader
from cpss.db.migrations import utc_now
from cpss.exchange.preview import CHANGED, CONFLICT, NEW, UNCHANGED, Change, ImportPlan, describe
from cpss.exchange.reading import sheet_rows, version_mismatch
from cpss.exchange.tables import (
    DETAILS,
    RATINGS,
    Column,
    Place,
    append_row,
    read_cell,
    workbook_bytes,
)
from cpss.model.answers import (
    BY_WORKSHEET,
    CONFIDENCE_LEVELS,
    DONT_KNOW,
    MAX_TEXT_CHARS,
    NOT_APPLICABLE,
    STATUS_LABELS,
    Answer,
    AnswerError,
)
from cpss.model.assessments import (
    DEMO_COUNTRY_CODE,
    TEXT_LIMITS,
    Assessment,
    AssessmentDetails,
    AssessmentError,
)
from cpss.model.countries import countries
from cpss.model.errors import UserError
from cpss.model.framework import Framework

WORKSHEET_SHEET, DETAILS_SHEET, LISTS_SHEET = "Worksheet", "Details", "Lists"
# A hidden copy of the answers a worksheet was prefilled with: a row still equal to it was not
# touched offline, so it changes nothing (an answer changed here since then stays, no conflict).
PREFILL_SHEET = "Prefilled answers"
ANONYMOUS = "offline worksheet"
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


@dataclass(frozen=True)
class FilledWorksheet:
    """What a filled-in worksheet says: the assessment, when it was prepared, the answers given."""

    assessment_id: str
    prepared_at: datetime
    details: AssessmentDetails
    answers: dict[str, Answer]
    prefilled: dict[str, Answer]  # the answers the worksheet was prefilled with (none if blank)


def choice_options(framework: Framework) -> list[str]:
    """The words of the "Current phase" drop-down: the phases, "Don't know", "Not applicable"."""
    return [p.label for p in framework.phases] + [
        STATUS_LABELS[DONT_KNOW],
        STATUS_LABELS[NOT_APPLICABLE],
    ]


def worksheet_excel(
    framework: Framework,
    assessment: Assessment | None = None,
    answers: dict[str, Answer] | None = None,
) -> bytes:
    """A worksheet to fill in offline: blank, or prefilled with an assessment and its answers."""
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has one sheet, the active one
    sheet.title = WORKSHEET_SHEET
    _lists(book, framework)
    _details(book, framework, assessment)
    phases = [p.label for p in framework.phases]
    sheet.append(["Subdomain", "Subdomain title", *phases, *ANSWER_COLUMNS])
    for sub in framework.subdomains:
        texts = [
            sub.criteria[p.number]
            + (" (drafted text, not UNICEF's)" if sub.is_drafted(p.number) else "")
            for p in framework.phases
        ]
        append_row(sheet, [sub.id, sub.title, *texts, *_cells(framework, answers, sub.id)])
    if answers:
        _prefill(book, framework, answers)
    _style_worksheet(sheet, framework)
    return workbook_bytes(book)


def _cells(framework: Framework, answers: dict[str, Answer] | None, sub_id: str) -> list:
    """A subdomain's answer as the worksheet's answer cells (see :data:`ANSWER_COLUMNS`)."""
    answer = (answers or {}).get(sub_id, Answer())
    phases = [p.label for p in framework.phases]
    choice = (
        phases[answer.rated_phase - 1]
        if answer.rated_phase is not None
        else STATUS_LABELS.get(answer.status or "")
    )
    target = phases[answer.target - 1] if answer.target else None
    return [choice, target, answer.confidence, answer.evidence, answer.rationale]


def _prefill(book: Workbook, framework: Framework, answers: dict[str, Answer]) -> None:
    """The hidden sheet of the prefilled answers, read back to tell untouched rows."""
    sheet = book.create_sheet(PREFILL_SHEET)
    sheet.append(["Subdomain", *ANSWER_COLUMNS])
    for sub in framework.subdomains:
        append_row(sheet, [sub.id, *_cells(framework, answers, sub.id)])
    sheet.sheet_state = "hidden"


def _lists(book: Workbook, framework: Framework) -> None:
    lists = book.create_sheet(LISTS_SHEET)
    columns = [
        choice_options(framework),
        [p.label for p in framework.phases],
        list(CONFIDENCE_LEVELS),
        sorted(countries().values()),
    ]
    for index, values in enumerate(columns, start=1):
        for row, value in enumerate(values, start=1):
            lists.cell(row, index, value)
    lists.sheet_state = "hidden"


def _validation(sheet, column: str, cells: str, count: int, what: str) -> None:
    rule = DataValidation(
        type="list",
        formula1=f"={LISTS_SHEET}!${column}$1:${column}${count}",
        allow_blank=True,
        showErrorMessage=True,
        error=f"Choose {what} from the list.",
    )
    sheet.add_data_validation(rule)
    rule.add(cells)


def _style_worksheet(sheet, framework: Framework) -> None:
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
    _validation(sheet, "A", f"{choice}2:{choice}{last}", phases + 2, "the current phase")
    _validation(sheet, "B", f"{target}2:{target}{last}", phases, "the target phase")
    _validation(
        sheet, "C", f"{confidence}2:{confidence}{last}", len(CONFIDENCE_LEVELS), "the confidence"
    )
    sheet.freeze_panes = "C2"


def _details(book: Workbook, framework: Framework, assessment: Assessment | None) -> None:
    sheet = book.create_sheet(DETAILS_SHEET, 0)
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
    sheet.append([])
    sheet.append(
        [
            "How to fill in",
            'Fill in the yellow cells of the sheet "Worksheet": pick the '
            "current phase, the target and the confidence from the lists, and write the "
            "evidence and the rationale. Leave the first three fields as they are. Then "
            'import the file on the app\'s "Reports & data" page.',
        ]
    )
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    sheet["B11"].alignment = Alignment(wrap_text=True)
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
    _validation(sheet, "D", "B5", len(countries()), "the country")


# -- reading a filled-in worksheet -------------------------------------------------------------


def read_worksheet(book, framework: Framework) -> FilledWorksheet:
    """The details and answers of a filled-in worksheet, or :class:`FileError` naming the cell."""
    fields = {}
    for number, row in sheet_rows(
        book, DETAILS_SHEET, ["Field", "Value"], [DETAILS_SHEET, WORKSHEET_SHEET]
    ):
        fields[str(row["Field"]).strip()] = (number, row["Value"])
    for field in FIELDS:
        if field not in fields:
            raise Place(DETAILS_SHEET, None, "Field").error(f'there is no row "{field}".')

    def cell(field: str, column: Column):
        number, value = fields[field]
        return read_cell(column, value, Place(DETAILS_SHEET, number, "Value"))

    assessment_id = cell("Assessment ID", Column("id", "", "id"))
    version = cell("Framework version", Column("v", ""))
    if version != framework.version:
        raise Place(DETAILS_SHEET, fields["Framework version"][0], "Value").error(
            version_mismatch(version, framework)
        )
    details = _read_details(cell, fields)
    return FilledWorksheet(
        assessment_id,
        cell("Prepared at (UTC)", Column("t", "", "timestamp")),
        details,
        _read_answers(book, framework, WORKSHEET_SHEET),
        _read_answers(book, framework, PREFILL_SHEET) if PREFILL_SHEET in book.sheetnames else {},
    )


def _read_details(cell, fields) -> AssessmentDetails:
    country = cell("Country", Column("c", "", limit=120))
    by_name = {name: code for code, name in countries().items()}
    code = by_name.get(country, DEMO_COUNTRY_CODE if country.startswith("Demoland") else None)
    if code is None:
        raise Place(DETAILS_SHEET, fields["Country"][0], "Value").error(
            f"{country!r} is not a country or territory of the list: pick one from the drop-down."
        )
    texts = {
        name: cell(name.title(), Column(name, "", limit=limit))
        for name, limit in TEXT_LIMITS.items()
    }
    when = cell("Date", Column("d", "", "date"))
    try:
        return AssessmentDetails(
            code, country, texts["title"], when, texts["unit"], texts["assessor"]
        ).validate()
    except AssessmentError as problem:
        raise Place(DETAILS_SHEET, fields["Title"][0], "Value").error(str(problem)) from None


def _read_answers(book, framework: Framework, sheet: str) -> dict[str, Answer]:
    """The answers of the worksheet (or of its prefilled copy), by subdomain."""
    options = dict(
        zip(
            choice_options(framework),
            [*range(1, len(framework.phases) + 1), DONT_KNOW, NOT_APPLICABLE],
        )
    )
    targets = {p.label: p.number for p in framework.phases}
    columns = {
        "Current phase": Column("choice", "", required=False, choices=tuple(options)),
        "Target phase": Column("target", "", required=False, choices=tuple(targets)),
        "Confidence": Column("confidence", "", required=False, choices=CONFIDENCE_LEVELS),
        "Evidence": Column("evidence", "", limit=MAX_TEXT_CHARS),
        "Rationale": Column("rationale", "", limit=MAX_TEXT_CHARS),
    }
    answers = {}
    for number, row in sheet_rows(book, sheet, ["Subdomain", *ANSWER_COLUMNS], [WORKSHEET_SHEET]):
        sub_id = read_cell(Column("s", ""), row["Subdomain"], Place(sheet, number, "Subdomain"))
        if sub_id not in {s.id for s in framework.subdomains} or sub_id in answers:
            raise Place(sheet, number, "Subdomain").error(
                f"{sub_id!r} is not a subdomain of this framework, or it is listed twice."
            )
        v = {
            name: read_cell(column, row[name], Place(sheet, number, name))
            for name, column in columns.items()
        }
        choice = options.get(v["Current phase"])
        answer = Answer().with_choice(choice) if v["Current phase"] else Answer()
        answer = Answer(
            answer.status,
            answer.phase,
            targets.get(v["Target phase"]),
            v["Confidence"],
            v["Evidence"],
            v["Rationale"],
        )
        try:
            answers[sub_id] = answer.validate()
        except AnswerError as problem:
            raise Place(sheet, number, "Current phase").error(str(problem)) from None
    return answers


def plan_worksheet(
    db: Reader, framework: Framework, filled: FilledWorksheet, source: str
) -> ImportPlan:
    """The preview of importing a filled-in worksheet: a new assessment, or changes to one here."""
    now, by = utc_now(), filled.details.assessor or ANONYMOUS
    try:
        here = assessments.assessment(db, filled.assessment_id)
    except UserError:
        here = None
    if here is not None and here.is_final:
        raise UserError(
            f"{source}: this assessment is final here, so it is read-only: reopen it "
            "before importing the worksheet."
        )
    d = filled.details
    label = f"{d.place} · {d.title} ({d.assessment_date:%d %b %Y})"
    details_row = {
        "assessment_id": filled.assessment_id,
        "country_code": d.country_code,
        "country": d.country,
        "unit": d.unit,
        "title": d.title,
        "assessment_date": d.assessment_date,
        "assessor": d.assessor,
        "status": here.status if here else "draft",
        "recorded_at": now,
        "recorded_by": by,
    }
    local = _local_current(db, filled.assessment_id)
    changes = [
        _change(
            framework,
            DETAILS,
            "Details and status",
            label,
            details_row,
            local.get(DETAILS.name),
            filled.prepared_at,
            here is not None and here.details == d,
        )
    ]
    for sub in framework.subdomains:
        answer = filled.answers.get(sub.id)
        if answer is None or answer == Answer():
            continue  # left blank: nothing to say about this subdomain
        row = {
            "assessment_id": filled.assessment_id,
            "subdomain_id": sub.id,
            "answer": answer.status,
            "phase": answer.phase,
            "target": answer.target,
            "confidence": answer.confidence,
            "evidence": answer.evidence,
            "rationale": answer.rationale,
            "source": BY_WORKSHEET,
            "recorded_at": now,
            "recorded_by": by,
        }
        current = local.get(sub.id)
        untouched = filled.prefilled.get(sub.id) == answer  # as prefilled: not answered offline
        same = untouched or (current is not None and _answer(current) == answer)
        changes.append(
            _change(framework, RATINGS, sub.label, label, row, current, filled.prepared_at, same)
        )
    new = (
        ()
        if here
        else (
            {
                "id": filled.assessment_id,
                "framework_version": framework.version,
                "is_demo": False,
                "created_at": now,
                "created_by": by,
            },
        )
    )
    return ImportPlan(
        source,
        new,
        tuple(changes),
        0,
        lambda again: plan_worksheet(again, framework, filled, source),
    )


def _answer(row: dict) -> Answer:
    return Answer(
        row["answer"],
        row["phase"],
        row["target"],
        row["confidence"],
        row["evidence"],
        row["rationale"],
    )


def _local_current(db: Reader, assessment_id: str) -> dict[str, dict]:
    """The current rating row per subdomain, and the current details under ``DETAILS.name``."""
    current = {}
    for table, key in ((RATINGS, "subdomain_id"), (DETAILS, None)):
        view = "current_ratings" if table is RATINGS else "current_details"
        for row in transfer.current_rows(db, view, table.fields, assessment_id):
            current[row[key] if key else DETAILS.name] = row
    return current


def _change(
    framework: Framework,
    table,
    what: str,
    label: str,
    row: dict,
    current: dict | None,
    prepared_at: datetime,
    same: bool,
) -> Change:
    if same:
        kind = UNCHANGED
    elif current is None:
        kind = NEW
    else:
        kind = CONFLICT if current["recorded_at"] > prepared_at else CHANGED
    here = describe(framework, table, current) if current else ""
    return Change(
        f"{table.name}:{row['assessment_id']}:{row.get('subdomain_id', '')}",
        label,
        what,
        kind,
        here,
        describe(
            framework, table, row, f", in the worksheet prepared at {prepared_at:%Y-%m-%d %H:%M}"
        ),
        table.name,
        (row,),
    )
