"""Reports: the PDF's text and the Word document's sections, for one assessment and a comparison."""

import io
import re
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from cpss.db import assessments, documents
from cpss.i18n import format_date
from cpss.model.access import SOLO
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.documents import NewDocument
from cpss.model.errors import UserError
from cpss.reports.comparison import (
    MAX_COMPARED,
    build_report,
    comparison_report,
    report_contents,
)
from cpss.reports.content import assessment_report
from cpss.reports.document import Bullets, Heading, Table
from cpss.reports.pdf import document_pdf, needs_shaping
from cpss.reports.word import document_docx
from tests.document_support import office_zip
from tests.exchange_support import COUNTRY, NOTES, everything, rich_assessment


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_headings(data: bytes, level: int) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


@pytest.fixture
def rich(db, framework):
    return rich_assessment(db, framework)


def test_pdf_report_holds_every_subdomain_the_country_and_the_notes(db, framework, rich):
    steps = []
    text = pdf_text(build_report(db, framework, [rich], "pdf", steps.append))
    assert COUNTRY in text and "Région des Savanes" in text and "Aïcha Koné" in text
    for sub in framework.subdomains:
        assert f"{sub.id} " in text, sub.id
    for note in NOTES.values():  # French, Russian, Arabic and Spanish print as typed
        assert note in text.replace("\n", " "), note
    assert steps == [
        "Reading the assessment",
        "Drawing the charts",
        "Writing the priorities, the plan and the answers",
        "Writing the PDF file",
    ]


def test_pdf_and_word_hold_the_same_sections(db, framework, rich):
    document = assessment_report(db, framework, rich)
    titles = document.section_titles()
    assert titles == [
        "Summary",
        "Charts",
        "Priority investments",
        "Action plan",
        "Investment",
        "Every subdomain's answer",
        "Evidence documents",
        "Method",
    ]
    word = document_docx(document)
    assert docx_headings(word, 1) == ["Key figures", *titles]  # the cover's, then the sections
    pdf = pdf_text(document_pdf(document))
    assert all(title in pdf for title in titles)
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)
    assert NOTES["2.1"] in body and "Adopter le décret d’application" in "\n".join(
        cell.text
        for table in docx.Document(io.BytesIO(word)).tables
        for row in table.rows
        for cell in row.cells
    )


def test_both_formats_list_the_documents_per_subdomain(db, framework, rich):
    new = NewDocument("plan.docx", office_zip("word/document.xml"), "Costed plan 2026")
    documents.attach(db, rich, "2.1", new, "Ana")
    document = assessment_report(db, framework, rich)
    pdf = pdf_text(document_pdf(document)).replace("\n", " ")
    day = format_date(date.today())
    assert "Costed plan 2026" in pdf and "Word document" in pdf and day in pdf
    word = docx.Document(io.BytesIO(document_docx(document)))
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert ["Costed plan 2026", "Word document", day] in cells
    assert framework.subdomain("2.1").label in docx_headings(document_docx(document), 2)


def test_report_of_a_later_assessment_shows_the_change(db, framework):
    ids = everything(db)
    document = assessment_report(db, framework, ids[2])  # the demo follow-up of 2026
    assert "Change since the previous assessment" in document.section_titles()
    text = pdf_text(document_pdf(document))
    assert "up 1 phase" in text and "DEMO · National baseline 2023" in text


def test_comparison_report_in_both_formats(db, framework):
    ids = everything(db)
    document = comparison_report(db, framework, ids)
    assert document.section_titles() == [
        "Assessments compared",
        "Charts",
        "Subdomains side by side",
        "First priorities of each assessment",
        "Investment",
        "Across the countries: Every region",
        "Method",
    ]
    text = pdf_text(build_report(db, framework, ids, "pdf"))
    assert COUNTRY in text and "C = Demoland (fictional country), DEMO" in text
    assert docx_headings(build_report(db, framework, ids, "docx"), 1) == document.section_titles()


def test_comparison_names_columns_by_whole_letters_with_a_key(db, framework):
    """Columns are "A", "B", "C"; the key table and the headings say what each letter stands
    for, whole (the name cut to fit was "B · Demoland (fictiona 2023-05")."""
    ids = everything(db)
    document = comparison_report(db, framework, ids)
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert tables[0].headers[0] == "Key" and [r[0] for r in tables[0].rows] == ["A", "B", "C"]
    side = next(t for t in tables if t.headers[0] == "Subdomain")
    assert side.headers[1:] == ("A", "B", "C")
    headings = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 2]
    baseline = (
        "B = Demoland (fictional country), DEMO · National baseline 2023 (fictional data), May 2023"
    )
    assert headings.count(baseline) == 2  # its averages and its first priorities
    text = pdf_text(build_report(db, framework, ids, "pdf"))
    assert not re.search(r"fictiona(?!l)", text)  # no name cut inside a word


def test_the_page_says_what_each_report_holds(db, framework):
    """The caption of the reports lists the sections of the report it builds: a comparison has
    no action plan, and says so."""
    ids = everything(db)
    for document, contents in (
        (comparison_report(db, framework, ids), report_contents(3)),
        (assessment_report(db, framework, ids[0]), report_contents(1)),
        (assessment_report(db, framework, ids[2]), report_contents(1)),  # with its previous one
    ):
        for title in document.section_titles():
            words = [w.lower()[:7] for w in title.split() if len(w) > 3]
            assert any(w in contents for w in words), (title, contents)
    assert "Action plan" not in comparison_report(db, framework, ids).section_titles()
    assert "no action plan" in report_contents(2) and "action plan" in report_contents(1)


def test_comparison_of_too_many_is_refused(db, framework):
    with pytest.raises(UserError, match=f"at most {MAX_COMPARED} assessments"):
        comparison_report(db, framework, ["x"] * (MAX_COMPARED + 1))


def test_shaping_is_on_only_where_a_script_needs_it():
    assert needs_shaping("Latin", "تقرير") and not needs_shaping("Côte d'Ivoire", "Закон", "")


def priority_lines(document, section: str) -> list[str]:
    """The numbered lines (headings or bullets) of a level-1 section, up to the next heading of
    level 1 or 2 after the first of them that is not one of them."""
    start = next(
        i for i, b in enumerate(document.blocks) if isinstance(b, Heading) and b.text == section
    )
    lines = []
    for block in document.blocks[start + 1 :]:
        texts = block.items if isinstance(block, Bullets) else [getattr(block, "text", "")]
        found = [t for t in texts if t[:1].isdigit() and ". " in t[:4]]
        if isinstance(block, Heading) and block.level <= 2 and lines and not found:
            break
        lines += found
    return lines


def test_priorities_are_numbered_in_the_users_order(db, framework):
    """The users moved 2.3 and 1.1 to the top: the report numbers 1, 2, 3... down the list, as the
    dashboard does, whatever the ranking's own ranks were."""
    ids = everything(db)  # the first is the rich assessment, whose review starts with 2.3, 1.1
    report = assessment_report(db, framework, ids[0])
    for document, section in (
        (report, "Priority investments"),
        (report, "Summary"),
        (comparison_report(db, framework, ids), "First priorities of each assessment"),
    ):
        lines = priority_lines(document, section)
        assert lines[0].startswith("1. 2.3 ") and lines[1].startswith("2. 1.1 "), (section, lines)
        assert [int(line.split(".")[0]) for line in lines] == list(range(1, len(lines) + 1)), (
            section
        )


def cover_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_cover_shows_the_key_figures(db, framework, rich):
    """19 answered; the rated phases 1,1,1,1,2,2,2,2,2,2,3,3,3,4,4,4 have the median (lower middle)
    2; the users moved 2.3 and 1.1 to the top of the priorities."""
    cover = cover_text(build_report(db, framework, [rich], "pdf"))
    words = " ".join(cover.split())  # captions wrap
    assert "19 of 19 subdomains answered" in words
    assert "Phase 2 System Enhancement: the median phase of the 16 rated subdomains" in words
    lines = [line for line in cover.splitlines() if re.match(r"\d\. \d\.\d ", line)]
    assert len(lines) == 3 and [line[:7] for line in lines[:2]] == ["1. 2.3 ", "2. 1.1 "]
    assert lines[2].startswith("3. ")
    assert "Assessors Aïcha Koné, Jean" in cover


def test_the_cover_never_names_the_single_user_mode_as_an_assessor(db, framework):
    """Nobody typed as assessor, answers recorded in single-user mode (under "solo user")."""
    details = AssessmentDetails("KEN", "Kenya", "Baseline", date(2026, 1, 5))
    assessment_id = assessments.create(db, details, framework.version, by=SOLO.name)
    assessments.save_answer(db, assessment_id, "1.1", Answer().with_choice(2), SOLO.name)
    cover = " ".join(cover_text(build_report(db, framework, [assessment_id], "pdf")).split())
    assert SOLO.name not in cover and "Assessors not given" in cover
    assert "1 of 19 subdomains answered" in cover and "Phase 2" in cover
    assert "1. 1.1 Understanding" in cover and "No priority" not in cover
    empty = assessments.create(db, details, framework.version, by=SOLO.name)
    cover = " ".join(cover_text(build_report(db, framework, [empty], "pdf")).split())
    assert "0 of 19 subdomains answered" in cover and "no subdomain is rated yet" in cover
    assert "No priority: nothing is below its target." in cover


def test_priorities_carry_one_number_and_no_bullet(db, framework):
    """ "1. 2.3 ...", never "• 1. 2.3 ..." (a bullet, the place and the subdomain's number)."""
    ids = everything(db)
    for data in (
        build_report(db, framework, [ids[0]], "pdf"),
        build_report(db, framework, ids, "pdf"),
    ):
        text = pdf_text(data)
        assert re.search(r"^1\. 2\.3 ", text, re.MULTILINE) and not re.search(r"•\s*\d+\.", text)
    word = docx.Document(io.BytesIO(build_report(db, framework, [ids[0]], "docx")))
    numbered_lines = [
        p
        for p in word.paragraphs
        if re.match(r"\d\. \d\.\d ", p.text) and not p.style.name.startswith("Heading")
    ]  # priority headings have no bullet
    assert numbered_lines and {p.style.name for p in numbered_lines} == {"List"}
