"""The embedded DuckDB engine: one connection per process and file, a cursor per script run.

Queries are written once with ``:name`` parameters and a dict; this module turns them into
DuckDB's ``$name`` form and maps DuckDB's exceptions to :mod:`cpss.db.errors`, by class first and
by message where DuckDB gives one class several causes (the ``MESSAGES`` table, each entry tested).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from cpss.db.errors import (
    DatabaseDamaged,
    DatabaseInUse,
    NotWritable,
    StorageError,
    WriteConflict,
    WriteFailed,
)

if TYPE_CHECKING:  # pandas is imported by DuckDB when a frame is asked for, not on every page
    import pandas as pd

ENGINE = "duckdb"

# ``:name`` but not the second colon of a ``::`` cast, nor a colon inside a word or a time.
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")

# Causes that only the message tells apart: (pattern, cause). Checked before the class table.
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Could not set lock|Conflicting lock"), "in_use"),
    (re.compile(r"No space left|File too large"), "disk_full"),
    (re.compile(r"Permission denied|Read-only file system"), "not_writable"),
    (re.compile(r"not a valid DuckDB database|Could not read"), "damaged"),
    (re.compile(r"Could not write|IO Error"), "write_failed"),
]
# Exception classes that say the cause by themselves.
CLASSES: list[tuple[type[duckdb.Error], str]] = [
    (duckdb.TransactionException, "conflict"),
    (duckdb.IOException, "write_failed"),
    (duckdb.FatalException, "write_failed"),
    (duckdb.InternalException, "write_failed"),
]


def cause_of(exc: duckdb.Error) -> str | None:
    """The cause of a DuckDB error by the tables above; None for a programming error (a bug)."""
    text = str(exc)
    for pattern, cause in MESSAGES:
        if pattern.search(text):
            return cause
    for cls, cause in CLASSES:
        if isinstance(exc, cls):
            return cause
    return None if isinstance(exc, duckdb.ProgrammingError) else "damaged"


def mapped(exc: duckdb.Error, path: str) -> StorageError | None:
    """Our error for a DuckDB error met while using the database at ``path`` (None: a bug)."""
    cause, first = cause_of(exc), str(exc).splitlines()[0][:200]
    if cause == "conflict":
        return WriteConflict(first)
    if cause == "disk_full":
        return WriteFailed("the disk is full (or the file has reached its size limit)")
    if cause == "not_writable":
        return WriteFailed("the database file or its folder cannot be written to")
    if cause == "write_failed":
        return WriteFailed(f"the database could not write ({first})")
    if cause == "in_use":
        return DatabaseInUse(path, first)
    if cause == "damaged":
        return DatabaseDamaged(path, first)
    return None


def bound_params(sql: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """The parameters the statement names (drivers refuse or ignore extras; both engines use it)."""
    names = set(_PARAM.findall(sql))
    return {k: v for k, v in (params or {}).items() if k in names}


def engine_sql(sql: str) -> str:
    """``:name`` parameters in DuckDB's ``$name`` form."""
    return _PARAM.sub(r"$\1", sql)


class DuckCursor:
    """One DuckDB cursor: runs statements, fetches results whole, maps errors."""

    engine = ENGINE

    def __init__(self, cursor: duckdb.DuckDBPyConnection, path: str):
        self._cur = cursor
        self._path = path

    def _run(self, sql: str, params: Mapping[str, Any] | None) -> duckdb.DuckDBPyConnection:
        bound = bound_params(sql, params)  # DuckDB refuses extras
        try:
            return self._cur.execute(engine_sql(sql), bound or None)
        except duckdb.Error as exc:
            raise (mapped(exc, self._path) or exc) from exc

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        """Every row of the statement's result (fetched whole: a result streams otherwise)."""
        return self._run(sql, params).fetchall()

    def frame(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """The statement's result as a pandas DataFrame."""
        return self._run(sql, params).df()

    def batches(
        self, sql: str, params: Mapping[str, Any] | None = None, size: int = 10_000
    ) -> Iterator[list[tuple]]:
        """The statement's rows in lists of at most ``size``, from one scan: a whole table read
        without holding it in memory at once (``python -m cpss copy-to``)."""
        result = self._run(sql, params)
        while batch := result.fetchmany(size):
            yield batch

    def begin(self) -> None:
        """Start a transaction."""
        self._run("BEGIN TRANSACTION", None)

    def commit(self) -> None:
        """Commit the transaction (a failed commit raises one of our errors)."""
        self._run("COMMIT", None)

    def rollback(self) -> None:
        """End a failed transaction; DuckDB may have ended it already."""
        with contextlib.suppress(duckdb.Error):
            self._cur.execute("ROLLBACK")

    def lock_schema(self) -> None:
        """Nothing to wait for: one process holds a DuckDB file, so no one else migrates it."""


class DuckConnection:
    """The process's connection to one DuckDB file (DuckDB lets one process hold a file)."""

    engine = ENGINE
    single_writer = True  # every write goes through this process: its own caches stay fresh

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        try:  # read-only: a file only read from (copy-to's source) is never changed
            self.raw = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise self._open_error(exc) from exc

    def _open_error(self, exc: duckdb.Error) -> StorageError:
        """Why the file cannot be opened: held by another process, not writable, or damaged."""
        cause, first = cause_of(exc), str(exc).splitlines()[0]
        if cause == "in_use":
            return DatabaseInUse(self.path, first)
        if cause == "not_writable":
            return NotWritable(self.path)
        return DatabaseDamaged(self.path, first)

    def cursor(self) -> DuckCursor:
        """A new cursor: one per thread or script run (DuckDB refuses a shared one)."""
        return DuckCursor(self.raw.cursor(), self.path)

    def close(self) -> None:
        """Close the file."""
        self.raw.close()
