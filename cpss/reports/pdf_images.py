"""Chart PNGs handed to fpdf2 ready to embed, so that it does not decode and deflate them again.

vl-convert draws the charts as RGBA PNGs with an opaque background. A PDF image cannot carry the
alpha channel inside its pixels, so fpdf2 decodes the PNG, strips the alpha with Python slicing,
pads every row and deflates the whole picture at zlib's default level: about 190 ms for the
report's two charts, a quarter of the PDF's build time (``bench/profiles/reports.txt``).

Neither the decoding nor most of that work is needed. A PNG's pixel data is a zlib stream of rows,
each a filter type byte and the row's bytes after that filter, and a PDF reader undoes the same
filters (``/Predictor 15``). Every PNG filter predicts a byte from the same channel of the pixels
beside and above, so the filtered red, green and blue bytes of an RGBA picture, without its alpha
bytes, are the filtered bytes of its RGB picture. :func:`flate_info` inflates the rows, checks in
the filtered alpha bytes that the picture is opaque, drops them with Pillow, and deflates the rest
with zlib-ng (a faster zlib, the same format): the pixels a reader draws are the PNG's, the file
is about the size fpdf2 wrote. It covers the PNGs vl-convert writes (8 bits per channel, not
interlaced, every row filtered with "Sub" or every row unfiltered); any other picture is left to
fpdf2.

:class:`ChartImages` runs this in one background thread, started before the fonts are loaded
(inflating and deflating release the GIL), and registers the result in the document's image
cache, the one ``fpdf.image_parsing.preload_image`` fills, under a name that ``FPDF.image`` then
finds; the pixels are filled in before the file is written.
"""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

from fpdf import FPDF
from fpdf.image_datastructures import RasterImageInfo
from PIL import Image as PILImage
from zlib_ng import zlib_ng

# zlib-ng level 4 deflates the demo's heatmap (the bigger chart) in 14 ms to 278 KB: the size
# fpdf2's own conversion gave (219 KB at zlib level 6, after 60 ms of deflating alone).
DEFLATE_LEVEL = 4
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NONE, SUB = 0, 1  # PNG filter types
RGBA = 6  # PNG colour type


class ChartImages:
    """The PNGs of one document, converted for fpdf2 in a background thread. Drawing a picture
    waits only until it is checked (its size, and whether this module can embed it); its deflated
    pixels are filled in by :meth:`finish`, before ``pdf.output()``. Use as a context manager
    around the document's drawing (leaving it stops the thread)."""

    def __init__(self, pngs: Iterable[bytes]):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-images")
        self._jobs: dict[str, _Job] = {}
        self._drawn: dict[str, _Job] = {}
        for png in pngs:
            name = image_name(png)
            if name not in self._jobs:
                self._jobs[name] = _Job(self._pool, png)

    def __enter__(self) -> ChartImages:
        return self

    def __exit__(self, *_exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def image(self, pdf: FPDF, png: bytes) -> str | io.BytesIO:
        """What to pass to ``pdf.image`` for ``png``: the name of an entry in ``pdf``'s image
        cache, or the bytes themselves when fpdf2 must parse them (transparency, colour profile,
        another kind of PNG). The same picture drawn twice is embedded once (the name is the
        picture's digest)."""
        name = image_name(png)
        images = pdf.image_cache.images
        if name not in images:
            job = self._jobs.get(name) or _Job(None, png)
            size = job.checked.result()
            if size is None:
                return io.BytesIO(png)
            width, height = size
            # what fpdf2 needs to place the picture; the pixels follow in finish(), and the
            # bookkeeping is preload_image's for a new image (FPDF.image counts the first use)
            images[name] = RasterImageInfo(w=width, h=height, i=len(images) + 1, usages=0,
                                           iccp_i=None)
            self._drawn[name] = job
        return name

    def finish(self, pdf: FPDF) -> None:
        """Put the deflated pixels of every drawn picture into ``pdf``, waiting for them."""
        for name, job in self._drawn.items():
            pdf.image_cache.images[name].update(job.converted.result())


class _Job:
    """One picture's conversion: ``checked`` gives its size (None when fpdf2 must parse it), then
    ``converted`` its image information without the size and bookkeeping."""

    def __init__(self, pool: ThreadPoolExecutor | None, png: bytes):
        self.checked: Future = Future()
        if pool is None:  # a picture not announced: converted here and now
            self.converted: Future = Future()
            self.converted.set_result(self._convert(png))
        else:
            self.converted = pool.submit(self._convert, png)

    def _convert(self, png: bytes) -> RasterImageInfo | None:
        try:
            rows = rgb_rows(png)
            self.checked.set_result(rows and (rows.width, rows.height))
        except BaseException as error:
            self.checked.set_exception(error)
            raise
        return rows and flate_info(rows)


def image_name(png: bytes) -> str:
    """The cache name of a picture: its digest."""
    return "chart-" + hashlib.md5(png, usedforsecurity=False).hexdigest()


class Rows(NamedTuple):
    """An RGB picture as PNG-filtered rows (each a filter type byte, then the row)."""

    width: int
    height: int
    data: bytes


def rgb_rows(png: bytes) -> Rows | None:
    """The filtered RGB rows of an opaque RGBA PNG of the kind described above, or None."""
    header, chunks = _chunks(png)
    if header is None or b"tRNS" in chunks or b"iCCP" in chunks:
        return None
    width, height, depth, colour, _compression, _filter_method, interlace = header
    if depth != 8 or colour != RGBA or interlace:
        return None
    stride = 1 + 4 * width
    raw = zlib_ng.decompress(b"".join(chunks[b"IDAT"]))
    if len(raw) != stride * height:
        return None
    kind = raw[0]
    if kind not in (NONE, SUB) or raw[::stride] != bytes([kind]) * height:
        return None
    # the rows after their filter byte, read as RGBA pixels (Pillow skips the filter bytes)
    filtered = PILImage.frombytes("RGBA", (width, height), memoryview(raw)[1:], "raw", "RGBA",
                                  stride)
    if not _opaque(filtered.getchannel("A"), kind):
        return None
    rgb = filtered.tobytes("raw", "RGB")
    line, mark = 3 * width, bytes([kind])
    return Rows(width, height, b"".join(mark + rgb[start:start + line]
                                        for start in range(0, len(rgb), line)))


def _opaque(alpha: PILImage.Image, kind: int) -> bool:
    """Whether the filtered alpha bytes are those of an alpha of 255 everywhere: all 255 when
    unfiltered; with "Sub" (each byte minus the one to its left), 255 and then zeros."""
    if kind == NONE:
        return alpha.getextrema() == (255, 255)
    width, height = alpha.size
    first = alpha.crop((0, 0, 1, height)).getextrema()
    return first == (255, 255) and (width == 1 or alpha.crop((1, 0, width, height)).getextrema()
                                    == (0, 0))


def flate_info(rows: Rows) -> RasterImageInfo:
    """Filtered RGB rows as fpdf2's image information (deflated, PNG row predictors)."""
    return RasterImageInfo(data=zlib_ng.compress(rows.data, DEFLATE_LEVEL), cs="DeviceRGB",
                           iccp=None, bpc=8, dpn=3, f="FlateDecode", inverted=False,
                           dp=f"/Predictor 15 /Colors 3 /Columns {rows.width}")


def _chunks(png: bytes) -> tuple[tuple | None, dict[bytes, list[bytes]]]:
    """The PNG's header fields (width, height, bit depth, colour type, compression, filter method,
    interlace) and its chunks' data by type; (None, {}) when it is not a well-formed PNG."""
    if not png.startswith(PNG_SIGNATURE):
        return None, {}
    chunks: dict[bytes, list[bytes]] = {}
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        chunks.setdefault(kind, []).append(png[position + 8:position + 8 + length])
        position += 12 + length  # length, type, data, CRC
    header = chunks.get(b"IHDR", [b""])[0]
    if len(header) != 13 or b"IDAT" not in chunks:
        return None, {}
    return struct.unpack(">IIBBBBB", header), chunks
