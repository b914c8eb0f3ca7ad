"""The PostgreSQL engine: one connection pool per process and server, a cursor per script run.

Beside :mod:`cpss.db.conn_duckdb`, with the same small interface. Queries are written once with
``:name`` parameters; this module turns them into psycopg's ``%(name)s`` form and maps psycopg's
exceptions to :mod:`cpss.db.errors` in one place: by SQLSTATE class (``CLASSES``) and, for failures
to connect (which libpq reports without a SQLSTATE), by message (``MESSAGES``); each entry tested.

A cursor takes a pooled connection for each statement outside a transaction, and holds one from
``begin`` to ``commit``/``rollback``, so a script run that never closes its cursor holds nothing.
Writes run in REPEATABLE READ, PostgreSQL's snapshot isolation (DuckDB's own): appends never
conflict, and a conflict (SQLSTATE 40001, or a deadlock 40P01) is retried by ``Db.write``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.numeric import FloatLoader
from psycopg.types.string import StrDumper
from psycopg_pool import ConnectionPool

from cpss.db.conn_duckdb import bound_params
from cpss.db.errors import (
    CannotCreateSchema,
    ServerUnreachable,
    StorageError,
    WriteConflict,
    WriteFailed,
    WrongDatabaseUrl,
)

if TYPE_CHECKING:
    import pandas as pd
    from psycopg import Column

ENGINE = "postgresql"
SCHEMES = ("postgresql://", "postgres://")
POOL_SIZE = 20  # connections per app server; a statement holds one only while it runs
CONNECT_SECONDS = 10
# Column types (PostgreSQL type oids) whose pandas dtype must be DuckDB's also when the frame is
# empty or a column all NULL (inference would give object): a filter on an empty bool column must
# stay a filter, an average of nothing NaN.
_DTYPES = {
    16: "bool",
    20: "int64",
    21: "int16",
    23: "int32",
    700: "float64",
    701: "float64",
    1700: "float64",  # numeric, loaded as float
    1082: "datetime64[us]",  # date
    1114: "datetime64[us]",  # timestamp
}

# ``:name`` but not the second colon of a ``::`` cast, nor a colon inside a word or a time.
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")

# Failures to connect, which libpq reports as text: (pattern, cause). Checked before the classes.
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"password authentication failed|no password supplied|authentication failed"),
        "auth",
    ),
    (re.compile(r"database \".*\" does not exist"), "no_database"),
    (re.compile(r"role \".*\" does not exist"), "auth"),
    (
        re.compile(
            r"Connection refused|failed to resolve host|timeout expired|could not translate"
            r"|server closed the connection|No route to host|the database system is"
        ),
        "unreachable",
    ),
]
# SQLSTATE classes and codes that say the cause by themselves (longest prefix wins).
CLASSES: list[tuple[str, str]] = [
    ("40001", "conflict"),  # serialization failure: another transaction changed the rows first
    ("40P01", "conflict"),  # deadlock: PostgreSQL aborted one side
    ("42501", "no_rights"),  # insufficient privilege (creating the schema, writing a table)
    ("53100", "disk_full"),
    ("53", "busy"),  # insufficient resources: too many connections, out of memory
    ("08", "unreachable"),  # connection exception
    ("57P", "unreachable"),  # the server is shutting down or restarting
    ("25006", "read_only"),  # a read-only server (a standby)
    ("28", "auth"),  # invalid authorization
    ("3D000", "no_database"),
]


def cause_of(exc: psycopg.Error) -> str | None:
    """The cause of a psycopg error by the tables above; None for a programming error (a bug)."""
    text = str(exc)
    for pattern, cause in MESSAGES:
        if pattern.search(text):
            return cause
    state = exc.sqlstate or ""
    found = [(code, cause) for code, cause in CLASSES if state.startswith(code)]
    if found:
        return max(found, key=lambda item: len(item[0]))[1]
    return "unreachable" if isinstance(exc, psycopg.OperationalError) else None


def mapped(exc: psycopg.Error, where: str) -> StorageError | None:
    """Our error for a psycopg error met while using the database ``where`` (None: a bug)."""
    cause, first = cause_of(exc), scrubbed(str(exc).splitlines()[0][:200] if str(exc) else "")
    if cause == "conflict":
        return WriteConflict(first)
    if cause == "disk_full":
        return WriteFailed("the database server's disk is full")
    if cause == "read_only":
        return WriteFailed(
            "the database server only reads (a standby?); point the app at the primary"
        )
    if cause == "no_rights":
        return CannotCreateSchema(where, first)
    if cause in ("unreachable", "busy", "auth", "no_database"):
        return ServerUnreachable(where, cause, first)
    return None


_SECRET = re.compile(r"(://[^:/@\s]*:)[^@\s]*@|(password\s*=\s*)\S+", re.IGNORECASE)


def scrubbed(text: str) -> str:
    """``text`` without any password a URL or connection string in it carries."""
    return _SECRET.sub(lambda m: f"{m.group(1)}***@" if m.group(1) else f"{m.group(2)}***", text)


def describe(url: str) -> str:
    """The database a URL names, for messages: ``user@host:port/db``, never the password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.Error:
        return "the PostgreSQL database in CPSS_DATABASE_URL"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"{user}{parts.get('host') or 'localhost'}{port}/{parts.get('dbname') or ''}"


def checked_url(url: str) -> str:
    """The URL when it is one PostgreSQL can use; :class:`WrongDatabaseUrl` (saying what is wrong,
    without the password) otherwise."""
    if not url.startswith(SCHEMES):
        raise WrongDatabaseUrl("it does not start with postgresql://")
    try:
        conninfo_to_dict(url)
    except psycopg.Error as exc:  # the driver may quote the password it could not read
        raise WrongDatabaseUrl(_without_password(str(exc).splitlines()[0], url)) from exc
    return url


_URL_PASSWORD = re.compile(r"^\w+://[^:/@]*:(.*)@[^@]*$", re.DOTALL)


def _without_password(text: str, url: str) -> str:
    """``text`` with the password of ``url`` (whole, and each word of it) replaced by ***."""
    found = _URL_PASSWORD.match(url)
    password = found.group(1) if found else ""
    for secret in sorted({password, *password.split()}, key=len, reverse=True):
        if len(secret) >= 3:
            text = text.replace(secret, "***")
    return scrubbed(text)


def engine_sql(sql: str) -> str:
    """``:name`` parameters in psycopg's ``%(name)s`` form (a literal ``%`` doubled)."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


def _configure(conn: psycopg.Connection) -> None:
    # numeric (avg, sum of bigints) as float, as DuckDB gives DOUBLE: Decimal would leak into frames.
    conn.adapters.register_loader("numeric", FloatLoader)
    # str as text, not "unknown": a parameter used twice (a value and a check on it) would otherwise
    # get two types deduced (text and varchar) and PostgreSQL refuses the statement.
    conn.adapters.register_dumper(str, StrDumper)


class PgCursor:
    """Statements on the pool: each on a pooled connection, or on the transaction's one."""

    engine = ENGINE

    def __init__(self, pool: ConnectionPool, where: str):
        self._pool = pool
        self._where = where
        self._held: psycopg.Connection | None = None  # the open transaction's connection

    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        if self._held is not None:
            yield self._held
            return
        with self._pool.connection() as conn:
            yield conn

    def _run(self, sql: str, params: Mapping[str, Any] | None) -> tuple[list[tuple], list[Column]]:
        try:
            with self._connection() as conn, conn.cursor() as cur:
                cur.execute(engine_sql(sql), bound_params(sql, params))
                if cur.description is None:  # a change: its row count, as DuckDB gives it
                    return ([(cur.rowcount,)] if cur.rowcount >= 0 else []), []
                return cur.fetchall(), list(cur.description)
        except psycopg.Error as exc:
            raise (mapped(exc, self._where) or exc) from exc

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        """Every row of the statement's result."""
        return self._run(sql, params)[0]

    def frame(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """The statement's result as a pandas DataFrame, with DuckDB's dtypes where they differ
        (a float column is float even when every value is NULL: NaN, not None)."""
        import pandas as pd  # not on every page: only where a frame is asked for

        rows, columns = self._run(sql, params)
        frame = pd.DataFrame.from_records(rows, columns=[c.name for c in columns])
        dtypes = {}
        for column in columns:
            dtype = _DTYPES.get(column.type_code)
            if dtype and dtype.startswith(("int", "bool")) and frame[column.name].isna().any():
                dtype = "float64" if dtype.startswith("int") else "object"  # as DuckDB gives them
            if dtype:
                dtypes[column.name] = dtype
        frame = frame.astype(dtypes)
        return frame

    def begin(self) -> None:
        """Start a transaction on a connection of its own (REPEATABLE READ: snapshot isolation)."""
        try:
            self._held = self._pool.getconn()
        except psycopg.Error as exc:
            raise (mapped(exc, self._where) or exc) from exc
        self._run("BEGIN ISOLATION LEVEL REPEATABLE READ", None)

    def commit(self) -> None:
        """Commit the transaction (a failed commit raises one of our errors)."""
        self._run("COMMIT", None)
        self._release()

    def rollback(self) -> None:
        """End a failed transaction (the connection may be broken already)."""
        if self._held is not None:
            with contextlib.suppress(psycopg.Error):
                self._held.execute("ROLLBACK")
        self._release()

    def _release(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            self._pool.putconn(held)

    def lock_schema(self) -> None:
        """First in a transaction: wait for any other app server migrating the same database. In
        READ COMMITTED, so that what the other committed meanwhile is seen after the wait."""
        self._run("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", None)
        self._run("SELECT pg_advisory_xact_lock(72070016)", None)


class PgConnection:
    """The process's pool of connections to one PostgreSQL database."""

    engine = ENGINE
    single_writer = False  # other app servers write too: caches must not trust this process alone

    def __init__(self, url: str, size: int = POOL_SIZE):
        self.path = describe(checked_url(url))  # what messages and logs name, without the password
        try:  # one plain connection first: its error says why (the pool's would only time out)
            psycopg.connect(url, connect_timeout=CONNECT_SECONDS).close()
        except psycopg.Error as exc:
            raise (
                mapped(exc, self.path) or ServerUnreachable(self.path, "unreachable", "")
            ) from exc
        self.pool = ConnectionPool(
            url,
            min_size=1,
            max_size=size,
            kwargs={"autocommit": True},
            configure=_configure,
            open=False,
        )
        self.pool.open(wait=True, timeout=CONNECT_SECONDS)

    def cursor(self) -> PgCursor:
        """A new cursor: one per thread or script run."""
        return PgCursor(self.pool, self.path)

    def close(self) -> None:
        """Close every connection of the pool."""
        self.pool.close()
