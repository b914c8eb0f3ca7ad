"""Migration 11: evidence documents, each content stored once (cpss.db.documents). Kept beside
migrations.py, which lists it."""

from __future__ import annotations

from cpss.db.history import latest_view

# Evidence documents (issue 19): each content once, keyed by its SHA-256 (the same file attached
# twice is stored once), and the documents as history: attaching, removing and restoring are rows.
DOCUMENTS: list[str | dict[str, str]] = [
    """CREATE TABLE document_blobs (
        sha256 VARCHAR PRIMARY KEY,
        content BYTEA NOT NULL,
        size BIGINT NOT NULL,
        mime_type VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE evidence_documents (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        document_id VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        note VARCHAR NOT NULL,
        mime_type VARCHAR NOT NULL,
        removed BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_evidence_documents", "evidence_documents", "document_id"),
    {
        "postgresql": "CREATE INDEX evidence_documents_latest ON evidence_documents (document_id, seq)"
    },
    {
        "postgresql": "CREATE INDEX evidence_documents_assessment ON evidence_documents (assessment_id)"
    },
]
