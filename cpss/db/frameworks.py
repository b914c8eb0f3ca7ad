"""Frameworks kept in the database: publish a version, list them, read an assessment's own.

Every version is a row of ``frameworks`` with its YAML and that text's SHA-256 (migration 12);
translations are stored with the version they translate. An assessment is pinned to the hash it was
made on (``assessment_frameworks``), so its texts never change under it when a newer version is
published. Parsed frameworks are cached per process by hash (a hash names one text: docs/caches.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from cpss.db.core import Reader, Tx
from cpss.db.framework_seed import BUNDLED, insert_framework
from cpss.model.access import MANAGE
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from cpss.model.framework_texts import cached, content_hash, parse_framework
from cpss.model.times import utc_now
from cpss.model.translation_file import MASTER_LANGUAGE, translation_from_text
from cpss.model.version_map import check_successor

KINDS = (BUNDLED, "revision", "adaptation")
_FILE_NAME = "{key} {version}.yaml"  # how messages name a stored framework's text


class FrameworkMissing(UserError):
    """An assessment's framework (by hash) that this installation does not have."""


@dataclass(frozen=True)
class FrameworkRow:
    """One framework version as administrators see it in the list."""

    content_hash: str
    key: str
    version: str
    name: str
    kind: str
    published: bool
    languages: tuple[str, ...]
    recorded_at: datetime
    recorded_by: str
    assessments: int


def publish(db, yaml_text: str, by: str = "", kind: str = "revision") -> str:
    """Check ``yaml_text`` as a framework file, refuse it when it would break existing
    assessments, then store it as published and return its content hash (administrators only;
    publishing a stored text again changes nothing)."""
    if kind not in KINDS:
        raise ValueError(f"unknown framework kind {kind!r}")
    framework = parse_framework(yaml_text, "uploaded framework file")
    digest = content_hash(yaml_text)

    def work(tx: Tx) -> str:
        if not tx.rows("SELECT 1 FROM frameworks WHERE content_hash = :h", {"h": digest}):
            check_successor(framework, used_subdomains(tx, framework.key))
            _insert(tx, framework, yaml_text, digest, kind)
        return digest

    return db.write(MANAGE, work, by)


def _insert(tx: Tx, framework: Framework, text: str, digest: str, kind: str) -> None:
    insert_framework(tx.run, framework, text, digest, kind, tx.author, utc_now())


def used_subdomains(q: Reader, key: str) -> dict[str, int]:
    """Subdomain id -> how many assessments on any version of framework ``key`` answered it."""
    rows = q.rows(
        """SELECT r.subdomain_id, count(DISTINCT r.assessment_id)
           FROM current_ratings r
           JOIN current_assessment_frameworks p ON p.assessment_id = r.assessment_id
           JOIN current_frameworks f ON f.content_hash = p.content_hash
           WHERE f.framework_key = :key AND r.answer IS NOT NULL
           GROUP BY r.subdomain_id""",
        {"key": key},
    )
    return {subdomain_id: count for subdomain_id, count in rows}


def frameworks(q: Reader) -> list[FrameworkRow]:
    """Every framework version, newest first, with its languages and how many assessments use it."""
    rows = q.rows(
        """SELECT f.content_hash, f.framework_key, f.version, f.name, f.kind, f.published,
                  f.recorded_at, f.recorded_by,
                  (SELECT count(*) FROM current_assessment_frameworks p
                   JOIN current_details d ON d.assessment_id = p.assessment_id
                   WHERE p.content_hash = f.content_hash)
           FROM current_frameworks f ORDER BY f.seq DESC"""
    )
    languages = _languages(q)
    return [
        FrameworkRow(
            content_hash=row[0],
            key=row[1],
            version=row[2],
            name=row[3],
            kind=row[4],
            published=bool(row[5]),
            languages=(MASTER_LANGUAGE, *languages.get(row[0], ())),
            recorded_at=row[6],
            recorded_by=row[7],
            assessments=int(row[8]),
        )
        for row in rows
    ]


def _languages(q: Reader) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for digest, lang in q.rows(
        "SELECT content_hash, language FROM framework_translations ORDER BY language"
    ):
        found.setdefault(digest, []).append(lang)
    return {digest: tuple(langs) for digest, langs in found.items()}


def newest(q: Reader, key: str | None = None) -> str:
    """The content hash of the newest published version of framework ``key`` (the first-start
    framework's key when None)."""
    if key is None:
        key = q.value("SELECT framework_key FROM frameworks ORDER BY seq LIMIT 1")
    found = q.row(
        """SELECT content_hash FROM current_frameworks
           WHERE framework_key = :key AND published ORDER BY seq DESC LIMIT 1""",
        {"key": key},
    )
    if found is None:
        raise FrameworkMissing("No published framework has the key '{key}'.", key=key)
    return found[0]


def of_version(q: Reader, version: str) -> str:
    """The hash of the newest published framework of ``version``; else :func:`newest`."""
    found = q.row(
        """SELECT content_hash FROM current_frameworks
           WHERE version = :version AND published ORDER BY seq DESC LIMIT 1""",
        {"version": version},
    )
    return found[0] if found else newest(q)


def pinned_hash(q: Reader, assessment_id: str) -> str:
    """The content hash of the framework ``assessment_id`` was made on."""
    found = q.row(
        "SELECT content_hash FROM current_assessment_frameworks WHERE assessment_id = :id",
        {"id": assessment_id},
    )
    return found[0] if found else newest(q)


def pin(tx: Tx, assessment_id: str, digest: str) -> None:
    """Pin ``assessment_id`` to the framework of hash ``digest``, inside the caller's write."""
    tx.run(
        """INSERT INTO assessment_frameworks (assessment_id, content_hash, recorded_at,
               recorded_by) VALUES (:id, :hash, :now, :by)""",
        {"id": assessment_id, "hash": digest, "now": utc_now(), "by": tx.author},
    )


def framework_for(q: Reader, assessment_id: str, lang: str = MASTER_LANGUAGE) -> Framework:
    """The texts ``assessment_id`` was made on, in ``lang`` when its version has that translation,
    else in English (then ``framework.language`` differs from ``lang``: show a notice)."""
    return by_hash(q, pinned_hash(q, assessment_id), lang)


def by_hash(q: Reader, digest: str, lang: str = MASTER_LANGUAGE) -> Framework:
    """The framework of content hash ``digest`` in ``lang`` (English when it has no such
    translation); parsed once per process. :class:`FrameworkMissing` when it is not stored."""
    english = cached(digest, MASTER_LANGUAGE, lambda: _parse_stored(q, digest))
    if lang == MASTER_LANGUAGE:
        return english
    return cached(digest, lang, lambda: _translated(q, english, digest, lang))


def find(q: Reader, digest: str, lang: str = MASTER_LANGUAGE) -> Framework | None:
    """The framework of content hash ``digest`` in ``lang`` (see :func:`by_hash`), or None when it
    is not stored in this database (asked of the database: the process's cache may hold other
    databases' too)."""
    if not q.rows("SELECT 1 FROM frameworks WHERE content_hash = :h", {"h": digest}):
        return None
    return by_hash(q, digest, lang)


def text_of(q: Reader, digest: str) -> str:
    """The YAML of the framework of content hash ``digest`` ("" when it is not stored)."""
    found = q.row("SELECT content FROM frameworks WHERE content_hash = :h LIMIT 1", {"h": digest})
    return found[0] if found else ""


def _parse_stored(q: Reader, digest: str) -> Framework:
    found = q.row(
        "SELECT content, framework_key, version FROM frameworks WHERE content_hash = :h LIMIT 1",
        {"h": digest},
    )
    if found is None:
        raise FrameworkMissing(
            "This installation has no framework with the content hash {hash}.", hash=digest[:12]
        )
    parsed = parse_framework(found[0], _FILE_NAME.format(key=found[1], version=found[2]))
    return dataclasses.replace(parsed, content_hash=digest)


def _translated(q: Reader, english: Framework, digest: str, lang: str) -> Framework:
    found = q.row(
        """SELECT content, glossary FROM framework_translations
           WHERE content_hash = :h AND language = :lang""",
        {"h": digest, "lang": lang},
    )
    if found is None:
        return english
    translated = translation_from_text(english, lang, found[0], found[1], english.key)
    return dataclasses.replace(translated, content_hash=digest)


def add_translation(db, digest: str, lang: str, text: str, glossary: str, by: str = "") -> None:
    """Store the ``lang`` translation (and glossary) of framework ``digest``, checked against it
    first (administrators only)."""
    english = by_hash(db, digest)
    translation_from_text(english, lang, text, glossary, english.key)

    def work(tx: Tx) -> None:
        tx.run(
            """INSERT INTO framework_translations VALUES
               (:hash, :lang, :content, :glossary, :now, :by)""",
            {
                "hash": digest,
                "lang": lang,
                "content": text,
                "glossary": glossary,
                "now": utc_now(),
                "by": tx.author,
            },
        )

    db.write(MANAGE, work, by)


def in_english(framework: Framework, lang: str) -> bool:
    """True when ``framework`` was asked for in ``lang`` but has no translation into it."""
    return lang != MASTER_LANGUAGE and framework.language != lang
