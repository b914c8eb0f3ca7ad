"""The PDF writer's shortcuts around fpdf2 change nothing a reader sees: lines break at the same
places (the whole file is the same), and charts hold the same pixels."""

import io
import re
import struct
import zlib

import fpdf
import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from cpss.db import assessments
from cpss.exchange.worksheet_pdf import worksheet_pdf
from cpss.reports import line_breaking, pdf_tables
from cpss.reports.line_breaking import plain_line
from cpss.reports.content import assessment_report
from cpss.reports.document import Document, Heading, Image, Paragraph, Table
from cpss.reports.pdf import ReportPDF, document_pdf
from cpss.reports.pdf import _table as draw_table
from cpss.reports.pdf_images import NONE, SUB, ChartImages, rgb_rows
from cpss.reports.pdf_tables import OnePassTable
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


def test_lines_break_where_fpdf2_breaks_them(db, framework, fpdf2_lines):
    ids = everything(db)  # notes in French, Russian, Arabic and Spanish; the demo follow-up
    documents = [assessment_report(db, framework, ids[0]),
                 assessment_report(db, framework, ids[2]), awkward_document()]
    assessment = assessments.assessment(db, ids[0])

    def others():  # also the offline worksheet, which uses the same PDF class
        return [aligned_pdf(), worksheet_pdf(framework), worksheet_pdf(framework, assessment)]

    own = [document_pdf(document) for document in documents] + others()
    assert line_breaking.install()
    fast = [document_pdf(document) for document in documents] + others()
    for before, after in zip(own, fast):
        assert without_dates(after) == without_dates(before)


def test_tables_are_sized_as_fpdf2_sizes_them(db, framework, monkeypatch):
    """One layout pass per table cell (pdf_tables.py) gives the file fpdf2's two passes give:
    the reports' tables, spread over pages with their heading repeated, and narrow awkward cells
    (soft hyphens, long words, newlines, Arabic)."""
    ids = everything(db)
    documents = [assessment_report(db, framework, ids[0]),
                 assessment_report(db, framework, ids[2]), awkward_document()]
    sized = []
    monkeypatch.setattr(OnePassTable, "_text_height", counted(OnePassTable._text_height, sized))
    one_pass = [without_dates(document_pdf(document)) for document in documents]
    assert len(sized) > 200  # the one-pass sizing was used
    monkeypatch.setattr(pdf_tables, "CHECKED_VERSION", "another")  # fpdf2's own table
    assert [without_dates(document_pdf(document)) for document in documents] == one_pass


def test_a_table_over_pages_numbers_its_glyphs_as_fpdf2_does(monkeypatch):
    """fpdf2 sizes every row of a table before drawing any, which numbers each glyph at its
    first use in the table; a one-pass sizing must too, or a glyph first met after a page break
    gets another number than when the footer's glyphs, drawn at the break, come first."""
    filler = "Evidence read and confirmed by the ministry. " * 12
    rows = tuple((f"Row {n}", filler) for n in range(24)) + (("Þórshöfn", "Ærø, Ørsted, Œuvre"),)
    table = Table(("Place", "Notes"), rows, (1, 3))

    def table_first() -> bytes:  # no cover: the footer's glyphs are first drawn at the break
        pdf = ReportPDF("Quiz: Zebra Juxtaposed (kw)")
        pdf.add_page()
        draw_table(pdf, table)
        return without_dates(bytes(pdf.output()))

    one_pass = table_first()
    assert len(PdfReader(io.BytesIO(one_pass)).pages) > 2  # the table crosses pages
    monkeypatch.setattr(pdf_tables, "CHECKED_VERSION", "another")  # fpdf2's own table
    assert table_first() == one_pass


def counted(method, calls: list):
    """``method``, noting each call in ``calls``."""
    def wrapper(*args, **kwargs):
        calls.append(args[1:3])
        return method(*args, **kwargs)
    return wrapper


def test_plain_lines_of_a_report_all_take_the_fast_path(db, framework, monkeypatch):
    """Otherwise the test above would pass with every line left to fpdf2's slow loop."""
    document = assessment_report(db, framework, everything(db)[2])  # Latin text only
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


def test_charts_are_embedded_with_the_pixels_vl_convert_drew(db, framework):
    document = assessment_report(db, framework, everything(db)[2])
    charts = [block.png for block in document.blocks if isinstance(block, Image)]
    assert len(charts) == 2 and all(rgb_rows(png) for png in charts)  # the fast path, not fpdf2's
    reader = PdfReader(io.BytesIO(document_pdf(document)))
    embedded = [picture.image for page in reader.pages for picture in page.images]
    assert len(embedded) == 2
    for png, picture in zip(charts, embedded):
        assert_same_pixels(picture, png)


def assert_same_pixels(embedded: PILImage.Image, png: bytes) -> None:
    drawn = PILImage.open(io.BytesIO(png)).convert("RGB")
    assert embedded.size == drawn.size
    assert embedded.convert("RGB").tobytes() == drawn.tobytes()


def png_bytes(alpha: int, kind: int = SUB, size=(40, 30)) -> bytes:
    """An RGBA PNG written by hand with one filter type on every row: a colour gradient."""
    width, height = size
    rows = []
    for y in range(height):
        row = bytes(value for x in range(width) for value in (x * 6 % 256, y * 8 % 256, 90, alpha))
        if kind == SUB:  # each byte minus the same channel's byte of the pixel to the left
            row = bytes((row[i] - (row[i - 4] if i >= 4 else 0)) % 256 for i in range(len(row)))
        rows.append(bytes([kind]) + row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


def pillow_png(mode: str) -> bytes:
    out = io.BytesIO()
    PILImage.new(mode, (40, 30), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


def test_pictures_keep_their_pixels_and_one_drawn_twice_is_embedded_once():
    pdf = ReportPDF("Pictures")
    pdf.add_page()
    sub, unfiltered = png_bytes(255, SUB), png_bytes(255, NONE, (25, 20))
    transparent = png_bytes(100, SUB)
    with ChartImages([sub, transparent, sub, unfiltered]) as charts:
        first, second = charts.image(pdf, sub), charts.image(pdf, sub)
        assert first == second and len(pdf.image_cache.images) == 1
        pdf.image(first, w=20)
        pdf.image(second, w=20)
        assert isinstance(charts.image(pdf, unfiltered), str)
        pdf.image(charts.image(pdf, unfiltered), w=20)
        left = charts.image(pdf, transparent)
        assert isinstance(left, io.BytesIO)  # fpdf2 parses it and keeps its alpha mask
        pdf.image(left, w=20)
        other = charts.image(pdf, pillow_png("RGB"))  # not announced, another kind: fpdf2's
        assert isinstance(other, io.BytesIO)
        pdf.image(other, w=20)
        charts.finish(pdf)
    page = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0]
    assert page.get_contents().get_data().count(b" Do") == 5  # drawn five times
    objects = [picture.indirect_reference.get_object() for picture in page.images]
    assert len(objects) == 4  # from four image objects
    assert ["/SMask" in image for image in objects] == [False, False, True, False]
    for picture, png in zip(page.images, (sub, unfiltered, transparent, pillow_png("RGB"))):
        if png is not transparent:
            assert_same_pixels(picture.image, png)


def test_only_opaque_pngs_of_the_known_kind_take_the_fast_path():
    assert rgb_rows(png_bytes(255, SUB)) and rgb_rows(png_bytes(255, NONE))
    assert rgb_rows(png_bytes(254, SUB)) is None and rgb_rows(png_bytes(0, NONE)) is None
    assert rgb_rows(pillow_png("RGB")) is None and rgb_rows(b"not a picture") is None
