"""Reports that a screen reader can use (issue 21, WCAG 2.1 AA): read back with pypdf and
python-docx, the PDF carries a title, a language, an outline that follows the headings and a tagged
figure with alt text per chart; the Word file uses heading styles in order and alt text on every
picture; the worksheet PDF has a title, a language and an outline too."""

from __future__ import annotations

import io
from itertools import pairwise

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from cpss.db.core import connect
from cpss.exchange.worksheet_pdf import worksheet_pdf
from cpss.reports.comparison import comparison_report
from cpss.reports.content import OUTCOME_HEADERS, assessment_report
from cpss.reports.document import REPORT_LANGUAGE, Document, Heading, Image
from cpss.reports.pdf import COVER_BOOKMARK, document_pdf
from cpss.reports.word import document_docx
from tests.exchange_support import everything
from tests.test_word_layout import libreoffice_pdf

# LibreOffice's PDF export with tags: what an office program makes of the Word file's structure
TAGGED_EXPORT = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


@pytest.fixture(scope="module")
def documents(tmp_path_factory, framework) -> list[Document]:
    """The report of the rich assessment, of the demo follow-up (with its previous one), and the
    comparison of all three; built once for the module (charts take seconds), in its own file."""
    connection = connect(tmp_path_factory.mktemp("reports") / "reports.duckdb")
    db = connection.db()
    ids = everything(db)
    built = [
        assessment_report(db, framework, ids[0]),
        assessment_report(db, framework, ids[2]),
        comparison_report(db, framework, ids),
    ]
    connection.close()
    return built


@pytest.fixture(scope="module")
def pdfs(documents) -> list[PdfReader]:
    """Each document written as PDF, read back."""
    return [PdfReader(io.BytesIO(document_pdf(d))) for d in documents]


@pytest.fixture(scope="module")
def words(documents) -> list[docx.document.Document]:
    """Each document written as Word, read back."""
    return [docx.Document(io.BytesIO(document_docx(d))) for d in documents]


def outline(items, level: int = 0) -> list[tuple[str, int]]:
    """pypdf's nested outline as (title, level) pairs in reading order."""
    flat: list[tuple[str, int]] = []
    for item in items:
        if isinstance(item, list):
            flat += outline(item, level + 1)
        else:
            flat.append((item.title, level))
    return flat


def figures(node) -> list[DictionaryObject]:
    """Every /Figure structure element under ``node`` (the structure tree root or an element)."""
    node = node.get_object()
    if isinstance(node, list):
        return [found for kid in node for found in figures(kid)]
    if not isinstance(node, DictionaryObject):
        return []  # a marked-content id
    found = [node] if node.get("/S") == "/Figure" else []
    return found + (figures(node["/K"]) if "/K" in node else [])


def expected_outline(document: Document) -> list[tuple[str, int]]:
    """The cover (and its first priorities), then every heading one level up from its own."""
    cover = [(COVER_BOOKMARK, 0)]
    if document.key_figures:
        cover.append((document.key_figures.priorities_title, 1))
    headings = [(b.text, b.level - 1) for b in document.blocks if isinstance(b, Heading)]
    return cover + headings


def images(document: Document) -> list[Image]:
    return [b for b in document.blocks if isinstance(b, Image)]


def test_pdf_has_a_title_shown_by_the_viewer_and_a_language(documents, pdfs):
    for document, reader in zip(documents, pdfs):
        catalog = reader.trailer["/Root"]
        assert reader.metadata is not None and reader.metadata.title == document.title
        assert catalog["/Lang"] == REPORT_LANGUAGE == "en-GB"
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])


def test_pdf_outline_follows_the_headings_and_their_levels(documents, pdfs):
    for document, reader in zip(documents, pdfs):
        assert outline(reader.outline) == expected_outline(document)
    answers = outline(pdfs[0].outline)
    assert ("Every subdomain's answer", 0) in answers and (
        "1. Legal and policy framework",
        1,
    ) in answers
    assert ("1.1 Understanding", 2) in [(title[:17], level) for title, level in answers]


def test_pdf_tags_every_chart_as_a_figure_with_its_alt_text(documents, pdfs):
    for document, reader in zip(documents, pdfs):
        tagged = figures(reader.trailer["/Root"]["/StructTreeRoot"])
        charts = images(document)
        assert len(charts) >= 2  # radar and heatmap, then the investment charts
        assert [f["/Alt"] for f in tagged] == [c.alt_text for c in charts]
        assert all(len(c.alt_text) > 40 for c in charts)


def test_word_headings_use_heading_styles_in_order_without_jumps(documents, words):
    for document, word in zip(documents, words):
        styles = [p.style.name for p in word.paragraphs if p.style.name.startswith(("Head", "Tit"))]
        assert styles[0] == "Title" and "Title" not in styles[1:]
        levels = [int(name.split()[-1]) for name in styles[1:]]
        assert levels[0] == 1
        jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert not jumps, jumps
        wanted = [b.level for b in document.blocks if isinstance(b, Heading)]
        assert levels[-len(wanted) :] == wanted


def test_every_word_picture_has_alt_text_and_a_title(documents, words):
    for document, word in zip(documents, words):
        pictures = list(word.element.body.iter(qn("wp:docPr")))
        charts = images(document)
        assert len(pictures) == len(charts) == len(word.inline_shapes) >= 2
        assert [p.get("descr") for p in pictures] == [c.alt_text for c in charts]
        assert [p.get("title") for p in pictures] == [c.caption for c in charts]


def test_word_core_properties_and_language(documents, words):
    for document, word in zip(documents, words):
        assert word.core_properties.title == document.title
        assert word.core_properties.language == REPORT_LANGUAGE
        langs = {e.get(qn("w:val")) for e in word.styles.element.iter(qn("w:lang"))}
        assert langs == {REPORT_LANGUAGE}


def test_word_tables_repeat_their_header_row(words):
    """Every data table's first row is marked as a header (read out, and repeated on each page);
    the cover's label/value facts have none."""
    tables = list(words[0].element.body.iter(qn("w:tbl")))
    header = f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:tblHeader')}"
    marked = [t for t in tables if t.find(header) is not None]
    assert len(marked) == len(tables) - 1 >= 3


def structure_types(node, found: list[str]) -> list[str]:
    """The structure types (``/H1``, ``/TH``, ``/Figure``...) of the tree under ``node``, in order."""
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            structure_types(kid, found)
    elif isinstance(node, DictionaryObject):
        found += [str(node["/S"])] if "/S" in node else []
        if "/K" in node:
            structure_types(node["/K"], found)
    return found


def test_an_office_program_reads_the_word_structure(documents, tmp_path):
    """LibreOffice opens the Word file and exports it as a tagged PDF: the headings, the table
    header cells, and the charts as figures with our alt text, in our language."""
    document = documents[0]
    tagged = PdfReader(
        io.BytesIO(libreoffice_pdf(document_docx(document), tmp_path, TAGGED_EXPORT))
    )
    root = tagged.trailer["/Root"]
    types = structure_types(root["/StructTreeRoot"], [])
    headings = [b for b in document.blocks if isinstance(b, Heading)]
    for level in (1, 2, 3):
        # and the cover's "Key figures" (1) and its first priorities (2)
        wanted = sum(h.level == level for h in headings) + (level in (1, 2))
        assert types.count(f"/H{level}") == wanted, level
    assert types.count("/TH") >= 2 + len(OUTCOME_HEADERS)  # the phase and outcome tables
    alts = [str(f.get("/Alt", "")) for f in figures(root["/StructTreeRoot"])]
    assert len(alts) == 2 and all(c.alt_text in a for c, a in zip(images(document), alts))
    assert root["/Lang"] == REPORT_LANGUAGE


def test_worksheet_pdf_has_a_title_a_language_and_an_outline(framework):
    reader = PdfReader(io.BytesIO(worksheet_pdf(framework)))
    assert reader.metadata is not None and reader.metadata.title == "CPSS offline worksheet"
    assert reader.trailer["/Root"]["/Lang"] == REPORT_LANGUAGE
    assert bool(reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])
    wanted = [("CPSS self-assessment: offline worksheet", 0)]
    for o in framework.outcomes:
        wanted += [(o.label, 0)] + [(s.label, 1) for s in o.subdomains]
    assert outline(reader.outline) == wanted
