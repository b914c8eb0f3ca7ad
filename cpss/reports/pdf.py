"""Write a :class:`~cpss.reports.document.Document` as PDF with fpdf2's public API.

Text is set in the bundled DejaVu Sans (``add_font``) with HarfBuzz text shaping
(``set_text_shaping``, through uharfbuzz) where a script needs it, so that accents, Cyrillic and
Arabic (joined, right to left) print correctly. Text flows with ``multi_cell`` and ``write``,
tables are fpdf2's ``table``, and charts are PNGs placed with ``image``, drawn to fit the page.

For screen readers (WCAG 2.1 AA), as far as fpdf2's public API goes: the title is shown by the
viewer in place of the file name, the language is set, every heading is a bookmark at its level
(``start_section``), and every chart is a tagged /Figure with its alt text. Paragraphs, lists and
tables are not tagged: see docs/decisions/accessible-reports.md.
"""

from __future__ import annotations

import io
import re

from fpdf import FPDF, ViewerPreferences
from fpdf.fonts import FontFace

from cpss.i18n import ENGLISH, N_, Text
from cpss.reports.document import (
    FONT_BOLD,
    FONT_NAME,
    FONT_REGULAR,
    Bullets,
    Document,
    Heading,
    Image,
    KeyFigures,
    PageBreak,
    Paragraph,
    Table,
    is_right_to_left,
)

COVER_BOOKMARK = N_(
    "Cover"
)  # an English message id; the first entry of the outline: the cover page, with its key figures

BODY_SIZE = 10
SMALL_SIZE = 8.5
HEADING_SIZES = {1: 16, 2: 13, 3: 11}
LINE_MM = 5.2
HEADER_FILL = (222, 235, 247)  # pale blue: readable in greyscale, the text carries the meaning
MUTED = (90, 90, 90)  # grey of the footer and the key figures' captions
# Scripts whose letters join or run right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, Indic...,
# Arabic presentation forms). Shaping costs about 5x the time, so it is on only for such text.
_COMPLEX_SCRIPT = re.compile("[\u0590-\u08ff\u0900-\u0dff\ufb1d-\ufdff\ufe70-\ufeff]")


def needs_shaping(*texts: str) -> bool:
    """True when any text holds letters that must be shaped (joined, reordered) to print right."""
    return any(_COMPLEX_SCRIPT.search(text) for text in texts if text)


class ReportPDF(FPDF):
    """An A4 PDF with the report font, shaping where needed, and a footer with the title and page
    number; its title (shown by the viewer) and language are in the document for screen readers."""

    def __init__(
        self, title: str, language: str, orientation: str = "portrait", *, tr: Text = ENGLISH
    ):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.report_title = title
        self.tr = tr  # the words of the footer
        self.add_font(FONT_NAME, "", FONT_REGULAR)
        self.add_font(FONT_NAME, "B", FONT_BOLD)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_lang(language)
        # the window and a screen reader name the document by its title, not "report (3).pdf"
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_creator("CPSS self-assessment dashboard")
        self.set_font(FONT_NAME, size=BODY_SIZE)
        # Arabic runs from the right margin: fpdf2 orders each line, the alignment is ours
        self.align = "R" if is_right_to_left(language) else "L"

    def footer(self) -> None:
        """The report's title and "page N of M" at the foot of every page."""
        # fpdf2 puts the page count in place of its alias "{nb}" once the last page is known
        words = self.tr(
            "{title} · page {page} of {pages}",
            title=self.report_title,
            page=self.page_no(),
            pages=self.str_alias_nb_pages,
        )
        self.set_y(-13)
        self.set_text_shaping(needs_shaping(words))
        self.set_font(FONT_NAME, size=7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, words, align="C")
        self.set_text_color(0, 0, 0)
        self.set_font(FONT_NAME, size=BODY_SIZE)

    def text_block(
        self, text: str, size: float = BODY_SIZE, bold: bool = False, height: float = LINE_MM
    ) -> None:
        """A paragraph across the page; the cursor ends at the left margin of the next line."""
        self.set_text_shaping(needs_shaping(text))
        self.set_font(FONT_NAME, "B" if bold else "", size)
        self.multi_cell(0, height, text, align=self.align, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT_NAME, size=BODY_SIZE)

    def labelled_line(
        self, label: str, value: str, label_mm: float = 45, height: float = 7, size: float = 11
    ) -> None:
        """A bold label in a column of ``label_mm``, then the value, wrapping beside it."""
        self.set_text_shaping(needs_shaping(label, value))
        self.set_font(FONT_NAME, "B", size)
        self.cell(label_mm, height, label)
        self.set_font(FONT_NAME, "", size)
        self.multi_cell(0, height, value, align=self.align, new_x="LMARGIN", new_y="NEXT")

    def bookmark(self, text: str, level: int) -> None:
        """An entry of the outline (level 0 at the top) at the cursor: a heading a reader can
        jump to. Not strict: a skipped level is a fault of ours that the tests catch
        (tests/test_reports_accessible.py), and the user still gets the report."""
        self.start_section(text, level=level, strict=False)

    def ensure_space(self, height_mm: float) -> None:
        """Start a new page unless ``height_mm`` still fits on this one."""
        if self.get_y() + height_mm > self.page_break_trigger:
            self.add_page()


def document_pdf(document: Document, *, tr: Text = ENGLISH) -> bytes:
    """The whole document as PDF bytes: a cover page, then the blocks; the words the PDF adds
    (the cover's bookmark, the footer) in ``tr``'s language."""
    pdf = ReportPDF(document.title, document.language, tr=tr)
    _cover(pdf, document)
    for block in document.blocks:
        _draw(pdf, block)
    return bytes(pdf.output())


def _cover(pdf: ReportPDF, document: Document) -> None:
    pdf.add_page()
    pdf.bookmark(pdf.tr(COVER_BOOKMARK), 0)
    pdf.set_y(40)
    pdf.text_block(document.title, size=22, bold=True, height=10)
    pdf.ln(8)
    for label, value in document.cover:
        pdf.labelled_line(label, value or "—")
    if document.key_figures:
        _key_figures(pdf, document.key_figures)


def _key_figures(pdf: ReportPDF, key: KeyFigures) -> None:
    """The lower part of the cover: the figures large, each over its caption, side by side; then
    the first priorities."""
    pdf.set_y(max(pdf.get_y() + 14, 140))
    room = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_draw_color(*MUTED)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + room, pdf.get_y())
    pdf.ln(6)
    top, width = pdf.get_y(), room / max(len(key.figures), 1)
    for place, (value, caption) in enumerate(key.figures):
        pdf.set_xy(pdf.l_margin + place * width, top)
        pdf.set_text_shaping(needs_shaping(value, caption))
        pdf.set_font(FONT_NAME, "B", 22)
        pdf.multi_cell(width - 4, 11, value, align=pdf.align, new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT_NAME, "", 10)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(width - 4, 5, caption, align=pdf.align, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.set_y(top + 32)
    pdf.bookmark(key.priorities_title, 1)
    pdf.text_block(key.priorities_title, size=13, bold=True, height=8)
    pdf.ln(1)
    for line in key.priorities:
        pdf.text_block(line, size=12, height=6.5)
        pdf.ln(2)


def _block_texts(block) -> list[str]:
    if isinstance(block, Table):
        return [cell for row in (block.headers, *block.rows) for cell in row]
    if isinstance(block, Bullets):
        return list(block.items)
    return [getattr(block, name, "") for name in ("text", "label", "caption")]


def _draw(pdf: ReportPDF, block) -> None:
    pdf.set_text_shaping(needs_shaping(*_block_texts(block)))
    if isinstance(block, Heading):
        _heading(pdf, block)
    elif isinstance(block, Paragraph):
        _paragraph(pdf, block)
    elif isinstance(block, Bullets):
        _bullets(pdf, block)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Image):
        _image(pdf, block)
    elif isinstance(block, PageBreak):
        pdf.add_page()


def _heading(pdf: ReportPDF, heading: Heading) -> None:
    if heading.level == 1:
        pdf.add_page()  # every section starts on its own page
    else:
        pdf.ensure_space(25)  # never a heading alone at the foot of a page
        pdf.ln(2)
    pdf.bookmark(heading.text, heading.level - 1)  # after the page break: it points at the text
    pdf.text_block(
        heading.text,
        size=HEADING_SIZES[heading.level],
        bold=True,
        height=8 if heading.level == 1 else 6,
    )
    pdf.ln(1)


def _paragraph(pdf: ReportPDF, paragraph: Paragraph) -> None:
    size = SMALL_SIZE if paragraph.small else BODY_SIZE
    if pdf.align == "R":  # write() flows from the left: a right-to-left paragraph is one block
        label = f"{paragraph.label} " if paragraph.label else ""
        pdf.text_block(label + (paragraph.text or "—"), size=size)
        pdf.ln(1.5)
        return
    if paragraph.label:
        pdf.set_font(FONT_NAME, "B", size)
        pdf.write(LINE_MM, paragraph.label + " ")  # write() flows on, wrapping to the margin
    pdf.set_font(FONT_NAME, "", size)
    pdf.write(LINE_MM, paragraph.text or "—")
    pdf.ln(LINE_MM + 1.5)


def _bullets(pdf: ReportPDF, bullets: Bullets) -> None:
    """Each item on its own lines, after a bullet unless the items carry their own numbers."""
    marker = "" if bullets.numbered else "•  "
    for item in bullets.items:
        pdf.set_x(pdf.l_margin + 3)
        pdf.multi_cell(0, LINE_MM, marker + item, align=pdf.align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _table(pdf: ReportPDF, table: Table) -> None:
    pdf.set_font(FONT_NAME, size=SMALL_SIZE)
    heading_style = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    with pdf.table(
        col_widths=table.fitted_widths(pdf.epw, SMALL_SIZE),
        headings_style=heading_style,
        line_height=4.3,
        text_align="LEFT",
        repeat_headings=1,
        padding=1.2,
    ) as drawn:
        for row in (table.headers, *table.rows):
            cells = drawn.row()
            for value in row:
                cells.cell(value)
    pdf.set_font(FONT_NAME, size=BODY_SIZE)
    pdf.ln(3)


def _image(pdf: ReportPDF, image: Image) -> None:
    room = pdf.w - pdf.l_margin - pdf.r_margin
    # leaves space for a heading above and the caption below
    width, height = image.size_mm(room, pdf.page_break_trigger - pdf.t_margin - 25)
    pdf.ensure_space(height + 10)
    pdf.image(
        io.BytesIO(image.png),
        x=pdf.l_margin + (room - width) / 2,
        w=width,
        h=height,
        title=image.caption,
        alt_text=image.alt_text,  # tags the picture as a /Figure with /Alt in the structure tree
    )
    pdf.ln(1)
    pdf.text_block(image.caption, size=SMALL_SIZE)
    pdf.ln(3)
