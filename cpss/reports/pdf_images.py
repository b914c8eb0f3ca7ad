"""Chart PNGs handed to fpdf2 ready to embed, so that it does not decode and deflate them again.

vl-convert draws the charts as RGBA PNGs with an opaque background. A PDF image cannot carry the
alpha channel inside its pixels, so fpdf2 decodes the PNG, strips the alpha with Python slicing,
pads every row and deflates the whole picture at zlib's default level: about 190 ms for the
report's two charts, a quarter of the PDF's build time (``bench/profiles/reports.txt``).

:class:`ChartImages` does the same conversion with C-level calls (Pillow's RGB conversion, one
join, one deflate at a faster level), in one background thread started before the fonts are
loaded: Pillow's decoding and zlib release the GIL, so on a second core the conversion runs while
the text is laid out, and only the decoding has to be done by the time a chart is drawn. The
result is registered in the document's image cache, the one ``fpdf.image_parsing.preload_image``
fills, under a name that ``FPDF.image`` then finds; the pixels are filled in before the file is
written. The pixels and the PDF image object (RGB, 8 bits, Flate with PNG row predictors) are
those fpdf2 writes; only the deflate level differs (the file is some 70 KB larger). Pictures with
real transparency or a colour profile keep fpdf2's own path.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from fpdf import FPDF
from fpdf.image_datastructures import RasterImageInfo
from PIL import Image as PILImage

# zlib level 3 deflates these charts as fast as level 1 and a fifth smaller (measured on the demo's
# heatmap: 37 ms and 273 KB, against 60 ms and 219 KB at fpdf2's default level 6).
DEFLATE_LEVEL = 3


class ChartImages:
    """The PNGs of one document, converted for fpdf2 in a background thread. Drawing a picture
    waits only until it is decoded (its size and whether it is opaque); its deflated pixels are
    filled in by :meth:`finish`, before ``pdf.output()``. Use as a context manager around the
    document's drawing (leaving it stops the thread)."""

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
        cache, or the bytes themselves when fpdf2 must parse them (transparency, colour profile).
        The same picture drawn twice is embedded once (the name is the picture's digest)."""
        name = image_name(png)
        images = pdf.image_cache.images
        if name not in images:
            job = self._jobs.get(name) or _Job(None, png)
            size = job.decoded.result()
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
    """One picture's conversion: ``decoded`` gives its size (None when fpdf2 must parse it), then
    ``converted`` its image information without the size and bookkeeping."""

    def __init__(self, pool: ThreadPoolExecutor | None, png: bytes):
        self.decoded: Future = Future()
        if pool is None:  # a picture not announced: converted here and now
            self.converted: Future = Future()
            self.converted.set_result(self._convert(png))
        else:
            self.converted = pool.submit(self._convert, png)

    def _convert(self, png: bytes) -> RasterImageInfo | None:
        try:
            with PILImage.open(io.BytesIO(png)) as picture:
                opaque = _opaque_rgb(picture)  # decodes the pixels
                self.decoded.set_result(picture.size if opaque else None)
                if not opaque:
                    return None
                rgb = picture.convert("RGB")
        except BaseException as error:
            if not self.decoded.done():
                self.decoded.set_exception(error)
            raise
        return flate_info(rgb)


def image_name(png: bytes) -> str:
    """The cache name of a picture: its digest."""
    return "chart-" + hashlib.md5(png, usedforsecurity=False).hexdigest()


def flate_info(rgb: PILImage.Image) -> RasterImageInfo:
    """An RGB picture's pixels as fpdf2's image information: deflated, with PNG row predictors."""
    width, _ = rgb.size
    pixels = rgb.tobytes()
    stride = 3 * width
    # Each row starts with its PNG filter type, 0 (none): the /Predictor 15 decoding expects it.
    rows = b"".join(b"\0" + pixels[start:start + stride] for start in range(0, len(pixels), stride))
    return RasterImageInfo(data=zlib.compress(rows, DEFLATE_LEVEL), cs="DeviceRGB", iccp=None,
                           bpc=8, dpn=3, f="FlateDecode", inverted=False,
                           dp=f"/Predictor 15 /Colors 3 /Columns {width}")


def _opaque_rgb(picture: PILImage.Image) -> bool:
    if picture.mode not in ("RGB", "RGBA") or "icc_profile" in picture.info:
        return False
    if "transparency" in picture.info:
        return False
    return picture.mode == "RGB" or picture.getchannel("A").getextrema() == (255, 255)
