"""Line breaking for fpdf2 in linear time: the same lines, without measuring each line per letter.

fpdf2 2.8.9 breaks text into lines (``multi_cell``, ``write``, table cells) in
``MultiLineBreak.get_line``, one character at a time through several Python calls, asking the line
for its width after each character and at each space; that width is summed again from the line's
first character. A line of n characters costs about n²/2 look-ups: for a report that was 40 per
character, and line breaking was the largest part of writing the PDF (``bench/profiles/``).

:func:`install` changes two things, both computing exactly what fpdf2 computes:

* **plain lines** (one fragment of unshaped TrueType text, no letter spacing or stretching, word
  wrapping, no soft hyphen, newline or form feed before the break; which is nearly every line of a
  report) are measured in one loop over integer character widths, and the ``TextLine`` fpdf2
  would build is built directly;
* every other line goes through fpdf2's own loop, with a line whose width keeps a running sum per
  fragment instead of summing from the start.

Character widths of a TrueType font are integers (font units), so the sums are the integers fpdf2
sums and every width, compared with the same tolerance, is the same float bit for bit: lines break
at the same places (``tests/test_report_pdf_shortcuts.py`` compares whole PDFs). Shaped text
(Arabic...), core and symbol fonts keep fpdf2's own measures.
"""

from __future__ import annotations

from typing import NamedTuple

import fpdf
from fpdf import line_break
from fpdf.enums import Align, WrapMode
from fpdf.util import FloatTolerance

CHECKED_VERSION = "2.8.9"  # the fpdf2 whose line breaking this was read against (requirements.txt)
ORIGINAL_LINE = line_break.CurrentLine
ORIGINAL_GET_LINE = line_break.MultiLineBreak.get_line
BREAKING_SPACES = frozenset(line_break.BREAKING_SPACE_SYMBOLS_STR)
NBSP, SPACE = line_break.NBSP, line_break.SPACE
# characters that end a plain line's fast path: fpdf2's own loop handles what they do
FPDF2_ONLY = frozenset((line_break.NEWLINE, line_break.FORM_FEED, line_break.SOFT_HYPHEN))


def plain_widths(fragment) -> dict | None:
    """The font's character widths (font units) when ``fragment`` is measured by a plain sum of
    them, as fpdf2's ``TTFFont.get_text_width`` does for unshaped text; None otherwise."""
    state = fragment.graphics_state
    font = state.current_font
    if (state.text_shaping or font is None or font.type != "TTF" or font.is_symbol
            or state.char_spacing != 0 or state.font_stretching != 100):
        return None
    return font.cw


class RunningWidthLine(ORIGINAL_LINE):
    """fpdf2's ``CurrentLine`` whose ``width`` adds only the characters added since last asked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # id(fragment) -> (fragment, its character list, characters summed, their width sum)
        self._sums: dict[int, tuple] = {}

    @property
    def width(self) -> float:
        """The line's width in document units, as fpdf2 computes it."""
        width: float = 0
        for i, fragment in enumerate(self.fragments):
            width += self._fragment_width(fragment, initial_cs=i > 0)
        return width

    def _fragment_width(self, fragment, initial_cs: bool) -> float:
        widths = plain_widths(fragment)
        if widths is None:
            return fragment.get_width(initial_cs=initial_cs)
        characters = fragment.characters
        cached = self._sums.get(id(fragment))
        # Characters are only ever appended to a fragment's list; trimming makes a new list.
        if cached is None or cached[1] is not characters or cached[2] > len(characters):
            cached = (fragment, characters, 0, 0)
        _, _, done, total = cached
        for character in characters[done:]:
            total += widths[ord(character)]
        self._sums[id(fragment)] = (fragment, characters, len(characters), total)
        return _to_width(fragment, total)


def _to_width(fragment, total: int) -> float:
    """A width sum in document units: the operations of TTFFont.get_text_width and
    Fragment.get_width, in the same order, with the same side effect on the font."""
    size = fragment.font_size_pt
    font = fragment.graphics_state.current_font
    if size > font.biggest_size_pt:
        font.biggest_size_pt = size
    return total * size * 0.001 / fragment.k


def get_line(self):
    """``MultiLineBreak.get_line``: the next line, by :func:`plain_line` when it applies."""
    line = plain_line(self)
    return ORIGINAL_GET_LINE(self) if line is NotImplemented else line


class Cut(NamedTuple):
    """Where a plain line ends: its characters end before ``end``; ``kind`` is ``"all"`` (the
    rest of the fragment), ``"space"`` (at a space, dropped) or ``"word"`` (inside a word longer
    than the line); ``spaces`` and ``total`` (width sum in font units) are the line's."""

    end: int
    kind: str
    spaces: int
    total: int


def plain_line(breaker):
    """The next line of a plain fragment, as fpdf2 would return it, or NotImplemented (nothing
    changed) when fpdf2's own loop must do it."""
    index = breaker.fragment_index
    if (index != len(breaker.fragments) - 1 or breaker.skip_leading_spaces
            or breaker.wrapmode != WrapMode.WORD):
        return NotImplemented
    fragment = breaker.fragments[index]
    widths = plain_widths(fragment) if type(fragment) is line_break.Fragment else None
    start = breaker.character_index
    if widths is None or start >= len(fragment.characters) or not fragment.font_size > 0:
        return NotImplemented
    # the line's room, computed in fpdf2's order
    first = breaker._is_first_line  # pylint: disable=protected-access
    indent = breaker.first_line_indent if first else 0
    breaker.get_width(0)  # as fpdf2 does before it knows the line's height
    full_width = breaker.get_width(fragment.font_size)
    limit = full_width
    for margin in breaker.margins:
        limit -= float(margin)
    if first:
        limit -= breaker.first_line_indent
    cut = _cut(fragment, widths, start, limit)
    if cut is None:
        return NotImplemented
    align = breaker.align if cut.kind == "space" else _unjustified(breaker.align)
    if cut.kind == "all":
        breaker.fragment_index, breaker.character_index = index + 1, 0
    else:  # after a dropped space, or at the first letter that did not fit
        breaker.character_index = cut.end + (cut.kind == "space")
    breaker.idx_last_forced_break = (index, cut.end) if cut.kind == "word" else None
    breaker._is_first_line = False  # pylint: disable=protected-access
    text = [SPACE if c == NBSP else c for c in fragment.characters[start:cut.end]]
    return line_break.TextLine(
        fragments=[fragment.clone(characters=text, link=fragment.link)],
        text_width=_to_width(fragment, cut.total), number_of_spaces=cut.spaces, align=align,
        height=fragment.font_size * breaker.line_height, max_width=full_width - indent,
        indent=indent)


def _cut(fragment, widths, start: int, limit: float) -> Cut | None:
    """Where the line starting at ``start`` ends, as fpdf2's loop decides it, or None when that
    loop must decide (a newline, form feed or soft hyphen first; nothing fits; nothing to show)."""
    characters, size, k = fragment.characters, fragment.font_size_pt, fragment.k
    tolerance = FloatTolerance.TOLERANCE
    total, spaces = 0, 0  # width sum (font units) and spaces of characters[start:j]
    last_space = None  # the last breaking space so far, as the line would end before it
    for j in range(start, len(characters)):
        character = characters[j]
        if character in FPDF2_ONLY:
            return None
        width = widths[ord(character)]
        # fpdf2: FloatTolerance.greater_than(current_line.width + character_width, max_width)
        if (total * size * 0.001 / k + width * size * 0.001 / k) - limit > tolerance:
            break
        if character in BREAKING_SPACES:
            last_space = Cut(j, "space", spaces, total)
            spaces += 1
        elif character == NBSP:  # fpdf2 stores a space: it counts for word spacing, never breaks
            spaces += 1
            width = widths[ord(SPACE)]
        total += width
    else:  # the rest of the fragment fits on this line
        return Cut(len(characters), "all", spaces, total) if total else None
    if j == start:  # fpdf2 sets a blank line or raises: its own loop does it
        return None
    if character in BREAKING_SPACES:  # the space that does not fit is dropped
        return Cut(j, "space", spaces, total)
    if last_space is not None:  # back to the last space, which is dropped
        return last_space
    return Cut(j, "word", spaces, total)  # a word longer than the line is cut there


def _unjustified(align: Align) -> Align:
    return Align.L if align == Align.J else align


def install() -> bool:
    """Break every line fpdf2 breaks in this process as above; True when in use.

    Only with the fpdf2 version it was checked against: another version keeps its own code.
    """
    if fpdf.__version__ != CHECKED_VERSION:
        return False
    line_break.CurrentLine = RunningWidthLine
    line_break.MultiLineBreak.get_line = get_line
    return True


def uninstall() -> None:
    """Back to fpdf2's own line breaking (tests compare the two)."""
    line_break.CurrentLine = ORIGINAL_LINE
    line_break.MultiLineBreak.get_line = ORIGINAL_GET_LINE
