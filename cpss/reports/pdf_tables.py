"""fpdf2's tables with each cell's text laid out once to size its row, instead of drawn twice.

fpdf2 2.8.9's ``Table.render`` first sizes every row: it draws each cell with ``multi_cell`` with
the page output switched off (``_compute_rows_info``: the lines are broken, then rendered into PDF
text that is thrown away), then draws every cell again for real. The first pass only needs the
cell's height, which ``multi_cell`` computes from the number of lines alone: the report's 170
table cells took 18 ms of a PDF in it, of which 8 ms rendering lines nobody sees.

:class:`OnePassTable` answers that question for a text cell by breaking its text into lines the
way ``multi_cell`` does (same font, width, margins, alignment and wrapping; the same
``MultiLineBreak``, with this project's line breaking) and returning ``multi_cell``'s height; it
also numbers the lines' glyphs in the font subsets, as fpdf2's pass does by drawing them (a
glyph's number is its first use: a table crossing a page would otherwise number a glyph met after
the break differently). The drawing is fpdf2's own, so tables look the same; the PDFs are the same
byte for byte (``tests/test_report_pdf_shortcuts.py`` compares whole files with fpdf2's own
tables, one crossing pages among them). Cells with pictures, markdown, no text, shaped text
(Arabic: numbered by glyph, not by character) or another fpdf2 version keep fpdf2's own sizing.
"""

from __future__ import annotations

from contextlib import contextmanager

import fpdf
from fpdf import FPDF
from fpdf.enums import Align
from fpdf.fonts import FontFace, TTFFont
from fpdf.line_break import MultiLineBreak
from fpdf.table import Table
from fpdf.util import Padding

CHECKED_VERSION = "2.8.9"  # the fpdf2 whose Table and multi_cell this was read against


@contextmanager
def one_pass_table(pdf: FPDF, **options):
    """``pdf.table(**options)`` with :class:`OnePassTable` (fpdf2's own with another version)."""
    if fpdf.__version__ != CHECKED_VERSION:
        with pdf.table(**options) as table:
            yield table
        return
    table = OnePassTable(pdf, **options)
    yield table
    table.render()


class OnePassTable(Table):
    """An fpdf2 table that sizes text cells without drawing them (see the module's notes)."""

    # pylint: disable=protected-access,too-many-arguments  (fpdf2's own signature and state)
    def _render_table_cell(self, i, j, cell, row_height, cell_height_info=None,
                           cell_x_positions=None, **kwargs):
        if (cell_height_info is None and cell.text and not cell.img and not self._markdown
                and not self._fpdf.text_shaping):  # shaped text: fpdf2's own sizing
            return False, 0, self._text_height(i, j, cell, row_height)
        return super()._render_table_cell(i, j, cell, row_height, cell_height_info,
                                          cell_x_positions, **kwargs)

    def _text_height(self, i: int, j: int, cell, row_height: float) -> float:
        """The height ``multi_cell`` returns for the cell's text, as fpdf2's first pass asks it
        (``Table._render_table_cell`` without a height, then ``FPDF.multi_cell``)."""
        pdf = self._fpdf
        padding = Padding.new(cell.padding) if cell.padding else self._padding
        align = cell.align or self._text_align
        if not isinstance(align, (Align, str)):
            align = align[j]
        width = self._get_col_width(i, j, cell.colspan) - padding.right - padding.left
        margins = [pdf.c_margin] * ((not padding.left) + (not padding.right))
        with pdf.use_font_face(self._cell_style(i, j, cell)):
            text = pdf.normalize_text(cell.text).replace("\r", "")
            breaker = MultiLineBreak(pdf._preload_font_styles(text, False), width, margins,
                                     align=Align.coerce(align), print_sh=False,
                                     wrapmode=self._wrapmode)
            lines = 0
            while (line := breaker.get_line()) is not None:
                lines += 1
                _number_glyphs(line)
        # multi_cell's sums, in its order: one line at least, each of h (row_height) when alone,
        # else of min(h, max_line_height); the text's height is h at least; then the padding
        line_height = row_height if lines <= 1 else min(row_height, self._line_height)
        height: float = 0
        for _ in range(max(lines, 1)):
            height += line_height
        return max(height, row_height) + padding.top + padding.bottom

    def _cell_style(self, i: int, j: int, cell) -> FontFace:
        """The cell's font face, combined as ``Table._render_table_cell`` combines it."""
        style = self._initial_style
        if self._cell_fill_mode.should_fill_cell(i, j) and self._cell_fill_color:
            style = style.replace(fill_color=self._cell_fill_color)
        if i < self._num_heading_rows:
            style = FontFace.combine(style, self._headings_style)
        style = FontFace.combine(style, self.rows[i].style)
        return FontFace.combine(style, cell.style)


def _number_glyphs(line) -> None:
    """Give the line's characters their numbers in the font subsets, as fpdf2's sizing pass does
    by drawing them (``Fragment.render_pdf_text_ttf``): a glyph is numbered at its first use, so
    without this a glyph first met after a page break (where the footer is drawn first) would be
    numbered differently from fpdf2's own table."""
    for fragment in line.fragments:
        if isinstance(fragment.font, TTFFont):
            for char in fragment.string:
                fragment.font.subset.pick(ord(char))
