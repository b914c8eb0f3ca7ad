"""The rows that exports read and imports write, table by table (see :mod:`cpss.exchange`).

Table and column names come from the exchange's own table specifications, never from a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from cpss.db.core import Reader, Tx


def history_rows(
    q: Reader,
    table: str,
    fields: Sequence[str],
    key: str,
    order: str,
    assessment_ids: list[str],
    exact: Sequence[str] = (),
) -> list[dict]:
    """Every row of ``table`` whose ``key`` is one of the assessments, ordered by ``order``; the
    ``exact`` fields (decimals) as :class:`~decimal.Decimal`, read as text: PostgreSQL's driver
    here gives NUMERIC as a float (see conn_postgres), which is not exact."""
    selected = [f"CAST({f} AS VARCHAR)" if f in exact else f for f in fields]
    rows = q.rows(
        f"SELECT {', '.join(selected)} FROM {table} "
        f"WHERE {key} = ANY(:ids::VARCHAR[]) ORDER BY {order}",
        {"ids": list(assessment_ids)},
    )
    found = [dict(zip(fields, row)) for row in rows]
    for row in found:
        for field in exact:
            row[field] = None if row[field] is None else Decimal(row[field])
    return found


def current_rows(q: Reader, view: str, fields: Sequence[str], assessment_id: str) -> list[dict]:
    """The rows of a ``current_*`` view for one assessment."""
    rows = q.rows(
        f"SELECT {', '.join(fields)} FROM {view} WHERE assessment_id = :id", {"id": assessment_id}
    )
    return [dict(zip(fields, row)) for row in rows]


def insert_rows(tx: Tx, table: str, columns: Sequence[tuple[str, str]], rows: list[dict]) -> None:
    """Append ``rows`` in their order with one statement, inside the caller's write: each column
    (name, SQL type) goes in as one list, unnested side by side (a statement per row made 25,000
    rows take a minute)."""
    if not rows:
        return
    names = ", ".join(name for name, _ in columns)
    if any(kind.endswith("[]") for _, kind in columns):  # lists cannot be unnested side by side
        _insert_each(tx, table, names, columns, rows)  # (PostgreSQL has no ragged 2-D arrays)
        return
    params = {f"c{i}": [_value(row[name]) for row in rows] for i, (name, _) in enumerate(columns)}
    lists = ", ".join(f"unnest(:c{i}::{kind}[])" for i, (_, kind) in enumerate(columns))
    tx.run(f"INSERT INTO {table} ({names}) SELECT {lists}", params)


def _insert_each(
    tx: Tx, table: str, names: str, columns: Sequence[tuple[str, str]], rows: list[dict]
) -> None:
    """One INSERT per row: for the few rows of a table with a list column (priority reviews)."""
    values = ", ".join(f":c{i}::{kind}" for i, (_, kind) in enumerate(columns))
    for row in rows:
        params = {f"c{i}": _value(row[name]) for i, (name, _) in enumerate(columns)}
        tx.run(f"INSERT INTO {table} ({names}) VALUES ({values})", params)


def _value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def workshop_votes(
    q: Reader, fields: Sequence[str], assessment_ids: list[str], threshold: int
) -> list[dict]:
    """The current votes (of participants not removed) in the workshops of these assessments,
    without who gave them and with the day only, sorted by workshop, subdomain, vote and comment;
    a subdomain of a workshop with fewer votes than ``threshold`` is left out."""
    rows = q.rows(
        """WITH counted AS (
               SELECT *, count(*) OVER (PARTITION BY workshop_id, subdomain_id) AS votes
               FROM current_workshop_votes)
           SELECT w.assessment_id, v.workshop_id, v.subdomain_id, v.answer, v.phase,
                  v.comment, CAST(v.recorded_at AS DATE)
           FROM counted v
           JOIN workshops w ON w.id = v.workshop_id
           WHERE w.assessment_id = ANY(:ids::VARCHAR[]) AND v.votes >= :threshold
           ORDER BY w.assessment_id, w.created_at, v.workshop_id, v.subdomain_id, v.phase,
                    v.answer, v.comment""",
        {"ids": list(assessment_ids), "threshold": threshold},
    )
    return [dict(zip(fields, row)) for row in rows]
