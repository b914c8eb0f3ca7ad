"""Evidence documents: the files behind a rating (a law, a costed plan, a survey report).

A document is attached to one subdomain of one assessment, with a title and an optional note. The
checks here are pure: the name, the size against the limit, the type from the content
(:mod:`cpss.model.file_types`), the title and note. Storage is :mod:`cpss.db.documents`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from cpss.i18n import ENGLISH, N_, Text, format_number
from cpss.model.errors import UserError, check_text_limits
from cpss.model.file_types import checked_type, label

MB = 1024 * 1024  # Streamlit's maxUploadSize counts in these
DEFAULT_MAX_MB = 20
MAX_MB_ENV = "CPSS_MAX_DOCUMENT_MB"  # or max_document_mb in [cpss] of secrets.toml
MAX_NAME_CHARS = 200
TEXT_LIMITS = {N_("title"): 200, N_("note"): 2000}
# A file name is a name, never a path: no separators; no control characters (they hide text).
_BAD_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*;]')


@dataclass(frozen=True)
class NewDocument:
    """A file someone attaches: its name as they gave it, its bytes, a title and a note."""

    file_name: str
    data: bytes
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class Document:
    """One attached document as currently recorded (``removed`` when taken off, restorable)."""

    document_id: str
    assessment_id: str
    subdomain_id: str
    sha256: str
    file_name: str
    title: str
    note: str
    mime_type: str
    size: int
    removed: bool
    recorded_at: datetime
    recorded_by: str


def max_bytes(secrets: Mapping, environ: Mapping) -> int:
    """The largest file that may be attached: ``CPSS_MAX_DOCUMENT_MB`` in the environment, else
    ``max_document_mb`` in ``[cpss]`` of secrets.toml, else 20 (MB of 1,048,576 bytes)."""
    section = secrets.get("cpss") or {}
    raw = str(environ.get(MAX_MB_ENV) or section.get("max_document_mb") or DEFAULT_MAX_MB)
    try:
        megabytes = float(raw.strip())
    except ValueError:
        megabytes = -1
    if not megabytes > 0:
        raise UserError(
            "{setting} (or max_document_mb in [cpss] of secrets.toml) is {raw!r}: give the largest "
            "document in MB, a number above 0 such as 20.",
            setting=MAX_MB_ENV,
            raw=raw,
        )
    return int(megabytes * MB)


def checked(new: NewDocument, limit: int) -> tuple[NewDocument, str]:
    """The document with title and note trimmed (the title defaults to the file name) and its
    MIME type from the content; raises :class:`UserError` saying which file and why."""
    check_name(new.file_name)
    if not new.data:
        raise UserError("{name} is empty (0 bytes): there is nothing to keep.", name=new.file_name)
    if len(new.data) > limit:
        raise UserError(
            "{name} is too large: {size} bytes, and a document may have at most {limit} bytes "
            "({megabytes} MB). Nothing was stored.",
            name=new.file_name,
            size=len(new.data),
            limit=limit,
            megabytes=round(limit / MB, 1),
        )
    mime = checked_type(new.file_name, new.data)
    document = replace(new, title=new.title.strip() or new.file_name, note=new.note.strip())
    check_text_limits(document, TEXT_LIMITS, UserError)
    return document, mime


def check_name(name: str) -> None:
    """Raise :class:`UserError` when ``name`` cannot be a file's name as kept and served."""
    if not name.strip():
        raise UserError("The file has no name: give it one that says what it is.")
    if len(name) > MAX_NAME_CHARS:
        raise UserError(
            "The file name is too long: {length} characters, at most {limit}.",
            length=len(name),
            limit=MAX_NAME_CHARS,
        )
    bad = _BAD_NAME.search(name)
    if bad:
        raise UserError(
            "The file name {name!r} holds {char!r} at character {position}: a name may not hold "
            "path separators (/ or \\) or control characters. Rename the file. Nothing was "
            "stored.",
            name=name,
            char=bad.group(),
            position=bad.start() + 1,
        )


def safe_name(name: str) -> str:
    """The name a download is saved under: the file name's last part, with any character that a
    file system or a header could read as more than a name (separators, controls, quotes, ``:``)
    made "_"; "document" when nothing is left."""
    last = re.split(r"[/\\]", name)[-1]
    cleaned = _UNSAFE.sub("_", last).strip(" .")
    return cleaned or "document"


def sha256(data: bytes) -> str:
    """The content's SHA-256 in hexadecimal: its key in the store (one copy per content)."""
    return hashlib.sha256(data).hexdigest()


def size_text(size: int, tr: Text = ENGLISH) -> str:
    """A file's size for people in ``tr``'s number format: "820 bytes", "1.5 KB", "12.3 MB"."""
    if size < 1024:
        shown = format_number(size, tr)  # not inside the call: the extractor reads it flat
        return tr.plural("{size} byte", "{size} bytes", size, size=shown)
    if size < MB:
        return tr("{size} KB", size=format_number(size / 1024, tr, decimals=1))
    return tr("{size} MB", size=format_number(size / MB, tr, decimals=1))


def type_text(mime: str, tr: Text = ENGLISH) -> str:
    """What a stored document is, in ``tr``'s language ("PDF document")."""
    return tr(label(mime))
