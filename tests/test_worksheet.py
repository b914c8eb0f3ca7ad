"""The offline worksheet: the Excel one filled in and imported gives the same assessment as the app;
the printable PDF holds every subdomain with its four phases."""

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from cpss.db import assessments, lifecycle
from cpss.exchange.importing import CONFLICT, apply_import, read_file
from cpss.exchange.tables import FileError
from cpss.exchange.worksheet import worksheet_excel
from cpss.exchange.worksheet_pdf import worksheet_pdf
from cpss.model.answers import Answer
from tests.exchange_support import edit_workbook, rich_assessment, row_counts, set_cell

ROW = {"1.1": 2, "1.2": 3, "2.1": 4}  # the worksheet's row of each subdomain


def fill(book):
    details = book["Details"]
    details["B5"], details["B7"], details["B8"], details["B9"] = (
        "Côte d'Ivoire",
        "Atelier national",
        "2026-05-04",
        "Amina",
    )
    set_cell(book, "Worksheet", ROW["1.1"], "Current phase", "2 · System Enhancement")
    set_cell(book, "Worksheet", ROW["1.1"], "Target phase", "3 · System Integration")
    set_cell(book, "Worksheet", ROW["1.1"], "Confidence", "high")
    set_cell(book, "Worksheet", ROW["1.1"], "Evidence", "Закон 2019; تقرير")
    set_cell(book, "Worksheet", ROW["1.2"], "Current phase", "Don't know")
    set_cell(book, "Worksheet", ROW["2.1"], "Current phase", "Not applicable")
    set_cell(book, "Worksheet", ROW["2.1"], "Rationale", "Pas de niveau régional")


def test_filled_worksheet_gives_the_assessment_and_imports_once(db, framework):
    data = edit_workbook(worksheet_excel(framework), fill)
    plan = read_file("atelier.xlsx", data, framework)(db)
    assert len(plan.new_assessments) == 1 and not plan.conflicts
    assert apply_import(db, plan) == 5  # the assessment, its details, three answers
    assessment_id = plan.new_assessments[0]["id"]
    details = assessments.assessment(db, assessment_id).details
    assert (details.country_code, details.title, details.assessor) == (
        "CIV",
        "Atelier national",
        "Amina",
    )
    assert assessments.current_answers(db, assessment_id) == {
        "1.1": Answer("phase", 2, 3, "high", "Закон 2019; تقرير", ""),
        "1.2": Answer("dont_know"),
        "2.1": Answer("not_applicable", rationale="Pas de niveau régional"),
    }
    assert assessments.answer_history(db, assessment_id, "1.1")["source"].tolist() == ["worksheet"]
    again = read_file("atelier.xlsx", data, framework)(db)
    assert again.is_empty and apply_import(db, again) == 0


def test_prefilled_worksheet_round_trip_and_newer_answers_conflict(db, framework):
    assessment_id = rich_assessment(db, framework)
    answers = assessments.current_answers(db, assessment_id)
    data = worksheet_excel(framework, assessments.assessment(db, assessment_id), answers)
    unchanged = read_file("w.xlsx", data, framework)(db)
    assert unchanged.is_empty  # exported then imported as it is: the same assessment
    assessments.save_answer(db, assessment_id, "1.1", Answer("phase", 4, 4, "high"), "Office")
    edited = edit_workbook(
        data,
        lambda b: set_cell(b, "Worksheet", ROW["1.1"], "Current phase", "3 · System Integration"),
    )
    plan = read_file("w.xlsx", edited, framework)(db)
    assert [c.kind for c in plan.conflicts] == [CONFLICT]
    assert (
        apply_import(db, plan) == 0
        and assessments.current_answers(db, assessment_id)["1.1"].phase == 4
    )


def test_rows_untouched_since_the_prefill_are_unchanged(db, framework):
    """Answers changed here after the worksheet was prefilled stay, without a conflict, where the
    worksheet's row is still as prefilled; a row answered offline is a conflict that says when the
    worksheet was prepared (the file's row is stamped at import, after the local change)."""
    assessment_id = rich_assessment(db, framework)
    answers = assessments.current_answers(db, assessment_id)
    data = worksheet_excel(framework, assessments.assessment(db, assessment_id), answers)
    for sub in ("1.1", "1.2", "2.1"):
        assessments.save_answer(db, assessment_id, sub, Answer("phase", 4, 4, "high"), "Office")
    edited = edit_workbook(
        data, lambda b: set_cell(b, "Worksheet", ROW["2.1"], "Current phase", "1 · System Building")
    )
    plan = read_file("w.xlsx", edited, framework)(db)
    assert [c.key.rsplit(":", 1)[1] for c in plan.conflicts] == ["2.1"]
    assert "in the worksheet prepared at " in plan.conflicts[0].incoming
    assert "by Office at" in plan.conflicts[0].here
    assert apply_import(db, plan) == 0
    assert assessments.current_answers(db, assessment_id)["1.1"].phase == 4


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda b: b["Details"].__setitem__("B5", "Atlantis"),
            'Sheet "Details", row 5, column "Value": \'Atlantis\' is not a country or territory of the '
            "list: pick one from the drop-down.",
        ),
        (
            lambda b: set_cell(b, "Worksheet", 2, "Current phase", "5 · Beyond"),
            'Sheet "Worksheet", row 2, column "Current phase": \'5 · Beyond\' is not one of: '
            "1 · System Building, 2 · System Enhancement, 3 · System Integration, 4 · System Maturity, "
            "Don't know, Not applicable.",
        ),
        (
            lambda b: set_cell(b, "Worksheet", 5, "Current phase", "Not applicable"),
            'Sheet "Worksheet", row 5, column "Current phase": "Not applicable" needs a reason: write it '
            "in the rationale, then it is saved.",
        ),
        (
            lambda b: b["Details"].__setitem__("B3", "2019"),
            'Sheet "Details", row 3, column "Value": the file uses framework version \'2019\', this app '
            "uses version 'UNICEF 2021-09': assessments can only be imported into an installation with "
            "the same framework version.",
        ),
    ],
)
def test_bad_worksheets_are_refused_and_nothing_is_written(db, framework, edit, message):
    data = edit_workbook(worksheet_excel(framework), lambda b: (fill(b), edit(b)))
    with pytest.raises(FileError) as raised:
        read_file("w.xlsx", data, framework)(db)
    assert str(raised.value) == message and set(row_counts(db).values()) == {0}


def test_printable_worksheet_has_every_subdomain_and_phase(framework):
    reader = PdfReader(io.BytesIO(worksheet_pdf(framework)))
    assert len(reader.pages) == 1 + len(framework.subdomains)
    for page, sub in zip(reader.pages[1:], framework.subdomains):
        text = page.extract_text()
        assert sub.label.split()[0] in text and "Rationale" in text
        assert all(phase.label in text for phase in framework.phases)


def test_prefilled_printable_worksheet_ticks_the_answers_and_prints_the_texts(db, framework):
    """The prefilled PDF filled only its cover: now each page ticks the answer and prints its
    evidence and rationale."""
    assessment_id = rich_assessment(db, framework)
    answers = assessments.current_answers(db, assessment_id)
    data = worksheet_pdf(framework, assessments.assessment(db, assessment_id), answers)
    pages = PdfReader(io.BytesIO(data)).pages
    for page, sub in zip(pages[1:], framework.subdomains):
        text = " ".join(page.extract_text().split())
        assert "☒" in text, sub.id
        assert answers[sub.id].rationale in text and answers[sub.id].evidence[:20] in text


def test_details_left_as_prefilled_are_unchanged(db, framework):
    """Details changed here after the worksheet was prefilled (a new title) stay, without a
    conflict, when the worksheet's details are still as prefilled."""
    assessment_id = rich_assessment(db, framework)
    here = assessments.assessment(db, assessment_id)
    data = worksheet_excel(framework, here, assessments.current_answers(db, assessment_id))
    lifecycle.edit_details(db, assessment_id, replace(here.details, title="Renamed here"), "Office")
    plan = read_file("w.xlsx", data, framework)(db)
    assert plan.conflicts == []
    apply_import(db, plan)
    assert assessments.assessment(db, assessment_id).details.title == "Renamed here"
