"""Exported text comes back as written (formulas never), control characters and absurd dates are
refused with a clear message before they reach a file or a page."""

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from cpss.db import assessments, plans
from cpss.db.core import connect
from cpss.exchange.export import gather, to_csv, to_excel, to_json
from cpss.exchange.importing import apply_import, read_file
from cpss.exchange.tables import FileError
from cpss.exchange.worksheet import worksheet_excel
from cpss.model.answers import Answer, AnswerError
from cpss.model.assessments import AssessmentDetails, AssessmentError
from cpss.model.plans import ActionItem, PlanError
from tests.exchange_support import row_counts

FORMULA_LIKE = {
    "1.1": "=see annex 3",
    "1.2": "+256 700 000 000",
    "2.2": "- first point",
    "2.1": "@ministry",
}


@pytest.fixture
def other(tmp_path):
    con = connect(tmp_path / "other.duckdb")
    yield con.db()
    con.close()


def formula_like(db, framework) -> str:
    """An assessment whose evidence, rationale, title and action item start like formulas."""
    assessment_id = assessments.create(
        db,
        AssessmentDetails("KEN", "Kenya", "=2026 baseline", date(2026, 5, 1), assessor="@amina"),
        framework.version,
        by="t",
    )
    for sub_id, text in FORMULA_LIKE.items():
        assessments.save_answer(
            db, assessment_id, sub_id, Answer("phase", 2, None, None, text, text), "t"
        )
    plans.add_item(db, assessment_id, ActionItem("=SUM(A1:A3)", "-", date(2026, 9, 1)), "t")
    return assessment_id


def test_excel_round_trip_keeps_text_that_starts_like_a_formula(db, other, framework):
    assessment_id = formula_like(db, framework)
    data = to_excel(framework, gather(db, [assessment_id]))
    book = load_workbook(io.BytesIO(data))
    assert all(
        cell.data_type != "f"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )  # nothing a spreadsheet program would run
    apply_import(other, read_file("export.xlsx", data, framework)(other))
    answers = assessments.current_answers(other, assessment_id)
    assert {sub_id: answers[sub_id].evidence for sub_id in FORMULA_LIKE} == FORMULA_LIKE
    assert assessments.assessment(other, assessment_id).details.title == "=2026 baseline"
    assert gather(other, [assessment_id]) == gather(db, [assessment_id])


def test_prefilled_worksheet_keeps_text_that_starts_like_a_formula(db, framework):
    assessment_id = formula_like(db, framework)
    data = worksheet_excel(
        framework,
        assessments.assessment(db, assessment_id),
        assessments.current_answers(db, assessment_id),
    )
    assert read_file("w.xlsx", data, framework)(db).is_empty  # read back: the same answers


def test_csv_cells_that_start_like_a_formula_get_an_apostrophe(db, framework):
    assessment_id = formula_like(db, framework)
    text = to_csv(framework, gather(db, [assessment_id])).decode("utf-8-sig")
    assert ",'=see annex 3,'=see annex 3," in text and ",'@ministry,'@ministry," in text
    assert "'+256 700 000 000" in text and "'- first point" in text and ",'=2026 baseline," in text


@pytest.mark.parametrize(
    "make, error",
    [
        (lambda: Answer("phase", 2, None, None, "Law\x0bpassed").validate(), AnswerError),
        (lambda: ActionItem("Draft\x00 the decree").validate(), PlanError),
        (
            lambda: AssessmentDetails("KEN", "Kenya", "Base\x1fline", date(2026, 5, 1)).validate(),
            AssessmentError,
        ),
    ],
)
def test_control_characters_are_refused_when_typed_or_pasted(make, error):
    with pytest.raises(error) as raised:
        make()
    assert "invisible control character" in str(raised.value) and "remove it" in str(raised.value)


def test_a_workshop_comment_with_a_control_character_is_refused():
    from cpss.model.workshops import WorkshopError, check_vote

    with pytest.raises(WorkshopError, match=r"^The comment holds an invisible control character"):
        check_vote(2, "see\x0bannex")


def test_text_limits_and_control_characters_name_the_field():
    with pytest.raises(
        AnswerError,
        match=r"^Rationale holds an invisible control character \(U\+000B\) "
        r"at character 4",
    ):
        Answer("phase", 2, None, None, "fine", "bad\x0bhere").validate()
    with pytest.raises(
        PlanError, match=r"^The owner holds an invisible control character \(U\+0007\)"
    ):
        ActionItem("Draft", owner="Min\x07istry").validate()


def exported_json(db, framework, edit) -> bytes:
    assessment_id = formula_like(db, framework)
    document = json.loads(to_json(framework, gather(db, [assessment_id])))
    edit(document)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda d: d["ratings"][0].update(evidence="Law\x0bpassed"),
            '"ratings", item 1, field "evidence": holds an invisible control character (U+000B) at '
            "character 4, which reports and spreadsheets cannot hold: remove it (it often comes with "
            "pasted text).",
        ),
        (
            lambda d: d["action_items"][0].update(due_date="1899-12-31"),
            '"action_items", item 1, field "due_date": 1899-12-31 is out of range: a date is from '
            "1990-01-01 to 2100-12-31.",
        ),
        (
            lambda d: d["assessment_details"][0].update(assessment_date="2101-01-01"),
            '"assessment_details", item 1, field "assessment_date": 2101-01-01 is out of range: a date is '
            "from 1990-01-01 to 2100-12-31.",
        ),
    ],
)
def test_imports_refuse_control_characters_and_dates_out_of_range(
    db, other, framework, edit, message
):
    data = exported_json(db, framework, edit)
    with pytest.raises(FileError) as raised:
        read_file("bad.json", data, framework)(other)
    assert str(raised.value) == message and set(row_counts(other).values()) == {0}


def test_excel_import_refuses_a_due_date_before_1990(db, other, framework):
    assessment_id = formula_like(db, framework)
    book = load_workbook(io.BytesIO(to_excel(framework, gather(db, [assessment_id]))))
    book["Action plan history"]["F2"] = date(1980, 1, 1)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(
        FileError,
        match=r'^Sheet "Action plan history", row 2, column "Due date": 1980-01-01 is out of range',
    ):
        read_file("bad.xlsx", out.getvalue(), framework)(other)
