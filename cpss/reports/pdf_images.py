"""Chart PNGs handed to fpdf2 ready to embed, so that it does not decode and deflate them again.

vl-convert draws the charts as RGBA PNGs with an opaque background. A PDF image cannot carry the
alpha channel inside its pixels, so fpdf2 decodes the PNG, strips the alpha with Python slicing,
pads every row and deflates the whole picture at zlib's default level: about 190 ms for the
report's two charts, a quarter of the PDF's build time (``bench/profiles/reports.txt``).

:func:`pdf_image` does the same conversion with C-level calls (Pillow's RGB conversion, one join,
one deflate at a faster level) and registers the result in the document's image cache, the one
``fpdf.image_parsing.preload_image`` fills, under a name that ``FPDF.image`` then finds. The pixels
and the PDF image object (RGB, 8 bits, Flate with PNG row predictors) are those fpdf2 writes; only
the deflate level differs (the file is some 70 KB larger). Pictures with real transparency or a
colour profile keep fpdf2's own path.
"""

from __future__ import annotations

import hashlib
import io
import zlib

from fpdf import FPDF
from fpdf.image_datastructures import RasterImageInfo
from PIL import Image as PILImage

# zlib level 3 deflates these charts as fast as level 1 and a fifth smaller (measured on the demo's
# heatmap: 37 ms and 273 KB, against 60 ms and 219 KB at fpdf2's default level 6).
DEFLATE_LEVEL = 3


def pdf_image(pdf: FPDF, png: bytes) -> str | io.BytesIO:
    """What to pass to ``pdf.image`` for ``png``: the name of a ready entry in ``pdf``'s image
    cache, or the bytes themselves when fpdf2 must parse them (transparency, colour profile).

    The same picture drawn twice is embedded once (the name is the picture's digest)."""
    name = "chart-" + hashlib.md5(png, usedforsecurity=False).hexdigest()
    images = pdf.image_cache.images
    if name in images:
        return name
    with PILImage.open(io.BytesIO(png)) as picture:
        if not _opaque_rgb(picture):
            return io.BytesIO(png)
        rgb = picture.convert("RGB")
    info = _flate_rgb(rgb)
    # the bookkeeping preload_image does for a new image; FPDF.image counts the first use
    info.update(i=len(images) + 1, usages=0, iccp_i=None)
    images[name] = info
    return name


def _opaque_rgb(picture: PILImage.Image) -> bool:
    if picture.mode not in ("RGB", "RGBA") or "icc_profile" in picture.info:
        return False
    if "transparency" in picture.info:
        return False
    return picture.mode == "RGB" or picture.getchannel("A").getextrema() == (255, 255)


def _flate_rgb(rgb: PILImage.Image) -> RasterImageInfo:
    width, height = rgb.size
    pixels = rgb.tobytes()
    stride = 3 * width
    # Each row starts with its PNG filter type, 0 (none): the /Predictor 15 decoding expects it.
    rows = b"".join(b"\0" + pixels[start:start + stride] for start in range(0, len(pixels), stride))
    return RasterImageInfo(data=zlib.compress(rows, DEFLATE_LEVEL), w=width, h=height,
                           cs="DeviceRGB", iccp=None, bpc=8, dpn=3, f="FlateDecode",
                           inverted=False, dp=f"/Predictor 15 /Colors 3 /Columns {width}")
