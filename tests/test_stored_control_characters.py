"""Text stored before control characters were refused (older versions, or written to the database
by hand) still goes into every export and report, each such character shown as "\ufffd"."""

import io

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from cpss.db import assessments
from cpss.exchange.export import gather, to_excel
from cpss.exchange.worksheet import worksheet_excel
from cpss.model.access import EDIT
from cpss.reports.comparison import build_report
from tests.exchange_support import rich_assessment

STORED = "Report\x01 of 2019\x0b annex"
SHOWN = "Report\ufffd of 2019\ufffd annex"


def stored_with_controls(db, framework) -> str:
    """An assessment whose title and every evidence text hold control characters."""
    assessment_id = rich_assessment(db, framework)
    db.write(
        EDIT,
        lambda tx: tx.run(
            "UPDATE ratings SET evidence = :p0 WHERE assessment_id = :p1",
            {"p0": STORED, "p1": assessment_id},
        ),
    )
    db.write(
        EDIT,
        lambda tx: tx.run(
            "UPDATE assessment_details SET title = :p0 WHERE assessment_id = :p1",
            {"p0": STORED, "p1": assessment_id},
        ),
    )
    return assessment_id


def test_excel_export_and_worksheet_show_them_as_replacement_characters(db, framework):
    assessment_id = stored_with_controls(db, framework)
    for data in (
        to_excel(framework, gather(db, [assessment_id])),
        worksheet_excel(
            framework,
            assessments.assessment(db, assessment_id),
            assessments.current_answers(db, assessment_id),
        ),
    ):
        book = load_workbook(io.BytesIO(data))
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        ]
        assert SHOWN in cells and STORED not in cells


def test_word_and_pdf_reports_show_them_as_replacement_characters(db, framework):
    assessment_id = stored_with_controls(db, framework)
    word = docx.Document(io.BytesIO(build_report(db, framework, [assessment_id], "docx")))
    paragraphs = [p.text for p in word.paragraphs] + [
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    ]
    assert any(SHOWN in text for text in paragraphs)
    pdf = build_report(db, framework, [assessment_id], "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "\ufffd of 2019" in text and "\x01" not in text
