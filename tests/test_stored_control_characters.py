"""Text stored before control characters were refused (older versions, or written to the database
by hand) still goes into every export and report, each such character shown as "\ufffd"."""

import io

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from cpss.exchange.export import gather, to_excel
from cpss.exchange.worksheet import worksheet_excel
from cpss.reports.comparison import build_report
from tests.exchange_support import rich_assessment

STORED = "Report\x01 of 2019\x0b annex"
SHOWN = "Report\ufffd of 2019\ufffd annex"


def stored_with_controls(store, framework) -> str:
    """An assessment whose title and every evidence text hold control characters."""
    assessment_id = rich_assessment(store, framework)
    store.cur.execute("UPDATE ratings SET evidence = ? WHERE assessment_id = ?", [STORED, assessment_id])
    store.cur.execute("UPDATE assessment_details SET title = ? WHERE assessment_id = ?",
                      [STORED, assessment_id])
    return assessment_id


def test_excel_export_and_worksheet_show_them_as_replacement_characters(store, framework):
    assessment_id = stored_with_controls(store, framework)
    for data in (to_excel(framework, gather(store, [assessment_id])),
                 worksheet_excel(framework, store.assessment(assessment_id),
                                 store.current_answers(assessment_id))):
        book = load_workbook(io.BytesIO(data))
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                 for cell in row]
        assert SHOWN in cells and STORED not in cells


def test_word_and_pdf_reports_show_them_as_replacement_characters(store, framework):
    assessment_id = stored_with_controls(store, framework)
    word = docx.Document(io.BytesIO(build_report(store, framework, [assessment_id], "docx")))
    paragraphs = [p.text for p in word.paragraphs] + [
        cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert any(SHOWN in text for text in paragraphs)
    pdf = build_report(store, framework, [assessment_id], "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "\ufffd of 2019" in text and "\x01" not in text
