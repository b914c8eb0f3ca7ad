"""Backups: a complete copy of the database in one DuckDB file, and restoring it into an empty one.

A backup is made by the process that holds the database (DuckDB lets one process open the file):
``ATTACH`` a new file and ``COPY FROM DATABASE``, which copies every table, view and the history
sequence's position in one consistent snapshot while other sessions go on writing. The running app
does this for its Backup button and for ``python -m cpss backup`` (see :mod:`cpss.db.backup_requests`);
with no app running, the command opens the database itself. A restore goes into a new (or empty)
database file, then brings the schema up to date with the migrations.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import duckdb

from cpss.db.conn_duckdb import DuckConnection, DuckCursor
from cpss.db.core import Connection
from cpss.db.framework_seed import SYSTEM
from cpss.db.migrations import migrate
from cpss.model.access import MANAGE, Actor
from cpss.model.errors import UserError

# The core tables a backup must give back (tests/test_backup.py fills each); the counts compared
# after a backup and a restore are those of every table the database holds (:func:`counts`).
TABLES = (
    "assessments",
    "assessment_details",
    "ratings",
    "positions",
    "action_items",
    "priority_reviews",
    "workshops",
    "workshop_states",
    "workshop_participants",
    "workshop_votes",
    "workshop_consensus",
    "user_accounts",
    "share_links",
    "assessment_deletions",
    "sign_in_failures",
    "retention_settings",
    "data_events",
    "access_log",
    "workshop_tallies",
    "retention_lock",
    "document_blobs",
    "evidence_documents",
    "frameworks",
    "framework_translations",
    "assessment_frameworks",
    "schema_migrations",
)


class BackupError(UserError):
    """A backup or restore that cannot be made; the message says why and what to do."""


def counts(con: duckdb.DuckDBPyConnection, schema: str | None = None) -> dict[str, int]:
    """Rows per table (every table it holds), in the given attached database or the main one."""
    prefix = f'"{schema}".' if schema else ""
    present = {
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = coalesce(?, current_database())",
            [schema],
        ).fetchall()
    }
    return {t: _value(con, f"SELECT count(*) FROM {prefix}{t}") for t in sorted(present)}


def _value(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The one value of a query that always gives one row (an aggregate, a function call)."""
    row = con.execute(sql).fetchone()
    assert row is not None, f"no row from {sql}"
    return row[0]


def backup(connection: Connection, target: str | Path, actor: Actor) -> dict[str, int]:
    """Write a complete copy of the open database to ``target`` (a new file); return its row counts.

    Administrators only. Refused when ``target`` exists (a backup never overwrites a file).
    """
    actor.require(MANAGE)
    if not isinstance(connection.engine, DuckConnection):
        raise BackupError(
            "The database is on a PostgreSQL server: back it up with pg_dump (and restore with "
            "pg_restore), the server's own tools; this command copies a DuckDB file."
        )
    target = Path(target).resolve()
    if target.exists():
        raise BackupError(
            "{target} exists already: choose a new file name for the backup.", target=target
        )
    if not target.parent.is_dir():
        raise BackupError(
            "The folder {parent} does not exist: create it first.", parent=target.parent
        )
    alias = f"backup_{uuid.uuid4().hex}"
    cur = connection.engine.raw.cursor()
    try:
        source = _value(cur, "SELECT current_database()")
        cur.execute(f"ATTACH ? AS {alias}", [str(target)])
        try:
            cur.execute(f'COPY FROM DATABASE "{source}" TO {alias}')
            copied = counts(cur, alias)
        finally:
            cur.execute(f"DETACH {alias}")
    except duckdb.Error as exc:
        _remove(target)
        raise BackupError(
            "The backup could not be written to {target}: {exc}. Nothing was changed in "
            "the database.",
            target=target,
            exc=exc,
        ) from exc
    finally:
        cur.close()
    return copied


def restore(source: str | Path, database: str | Path) -> dict[str, int]:
    """Restore the backup ``source`` into ``database``, which must not exist or hold no data.

    Returns the restored row counts, checked against the backup's own.
    """
    source, database = Path(source).resolve(), Path(database).resolve()
    if not source.is_file():
        raise BackupError("No backup file at {source}.", source=source)
    expected = _backup_counts(source)
    _ensure_empty(database)
    con = duckdb.connect(str(database))
    try:
        con.execute("ATTACH ? AS restored_from (READ_ONLY)", [str(source)])
        target = _value(con, "SELECT current_database()")
        con.execute(f'COPY FROM DATABASE restored_from TO "{target}"')
        con.execute("DETACH restored_from")
        migrate(DuckCursor(con, str(database)))  # an older backup gets the newer migrations
        restored = counts(con)
    except duckdb.Error as exc:
        con.close()
        _remove(database)
        raise BackupError(
            "The backup {source} could not be restored: {exc}", source=source, exc=exc
        ) from exc
    con.close()
    missing = {t: n for t, n in expected.items() if restored.get(t, 0) < n}
    if missing:
        raise BackupError(
            "The restore is incomplete (tables {items}): keep the backup file and report this.",
            items=", ".join(missing),
        )
    return restored


def _backup_counts(source: Path) -> dict[str, int]:
    try:
        con = duckdb.connect(str(source), read_only=True)
    except duckdb.Error as exc:
        raise BackupError(
            "{source} is not a backup this app can read: {exc}", source=source, exc=exc
        ) from exc
    try:
        found = counts(con)
    finally:
        con.close()
    if "schema_migrations" not in found or "assessments" not in found:
        raise BackupError("{source} is a DuckDB file but not a backup of this app.", source=source)
    return found


def _ensure_empty(database: Path) -> None:
    """Refuse a database that holds data; remove an empty one (so the copy starts from nothing)."""
    if not database.exists():
        return
    try:
        con = duckdb.connect(str(database))
    except duckdb.Error as exc:
        raise BackupError(
            "Cannot open {database}: {exc}. Stop the app before restoring.",
            database=database,
            exc=exc,
        ) from exc
    try:
        held = {t: n for t, n in counts(con).items() if n and t not in _FIRST_START}
        held.update(_added_frameworks(con))
    finally:
        con.close()
    if held:
        raise BackupError(
            "{database} already holds data: a restore goes into an empty database. Move "
            "that file away (or set CPSS_DB to a new file) and restore again.",
            database=database,
        )
    _remove(database)


# What a database holds once it is made, before anyone used it: its migrations and the framework
# file of its first start (cpss.db.framework_seed), which the restored backup brings too.
_FIRST_START = ("schema_migrations", "frameworks", "framework_translations")


def _added_frameworks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Framework rows beyond those of the first start, per table (none when there are none)."""
    found = {
        table: _value(con, f"SELECT count(*) FROM {table} WHERE recorded_by <> '{SYSTEM}'")
        for table in _FIRST_START[1:]
        if table in counts(con)
    }
    return {t: n for t, n in found.items() if n}


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}.wal")):
        if leftover.exists():
            os.remove(leftover)
