"""Evidence documents in the database: each content once (by SHA-256), each document as history.

Attaching checks the file first (:mod:`cpss.model.documents`: name, size, type from the content);
a refusal stores nothing. Removing and restoring are new rows of ``evidence_documents``; the
content stays in ``document_blobs`` (a restored document needs it, and other documents may share
it). Editors attach, remove and restore (``db.write``'s role check); reads are for every page that
may show documents (the page decides who sees them).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from cpss.db import assessments, transfer
from cpss.db.core import Db, Reader, Tx
from cpss.db.history import latest_rows
from cpss.db.personal_data import ANSWER, note_override, place
from cpss.model.access import EDIT
from cpss.model.assessments import FINAL, AssessmentError
from cpss.model.documents import DEFAULT_MAX_MB, MB, Document, NewDocument, checked, sha256
from cpss.model.errors import UserError
from cpss.model.times import utc_now

_COLUMNS = """d.document_id, d.assessment_id, d.subdomain_id, d.sha256, d.file_name, d.title,
    d.note, d.mime_type, b.size, d.removed, d.recorded_at, d.recorded_by"""
_ROW = """document_id, assessment_id, subdomain_id, sha256, file_name, title, note, mime_type,
    removed, recorded_at, recorded_by"""


def attach(
    db: Db,
    assessment_id: str,
    subdomain_id: str,
    new: NewDocument,
    by: str,
    limit: int = DEFAULT_MAX_MB * MB,
    overridden: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Check and store a document on a subdomain; return its id. Raises :class:`UserError`
    (nothing stored) when the file is refused or the assessment is final. ``overridden``
    (``{"document_title" or "document_note": kinds seen}``) notes that it was attached after the
    personal-data warning, at the subdomain's answer (whose history lists it)."""
    document, mime = checked(new, limit)
    _writable(db, assessment_id)
    document_id = uuid.uuid4().hex
    digest = sha256(document.data)

    def work(tx: Tx) -> None:
        store_content(tx, digest, document.data, mime)
        _append(tx, document_id, assessment_id, subdomain_id, digest, document, mime, False)
        if overridden:
            note_override(tx, assessment_id, place(ANSWER, subdomain_id), overridden)

    db.write(EDIT, work, by)
    return document_id


def store_content(tx: Tx, digest: str, data: bytes, mime: str) -> None:
    """Keep ``data`` under its SHA-256 unless it is there already (then nothing is sent)."""
    if tx.value("SELECT count(*) FROM document_blobs WHERE sha256 = :sha", {"sha": digest}):
        return
    # Another server's write may store the same content meanwhile: PostgreSQL lets it be; DuckDB
    # (one process) meets it as a write conflict and the write is retried, finding it stored.
    # ON CONFLICT made DuckDB's insert of 20 MB ten times slower (bench/RESULTS.md, upload).
    guard = " ON CONFLICT (sha256) DO NOTHING" if tx.engine == "postgresql" else ""
    tx.run(
        "INSERT INTO document_blobs (sha256, content, size, mime_type, recorded_at) "
        f"VALUES (:sha, :content, :size, :mime, :now){guard}",
        {"sha": digest, "content": data, "size": len(data), "mime": mime, "now": utc_now()},
    )


def _append(
    tx: Tx,
    document_id: str,
    assessment_id: str,
    subdomain_id: str,
    digest: str,
    document: NewDocument,
    mime: str,
    removed: bool,
) -> None:
    tx.run(
        f"""INSERT INTO evidence_documents ({_ROW}) VALUES (:id, :assessment, :sub, :sha, :name,
            :title, :note, :mime, :removed, :now, :by)""",
        {
            "id": document_id,
            "assessment": assessment_id,
            "sub": subdomain_id,
            "sha": digest,
            "name": document.file_name,
            "title": document.title,
            "note": document.note,
            "mime": mime,
            "removed": removed,
            "now": utc_now(),
            "by": tx.author,
        },
    )


def _writable(q: Reader, assessment_id: str) -> None:
    if assessments.assessment(q, assessment_id).status == FINAL:  # raises when unknown
        raise AssessmentError(
            "This assessment is final and read-only: reopen it to attach or remove a document."
        )


def remove(db: Db, document_id: str, by: str) -> None:
    """Take a document off its subdomain (a new row: it stays in history, restorable)."""
    _set_removed(db, document_id, True, by)


def restore(db: Db, document_id: str, by: str) -> None:
    """Put a removed document back on its subdomain (a new row)."""
    _set_removed(db, document_id, False, by)


def _set_removed(db: Db, document_id: str, removed: bool, by: str) -> None:
    current = document(db, document_id)
    _writable(db, current.assessment_id)
    kept = NewDocument(current.file_name, b"", current.title, current.note)

    def work(tx: Tx) -> None:
        _append(
            tx,
            document_id,
            current.assessment_id,
            current.subdomain_id,
            current.sha256,
            kept,
            current.mime_type,
            removed,
        )

    db.write(EDIT, work, by)


def document(q: Reader, document_id: str) -> Document:
    """A document as currently recorded; :class:`UserError` when there is none."""
    found = _select(q, "document_id = :id", {"id": document_id})
    if not found:
        raise UserError("No document with id {document_id!r}.", document_id=document_id)
    return found[0]


def listed(
    q: Reader, assessment_id: str, subdomain_id: str | None = None, removed: bool = False
) -> list[Document]:
    """An assessment's current documents (of one subdomain, when given), oldest first; the
    removed ones instead with ``removed``."""
    where = "assessment_id = :assessment" + (" AND subdomain_id = :sub" if subdomain_id else "")
    found = _select(q, where, {"assessment": assessment_id, "sub": subdomain_id})
    return [d for d in found if d.removed == removed]


def _select(q: Reader, where: str, params: dict) -> list[Document]:
    latest = latest_rows("evidence_documents", "document_id", where, columns=_ROW + ", seq")
    rows = q.rows(
        f"""SELECT {_COLUMNS} FROM ({latest}) AS d JOIN document_blobs b ON b.sha256 = d.sha256
            ORDER BY d.subdomain_id, d.seq""",
        params,
    )
    return [Document(*row) for row in rows]


def history(q: Reader, document_id: str) -> list[Document]:
    """Every recorded version of a document, oldest first (attached, removed, restored)."""
    rows = q.rows(
        f"""SELECT {_COLUMNS} FROM evidence_documents d JOIN document_blobs b
            ON b.sha256 = d.sha256 WHERE d.document_id = :id ORDER BY d.seq""",
        {"id": document_id},
    )
    return [Document(*row) for row in rows]


def content(q: Reader, digest: str) -> bytes:
    """The bytes stored under a SHA-256 (what a download serves)."""
    found = q.row("SELECT content FROM document_blobs WHERE sha256 = :sha", {"sha": digest})
    if found is None:
        raise UserError("No stored file with SHA-256 {digest}.", digest=digest)
    return bytes(found[0])


def blob_count(q: Reader) -> int:
    """How many contents are stored (each once, however many documents share it)."""
    return int(q.value("SELECT count(*) FROM document_blobs"))


# The fields of a document's history row, as an export carries them (the bytes go beside it).
FIELDS = tuple(f.strip() for f in _ROW.split(","))


def history_rows(q: Reader, assessment_ids: list[str]) -> list[dict]:
    """Every recorded version of the assessments' documents, in the order recorded (an export)."""
    return transfer.history_rows(
        q, "evidence_documents", FIELDS, "assessment_id", "seq", assessment_ids
    )


def append_imported(tx: Tx, rows: list[dict], files: dict[str, tuple[bytes, str]]) -> None:
    """Append imported document versions as they were recorded (who, when), inside the import's
    write; each file's content is stored unless it is here already (``files``: sha256 to bytes
    and type, checked by the reader)."""
    for digest in dict.fromkeys(row["sha256"] for row in rows):
        data, mime = files[digest]
        store_content(tx, digest, data, mime)
    for row in rows:
        tx.run(
            f"INSERT INTO evidence_documents ({_ROW}) VALUES (:document_id, :assessment_id, "
            ":subdomain_id, :sha256, :file_name, :title, :note, :mime_type, :removed, "
            ":recorded_at, :recorded_by)",
            row,
        )


def stored_hashes(q: Reader, digests: list[str]) -> set[str]:
    """Which of these contents are stored here already."""
    rows = q.rows(
        "SELECT sha256 FROM document_blobs WHERE sha256 = ANY(:d::VARCHAR[])", {"d": digests}
    )
    return {row[0] for row in rows}
