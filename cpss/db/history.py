"""Reading append-only history tables: the latest row per key, and "not deleted".

History tables are append-only: a change is a new row, the current state is the latest row per key
(highest ``seq``). These functions write that SQL once, in a form both engines run; the schema's
``current_*`` views (cpss/db/migrations.py) are made with :func:`latest_view`.
"""

from __future__ import annotations


def latest_rows(
    table: str, keys: str, where: str = "", columns: str = "*", earliest: bool = False
) -> str:
    """A query of the latest row (highest ``seq``; the earliest with ``earliest``) per ``keys`` of a
    history table, optionally of the rows matching ``where`` (filtered before the row is picked),
    with ``columns`` (window columns may be added).

    The one place "latest row per key" is written, in a form both engines run: the window in a
    subquery (DuckDB plans it as its own ``QUALIFY``; both let a filter on the partition columns
    through the window, see bench/dashboard_scale.py). The rows carry one more column,
    ``latest_rank`` (always 1): name the columns you read.
    """
    where = f" WHERE {where}" if where else ""
    order = "seq" if earliest else "seq DESC"
    return (
        f"SELECT * FROM (SELECT {columns}, "
        f"row_number() OVER (PARTITION BY {keys} ORDER BY {order}) AS latest_rank "
        f"FROM {table}{where}) AS ranked WHERE latest_rank = 1"
    )


def not_deleted(column: str = "assessment_id") -> str:
    """A condition: the assessment ``column`` names is not deleted (its latest deletion row, if
    any, is an undo). The one place it is written: ``current_details`` and the queries that read
    details without that view use it."""
    return f"{column} NOT IN (SELECT assessment_id FROM current_deletions WHERE deleted)"


def every_latest_row(table: str, keys: str, where: str = "") -> str:
    """A query of the latest row (highest ``seq``) of **every** key of a history table, optionally
    of the rows matching ``where``: the same rows as :func:`latest_rows`, for a read of all keys.

    PostgreSQL numbers a window's rows by sorting all of them on the (text) keys, most of such a
    query's time at 10,000 assessments (bench/RESULTS.md); the highest ``seq`` per key is a hash
    aggregate on both engines, and ``seq`` is unique (one sequence for every history table). For a
    read of a few keys, filter :func:`latest_rows` on them instead: its filter reaches the rows.
    """
    where = f" AND {where}" if where else ""
    return (
        f"SELECT * FROM {table} WHERE seq IN (SELECT max(seq) FROM {table} GROUP BY {keys}){where}"
    )


def latest_view(name: str, table: str, keys: str, where: str = "", replace: bool = False) -> str:
    """The statement creating view ``name``: the latest row per ``keys`` of ``table``."""
    verb = "CREATE OR REPLACE VIEW" if replace else "CREATE VIEW"
    return f"{verb} {name} AS {latest_rows(table, keys, where)}"
