"""A report as a list of plain blocks, so that one gathering of the content serves every format.

The writers (PDF, Word) each know how to draw these few block kinds and nothing about assessments.
All text is plain text: user-written notes are never read as markup.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageFont

from cpss.i18n import RIGHT_TO_LEFT, SOURCE_LANGUAGE, Text
from cpss.model.errors import visible_controls

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "fonts"
# DejaVu Sans covers Latin (accents), Cyrillic and Arabic; bundled, nothing is fetched at run time.
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_NAME = "DejaVu Sans"
PT_MM = 25.4 / 72
# The language of the reports' text (the PDF's /Lang, Word's proofing language and core property),
# so that a screen reader reads them with the right voice. British English: the app's spelling.
REPORT_LANGUAGE = "en-GB"


def report_language(tr: Text) -> str:
    """The language tag of a report written in ``tr``'s language: British English for English
    (the app's spelling), else the language's own code ("fr", "ar")."""
    return REPORT_LANGUAGE if tr.language == SOURCE_LANGUAGE else tr.language


def is_right_to_left(language: str) -> bool:
    """True for a report in a language written right to left (its primary subtag, e.g. "ar")."""
    return language.split("-")[0].lower() in RIGHT_TO_LEFT


# A cell's left and right margins together: Word's default (1.9 mm a side) and more than the PDF's
# padding, plus a little for the rounding of a word processor's line breaking.
CELL_MARGINS_MM = 4.6


@dataclass(frozen=True)
class Heading:
    """A section title: level 1 starts a section (on a new page in PDF), 2 and 3 are inside one."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Running text; ``label`` (optional) is printed in bold before it, e.g. ``"Evidence:"``."""

    text: str
    label: str = ""
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list of short texts, bulleted; ``numbered`` when the items carry their own numbers
    (``"1. ..."``): then they are printed as they are, without a bullet before the number."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths (one per header)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()

    def column_widths(self) -> tuple[float, ...]:
        """The relative widths, equal when none were given."""
        return self.widths or tuple(1.0 for _ in self.headers)

    def fitted_widths(self, room_mm: float, size_pt: float) -> tuple[float, ...]:
        """The column widths in mm, filling ``room_mm``: in proportion to :meth:`column_widths`,
        but each column at least as wide as its longest word (headers in bold), so that no word is
        broken in two ("Intermediat e"); the room a column gains is taken from those that have some
        to spare. When the longest words cannot all fit, the columns share the room by them."""
        needs = [
            _longest_word_mm(self, i, size_pt) + CELL_MARGINS_MM for i in range(len(self.headers))
        ]
        if sum(needs) >= room_mm:
            return tuple(room_mm * n / sum(needs) for n in needs)
        shares = list(self.column_widths())
        fixed: set[int] = set()
        while True:  # each round fixes at least one column at its need, so it ends
            free = [i for i in range(len(shares)) if i not in fixed]
            room = room_mm - sum(needs[i] for i in fixed)
            total = sum(shares[i] for i in free)
            widths = {i: room * shares[i] / total for i in free}
            short = [i for i in free if widths[i] < needs[i]]
            if not short:
                return tuple(needs[i] if i in fixed else widths[i] for i in range(len(shares)))
            fixed.update(short)


def _longest_word_mm(table: Table, column: int, size_pt: float) -> float:
    """The width in mm of the longest word of a column at ``size_pt``, its header in bold."""
    words = [(word, True) for word in table.headers[column].split()]
    words += [(word, False) for row in table.rows for word in row[column].split()]
    return max((_word_mm(word, bold, size_pt) for word, bold in words), default=0.0)


def _word_mm(word: str, bold: bool, size_pt: float) -> float:
    """A word's printed width in the bundled font (the one the PDF embeds and Word names)."""
    return _font(bold).getlength(word) / 100 * size_pt * PT_MM


_FONTS: dict[bool, ImageFont.FreeTypeFont] = {}


def _font(bold: bool) -> ImageFont.FreeTypeFont:
    """The bundled font at 100 pt (widths scale with the size), loaded once."""
    if bold not in _FONTS:
        _FONTS[bold] = ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), 100)
    return _FONTS[bold]


@dataclass(frozen=True)
class Image:
    """A PNG picture (a chart) with a caption under it; drawn at most ``max_width_mm`` wide.
    ``alt_text`` is what a screen reader reads in its place: the chart's data in one sentence
    (:mod:`cpss.present.chart_summary`, the sentence the app shows under the chart); the caption
    serves as the picture's title."""

    png: bytes
    caption: str
    alt_text: str
    max_width_mm: float = 170.0

    def size_mm(self, room_width: float, room_height: float) -> tuple[float, float]:
        """Width and height to draw at: as wide as allowed, shrunk when taller than the room."""
        with PILImage.open(io.BytesIO(self.png)) as picture:
            width_px, height_px = picture.size
        width = min(self.max_width_mm, room_width)
        height = width * height_px / width_px
        if height > room_height:  # a tall chart is shrunk to one page rather than cut
            height, width = room_height, room_height * width_px / height_px
        return width, height


@dataclass(frozen=True)
class KeyFigures:
    """What a reader should see first, printed on the cover under its facts: a few figures, each a
    short value shown large over its caption (``("19 of 19", "subdomains answered")``), then a
    short numbered list (the first priorities) under its title."""

    figures: tuple[tuple[str, str], ...]
    priorities_title: str
    priorities: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Heading | Paragraph | Bullets | Table | Image | PageBreak


@dataclass
class Document:
    """A whole report: its title, the facts of its cover page, its blocks in order, the key
    figures of its cover (none in a comparison) and the language of its text."""

    title: str
    cover: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    key_figures: KeyFigures | None = None
    language: str = REPORT_LANGUAGE

    def add(self, *blocks: Block) -> None:
        """Append blocks at the end."""
        self.blocks.extend(blocks)

    def printable(self) -> Document:
        """This document with every control character shown as "\ufffd": the input checks
        refuse them, but text stored before those checks may hold one, and Word files cannot
        (python-docx raises) while PDF fonts have no glyph for them."""
        return _printable(self)

    def section_titles(self) -> list[str]:
        """The titles of the level-1 sections, in order (tests compare formats with them)."""
        return [b.text for b in self.blocks if isinstance(b, Heading) and b.level == 1]


def _printable(value):
    """``value`` (text, a block, or lists and tuples of them) with visible control characters."""
    if isinstance(value, str):
        return visible_controls(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_printable(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):  # a block, not a block class
        return replace(value, **{f.name: _printable(getattr(value, f.name)) for f in fields(value)})
    return value
