"""The one facade over the database: :class:`Db` reads, and writes through :meth:`Db.write`.

One :class:`Db` per script run (or thread), on a cursor of the process's connection, acting as one
:class:`~cpss.model.access.Actor`. Area modules (``cpss.db.assessments``, ``workshops``, ...) are
plain functions: those taking ``db: Db`` are entry points, and every write among them goes through
``db.write``, which checks the actor once, runs the work in a transaction and retries it on a
conflict; those taking ``tx: Tx`` run inside a caller's write and never check. SQL is written with
``:name`` parameters and a dict; the engine module turns it into its own form.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cpss.db.conn_duckdb import DuckConnection, DuckCursor
from cpss.db.errors import DatabaseBusy, DatabaseDamaged, StorageError, WriteConflict
from cpss.db.framework_seed import seed
from cpss.db.migrations import migrate, schema
from cpss.model.access import SOLO, Actor
from cpss.model.errors import UserError

if TYPE_CHECKING:
    import pandas as pd

    from cpss.db.conn_postgres import PgConnection, PgCursor

    Cursor = DuckCursor | PgCursor  # the engines' cursors, one interface

T = TypeVar("T")
Params = Mapping[str, Any]
DEFAULT_DB = Path(__file__).resolve().parents[2] / "cpss.duckdb"
WRITE_TRIES = 6


def database_path() -> Path:
    """The database file: ``$CPSS_DB`` when set, else ``cpss.duckdb`` in the project folder."""
    return Path(os.environ.get("CPSS_DB") or DEFAULT_DB)


def database_target(url: str | None = None) -> str:
    """What to open: the PostgreSQL URL given (from ``.streamlit/secrets.toml``, read by the app)
    or in ``$CPSS_DATABASE_URL``, else the DuckDB file of :func:`database_path`."""
    return (url or os.environ.get("CPSS_DATABASE_URL") or "").strip() or str(database_path())


def is_url(target: str | Path) -> bool:
    """Whether ``target`` names a database server (a URL: PostgreSQL's, or a mistyped one that
    gets a clear message) rather than a DuckDB file."""
    return "://" in str(target)  # a file path has none; a wrong scheme gets its message


class Reader:
    """Reads on one cursor; :class:`Db` and :class:`Tx` both are one."""

    def __init__(self, cursor: Cursor):
        self._cursor = cursor

    @property
    def engine(self) -> str:
        """The engine the statements run on: "duckdb" or "postgresql" (for the rare statement
        whose best form differs, chosen where it is written)."""
        return self._cursor.engine

    def rows(self, sql: str, params: Params | None = None) -> list[tuple]:
        """Every row of a query."""
        return self._cursor.rows(sql, params)

    def row(self, sql: str, params: Params | None = None) -> tuple | None:
        """The first row of a query, or None."""
        found = self._cursor.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row (a query that always returns one row)."""
        return self._cursor.rows(sql, params)[0][0]

    def frame(self, sql: str, params: Params | None = None) -> pd.DataFrame:
        """A query's result as a DataFrame (the only place frames come from the database)."""
        return self._cursor.frame(sql, params)


class Tx(Reader):
    """The inside of one write: statements run in its transaction; it never checks the actor."""

    def __init__(self, cursor: Cursor, author: str):
        super().__init__(cursor)
        self.author = author  # who the write is recorded as

    def run(self, sql: str, params: Params | None = None) -> list[tuple]:
        """Run a statement (rows it returns, if any, come back)."""
        return self._cursor.rows(sql, params)


class Db(Reader):
    """Reads and writes for one script run, as ``actor``."""

    def __init__(self, cursor: Cursor, actor: Actor = SOLO, single_writer: bool = True):
        super().__init__(cursor)
        self.actor = actor
        self.single_writer = single_writer  # False when other processes may write too

    def author(self, given: str) -> str:
        """The name to record with a change (the signed-in person in team mode)."""
        return self.actor.author(given)

    def as_actor(self, actor: Actor) -> Db:
        """The same script run's database, acting as ``actor`` (its writes checked for them)."""
        return Db(self._cursor, actor, self.single_writer)

    def write(
        self, need: str, work: Callable[[Tx], T], by: str = "", workshop_id: str | None = None
    ) -> T:
        """Check that the actor may ``need`` (in ``workshop_id`` for a vote), then run ``work(tx)``
        in a transaction and return its result, retrying on conflicts.

        ``work`` may run more than once: it must touch only ``tx``. ``tx.author`` is who the change
        is recorded as (``by``, or the signed-in person). A failed write raises a
        :class:`~cpss.db.errors.StorageError`; nothing of the change is kept.
        """
        self.actor.require(need, workshop_id)
        tx = Tx(self._cursor, self.author(by))
        for attempt in range(WRITE_TRIES):
            self._cursor.begin()
            try:
                result = work(tx)
                self._cursor.commit()
                return result
            except WriteConflict:
                self._cursor.rollback()
                time.sleep(0.005 * 2**attempt)
            except BaseException:
                self._cursor.rollback()
                raise
        raise DatabaseBusy()


class Connection:
    """The process's connection to the database, and the :class:`Db` of each script run."""

    def __init__(self, engine: DuckConnection | PgConnection):
        self.engine = engine
        self.kind = engine.engine  # "duckdb" or "postgresql"
        self.path = engine.path  # the file, or the server's user@host:port/db (never a password)
        self.single_writer = engine.single_writer

    def db(self, actor: Actor = SOLO) -> Db:
        """A :class:`Db` on a fresh cursor: one per script run (or thread), never shared."""
        return Db(self.engine.cursor(), actor, self.single_writer)

    def schema(self) -> str:
        """The database's schema as SQL, as ``docs/schema.sql`` holds it."""
        return schema(self.engine.cursor())

    def close(self) -> None:
        """Close the connection."""
        self.engine.close()


def connect(target: str | Path) -> Connection:
    """Open the database ``target`` and bring its schema up to date: a PostgreSQL URL
    (``postgresql://user:pass@host/db``), or a DuckDB file (created if needed).

    Raises a :class:`~cpss.db.errors.StorageError` that says what is wrong: for a file, in use by
    another process, not writable, full, or not a database this app can read; for a server, a
    wrong URL, the server down, a wrong password, or no right to create the tables.
    """
    engine: DuckConnection | PgConnection
    if is_url(target):
        # psycopg is imported only here: a DuckDB app's first page does not pay for it.
        from cpss.db.conn_postgres import PgConnection

        engine = PgConnection(str(target))
    else:
        engine = DuckConnection(target)
    connection = Connection(engine)
    try:
        migrate(connection.engine.cursor())
        seed(connection.engine.cursor())
    except (StorageError, UserError):  # UserError: the framework file of the first start
        connection.close()
        raise
    except Exception as exc:  # a file DuckDB opened but cannot use as ours
        connection.close()
        if connection.kind != "duckdb":
            raise
        raise DatabaseDamaged(connection.path, str(exc).splitlines()[0]) from exc
    return connection
