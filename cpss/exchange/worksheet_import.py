"""Reading a filled-in offline worksheet (:mod:`cpss.exchange.worksheet`) back; planning its import.

A worksheet's details and answers are checked cell by cell (a bad one is refused, naming its sheet,
row and column); the plan says per subdomain whether its answer is new, changed, unchanged (left
as prefilled) or a conflict with an answer changed here since the worksheet was made. Importing it
gives the same assessment as entering the answers in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cpss.db import assessments, transfer
from cpss.db.core import Reader
from cpss.exchange.preview import CHANGED, CONFLICT, NEW, UNCHANGED, Change, ImportPlan
from cpss.exchange.preview_words import DETAILS_WHAT, answer_of, assessment_label, describe
from cpss.exchange.reading import sheet_rows, version_mismatch
from cpss.exchange.tables import DETAILS, RATINGS, Column, Place, read_cell
from cpss.exchange.worksheet import (
    ANSWER_COLUMNS,
    DETAILS_SHEET,
    FIELDS,
    LISTS_SHEET,
    PREFILL_DETAILS_SHEET,
    PREFILL_SHEET,
    WORKSHEET_SHEET,
    choice_options,
    confidence_options,
)
from cpss.i18n import ENGLISH, Text, format_datetime
from cpss.model.answers import (
    BY_WORKSHEET,
    CONFIDENCE_LEVELS,
    DONT_KNOW,
    MAX_TEXT_CHARS,
    NOT_APPLICABLE,
    Answer,
    AnswerError,
)
from cpss.model.assessments import (
    DEMO_COUNTRY_CODE,
    TEXT_LIMITS,
    AssessmentDetails,
    AssessmentError,
)
from cpss.model.countries import countries
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from cpss.model.times import utc_now

ANONYMOUS = "offline worksheet"  # who recorded the answers when the worksheet names no assessor


@dataclass(frozen=True)
class FilledWorksheet:
    """What a filled-in worksheet says: the assessment, when it was prepared, the answers given."""

    assessment_id: str
    prepared_at: datetime
    details: AssessmentDetails
    answers: dict[str, Answer]
    prefilled: dict[str, Answer]  # the answers the worksheet was prefilled with (none if blank)
    prefilled_details: AssessmentDetails | None = None  # the details it was prefilled with


def _detail_cells(book, sheet: str):
    """A details sheet's Field/Value rows: a reader of one field's checked value, and the rows."""
    fields = {}
    for number, row in sheet_rows(
        book, sheet, ["Field", "Value"], [DETAILS_SHEET, WORKSHEET_SHEET]
    ):
        fields[str(row["Field"]).strip()] = (number, row["Value"])
    for field in FIELDS:
        if field not in fields:
            raise Place(sheet, None, "Field").error('there is no row "{field}".', field=field)

    def cell(field: str, column: Column):
        number, value = fields[field]
        return read_cell(column, value, Place(sheet, number, "Value"))

    return cell, fields


def read_worksheet(book, framework: Framework) -> FilledWorksheet:
    """The details and answers of a filled-in worksheet, or :class:`FileError` naming the cell."""
    cell, fields = _detail_cells(book, DETAILS_SHEET)

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
        _read_details(*_detail_cells(book, PREFILL_DETAILS_SHEET))
        if PREFILL_DETAILS_SHEET in book.sheetnames
        else None,
    )


def _read_details(cell, fields) -> AssessmentDetails:
    country = cell("Country", Column("c", "", limit=120))
    by_name = {name: code for code, name in countries().items()}
    code = by_name.get(country, DEMO_COUNTRY_CODE if country.startswith("Demoland") else None)
    if code is None:
        raise Place(DETAILS_SHEET, fields["Country"][0], "Value").error(
            "{country!r} is not a country or territory of the list: pick one from the drop-down.",
            country=country,
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
        raise Place(DETAILS_SHEET, fields["Title"][0], "Value").error(problem) from None


def _worksheet_words(book, framework: Framework) -> tuple[dict, dict, dict]:
    """What the words of the three drop-downs stand for: choice, target phase and confidence
    level by word. The words of this framework in English, and the worksheet's own, in whatever
    language it was written in: its hidden sheet "Lists" holds them in a fixed order (see
    :mod:`cpss.exchange.worksheet`), so a worksheet made in French imports in an English session."""
    choices = [*range(1, len(framework.phases) + 1), DONT_KNOW, NOT_APPLICABLE]
    phases = [p.number for p in framework.phases]
    words: list[dict] = [
        dict(zip(choice_options(framework), choices)),
        dict(zip([p.label for p in framework.phases], phases)),
        dict(zip([*CONFIDENCE_LEVELS, *confidence_options()], [*CONFIDENCE_LEVELS] * 2)),
    ]
    if LISTS_SHEET in book.sheetnames:
        lists = list(book[LISTS_SHEET].iter_rows(max_col=3, values_only=True))
        for column, meanings in enumerate((choices, phases, CONFIDENCE_LEVELS)):
            written = [row[column] if column < len(row) else None for row in lists]
            for word, meaning in zip(written, meanings):
                if isinstance(word, str) and word.strip():
                    words[column].setdefault(word.strip(), meaning)
    return words[0], words[1], words[2]


def _read_answers(book, framework: Framework, sheet: str) -> dict[str, Answer]:
    """The answers of the worksheet (or of its prefilled copy), by subdomain."""
    options, targets, levels = _worksheet_words(book, framework)
    columns = {
        "Current phase": Column("choice", "", required=False, choices=tuple(options)),
        "Target phase": Column("target", "", required=False, choices=tuple(targets)),
        "Confidence": Column("confidence", "", required=False, choices=tuple(levels)),
        "Evidence": Column("evidence", "", limit=MAX_TEXT_CHARS),
        "Rationale": Column("rationale", "", limit=MAX_TEXT_CHARS),
    }
    answers = {}
    for number, row in sheet_rows(book, sheet, ["Subdomain", *ANSWER_COLUMNS], [WORKSHEET_SHEET]):
        sub_id = read_cell(Column("s", ""), row["Subdomain"], Place(sheet, number, "Subdomain"))
        if sub_id not in {s.id for s in framework.subdomains} or sub_id in answers:
            raise Place(sheet, number, "Subdomain").error(
                "{sub_id!r} is not a subdomain of this framework, or it is listed twice.",
                sub_id=sub_id,
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
            levels.get(v["Confidence"]),
            v["Evidence"],
            v["Rationale"],
        )
        try:
            answers[sub_id] = answer.validate()
        except AnswerError as problem:
            raise Place(sheet, number, "Current phase").error(problem) from None
    return answers


def plan_worksheet(
    db: Reader, framework: Framework, filled: FilledWorksheet, source: str, tr: Text = ENGLISH
) -> ImportPlan:
    """The preview of importing a filled-in worksheet: a new assessment, or changes to one here,
    worded in ``tr``'s language."""
    now, by = utc_now(), filled.details.assessor or ANONYMOUS
    try:
        here = assessments.assessment(db, filled.assessment_id)
    except UserError:
        here = None
    if here is not None and here.is_final:
        raise UserError(
            "{source}: this assessment is final here, so it is read-only: reopen it before "
            "importing the worksheet.",
            source=source,
        )
    d = filled.details
    label = assessment_label(d.place, d.title, d.assessment_date, tr)
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
            tr(DETAILS_WHAT),
            label,
            details_row,
            local.get(DETAILS.name),
            filled.prepared_at,
            # as here, or as prefilled (details changed here since then stay, no conflict)
            here is not None and (here.details == d or filled.prefilled_details == d),
        )
    ]
    for sub in framework.subdomains:
        answer = filled.answers.get(sub.id)
        if answer is None or answer == Answer():
            continue  # left blank: nothing to say about this subdomain
        row = {
            "assessment_id": filled.assessment_id,
            "subdomain_id": sub.id,
            **answer.columns(),
            "source": BY_WORKSHEET,
            "recorded_at": now,
            "recorded_by": by,
        }
        current = local.get(sub.id)
        untouched = filled.prefilled.get(sub.id) == answer  # as prefilled: not answered offline
        same = untouched or (current is not None and answer_of(current) == answer)
        changes.append(
            _change(
                framework, RATINGS, sub.label, label, row, current, filled.prepared_at, same, tr
            )
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
        lambda again: plan_worksheet(again, framework, filled, source, tr),
        framework_hash=framework.content_hash,  # a new assessment is pinned to the sheet's texts
        tr=tr,
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
    tr: Text = ENGLISH,
) -> Change:
    if same:
        kind = UNCHANGED
    elif current is None:
        kind = NEW
    else:
        kind = CONFLICT if current["recorded_at"] > prepared_at else CHANGED
    here = describe(framework, table, current, tr=tr) if current else ""
    origin = tr(", in the worksheet prepared at {time}", time=format_datetime(prepared_at, tr))
    return Change(
        f"{table.name}:{row['assessment_id']}:{row.get('subdomain_id', '')}",
        label,
        what,
        kind,
        here,
        describe(framework, table, row, origin, tr),
        table.name,
        (row,),
    )
