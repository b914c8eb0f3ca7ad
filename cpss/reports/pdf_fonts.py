"""The report's TrueType fonts parsed once per process, not once per PDF.

fpdf2 2.8.9's ``FPDF.add_font`` builds a ``fpdf.fonts.TTFFont`` for every document: fontTools
reads the font file, decodes its glyph, metrics, names and character map tables, and fpdf2 derives
each character's width and glyph id from them (about 25 ms per DejaVu face, and 12,000 objects
that set off full garbage collections). At ``output()`` fpdf2 hands that fontTools ``TTFont`` to
fontTools' subsetter, which cuts it down **in place** to the glyphs the document used; the
subsetter first decodes the layout tables (GSUB, GPOS, GDEF) that fpdf2 then tells it to drop.

What depends only on the font file is kept here, per font path, the first time a document asks:

* the attributes fpdf2 derives from the file (widths, glyph ids, character map, names, metrics),
  computed by fpdf2's own ``TTFFont`` so that they are fpdf2's to the bit;
* the fontTools font with every table the subset keeps decoded, and without the tables the
  subsetter would drop. The small tables are stored as a pickle: unpickling gives each document
  its own copy (about 2.5 ms). The glyph and horizontal metrics tables (two objects per glyph)
  are shared: each document gets its own dictionaries of the same items, the metrics are tuples
  (never changed) and a glyph is copied when it is looked up (:class:`GlyphCopies`).

Per document (:func:`add_report_font`) a fresh ``TTFFont`` is put around that: its own fontTools
font as above, its own width table (fpdf2 adds to it when asked for a missing character), font
descriptor (``output()`` stamps its object id on it), subset map, missing-glyph list and HarfBuzz
font; the rest (character map, glyph ids, names, metrics) is only read and is shared. The cache is
filled under a lock, so that reports built in several sessions' threads at once parse a font once
and then share nothing they change. The PDFs are the same byte for byte as with fpdf2's
``add_font`` (creation date aside), in any order and in parallel threads, and the cached glyphs
stay as read from the file (``tests/test_report_pdf_fonts.py``).

It depends on fpdf2's internals (``TTFFont``, its font output) and on how fontTools' subsetter
treats the glyph and metrics tables: it is used only with the fpdf2 and fontTools versions it was
read against (both pinned in ``requirements.txt``); any other version, and any font it does not
cover (colour, CFF, compressed, collections), goes through ``add_font`` as before.
"""

from __future__ import annotations

import copy
import pickle
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import fontTools
import fpdf
from fontTools import subset as ftsubset
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TextEmphasis, TTFFont

CHECKED_VERSION = "2.8.9"  # the fpdf2 whose TTFFont and font output this was read against
CHECKED_FONTTOOLS = "4.68.0"  # the fontTools whose subsetter this was read against
# The tables fpdf2 2.8.9 adds to the subsetter's drop list (fpdf/output.py, _add_fonts). With
# fontTools' own drop list, and the legacy "kern" table it drops from fonts that have GPOS, they
# are removed from the cached font, so that the subsetter does not decode them first: the subset
# is the same, as the subsetter drops them before anything reads them.
FPDF2_DROPPED = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC",
                 "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR")
# TTFFont attributes that depend only on the font file and that fpdf2 only reads: shared.
SHARED = ("type", "name", "sp", "ss", "up", "ut", "ttffile", "scale", "cmap", "glyph_ids",
          "is_compressed", "is_cff", "is_cid_keyed", "is_symbol", "cff_ros",
          "collection_font_number", "palette_index")

_cache: dict[str, _ParsedFont | None] = {}  # None: a font left to fpdf2
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class _ParsedFont:
    """What fpdf2 derives from one font file, and its fontTools font ready to subset: pickled
    but for the glyph table, which documents copy glyph by glyph (:class:`GlyphCopies`)."""

    font: TTFFont  # fpdf2's own TTFFont of the file, never used in a document (its ttfont dropped)
    ttfont_pickle: bytes  # without "glyf" and "hmtx"
    glyf: object  # fontTools' glyph table, its glyphs not decoded; never handed out
    hmtx: object  # fontTools' horizontal metrics: a (width, left side) tuple per glyph


class GlyphCopies(dict):
    """A document's glyphs by name: a copy of the cached glyph table's dictionary that gives
    out a copy of a glyph when it is looked up.

    Unpickling the 6,000 glyphs of a DejaVu face for every document would cost 12,000 objects
    (and the garbage collections they set off) to subset a few hundred of them. fontTools reads
    the glyphs the subset keeps (and their components) by ``glyphs[name]``, then decodes,
    renumbers and trims them in place: those are copies, the cached glyphs are only read.
    """

    def __getitem__(self, name):
        return copy.copy(dict.__getitem__(self, name))


def in_use() -> bool:
    """True when fonts are taken from the cache (with the versions it was checked against)."""
    return fpdf.__version__ == CHECKED_VERSION and fontTools.version == CHECKED_FONTTOOLS


def add_report_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """``pdf.add_font(family, style, path)``, from the fonts parsed once per process when possible.

    ``style`` is "" or "B" (regular or bold), the only ones the reports use.
    """
    parsed = _parsed(path) if in_use() else None
    fontkey = f"{family.lower()}{style}"
    if parsed is None or fontkey in pdf.fonts:
        pdf.add_font(family, style, str(path))  # fpdf2's own path (and its warnings)
        return
    pdf.fonts[fontkey] = _document_font(parsed, len(pdf.fonts) + 1, fontkey, style)


def _document_font(parsed: _ParsedFont, index: int, fontkey: str, style: str) -> TTFFont:
    """A TTFFont for one document around the cached font: what fpdf2 changes is its own."""
    font = TTFFont.__new__(TTFFont)
    for name in SHARED:
        setattr(font, name, getattr(parsed.font, name))
    font.i = index
    font.fontkey = fontkey
    font.emphasis = TextEmphasis.coerce(style)
    font.cw = defaultdict(parsed.font.cw.default_factory, parsed.font.cw)
    font.desc = copy.copy(parsed.font.desc)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.color_font = None
    font._hbfont = None  # pylint: disable=protected-access  (made from the file when shaping)
    font.ttfont = pickle.loads(parsed.ttfont_pickle)
    font.ttfont.tables["glyf"] = _own_containers(parsed.glyf)
    font.ttfont.tables["glyf"].glyphs = GlyphCopies(parsed.glyf.glyphs)
    font.ttfont.tables["hmtx"] = _own_containers(parsed.hmtx)  # the tuples are never changed
    font.subset = SubsetMap(font)
    return font


def _own_containers(table):
    """A copy of a cached fontTools table whose dictionaries and lists are the copy's own (the
    subsetter rebinds or fills them), holding the same items."""
    document_table = copy.copy(table)
    for name, value in vars(table).items():
        if isinstance(value, (dict, list)):
            setattr(document_table, name, copy.copy(value))
    return document_table


def _parsed(path: Path) -> _ParsedFont | None:
    """The cached parse of ``path``, made on first use; None for a font it does not cover."""
    key = str(Path(path).resolve())
    if key not in _cache:
        with _cache_lock:  # one thread parses, the others wait for it and then share it
            if key not in _cache:
                _cache[key] = _parse(Path(key))
    return _cache[key]


def _parse(path: Path) -> _ParsedFont | None:
    """fpdf2's TTFFont of ``path`` and its fontTools font prepared as above; None if not covered."""
    if path.suffix.lower() not in (".ttf", ".otf"):
        return None  # compressed fonts and collections: left to fpdf2
    font = TTFFont(FPDF(), path, "cached", "")
    if font.color_font is not None or font.is_cff:
        return None
    ttfont = font.ttfont
    dropped = {*FPDF2_DROPPED, *ftsubset.Options().drop_tables}
    if "GPOS" in ttfont:
        dropped.add("kern")
    for tag in ttfont.keys():
        if tag.strip() in dropped:
            del ttfont[tag]
        elif tag != "GlyphOrder":
            ttfont[tag]  # pylint: disable=pointless-statement  (decodes the table)
    # The character map's subtables decode on first use; the glyphs stay undecoded, as fpdf2
    # leaves them (the subsetter decodes the few it keeps).
    ttfont["cmap"].ensureDecompiled()
    ttfont.reader.close()  # every kept table is decoded: the file is no longer read
    ttfont.reader = None
    glyf, hmtx = ttfont.tables.pop("glyf"), ttfont.tables.pop("hmtx")
    ttfont_pickle = pickle.dumps(ttfont, protocol=pickle.HIGHEST_PROTOCOL)
    font.ttfont = None
    return _ParsedFont(font, ttfont_pickle, glyf, hmtx)


def clear_cache() -> None:
    """Forget the parsed fonts (tests)."""
    with _cache_lock:
        _cache.clear()
