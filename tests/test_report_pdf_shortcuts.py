"""The PDF writer's shortcuts around fpdf2 change nothing a reader sees: lines break at the same
places (the whole file is the same), and charts hold the same pixels."""

import io
import re

import fpdf
import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from cpss.reports import line_breaking
from cpss.reports.line_breaking import plain_line
from cpss.reports.content import assessment_report
from cpss.reports.document import Document, Heading, Image, Paragraph, Table
from cpss.reports.pdf import ReportPDF, document_pdf
from cpss.reports.pdf_images import ChartImages
from tests.exchange_support import everything

# Lines that wrap in every way fpdf2 knows: spaces, soft hyphens, a word longer than the line,
# no-break spaces, newlines, bold labels flowing into text, narrow table cells, Arabic (shaped).
AWKWARD = (
    "Ein\u00adsatz\u00adbereit\u00adschaft der Kinder\u00adschutz\u00addienste " * 6,
    "x" * 300,
    "1\u00a0000\u00a0enfants suivis; " * 12,
    "تقرير وزارة التضامن عن حماية الطفل " * 8,
    "First line of the evidence\nSecond, much longer line of the evidence that wraps " * 4 + "\n\n",
    "Fits.",
)


def without_dates(data: bytes) -> bytes:
    """The file without its creation date and the /ID that fpdf2 derives from it."""
    return re.sub(rb"/CreationDate \(D:[^)]*\)|/ID \[<[0-9A-F]+><[0-9A-F]+>\]", b"", data)


def awkward_document() -> Document:
    document = Document("Lines")
    document.add(Heading("Wrapping"), *(Paragraph(text, label="Note:") for text in AWKWARD),
                 Table(("Narrow", "Wide"), tuple((text[:90], text) for text in AWKWARD), (1, 4)))
    return document


def aligned_pdf() -> bytes:
    """The awkward texts justified, centred, right-aligned, in a narrow column and after a
    first-line indent: alignments and widths the report itself does not use."""
    pdf = ReportPDF("Alignments")
    pdf.add_page()
    for text in AWKWARD:
        for align in ("J", "C", "R"):
            pdf.multi_cell(0, 5, text, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(37, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(60)
        pdf.write(5, text)
        pdf.ln()
    return bytes(pdf.output())


@pytest.fixture
def fpdf2_lines():
    """fpdf2's own line breaking for the test, ours again afterwards."""
    line_breaking.uninstall()
    yield
    assert line_breaking.install()


def test_lines_break_where_fpdf2_breaks_them(store, framework, fpdf2_lines):
    ids = everything(store)  # notes in French, Russian, Arabic and Spanish; the demo follow-up
    documents = [assessment_report(store, framework, ids[0]),
                 assessment_report(store, framework, ids[2]), awkward_document()]
    own = [document_pdf(document) for document in documents] + [aligned_pdf()]
    assert line_breaking.install()
    fast = [document_pdf(document) for document in documents] + [aligned_pdf()]
    for before, after in zip(own, fast):
        assert without_dates(after) == without_dates(before)


def test_plain_lines_of_a_report_all_take_the_fast_path(store, framework, monkeypatch):
    """Otherwise the test above would pass with every line left to fpdf2's slow loop."""
    document = assessment_report(store, framework, everything(store)[2])  # Latin text only
    asked = {"lines": 0, "left to fpdf2": 0}

    def counted(breaker):
        at_end = breaker.fragment_index == len(breaker.fragments)  # fpdf2 answers "no more"
        line = plain_line(breaker)
        asked["lines"] += not at_end
        asked["left to fpdf2"] += line is NotImplemented and not at_end
        return line

    monkeypatch.setattr(line_breaking, "plain_line", counted)
    document_pdf(document)
    assert asked["lines"] > 500 and asked["left to fpdf2"] == 0


def test_line_breaking_is_changed_only_in_the_fpdf2_it_was_checked_against(fpdf2_lines, monkeypatch):
    monkeypatch.setattr(fpdf, "__version__", "9.9.9")
    assert not line_breaking.install()
    assert fpdf.line_break.CurrentLine is line_breaking.ORIGINAL_LINE
    assert fpdf.line_break.MultiLineBreak.get_line is line_breaking.ORIGINAL_GET_LINE


def test_charts_are_embedded_with_the_pixels_vl_convert_drew(store, framework):
    document = assessment_report(store, framework, everything(store)[2])
    charts = [block.png for block in document.blocks if isinstance(block, Image)]
    reader = PdfReader(io.BytesIO(document_pdf(document)))
    embedded = [picture.image for page in reader.pages for picture in page.images]
    assert len(embedded) == len(charts) == 2
    for png, picture in zip(charts, embedded):
        drawn = PILImage.open(io.BytesIO(png)).convert("RGB")
        assert picture.size == drawn.size
        assert picture.convert("RGB").tobytes() == drawn.tobytes()


def png_bytes(mode: str, colour) -> bytes:
    out = io.BytesIO()
    PILImage.new(mode, (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def test_a_picture_drawn_twice_is_embedded_once_and_transparency_is_left_to_fpdf2():
    pdf = ReportPDF("Pictures")
    pdf.add_page()
    opaque, transparent = png_bytes("RGBA", (10, 120, 200, 255)), png_bytes("RGBA", (9, 9, 9, 100))
    with ChartImages([opaque, transparent, opaque]) as charts:
        first, second = charts.image(pdf, opaque), charts.image(pdf, opaque)
        assert first == second and len(pdf.image_cache.images) == 1
        for _ in range(2):
            pdf.image(first, w=20)
        left = charts.image(pdf, transparent)
        assert isinstance(left, io.BytesIO)  # fpdf2 parses it and keeps its alpha mask
        pdf.image(left, w=20)
        unannounced = charts.image(pdf, png_bytes("RGB", (200, 10, 10)))  # converted on the spot
        assert isinstance(unannounced, str)
        charts.finish(pdf)
    page = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0]
    assert page.get_contents().get_data().count(b" Do") == 3  # drawn three times
    objects = [picture.indirect_reference.get_object() for picture in page.images]
    assert len(objects) == 2  # from two image objects (the last one was never drawn)
    assert ["/SMask" in image for image in objects] == [False, True]
