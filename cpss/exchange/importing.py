"""Importing checked rows: a preview of what would be added or changed, then one transaction.

An assessment's id identifies it across installations. For each history (an assessment's details,
a subdomain's answer, an action item, the priority review) the file's rows are compared with the
rows here: rows already here are duplicates and are skipped, so importing a file twice adds nothing
the second time; rows repeated within the file count once too. The current version is the row
appended last, so the rows are chosen to leave the right one current: the file's when it is newer
than the one here; else the one here, appended again after the file's older versions when needed.
When both sides recorded changes the other lacks and the newest is here, the subdomain (or item) is
a *conflict*: the local answer stays unless the user chooses the file's. An assessment that is
final here is left as it is (reopen it to import changes), as the offline worksheet does. The kinds
and the preview are in :mod:`cpss.exchange.preview`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import groupby

from cpss.db import documents, frameworks, transfer
from cpss.db.core import Db, Reader, Tx
from cpss.exchange.documents_zip import plan_documents, read_zip
from cpss.exchange.export import gather
from cpss.exchange.file_framework import Find, excel_framework, json_framework
from cpss.exchange.money_tables import MONEY_TABLES
from cpss.exchange.preview import (
    CHANGED,
    CONFLICT,
    FINAL_HERE,
    HISTORY,
    NEW,
    UNCHANGED,
    WRITTEN,
    Change,
    ImportPlan,
    IncomingDocuments,
)
from cpss.exchange.preview_words import assessment_label, describe, what_of
from cpss.exchange.readable import Bundle
from cpss.exchange.reading import open_workbook, read_excel, read_json
from cpss.exchange.tables import ACTION_ITEMS, ASSESSMENTS, DETAILS, RATINGS, REVIEWS, Table
from cpss.exchange.worksheet import WORKSHEET_SHEET
from cpss.exchange.worksheet_import import plan_worksheet, read_worksheet
from cpss.i18n import ENGLISH, Text
from cpss.model.access import EDIT
from cpss.model.assessments import FINAL, place_name
from cpss.model.documents import DEFAULT_MAX_MB, MB
from cpss.model.errors import UserError
from cpss.model.framework import Framework

__all__ = [
    "CHANGED",
    "CONFLICT",
    "FINAL_HERE",
    "HISTORY",
    "NEW",
    "UNCHANGED",
    "apply_import",
    "plan_bundle",
    "read_file",
]
DEFAULT_LIMIT = DEFAULT_MAX_MB * MB
# the histories an import adds to, in order
IMPORTED = (DETAILS, RATINGS, ACTION_ITEMS, REVIEWS, *MONEY_TABLES)


def read_file(
    name: str,
    data: bytes,
    framework: Framework,
    find: Find | None = None,
    limit: int = DEFAULT_LIMIT,
    tr: Text = ENGLISH,
):
    """The checked content of an uploaded file, by its kind: an export (JSON, Excel, or a zip of
    the JSON with the evidence documents, each at most ``limit`` bytes) or a filled-in offline
    worksheet. Returns a function that plans the import on a database.

    An export (JSON, zip or Excel) naming its framework's content hash is read against that
    framework, which ``find`` (hash -> the framework stored here, or None) must know: else
    :class:`~cpss.exchange.file_framework.FrameworkNotHere`. The preview is worded in ``tr``'s
    language (with ``framework``'s, or ``find``'s, names of the subdomains)."""
    if name.lower().endswith(".json"):
        if find is not None:
            framework = json_framework(data, framework, find)
        bundle = read_json(data, framework)
        return lambda db: plan_bundle(db, framework, bundle, name, tr=tr)
    if name.lower().endswith(".zip"):
        framework, bundle, incoming = read_zip(data, framework, limit, find)
        return lambda db: plan_bundle(db, framework, bundle, name, incoming, tr)
    if not name.lower().endswith(".xlsx"):
        raise UserError(
            "{name}: choose a .json, .zip or .xlsx file exported from this app, or a filled-in "
            "offline worksheet (.xlsx).",
            name=name,
        )
    book = open_workbook(data)
    if WORKSHEET_SHEET in book.sheetnames:
        sheet = read_worksheet(book, framework)
        return lambda db: plan_worksheet(db, framework, sheet, name, tr)
    if find is not None:
        framework = excel_framework(book, framework, find)
    bundle = read_excel(book, framework)
    return lambda db: plan_bundle(db, framework, bundle, name, tr=tr)


def _identity(row: dict, table: Table) -> tuple:
    return tuple(
        tuple(row[f]) if isinstance(row[f], (list, tuple)) else row[f] for f in table.fields
    )


def _groups(rows: list[dict], table: Table) -> dict[tuple, list[dict]]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[tuple(row[f] for f in table.group)].append(row)
    return grouped


def plan_bundle(
    db: Reader,
    framework: Framework,
    bundle: Bundle,
    source: str,
    zipped: IncomingDocuments | None = None,
    tr: Text = ENGLISH,
) -> ImportPlan:
    """Compare the file's histories (and documents) with the database's; nothing is written. The
    preview is worded in ``tr``'s language."""
    ids = [row["id"] for row in bundle[ASSESSMENTS.name]]
    local = gather(db, ids)
    known = {row["id"] for row in local[ASSESSMENTS.name]}
    final = {
        row["assessment_id"]: row["status"] == FINAL for row in local[DETAILS.name]
    }  # last wins
    labels = _labels(bundle, tr)
    changes, duplicates, repeated = [], 0, 0
    for table in IMPORTED:
        here = _groups(local[table.name], table)
        position = {id(row): index for index, row in enumerate(bundle[table.name])}
        after_file = len(bundle[table.name])  # a kept local version goes after the file's rows
        for key, listed in _groups(bundle[table.name], table).items():
            incoming = _once(table, listed)
            repeated += len(listed) - len(incoming)
            local_rows = here.get(key, [])
            found = _compare(table, local_rows, incoming)
            duplicates += found.duplicates
            locked = final.get(incoming[0]["assessment_id"], False) and found.kind != UNCHANGED
            rows = () if locked else found.rows
            changes.append(
                Change(
                    key=f"{table.name}:{':'.join(map(str, key))}",
                    assessment=labels[incoming[0]["assessment_id"]],
                    what=what_of(framework, table, incoming[-1], tr),
                    kind=FINAL_HERE if locked else found.kind,
                    here=describe(framework, table, local_rows[-1], tr=tr) if local_rows else "",
                    incoming=describe(framework, table, incoming[-1], tr=tr),
                    table=table.name,
                    rows=rows,
                    order=tuple(position.get(id(row), after_file) for row in rows),
                )
            )
    new = tuple(row for row in bundle[ASSESSMENTS.name] if row["id"] not in known)
    finals = {key for key, is_final in final.items() if is_final}
    return ImportPlan(
        source,
        new,
        tuple(changes),
        duplicates,
        lambda again: plan_bundle(again, framework, bundle, source, zipped, tr),
        repeated,
        plan_documents(db, zipped, finals) if zipped else None,
        framework.content_hash,
        tr,
    )


def _once(table: Table, rows: list[dict]) -> list[dict]:
    """``rows`` with each recorded version (the same values, time and author) once, where it is
    first listed: a file that repeats a row thousands of times adds it once. The file's current
    version (its last row) stays last, listed again if it was listed before: an installation that
    kept its current answer after an import of older ones has it twice (see :func:`_ending_with`)."""
    first: dict[tuple, dict] = {}
    for row in rows:
        first.setdefault(_identity(row, table), row)
    kept = list(first.values())
    return kept if _identity(kept[-1], table) == _identity(rows[-1], table) else [*kept, rows[-1]]


@dataclass(frozen=True)
class _Comparison:
    """How one history of the file compares with the same history here."""

    kind: str
    rows: tuple[dict, ...]  # to append, in order: the last one is current afterwards
    duplicates: int  # the file's rows already here


def _compare(table: Table, here: list[dict], incoming: list[dict]) -> _Comparison:
    """Which rows to add so that the current version (the row appended last) is the right one.

    The file's current version becomes current only when it is newer than the one here; otherwise
    the file's missing older versions go into the history and the current one here is appended
    again after them (the same row, so a later import sees a duplicate, not a change).
    """
    here_ids = {_identity(r, table) for r in here}
    file_ids = {_identity(r, table) for r in incoming}
    missing = tuple(r for r in incoming if _identity(r, table) not in here_ids)
    duplicates = len(incoming) - len(missing)
    if not missing:
        return _Comparison(UNCHANGED, (), duplicates)
    if not here:
        return _Comparison(NEW, missing, duplicates)
    file_current, here_current = incoming[-1], here[-1]
    if file_current["recorded_at"] > here_current["recorded_at"]:
        return _Comparison(CHANGED, _ending_with(table, missing, file_current), duplicates)
    if any(_identity(r, table) not in file_ids for r in here):  # written only if the user asks
        return _Comparison(CONFLICT, _ending_with(table, missing, file_current), duplicates)
    return _Comparison(HISTORY, _ending_with(table, missing, here_current), duplicates)


def _ending_with(table: Table, rows: tuple[dict, ...], current: dict) -> tuple[dict, ...]:
    """``rows``, then a copy of ``current`` unless it is already the last: it must stay current."""
    if _identity(rows[-1], table) == _identity(current, table):
        return rows
    return (*rows, dict(current))


def _labels(bundle: Bundle, tr: Text) -> dict[str, str]:
    labels = {}
    for row in bundle[DETAILS.name]:  # the last row of each assessment wins: its current details
        labels[row["assessment_id"]] = assessment_label(
            place_name(row["country"], row["unit"]), row["title"], row["assessment_date"], tr
        )
    return labels


def apply_import(db: Db, plan: ImportPlan, take_file: AbstractSet[str] = frozenset()) -> int:
    """Write the plan in one transaction; return the number of rows added.

    ``take_file`` holds the keys of conflicts for which the user chose the file's version. The plan
    is recomputed inside the transaction: if the database changed since the preview, nothing is
    written and the user is asked to look at the preview again.
    """

    def work(tx: Tx) -> int:
        fresh = plan.replan(tx)
        if [(c.key, c.kind) for c in fresh.changes] != [(c.key, c.kind) for c in plan.changes]:
            raise UserError(
                "The data changed since the preview was made: nothing was imported. "
                "Look at the new preview and import again."
            )
        _insert(tx, ASSESSMENTS, fresh.new_assessments)
        for row in fresh.new_assessments if plan.framework_hash else ():
            frameworks.pin(tx, row["id"], plan.framework_hash)  # the version it was read against
        chosen = [
            c
            for c in fresh.changes
            if c.kind in WRITTEN or (c.kind == CONFLICT and c.key in take_file)
        ]
        tables = list(IMPORTED)
        rows = sorted(
            (
                (tables.index(_table(c.table)), place, row)
                for c in chosen
                for place, row in zip(c.order or [0] * len(c.rows), c.rows)
            ),
            key=lambda item: item[:2],
        )  # in the file's order, as they were recorded
        for table_index, batch in groupby(rows, key=lambda item: item[0]):
            _insert(tx, tables[table_index], [row for _, _, row in batch])
        if fresh.documents:
            documents.append_imported(tx, list(fresh.documents.rows), fresh.documents.files)
        return len(fresh.new_assessments) + len(rows)

    return db.write(EDIT, work)


def _table(name: str) -> Table:
    return next(t for t in IMPORTED if t.name == name)


# The database type of each kind of column (see :class:`cpss.exchange.tables.Column`).
_SQL_TYPES = {
    "text": "VARCHAR",
    "id": "VARCHAR",
    "int": "INTEGER",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "ids": "VARCHAR[]",
    "money": "DECIMAL(18, 2)",
    "share": "DECIMAL(9, 6)",
}


def _insert(tx: Tx, table: Table, rows) -> None:
    """Append ``rows`` to ``table`` in their order, with one statement (see
    :func:`cpss.db.transfer.insert_rows`)."""
    transfer.insert_rows(
        tx, table.name, [(c.field, _SQL_TYPES[c.kind]) for c in table.columns], list(rows)
    )
