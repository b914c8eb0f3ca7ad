"""Moving a DuckDB file into PostgreSQL: ``python -m cpss copy-to URL``.

Every table of the file is copied whole, every version of every row as it is (``seq`` numbers,
times, authors, deletions, votes, password hashes), into a new PostgreSQL database that the
migrations set up first. The file is opened read-only; the copy is one transaction on the server,
so a failure leaves the target as empty as it was. The migrations record (``schema_migrations``) is
not copied: the target keeps its own, and both must name the same migrations. See
docs/decisions/copy-to-postgresql.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cpss.db import transfer
from cpss.db.conn_duckdb import DuckConnection, DuckCursor
from cpss.db.core import Connection, Reader, Tx, connect, is_url
from cpss.db.framework_seed import SYSTEM
from cpss.db.migrations import MIGRATIONS
from cpss.model.access import MANAGE
from cpss.model.errors import UserError

MIGRATIONS_TABLE = "schema_migrations"  # the target's own record: compared, not copied
BATCH = 10_000  # rows per INSERT: a big ratings table is never held in memory whole
# DuckDB's type names that PostgreSQL spells otherwise (the casts of the bulk insert).
_PG_TYPES = {"BLOB": "BYTEA"}
_TABLES = """SELECT table_name FROM information_schema.tables
    WHERE table_catalog = current_database() AND table_schema = current_schema()
      AND table_type = 'BASE TABLE' ORDER BY table_name"""
_COLUMNS = """SELECT column_name, data_type FROM information_schema.columns
    WHERE table_catalog = current_database() AND table_schema = current_schema()
      AND table_name = :table ORDER BY ordinal_position"""

Columns = list[tuple[str, str]]  # (name, SQL type) in the table's order


class CopyRefused(UserError):
    """A copy that cannot be made; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class CopyReport:
    """The rows per table in the file and on the server, after the copy (or the copy undone)."""

    source: str
    target: str
    counts: dict[str, tuple[int, int]]  # table: (rows in the file, rows on the server)

    @property
    def matched(self) -> bool:
        """Whether every table holds as many rows on the server as in the file."""
        return all(ours == theirs for ours, theirs in self.counts.values())

    def lines(self) -> list[str]:
        """The counts side by side, then whether they match (what the command prints)."""
        width = max(len(t) for t in self.counts)
        out = [
            f"Rows per table in {self.source} and {self.target}:",
            f"  {'table':<{width}}  {'DuckDB file':>12}  {'PostgreSQL':>12}",
        ]
        for table, (ours, theirs) in self.counts.items():
            mark = "" if ours == theirs else "  <- differs"
            out.append(f"  {table:<{width}}  {ours:>12,}  {theirs:>12,}{mark}")
        return [*out, self.verdict()]

    def verdict(self) -> str:
        """One sentence: all copied, or which tables differ (and that nothing was kept)."""
        if self.matched:
            rows = sum(ours for t, (ours, _) in self.counts.items() if t != MIGRATIONS_TABLE)
            return f"Every table matches: {rows:,} rows copied into {self.target}."
        differ = ", ".join(t for t, (ours, theirs) in self.counts.items() if ours != theirs)
        return (
            f"The counts differ in {differ}: the copy was undone and nothing was kept in "
            f"{self.target}. Keep the file and report this."
        )


class CountsDiffer(UserError):
    """The copy's counts did not match the file's; the copy was rolled back."""

    def __init__(self, report: CopyReport):
        super().__init__(report.verdict())
        self.report = report


def copy_to(source: str | Path, url: str) -> CopyReport:
    """Copy every row of the DuckDB file ``source`` into the empty PostgreSQL database ``url``
    (migrated first), in one transaction; return the counts on both sides.

    Raises :class:`CopyRefused` (a target holding data, a source that is not this app's file or
    of another schema version), a :class:`~cpss.db.errors.StorageError` (the file in use by the
    running app, a wrong URL, the server down), or :class:`CountsDiffer` (rolled back).
    """
    if not is_url(url):
        raise CopyRefused(
            f"{url} is not a database URL: copy-to copies into PostgreSQL, "
            "postgresql://user:password@host:5432/database. Nothing was written."
        )
    file = open_source(source)
    try:
        target = connect(url)  # runs the migrations on the target first
        try:
            return _copy(file, target)
        finally:
            target.close()
    finally:
        file.close()


def open_source(path: str | Path) -> DuckConnection:
    """The DuckDB file ``path`` opened read-only, once checked to be this app's file at this
    app's schema version (the copy's columns are then the target's)."""
    if not Path(path).is_file():
        raise CopyRefused(
            f"There is no DuckDB file at {path}: give the app's file with --from PATH "
            "(or CPSS_DB). Nothing was written."
        )
    file = DuckConnection(path, read_only=True)  # the running app's file: DatabaseInUse
    try:
        _check_version(file.cursor(), str(path))
    except BaseException:
        file.close()
        raise
    return file


def _check_version(cur: DuckCursor, path: str) -> None:
    q = Reader(cur)
    if MIGRATIONS_TABLE not in {t for (t,) in q.rows(_TABLES)}:
        raise CopyRefused(f"{path} is a DuckDB file but not this app's database.")
    found = {v for (v,) in q.rows(f"SELECT version FROM {MIGRATIONS_TABLE}")}
    known = {m.version for m in MIGRATIONS}
    if found - known:
        raise CopyRefused(
            f"{path} was made by a newer version of this app (migration {max(found)}): copy it "
            "with that version. Nothing was written."
        )
    if known - found:
        raise CopyRefused(
            f"{path} was made by an older version of this app: start this version of the app on "
            "it once (it brings the tables up to date), stop it, then copy. Nothing was written."
        )


def tables(q: Reader) -> dict[str, Columns]:
    """Each table of the database (but the migrations record) with its columns and types."""
    names = [t for (t,) in q.rows(_TABLES) if t != MIGRATIONS_TABLE]
    return {t: [(c, _PG_TYPES.get(k, k)) for c, k in q.rows(_COLUMNS, {"table": t})] for t in names}


def counts(q: Reader, names: list[str]) -> dict[str, int]:
    """Rows per table, ``names`` in their order."""
    return {t: q.value(f"SELECT count(*) FROM {t}") for t in names}


def _copy(file: DuckConnection, target: Connection) -> CopyReport:
    source_db = Reader(file.cursor())
    layout = tables(source_db)
    if set(layout) != set(tables(target.db())):
        raise CopyRefused(f"{target.path} has other tables than the file: nothing was written.")
    names = [*layout, MIGRATIONS_TABLE]
    before = counts(source_db, names)

    def work(tx: Tx) -> CopyReport:
        _clear_first_start(tx)
        _refuse_data(tx, names, target.path)
        for table, columns in layout.items():
            _copy_table(file.cursor(), tx, table, columns, target.path)
        _continue_sequence(tx, [t for t, cols in layout.items() if ("seq", "BIGINT") in cols])
        after = counts(tx, names)
        report = CopyReport(file.path, target.path, {t: (before[t], after[t]) for t in names})
        if not report.matched:
            raise CountsDiffer(report)  # rolls the copy back
        return report

    return target.db().write(MANAGE, work, by="command line")


def _clear_first_start(tx: Tx) -> None:
    """Drop what the server's first start stored (its framework file, cpss.db.framework_seed): the
    file brings its own frameworks, so the copy holds the file's history alone (rolled back with
    the copy when the database holds anything else)."""
    for table in ("framework_translations", "frameworks"):
        tx.run(f"DELETE FROM {table} WHERE recorded_by = :by", {"by": SYSTEM})


def _refuse_data(q: Reader, names: list[str], where: str) -> None:
    """Refuse a target holding any row (but its migrations record): a copy goes into an empty
    database, so that no two histories mix (two versions of one account, two seq series)."""
    held = {t: n for t, n in counts(q, names).items() if n and t != MIGRATIONS_TABLE}
    if not held:
        return
    what = (
        f"assessments ({held['assessments']:,})"
        if "assessments" in held
        else "data (" + ", ".join(f"{n:,} {t}" for t, n in held.items()) + ")"
    )
    raise CopyRefused(
        f"The PostgreSQL database {where} already holds {what}: copy-to goes into a new, empty "
        "database only. Create one (createdb), put it in the URL and copy again. "
        "Nothing was written."
    )


def _copy_table(cur: DuckCursor, tx: Tx, table: str, columns: Columns, where: str) -> None:
    """Every row of ``table``, in the order it was recorded, in batches of :data:`BATCH`.

    A row the server refuses (text with a NUL character, which DuckDB stores and PostgreSQL does
    not) ends the copy with a message naming the table; the transaction is then rolled back.
    """
    names = [name for name, _ in columns]
    key = "seq" if "seq" in names else names[0]  # the history order, or the table's id
    sql = f"SELECT {', '.join(names)} FROM {table} ORDER BY {key}"
    for batch in cur.batches(sql, size=BATCH):
        try:
            transfer.insert_rows(tx, table, columns, [dict(zip(names, row)) for row in batch])
        except UserError:
            raise  # already says what is wrong (the server down, no rights...)
        except Exception as exc:  # the driver's refusal of a value: say where, not a traceback
            detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            raise CopyRefused(
                f"The rows of {table} could not be written to {where}: {detail}. Nothing was "
                "written; keep the file and report this."
            ) from exc


def _continue_sequence(tx: Tx, history: list[str]) -> None:
    """Set PostgreSQL's ``history_seq`` after the highest copied ``seq``: a change made on the
    server is then later than every copied version (and so the current one)."""
    if not history:
        return
    highest = " UNION ALL ".join(f"SELECT max(seq) AS seq FROM {t}" for t in history)
    last = tx.value(f"SELECT max(seq) FROM ({highest}) AS each_table")
    if last is not None:
        tx.run("SELECT setval('history_seq', :last)", {"last": last})
