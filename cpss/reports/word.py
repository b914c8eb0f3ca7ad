"""Write a :class:`~cpss.reports.document.Document` as a Word file (.docx) that an office can edit.

Headings use Word's own heading styles (Title, then Heading 1, 2 and 3 in order, no level
skipped), so the document has a navigable outline, a screen reader can jump between them and a
table of contents can be added in Word. Every picture has alt text, every data table's header row
is marked as one, and the title and language are in the document's properties. The font is named,
not embedded: Word substitutes its own.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cpss.i18n import ENGLISH, Text
from cpss.reports.document import (
    FONT_NAME,
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

BODY_PT = 10
SMALL_PT = 8.5
USABLE_WIDTH_MM = 170.0  # A4 less 20 mm margins
USABLE_HEIGHT_MM = 230.0  # A4 less margins, a heading and a caption


def document_docx(document: Document, *, tr: Text = ENGLISH) -> bytes:
    """The whole document as .docx bytes: a cover page, then the blocks; the words the file
    adds (the key figures' heading) in ``tr``'s language."""
    word = docx.Document()
    _page_setup(word)
    _properties(word, document)
    word.add_heading(document.title, level=0)
    facts = word.add_table(rows=0, cols=2)
    for label, value in document.cover:
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value or "—"
    if document.key_figures:
        _key_figures(word, document.key_figures, tr)
    for block in document.blocks:
        _draw(word, block)
    if is_right_to_left(document.language):
        _right_to_left(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _key_figures(word, key: KeyFigures, tr: Text) -> None:
    """The cover's key figures, each value in bold before its caption, then the priorities: the
    first headings after the title, so level 1 (a level 2 right after the title skips one)."""
    word.add_heading(tr("Key figures"), level=1)
    for value, caption in key.figures:
        paragraph = word.add_paragraph()
        paragraph.add_run(value).bold = True
        paragraph.add_run(f" {caption}")
    word.add_heading(key.priorities_title, level=2)
    for line in key.priorities:
        word.add_paragraph(line, style="List")


def _properties(word, document: Document) -> None:
    """The title and language, in the core properties (shown as the document's name) and as the
    language of the default text style, which screen readers and spelling checks read."""
    word.core_properties.title = document.title
    word.core_properties.language = document.language
    for lang in word.styles.element.iter(qn("w:lang")):  # the template's default: en-US
        lang.set(qn("w:val"), document.language)


def _page_setup(word) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    normal = word.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(BODY_PT)


def _draw(word, block) -> None:
    if isinstance(block, Heading):
        if block.level == 1:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        word.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        paragraph = word.add_paragraph()
        if block.label:
            paragraph.add_run(block.label + " ").bold = True
        run = paragraph.add_run(block.text or "—")
        if block.small:
            run.font.size = Pt(SMALL_PT)
    elif isinstance(block, Bullets):
        for item in block.items:  # items that carry their own numbers get no bullet
            word.add_paragraph(item, style="List" if block.numbered else "List Bullet")
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Image):
        _picture(word, block)
    elif isinstance(block, PageBreak):
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _picture(word, image: Image) -> None:
    """The chart, its alt text and title on the picture, then its caption in small type."""
    width, height = image.size_mm(USABLE_WIDTH_MM, USABLE_HEIGHT_MM)
    word.add_picture(io.BytesIO(image.png), width=Mm(width), height=Mm(height))
    # python-docx has no alt-text setter: the picture just added is the body's last wp:docPr
    *_, drawn = word.element.body.iter(qn("wp:docPr"))
    drawn.set("descr", image.alt_text)
    drawn.set("title", image.caption)
    word.add_paragraph(image.caption).runs[0].font.size = Pt(SMALL_PT)


def _table(word, table: Table) -> None:
    """A table whose columns keep the widths the Document gives them (the PDF's), in Word and in
    LibreOffice: with equal widths a narrow column broke words ("Intermediat e outcome")."""
    drawn = word.add_table(rows=1, cols=len(table.headers))
    drawn.style = "Table Grid"
    drawn.autofit = False  # a fixed layout: the widths below are kept, not recomputed from text
    widths = [Mm(w) for w in table.fitted_widths(USABLE_WIDTH_MM, SMALL_PT)]
    for column, width in zip(drawn.columns, widths):
        column.width = width  # the grid, which LibreOffice reads
    _row(drawn.rows[0].cells, table.headers, widths, bold=True)
    _mark_header_row(word)
    for row in table.rows:
        _row(drawn.add_row().cells, row, widths)
    word.add_paragraph()


def _mark_header_row(word) -> None:
    """Mark the first row of the table just added (the body's last) as its header row: a screen
    reader names each cell by its column's header, and Word repeats the row on every page. The
    public Table object does not expose its XML, so the table is found in the document's."""
    *_, table = word.element.body.iter(qn("w:tbl"))
    first_row = table.find(qn("w:tr"))
    first_row.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _row(cells, values, widths, bold: bool = False) -> None:
    """One row's cells, each given its column's width (which Word reads) and its text."""
    for cell, value, width in zip(cells, values, widths):
        cell.width = width
        run = cell.paragraphs[0].add_run(value)
        run.bold = bold
        run.font.size = Pt(SMALL_PT)


def _right_to_left(word) -> None:
    """Every paragraph right to left (``w:bidi``: Word aligns it right and orders it from the
    right) and every run's text RTL (``w:rtl``), for an Arabic report. python-docx has no public
    switch for either: they are set on the document's element tree."""
    body = word.element.body
    for paragraph in body.iter(qn("w:p")):
        properties = paragraph.find(qn("w:pPr"))
        if properties is None:
            properties = OxmlElement("w:pPr")
            paragraph.insert(0, properties)
        properties.insert(0, OxmlElement("w:bidi"))
    for run in body.iter(qn("w:r")):
        properties = run.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            run.insert(0, properties)
        properties.append(OxmlElement("w:rtl"))
