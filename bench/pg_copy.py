"""Copy a filled benchmark database from its DuckDB file into a PostgreSQL database, row for row.

The benchmarks fill DuckDB (:mod:`bench.fill`, fast bulk SQL in DuckDB's own dialect) and copy the
result, so that both engines hold exactly the same assessments. The target is migrated by the app's
own :func:`cpss.db.core.connect` first; every table but the migrations' record is then streamed with
PostgreSQL's ``COPY`` (SQL the app never runs: a benchmark's fixture, not the app's copy-to).
"""

from __future__ import annotations

import duckdb
import psycopg

from cpss.db.core import connect
from cpss.db.framework_seed import SYSTEM

BATCH = 20_000


def tables(source: duckdb.DuckDBPyConnection) -> list[tuple[str, list[str]]]:
    """Every table of the app's schema with its columns, the migrations' own record left out."""
    rows = source.execute(
        """SELECT table_name, list(column_name ORDER BY ordinal_position)
           FROM information_schema.columns
           WHERE table_schema = 'main' AND table_name <> 'schema_migrations'
             AND table_name IN (SELECT table_name FROM information_schema.tables
                                WHERE table_type = 'BASE TABLE')
           GROUP BY table_name ORDER BY table_name"""
    ).fetchall()
    return [(name, list(columns)) for name, columns in rows]


def copy_database(duckdb_path, url: str) -> dict[str, int]:
    """Copy every row of the DuckDB file into the empty PostgreSQL database at ``url``; the rows
    copied, by table. The history sequence is moved past the highest ``seq`` copied."""
    connect(url).close()  # the app's migrations make the schema
    source = duckdb.connect(str(duckdb_path), read_only=True)
    counts = {}
    try:
        with psycopg.connect(url) as target, target.cursor() as cursor:
            # What the server's first start stored (its framework): the file brings its own.
            for table in ("framework_translations", "frameworks"):
                cursor.execute(f"DELETE FROM {table} WHERE recorded_by = %s", (SYSTEM,))
            for table, columns in tables(source):
                counts[table] = _copy_table(source, cursor, table, columns)
            cursor.execute(_move_sequence([t for t, columns in tables(source) if "seq" in columns]))
            target.commit()
            # The planner's statistics now, as autovacuum would make them a little later.
            target.autocommit = True
            cursor.execute("ANALYZE")
    finally:
        source.close()
    return counts


def _copy_table(source, cursor, table: str, columns: list[str]) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    result = source.execute(f"SELECT {names} FROM {table}")
    count = 0
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        while batch := result.fetchmany(BATCH):
            for row in batch:
                copy.write_row(row)
            count += len(batch)
    return count


def _move_sequence(history: list[str]) -> str:
    """Every history table draws its ``seq`` from one sequence: later writes (a benchmark's votes)
    must come after the copied rows."""
    highest = " UNION ALL ".join(f"SELECT max(seq) AS seq FROM {t}" for t in history)
    return f"SELECT setval('history_seq', (SELECT coalesce(max(seq), 0) + 1 FROM ({highest}) AS h))"
