"""What an evidence document is, read from its content (never from its name alone).

The rule (docs/decisions/evidence-file-types.md): ``filetype`` reads the content; Word and Excel
files of 2007 and later are zip files, so a zip counts as one only when it holds ``word/`` or
``xl/``; plain text (which no signature tells) counts only when it decodes as UTF-8 without control
characters other than tab, line feed and carriage return. The name's ending must then agree with
what the content is: a ``.pdf`` that is not a PDF is refused as disguised.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype  # type: ignore[import-untyped]  # filetype ships no type hints

from cpss.i18n import N_
from cpss.model.errors import Phrase, UserError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"
TEXT = "text/plain"


@dataclass(frozen=True)
class FileType:
    """A type of file that may be attached: its name for people and the endings it may carry."""

    label: str  # an English message id (N_), translated where shown
    endings: tuple[str, ...]


# The types that may be attached, by MIME type (the type a download is served with).
ALLOWED: dict[str, FileType] = {
    "application/pdf": FileType(N_("PDF document"), ("pdf",)),
    DOCX: FileType(N_("Word document"), ("docx",)),
    "application/msword": FileType(N_("Word 97-2003 document"), ("doc",)),
    XLSX: FileType(N_("Excel workbook"), ("xlsx",)),
    "application/vnd.ms-excel": FileType(N_("Excel 97-2003 workbook"), ("xls",)),
    "image/png": FileType(N_("PNG image"), ("png",)),
    "image/jpeg": FileType(N_("JPEG image"), ("jpg", "jpeg")),
    "image/gif": FileType(N_("GIF image"), ("gif",)),
    "image/webp": FileType(N_("WebP image"), ("webp",)),
    TEXT: FileType(N_("plain text"), ("txt", "csv", "md")),
}
# What a text file is served as, by its ending (its content tells only that it is text).
TEXT_BY_ENDING = {"txt": "text/plain", "csv": "text/csv", "md": "text/markdown"}
# Bytes that plain text does not hold: control characters other than tab, line feed, CR.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def ending(name: str) -> str:
    """The name's ending in lower case, without the dot ("" when it has none)."""
    return PurePosixPath(name).suffix.lower().lstrip(".")


def content_type(data: bytes) -> str | None:
    """The MIME type the content is, as far as the allowed types go (``text/plain`` for text);
    another known type's MIME type; or None when nothing tells."""
    kind = filetype.guess(data)
    if kind is not None and kind.mime in (DOCX, XLSX, ZIP):
        return _office_zip(data) or kind.mime
    if kind is not None:
        return str(kind.mime)
    return TEXT if _is_text(data) else None


def _office_zip(data: bytes) -> str | None:
    """DOCX or XLSX when the zip holds a Word document's or a workbook's parts, else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return None
    if any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    return None


def _is_text(data: bytes) -> bool:
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _NOT_TEXT.search(decoded) is None


def checked_type(name: str, data: bytes) -> str:
    """The MIME type to store and serve the file with; raises :class:`UserError` when the
    content is of no allowed type, or is not what the name's ending says."""
    found = content_type(data)
    if found not in ALLOWED:
        raise UserError(
            "{name} cannot be attached: its content is not a type of file that can be kept here "
            "(PDF, Word, Excel, PNG, JPEG, GIF or WebP image, or plain text). Nothing was stored.",
            name=name,
        )
    kind = ALLOWED[found]
    suffix = ending(name)
    if suffix not in kind.endings:
        raise UserError(
            "{name} is not what its name says: the name ends in “.{suffix}”, but its content is of "
            "the type “{kind}”. Attach the right file, or give it a name ending in “.{right}”. Nothing "
            "was stored.",
            name=name,
            suffix=suffix,
            kind=Phrase(kind.label),
            right=kind.endings[0],
        )
    return TEXT_BY_ENDING[suffix] if found == TEXT else found


def label(mime: str) -> str:
    """The English message id naming a stored MIME type for people (translated where shown)."""
    if mime in TEXT_BY_ENDING.values():
        return ALLOWED[TEXT].label
    return ALLOWED[mime].label if mime in ALLOWED else mime
