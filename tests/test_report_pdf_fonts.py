"""The fonts parsed once per process (cpss/reports/pdf_fonts.py) give the PDFs fpdf2's add_font
gives, byte for byte, whatever was built before or beside them, and the cache stays as parsed."""

import threading

import fontTools
import fpdf
import pytest

from cpss.db import assessments
from cpss.exchange.worksheet_pdf import worksheet_pdf
from cpss.reports import pdf_fonts
from cpss.reports.content import assessment_report
from cpss.reports.document import FONT_BOLD, FONT_REGULAR
from cpss.reports.pdf import ReportPDF, document_pdf
from tests.exchange_support import everything
from tests.test_report_pdf_shortcuts import aligned_pdf, awkward_document, without_dates


@pytest.fixture
def builders(db, framework):
    """Ways to build four different PDFs: the rich assessment (French, Russian, Arabic and
    Spanish notes), the demo's follow-up, awkward lines and the prefilled offline worksheet."""
    ids = everything(db)
    documents = [assessment_report(db, framework, ids[0]),
                 assessment_report(db, framework, ids[2]), awkward_document()]
    assessment = assessments.assessment(db, ids[0])
    return [*(lambda document=document: document_pdf(document) for document in documents),
            lambda: worksheet_pdf(framework, assessment)]


def fpdf2_own(builders, monkeypatch) -> list[bytes]:
    """The PDFs as fpdf2's add_font makes them (the cache is used only with fpdf2 2.8.9)."""
    with monkeypatch.context() as patch:
        patch.setattr(fpdf, "__version__", "9.9.9")
        assert not pdf_fonts.in_use()
        return [without_dates(build()) for build in builders]


def test_pdfs_are_the_same_as_with_fpdf2s_add_font_in_any_order(builders, monkeypatch):
    assert pdf_fonts.in_use()
    expected = fpdf2_own(builders, monkeypatch)
    pdf_fonts.clear_cache()
    # one after the other, then again in the other order: no glyph of one is left in another
    for order in (range(len(builders)), reversed(range(len(builders)))):
        for i in order:
            assert without_dates(builders[i]()) == expected[i], i
    assert without_dates(aligned_pdf()) == fpdf2_own([aligned_pdf], monkeypatch)[0]


def test_pdfs_built_in_parallel_threads_are_each_right(builders, monkeypatch):
    expected = fpdf2_own(builders, monkeypatch)
    pdf_fonts.clear_cache()  # the threads also race to parse the fonts
    rounds = 3
    start = threading.Barrier(len(builders))
    built: dict[int, list[bytes]] = {i: [] for i in range(len(builders))}
    errors = []

    def build(i: int) -> None:
        try:
            start.wait()
            for _ in range(rounds):
                built[i].append(without_dates(builders[i]()))
        except Exception as error:  # pylint: disable=broad-except  (reported below)
            errors.append(error)

    threads = [threading.Thread(target=build, args=(i,)) for i in range(len(builders))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for i, pdfs in built.items():
        assert pdfs == [expected[i]] * rounds, i


def test_the_cached_fonts_are_parsed_once_and_never_changed(builders):
    pdf_fonts.clear_cache()
    for build in builders:
        build()
    parsed = [pdf_fonts._parsed(path) for path in (FONT_REGULAR, FONT_BOLD)]
    assert parsed == [pdf_fonts._parsed(path) for path in (FONT_REGULAR, FONT_BOLD)]  # same
    for font in parsed:
        glyphs = font.glyf.glyphs
        assert len(glyphs) == len(font.glyf.glyphOrder) > 6000  # not cut down to a subset
        # not one decoded, renumbered or trimmed: every glyph still as read from the file
        as_read = ({"data"}, {"numberOfContours"})  # a glyph's bytes, or an empty glyph
        assert all(set(vars(glyph)) in as_read for glyph in glyphs.values())
        assert len(font.hmtx.metrics) == len(glyphs)


def test_each_document_has_its_own_font_state():
    first, second = ReportPDF("One"), ReportPDF("Two")
    for key, font in first.fonts.items():
        other = second.fonts[key]
        assert font.ttfont is not other.ttfont and font.subset is not other.subset
        assert font.cw is not other.cw and font.desc is not other.desc
        assert font.ttfont["glyf"].glyphs is not other.ttfont["glyf"].glyphs
    assert [font.fontkey for font in first.fonts.values()] == ["dejavu sans", "dejavu sansB"]


@pytest.mark.parametrize("library", [fpdf, fontTools])
def test_other_versions_and_fonts_take_fpdf2s_own_path(library, monkeypatch):
    monkeypatch.setattr(library, "__version__", "9.9.9")
    monkeypatch.setattr(library, "version", "9.9.9", raising=False)
    assert not pdf_fonts.in_use()
    pdf = ReportPDF("Other version")
    assert [font.ttfont["glyf"].glyphs.__class__ for font in pdf.fonts.values()] == [dict, dict]
    monkeypatch.undo()
    assert pdf_fonts._parse(FONT_REGULAR.with_suffix(".woff")) is None  # compressed: fpdf2's
