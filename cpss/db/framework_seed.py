"""The framework file of the first start, loaded into the database once, and assessments pinned.

At every start (``cpss.db.core.connect``), the file named by ``CPSS_FRAMEWORK`` (else the bundled
``data/cpss_benchmarks.yaml``) and the translations beside it are stored, unless a framework of the
same content hash is there already: so the first start loads it, later starts find it. Several app
servers starting at once wait for each other on the schema lock, so it is never stored twice.
Assessments not pinned to a framework yet (made before frameworks were kept) are pinned here to the
framework of their version, else to the first one stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cpss.model.framework import Framework
from cpss.model.framework_file import BUNDLED_FRAMEWORK, load_framework
from cpss.model.framework_texts import content_hash
from cpss.model.times import utc_now
from cpss.model.translation_file import (
    available_languages,
    load_translation,
    translation_path,
    translations_dir,
)

if TYPE_CHECKING:
    from cpss.db.core import Cursor

SYSTEM = "first start"  # who a framework loaded from the server's file is recorded as
BUNDLED = "bundled"


def first_start_file() -> Path:
    """The framework file loaded at the first start: ``$CPSS_FRAMEWORK``, else the bundled one."""
    named = os.environ.get("CPSS_FRAMEWORK")
    return Path(named).resolve() if named else BUNDLED_FRAMEWORK


def seed(cur: Cursor, path: Path | None = None) -> bool:
    """Store ``path`` (default :func:`first_start_file`) unless its hash is stored; pin assessments
    that have no framework. True when the file was stored now. Checks the file first."""
    path = path or first_start_file()
    text = path.read_text(encoding="utf-8")
    digest = content_hash(text)
    cur.begin()
    try:
        cur.lock_schema()
        stored = not cur.rows(
            "SELECT 1 FROM frameworks WHERE content_hash = :hash", {"hash": digest}
        )
        if stored:
            _store(cur, path, text, digest)
        _pin_unpinned(cur)
        cur.commit()
    except BaseException:
        cur.rollback()
        raise
    return stored


def _store(cur: Cursor, path: Path, text: str, digest: str) -> None:
    framework = load_framework(path)  # checked (and cached) by the file loader
    now = utc_now()
    insert_framework(cur.rows, framework, text, digest, BUNDLED, SYSTEM, now)
    for lang in available_languages(path)[1:]:
        load_translation(lang, path)  # checked against the master and glossary before storing
        glossary = translations_dir(path) / f"glossary.{lang}.yaml"
        cur.rows(
            """INSERT INTO framework_translations VALUES
               (:hash, :lang, :content, :glossary, :now, :by)""",
            {
                "hash": digest,
                "lang": lang,
                "content": translation_path(lang, path).read_text(encoding="utf-8"),
                "glossary": glossary.read_text(encoding="utf-8"),
                "now": now,
                "by": SYSTEM,
            },
        )


def insert_framework(
    run: Callable[..., object],
    framework: Framework,
    text: str,
    digest: str,
    kind: str,
    by: str,
    now: datetime,
) -> None:
    """Store ``framework`` (from ``text`` of hash ``digest``) as published, by ``run(sql, params)``
    (a cursor's ``rows`` at first start, a write's ``tx.run`` when an administrator publishes)."""
    run(
        """INSERT INTO frameworks (content_hash, framework_key, version, name, content, kind,
               published, recorded_at, recorded_by)
           VALUES (:hash, :key, :version, :name, :content, :kind, TRUE, :now, :by)""",
        {
            "hash": digest,
            "key": framework.key,
            "version": framework.version,
            "name": framework.name,
            "content": text,
            "kind": kind,
            "now": now,
            "by": by,
        },
    )


def _pin_unpinned(cur: Cursor) -> None:
    """Pin each assessment without a framework to the earliest stored framework of its version,
    else to the earliest stored framework (the one its texts were read from until now)."""
    cur.rows(
        """INSERT INTO assessment_frameworks (assessment_id, content_hash, recorded_at, recorded_by)
           SELECT a.id, coalesce(
                      (SELECT f.content_hash FROM frameworks f
                       WHERE f.version = a.framework_version ORDER BY f.seq LIMIT 1),
                      (SELECT f.content_hash FROM frameworks f ORDER BY f.seq LIMIT 1)),
                  :now, :by
           FROM assessments a
           WHERE a.id NOT IN (SELECT assessment_id FROM assessment_frameworks)""",
        {"now": utc_now(), "by": SYSTEM},
    )
