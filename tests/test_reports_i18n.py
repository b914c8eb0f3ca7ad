"""Reports and offline worksheets in the chosen language (issue 17): headings, labels, dates, the
PDF's footer and language in French, Russian and Arabic, with the framework's real translations;
a worksheet written in French imports in an English session.

The interface catalogues may not be translated yet, so the interface words come from a small fake
catalogue (a dict); the criterion texts are the real translations of data/translations."""

import io
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from cpss.db import assessments
from cpss.exchange.importing import apply_import, read_file
from cpss.exchange.worksheet import worksheet_excel
from cpss.exchange.worksheet_pdf import worksheet_pdf
from cpss.i18n import ENGLISH, Text, format_date, format_month, format_number
from cpss.model.priorities import rank_priorities
from cpss.model.translation_file import load_translation
from cpss.reports.comparison import build_report
from tests.exchange_support import edit_workbook, rich_assessment, set_cell
from tests.test_i18n_errors import Catalogue
from tests.test_reports_rtl import placed_texts

FRENCH = {
    "Summary": "Résumé",
    "Method": "Méthode",
    "Charts": "Graphiques",
    "Action plan": "Plan d'action",
    "Every subdomain's answer": "La réponse de chaque sous-domaine",
    "{title} · page {page} of {pages}": "{title} · page {page} sur {pages}",
    "CPSS self-assessment report: {place}": "Rapport d'auto-évaluation CPSS : {place}",
    "CPSS self-assessment: offline worksheet": "Auto-évaluation CPSS : questionnaire hors ligne",
    "Don't know": "Ne sait pas",
    "high": "élevée",
}
RUSSIAN = {"Summary": "Сводка", "Method": "Методика"}
ARABIC = {"Summary": "ملخص التقييم", "Method": "المنهجية"}


def fake(language: str, words: dict[str, str]) -> Text:
    """The words given in ``language``, English for the rest."""
    return Text(language, Catalogue(words))


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())  # line breaks and spacing as the PDF wrapped them


def pdf_language(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"]


@pytest.fixture
def rich(db, framework):
    return rich_assessment(db, framework)


def test_dates_and_numbers_in_the_language():
    day = date(2026, 3, 1)
    assert format_date(day) == "1 March 2026"  # as the reports wrote it before
    assert format_date(day, fake("fr", {})) == "1 mars 2026"
    assert format_month(day, fake("fr", {})) == "mars 2026"
    assert format_number(2.5, ENGLISH, decimals=2) == "2.50"
    assert format_number(2.5, fake("fr", {}), decimals=2) == "2,50"


def test_a_french_pdf_report_has_french_headings_criteria_dates_and_footer(db, rich):
    french = load_translation("fr")
    tr = fake("fr", FRENCH)
    data = build_report(db, french, [rich], "pdf", tr=tr)
    text = flat(pdf_text(data))
    for heading in ("Résumé", "Graphiques", "Plan d'action", "Méthode"):
        assert heading in text, heading
    assert "page 1 sur" in text and "Rapport d'auto-évaluation CPSS" in text
    assert "10 mars 2026" in text  # the assessment's date, written in French
    answers = assessments.current_answers(db, rich)
    milestone = rank_priorities(french, answers, tr=tr)[0].milestone_text
    assert flat(milestone)[:60] in text  # a French criterion text, the first priority's milestone
    assert french.subdomains[0].title in text
    assert pdf_language(data) == "fr"


def test_a_russian_pdf_report_renders_in_russian(db, rich):
    russian = load_translation("ru")
    data = build_report(db, russian, [rich], "pdf", tr=fake("ru", RUSSIAN))
    text = flat(pdf_text(data))
    assert "Сводка" in text and "Методика" in text
    assert russian.subdomains[0].title in text
    assert pdf_language(data) == "ru"


def test_an_arabic_pdf_report_renders_right_to_left(db, rich):
    arabic = load_translation("ar")
    data = build_report(db, arabic, [rich], "pdf", tr=fake("ar", ARABIC))
    assert pdf_language(data) == "ar"
    placed = placed_texts(data, 1)  # the page after the cover: the summary
    assert ARABIC["Summary"] in placed  # in reading order: its first word is the rightmost
    assert placed[ARABIC["Summary"]] > 595 / 2  # from the right margin
    assert "المنهجية" in pdf_text(data)


def test_a_french_word_report_has_french_headings_and_language(db, rich):
    data = build_report(db, load_translation("fr"), [rich], "docx", tr=fake("fr", FRENCH))
    word = docx.Document(io.BytesIO(data))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    for heading in ("Résumé", "Graphiques", "Plan d'action", "Méthode"):
        assert heading in headings, heading
    assert word.core_properties.language == "fr"


def test_an_english_report_keeps_its_words_and_british_language(db, framework, rich):
    data = build_report(db, framework, [rich], "pdf")
    text = flat(pdf_text(data))
    assert "Summary" in text and "page 1 of" in text and "10 March 2026" in text
    assert pdf_language(data) == "en-GB"


def test_a_french_printable_worksheet_has_french_words_and_criteria():
    french = load_translation("fr")
    data = worksheet_pdf(french, tr=fake("fr", FRENCH))
    text = flat(pdf_text(data))
    assert "Auto-évaluation CPSS : questionnaire hors ligne" in text
    assert flat(french.subdomains[0].criteria[1])[:50] in text
    assert "Ne sait pas" in text
    assert pdf_language(data) == "fr"


def test_a_worksheet_written_in_french_imports_in_an_english_session(db, framework):
    french = load_translation("fr")
    data = worksheet_excel(french, tr=fake("fr", FRENCH))

    def fill(book):
        details = book["Details"]
        details["B5"], details["B7"], details["B8"] = "Côte d'Ivoire", "Atelier", "2026-05-04"
        set_cell(book, "Worksheet", 2, "Current phase", french.phases[1].label)
        set_cell(book, "Worksheet", 2, "Target phase", french.phases[2].label)
        set_cell(book, "Worksheet", 2, "Confidence", "élevée")
        set_cell(book, "Worksheet", 3, "Current phase", "Ne sait pas")

    assert french.phases[1].label != framework.phases[1].label  # the test means something
    plan = read_file("atelier.xlsx", edit_workbook(data, fill), framework)(db)
    apply_import(db, plan)
    answers = assessments.current_answers(db, plan.new_assessments[0]["id"])
    first, second = (answers[sub.id] for sub in framework.subdomains[:2])
    assert (first.phase, first.target, first.confidence) == (2, 3, "high")
    assert second.status == "dont_know"
