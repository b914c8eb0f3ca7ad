"""Linear-time line breaking for fpdf2: the same lines, without measuring each line again per letter.

fpdf2 2.8.9 breaks text into lines (``multi_cell``, ``write``, table cells) by adding one character
at a time and asking the line for its width after each one and at each space; that width is
computed from scratch by summing the widths of every character on the line so far. A line of n
characters costs about n²/2 look-ups: for a report that was 40 per character and a third of the
PDF's build time (``bench/profiles/reports.txt``).

:func:`install` swaps in a line whose width keeps a running sum per fragment. Character widths of
a TrueType font are integers (font units), so the running sum is the same integer fpdf2 sums, and
the width derived from it is the same float, bit for bit: the lines break at exactly the same
places (``tests/test_report_speed.py`` compares whole PDFs). Fragments this shortcut does not
cover (shaped text such as Arabic, symbol or core fonts, letter spacing, stretching) are measured
by fpdf2's own code, as before.
"""

from __future__ import annotations

import fpdf
from fpdf import line_break

CHECKED_VERSION = "2.8.9"  # the fpdf2 whose line breaking this was read against (requirements.txt)
ORIGINAL_LINE = line_break.CurrentLine


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
        state = fragment.graphics_state
        font = state.current_font
        if (state.text_shaping or font is None or font.type != "TTF" or font.is_symbol
                or state.char_spacing != 0 or state.font_stretching != 100):
            return fragment.get_width(initial_cs=initial_cs)
        characters = fragment.characters
        cached = self._sums.get(id(fragment))
        # Characters are only ever appended to a fragment's list; trimming makes a new list.
        if cached is None or cached[1] is not characters or cached[2] > len(characters):
            cached = (fragment, characters, 0, 0)
        _, _, done, total = cached
        widths = font.cw
        for character in characters[done:]:
            total += widths[ord(character)]
        self._sums[id(fragment)] = (fragment, characters, len(characters), total)
        size = fragment.font_size_pt
        if size > font.biggest_size_pt:  # the side effect of fpdf2's own measure
            font.biggest_size_pt = size
        # the same operations in the same order as TTFFont.get_text_width and Fragment.get_width
        return total * size * 0.001 / fragment.k


def install() -> bool:
    """Use :class:`RunningWidthLine` for every line fpdf2 breaks in this process; True when in use.

    Only with the fpdf2 version it was checked against: another version keeps its own code.
    """
    if fpdf.__version__ != CHECKED_VERSION:
        return False
    line_break.CurrentLine = RunningWidthLine
    return True


def uninstall() -> None:
    """Back to fpdf2's own line (tests compare the two)."""
    line_break.CurrentLine = ORIGINAL_LINE
