"""Chart PNGs handed to fpdf2 ready to embed, so that it does not decode and deflate them again.

vl-convert draws the charts as RGBA PNGs with an opaque background. A PDF image cannot carry the
alpha channel inside its pixels, so fpdf2 decodes the PNG, strips the alpha with Python slicing,
pads every row and deflates the whole picture at zlib's default level: about 190 ms for the
report's two charts, a quarter of the PDF's build time (``bench/profiles/reports.txt``).

:class:`ChartImages` does the same conversion with C-level calls (Pillow's RGB conversion, one
join, one deflate at a faster level), in one background thread started before the fonts are
loaded: Pillow's decoding and zlib release the GIL, so on a second core the pictures are ready
by the time the text before the charts is laid out. The result is registered in the document's
image cache, the one ``fpdf.image_parsing.preload_image`` fills, under a name that ``FPDF.image``
then finds. The pixels and the PDF image object (RGB, 8 bits, Flate with PNG row predictors) are
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
    """The PNGs of one document, converted for fpdf2 in a background thread; use as a context
    manager around the document's drawing (leaving it stops the thread)."""

    def __init__(self, pngs: Iterable[bytes]):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-images")
        self._jobs: dict[str, Future] = {}
        for png in pngs:
            name = image_name(png)
            if name not in self._jobs:
                self._jobs[name] = self._pool.submit(flate_info, png)

    def __enter__(self) -> ChartImages:
        return self

    def __exit__(self, *_exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def image(self, pdf: FPDF, png: bytes) -> str | io.BytesIO:
        """What to pass to ``pdf.image`` for ``png``: the name of a ready entry in ``pdf``'s image
        cache, or the bytes themselves when fpdf2 must parse them (transparency, colour profile).
        The same picture drawn twice is embedded once (the name is the picture's digest)."""
        name = image_name(png)
        images = pdf.image_cache.images
        if name not in images:
            job = self._jobs.get(name)
            info = job.result() if job else flate_info(png)
            if info is None:
                return io.BytesIO(png)
            # the bookkeeping preload_image does for a new image; FPDF.image counts the first use
            info.update(i=len(images) + 1, usages=0, iccp_i=None)
            images[name] = info
        return name


def image_name(png: bytes) -> str:
    """The cache name of a picture: its digest."""
    return "chart-" + hashlib.md5(png, usedforsecurity=False).hexdigest()


def flate_info(png: bytes) -> RasterImageInfo | None:
    """The picture as fpdf2's image information (RGB pixels, deflated, PNG row predictors), or
    None when it is not an opaque RGB(A) picture without a colour profile."""
    with PILImage.open(io.BytesIO(png)) as picture:
        if not _opaque_rgb(picture):
            return None
        rgb = picture.convert("RGB")
    width, height = rgb.size
    pixels = rgb.tobytes()
    stride = 3 * width
    # Each row starts with its PNG filter type, 0 (none): the /Predictor 15 decoding expects it.
    rows = b"".join(b"\0" + pixels[start:start + stride] for start in range(0, len(pixels), stride))
    return RasterImageInfo(data=zlib.compress(rows, DEFLATE_LEVEL), w=width, h=height,
                           cs="DeviceRGB", iccp=None, bpc=8, dpn=3, f="FlateDecode",
                           inverted=False, dp=f"/Predictor 15 /Colors 3 /Columns {width}")


def _opaque_rgb(picture: PILImage.Image) -> bool:
    if picture.mode not in ("RGB", "RGBA") or "icc_profile" in picture.info:
        return False
    if "transparency" in picture.info:
        return False
    return picture.mode == "RGB" or picture.getchannel("A").getextrema() == (255, 255)
