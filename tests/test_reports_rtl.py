"""Arabic reports run right to left: the PDF's lines from the right margin, Word's paragraphs bidi."""

import io

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from cpss.reports.document import Document, Heading, Paragraph
from cpss.reports.pdf import document_pdf
from cpss.reports.word import document_docx

HEADING = "ملخص التقييم"  # "summary of the assessment"


def arabic(language: str = "ar") -> Document:
    return Document(
        "تقرير", language=language, blocks=[Heading(HEADING), Paragraph("نص", label="الدليل:")]
    )


def placed_texts(pdf: bytes, page: int) -> dict[str, float]:
    """Each text drawn on ``page`` with the x (points) where it starts."""
    found: dict[str, float] = {}
    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(
        visitor_text=lambda text, cm, tm, *rest: found.setdefault(text.strip(), tm[4])
    )
    return found


def test_an_arabic_pdf_heading_reads_right_to_left_from_the_right_margin():
    placed = placed_texts(document_pdf(arabic()), 1)
    assert HEADING in placed  # extracted in reading order: the first word is the rightmost
    assert placed[HEADING] > 595 / 2
    english = placed_texts(document_pdf(arabic(language="en-GB")), 1)
    assert english[HEADING] < 595 / 4  # the same text in an English report stays left


def test_an_arabic_word_report_has_right_to_left_paragraphs():
    word = docx.Document(io.BytesIO(document_docx(arabic())))
    heading = next(p for p in word.paragraphs if p.text == HEADING)
    assert heading.paragraph_format.element.find(qn("w:pPr")).find(qn("w:bidi")) is not None
    english = docx.Document(io.BytesIO(document_docx(arabic(language="en-GB"))))
    assert not list(english.element.body.iter(qn("w:bidi")))
