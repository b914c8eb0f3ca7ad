"""Migration 12: frameworks, their translations and each assessment's pin (cpss.db.frameworks).
Kept beside migrations.py, which lists it."""

from __future__ import annotations

from cpss.db.history import latest_view

# Frameworks kept in the database (cpss.db.frameworks): every version of every framework, with its
# YAML and that text's SHA-256 (the version's identity); publishing or withdrawing is a new row.
# Translations are stored with the version they translate, once. Each assessment is pinned to the
# hash it was made on (history: a later row would move it). The bundled file is loaded at the first
# start (cpss.db.framework_seed), under the schema lock.
FRAMEWORKS: list[str | dict[str, str]] = [
    """CREATE TABLE frameworks (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        content_hash VARCHAR NOT NULL,
        framework_key VARCHAR NOT NULL,
        version VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        content VARCHAR NOT NULL,
        kind VARCHAR NOT NULL CHECK (kind IN ('bundled', 'revision', 'adaptation')),
        published BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_frameworks", "frameworks", "content_hash"),
    """CREATE TABLE framework_translations (
        content_hash VARCHAR NOT NULL,
        language VARCHAR NOT NULL,
        content VARCHAR NOT NULL,
        glossary VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL,
        PRIMARY KEY (content_hash, language))""",
    """CREATE TABLE assessment_frameworks (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_assessment_frameworks", "assessment_frameworks", "assessment_id"),
    {"postgresql": "CREATE INDEX frameworks_latest ON frameworks (content_hash, seq)"},
    {
        "postgresql": "CREATE INDEX assessment_frameworks_latest "
        "ON assessment_frameworks (assessment_id, seq)"
    },
]
