"""Small files of each kind for the evidence documents' tests (made here, nothing downloaded)."""

from __future__ import annotations

import io
import zipfile

# The start of a PDF is what tells it (filetype reads "%PDF"); the rest is a minimal document.
PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_zip(part: str) -> bytes:
    """A zip holding ``part`` (``word/document.xml`` or ``xl/workbook.xml``) as Office writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def pdf_of(size: int) -> bytes:
    """A PDF of exactly ``size`` bytes (padding after the header)."""
    return PDF + b"0" * (size - len(PDF))
