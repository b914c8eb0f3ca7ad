"""The JSON export with its evidence documents: a zip holding ``assessments.json`` (the JSON
export, plus an ``evidence_documents`` list of every recorded version) and each file once under
``files/<sha256>``. Reading it back checks every file as attaching does (name, size, type from the
content) and that its bytes hash to its name; documents then come in de-duplicated by hash.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

from cpss.db import documents, transfer
from cpss.db.core import Reader
from cpss.exchange.export import json_document
from cpss.exchange.file_framework import Find, json_framework
from cpss.exchange.preview import IncomingDocuments
from cpss.exchange.readable import Bundle
from cpss.exchange.reading import read_json
from cpss.exchange.tables import FileError
from cpss.model.documents import NewDocument, checked, sha256
from cpss.model.errors import UserError
from cpss.model.framework import Framework

JSON_NAME = "assessments.json"
FILES = "files/"
KEY = "evidence_documents"
MAX_JSON_BYTES = 512 * 1024 * 1024  # far above any export: a guard against a zip bomb


def to_zip(
    framework: Framework,
    bundle: Bundle,
    q: Reader,
    assessment_ids: list[str],
    framework_text: str = "",
) -> bytes:
    """The JSON export (with the framework's YAML when ``framework_text`` is given) and the
    assessments' documents (every version) with their files."""
    rows = documents.history_rows(q, assessment_ids)
    document = json_document(framework, bundle, framework_text)
    document[KEY] = [{**row, "recorded_at": row["recorded_at"].isoformat()} for row in rows]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        text = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        archive.writestr(JSON_NAME, text, compress_type=zipfile.ZIP_DEFLATED)
        for digest in dict.fromkeys(row["sha256"] for row in rows):
            # PDFs, images and Office files are compressed already: stored as they are
            archive.writestr(FILES + digest, documents.content(q, digest))
    return buffer.getvalue()


def read_zip(
    data: bytes, framework: Framework, limit: int, find: Find | None = None
) -> tuple[Framework, Bundle, IncomingDocuments]:
    """The framework the zip's export was made on (by its content hash, as the JSON import finds
    it with ``find``: see :func:`json_framework`), then its checked export and documents;
    :class:`FileError` saying what is wrong."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileError(
            "The file is not a zip file, so it is not an export with documents."
        ) from None
    with archive:
        names = set(archive.namelist())
        if JSON_NAME not in names:
            raise FileError(
                "The zip holds no {name}: it is not an export with documents of this app.",
                name=JSON_NAME,
            )
        text = _member(archive, JSON_NAME, MAX_JSON_BYTES)
        if find is not None:
            framework = json_framework(text, framework, find)
        bundle = read_json(text, framework)
        document = json.loads(text.decode("utf-8-sig"))
        rows = document.get(KEY) or []
        known = {row["id"] for row in bundle["assessments"]}
        checked_rows = tuple(
            _row(number, row, framework, known) for number, row in enumerate(rows, start=1)
        )
        files = {}
        for row in checked_rows:
            if row["sha256"] not in files:
                files[row["sha256"]] = _file(archive, row, names, limit)
    return framework, bundle, IncomingDocuments(checked_rows, files)


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    if archive.getinfo(name).file_size > limit:
        raise FileError("{name} in the zip is larger than {limit} bytes.", name=name, limit=limit)
    return archive.read(name)


_TEXT_FIELDS = ("document_id", "assessment_id", "subdomain_id", "sha256", "file_name")


def _row(number: int, row: object, framework: Framework, known: set[str]) -> dict:
    """One document version of the file, checked; :class:`FileError` naming it and why."""
    try:
        if not isinstance(row, dict):
            raise UserError("it is not an object with a document's fields.")
        values = {name: row.get(name) for name in documents.FIELDS}
        if not all(isinstance(values[name], str) and values[name] for name in _TEXT_FIELDS):
            raise UserError("a document needs its id, assessment, subdomain, SHA-256 and name.")
        if values["assessment_id"] not in known:
            raise UserError("its assessment is not in the file.")
        if values["subdomain_id"] not in {s.id for s in framework.subdomains}:
            raise UserError("its subdomain is not one of the framework's.")
        values["recorded_at"] = datetime.fromisoformat(str(values["recorded_at"]))
        values["removed"] = values["removed"] is True
        for name in ("title", "note", "recorded_by", "mime_type"):
            values[name] = str(values[name] or "")
    except (UserError, ValueError) as problem:
        raise FileError(
            "{key}, document version {number}: {problem}", key=KEY, number=number, problem=problem
        ) from None
    return values


def _file(archive: zipfile.ZipFile, row: dict, names: set[str], limit: int) -> tuple[bytes, str]:
    """The bytes of a document's file and the type they are, checked as attaching checks them."""
    name = FILES + row["sha256"]
    if name not in names:
        raise FileError(
            "The zip has no file {name} for the document {title!r}.", name=name, title=row["title"]
        )
    data = _member(archive, name, limit)
    if sha256(data) != row["sha256"]:
        raise FileError(
            "{name} in the zip is not the file it names: its SHA-256 differs (the zip is "
            "damaged or was changed).",
            name=name,
        )
    _, mime = checked(NewDocument(row["file_name"], data, row["title"], row["note"]), limit)
    row["mime_type"] = mime  # the type read from the content, whatever the file claimed
    return data, mime


def plan_documents(q: Reader, incoming: IncomingDocuments, final: set[str]) -> IncomingDocuments:
    """The file's document versions not here yet (each once; none of an assessment final here),
    with how many of their files are not stored here yet."""
    ids = sorted({row["document_id"] for row in incoming.rows})
    here = transfer.history_rows(q, KEY, documents.FIELDS, "document_id", "seq", ids)
    seen = {_identity(row) for row in here}
    rows = []
    for row in incoming.rows:
        if _identity(row) not in seen and row["assessment_id"] not in final:
            seen.add(_identity(row))
            rows.append(row)
    needed = sorted({row["sha256"] for row in rows})
    new_files = len(needed) - len(documents.stored_hashes(q, needed))
    return IncomingDocuments(tuple(rows), incoming.files, new_files)


def _identity(row: dict) -> tuple:
    """What makes two versions the same: the document, when and by whom, and what it said."""
    return tuple(row[name] for name in documents.FIELDS if name != "mime_type")
