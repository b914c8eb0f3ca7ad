"""Importing checked rows: a preview of what would be added or changed, then one transaction.

An assessment's id identifies it across installations. For each history (an assessment's details,
a subdomain's answer, an action item, the priority review) the file's rows are compared with the
rows here: rows already here are duplicates and are skipped, so importing a file twice adds nothing
the second time. When both sides recorded changes the other lacks and the newest is here, the
subdomain (or item) is a *conflict*: the local answer stays unless the user chooses the file's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from cpss.answers import Answer
from cpss.assessments import place_name
from cpss.errors import UserError
from cpss.exchange.export import gather
from cpss.exchange.reading import open_workbook, read_excel, read_json
from cpss.exchange.tables import ACTION_ITEMS, ASSESSMENTS, DETAILS, RATINGS, REVIEWS, Table
from cpss.exchange.views import Bundle
from cpss.framework import Framework
from cpss.plan import ITEM_STATUSES
from cpss.scoring import answer_label
from cpss.storage import Store

NEW, CHANGED, CONFLICT, UNCHANGED = "new", "changed", "conflict", "unchanged"
KIND_WORDS = {NEW: "New", CHANGED: "Changed", CONFLICT: "Conflict: newer here", UNCHANGED: "Already here"}


@dataclass(frozen=True)
class Change:
    """What importing would do to one history: ``rows`` are appended when it is applied."""

    key: str
    assessment: str
    what: str
    kind: str
    here: str
    incoming: str
    table: str
    rows: tuple[dict, ...]
    order: tuple[int, ...] = ()  # the rows' places in the file, to write them in the file's order


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import; ``replan`` recomputes it (inside the writing transaction)."""

    source: str
    new_assessments: tuple[dict, ...]
    changes: tuple[Change, ...]
    duplicates: int
    replan: Callable[[Store], "ImportPlan"]

    @property
    def conflicts(self) -> list[Change]:
        """The changes that would overwrite a newer local version."""
        return [c for c in self.changes if c.kind == CONFLICT]

    def summary(self) -> str:
        """One sentence: how many assessments, changes, conflicts and duplicates."""
        counts = {kind: sum(c.kind == kind for c in self.changes) for kind in KIND_WORDS}
        return (f"{len(self.new_assessments)} new assessment(s); {counts[NEW]} new and "
                f"{counts[CHANGED]} changed histories to add; {counts[CONFLICT]} conflict(s) with "
                f"newer answers here; {self.duplicates} recorded version(s) already here.")

    def preview(self) -> pd.DataFrame:
        """The preview table, one row per history that the import would touch or that conflicts."""
        return pd.DataFrame([{"Assessment": c.assessment, "What": c.what, "Change": KIND_WORDS[c.kind],
                              "Here now": c.here, "In the file": c.incoming}
                             for c in self.changes if c.kind != UNCHANGED],
                            columns=["Assessment", "What", "Change", "Here now", "In the file"])

    @property
    def is_empty(self) -> bool:
        """True when importing would write nothing (e.g. the same file imported twice)."""
        return not self.new_assessments and all(c.kind in (UNCHANGED, CONFLICT) for c in self.changes)


def read_file(name: str, data: bytes, framework: Framework):
    """The checked content of an uploaded file, by its kind: an export (JSON or Excel) or a
    filled-in offline worksheet. Returns a function that plans the import on a store."""
    from cpss.exchange.worksheet import WORKSHEET_SHEET, plan_worksheet, read_worksheet
    if name.lower().endswith(".json"):
        bundle = read_json(data, framework)
        return lambda store: plan_bundle(store, framework, bundle, name)
    if not name.lower().endswith(".xlsx"):
        raise UserError(f"{name}: choose a .json or .xlsx file exported from this app, or a "
                        "filled-in offline worksheet (.xlsx).")
    book = open_workbook(data)
    if WORKSHEET_SHEET in book.sheetnames:
        sheet = read_worksheet(book, framework)
        return lambda store: plan_worksheet(store, framework, sheet, name)
    bundle = read_excel(book, framework)
    return lambda store: plan_bundle(store, framework, bundle, name)


def _identity(row: dict, table: Table) -> tuple:
    return tuple(tuple(row[f]) if isinstance(row[f], (list, tuple)) else row[f] for f in table.fields)


def _groups(rows: list[dict], table: Table) -> dict[tuple, list[dict]]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[tuple(row[f] for f in table.group)].append(row)
    return grouped


def plan_bundle(store: Store, framework: Framework, bundle: Bundle, source: str) -> ImportPlan:
    """Compare the file's histories with the database's; nothing is written."""
    ids = [row["id"] for row in bundle[ASSESSMENTS.name]]
    local = gather(store, ids)
    known = {row["id"] for row in local[ASSESSMENTS.name]}
    labels = _labels(bundle)
    changes, duplicates = [], 0
    for table in (DETAILS, RATINGS, ACTION_ITEMS, REVIEWS):
        here = _groups(local[table.name], table)
        position = {id(row): index for index, row in enumerate(bundle[table.name])}
        for key, rows in _groups(bundle[table.name], table).items():
            change, skipped = _compare(framework, table, key, here.get(key, []), rows)
            duplicates += skipped
            changes.append(Change(f"{table.name}:{':'.join(map(str, key))}",
                                  labels[rows[0]["assessment_id"]], _what(framework, table, rows[-1]),
                                  *change[:3], table.name, change[3],
                                  tuple(position[id(row)] for row in change[3])))
    new = tuple(row for row in bundle[ASSESSMENTS.name] if row["id"] not in known)
    return ImportPlan(source, new, tuple(changes), duplicates,
                      lambda again: plan_bundle(again, framework, bundle, source))


def _compare(framework: Framework, table: Table, key: tuple, here: list[dict], incoming: list[dict]):
    """((kind, here words, file words, rows to add), number of duplicate rows) for one history."""
    here_ids = {_identity(r, table) for r in here}
    file_ids = {_identity(r, table) for r in incoming}
    to_add = tuple(r for r in incoming if _identity(r, table) not in here_ids)
    only_here = [r for r in here if _identity(r, table) not in file_ids]
    words = (describe(framework, table, here[-1]) if here else "",
             describe(framework, table, incoming[-1]))
    if not to_add:
        kind = UNCHANGED
    elif not here:
        kind = NEW
    elif only_here and max(r["recorded_at"] for r in only_here) > max(r["recorded_at"] for r in to_add):
        kind = CONFLICT
    else:
        kind = CHANGED
    return (kind, *words, to_add), len(incoming) - len(to_add)


def _labels(bundle: Bundle) -> dict[str, str]:
    labels = {}
    for row in bundle[DETAILS.name]:  # the last row of each assessment wins: its current details
        labels[row["assessment_id"]] = (f"{place_name(row['country'], row['unit'])} · {row['title']} "
                                        f"({row['assessment_date']:%d %b %Y})")
    return labels


def _what(framework: Framework, table: Table, row: dict) -> str:
    if table is RATINGS:
        return framework.subdomain(row["subdomain_id"]).label
    if table is ACTION_ITEMS:
        return f"Action item: {row['what'][:60]}"
    return "Details and status" if table is DETAILS else "Order of priorities"


def describe(framework: Framework, table: Table, row: dict) -> str:
    """The current state of a history in a few words, for the preview."""
    if table is RATINGS:
        answer = Answer(row["answer"], row["phase"], row["target"], row["confidence"],
                        row["evidence"], row["rationale"])
        extra = [f"target {row['target']}"] * (row["target"] is not None)
        extra += [f"confidence {row['confidence']}"] * (row["confidence"] is not None)
        return f"{answer_label(framework, answer)}" + (f" ({', '.join(extra)})" if extra else "") + \
            f", by {row['recorded_by']} at {row['recorded_at']:%Y-%m-%d %H:%M}"
    if table is DETAILS:
        return f"{row['title']} · {row['assessment_date']:%d %b %Y} · {row['status']}"
    if table is ACTION_ITEMS:
        return f"{row['what'][:60]} · {ITEM_STATUSES[row['status']]}"
    return f"order {', '.join(row['ordering']) or '—'}; dismissed {', '.join(row['dismissed']) or '—'}"


def apply_import(store: Store, plan: ImportPlan, take_file: set[str] = frozenset()) -> int:
    """Write the plan in one transaction; return the number of rows added.

    ``take_file`` holds the keys of conflicts for which the user chose the file's version. The plan
    is recomputed inside the transaction: if the database changed since the preview, nothing is
    written and the user is asked to look at the preview again.
    """
    def work() -> int:
        fresh = plan.replan(store)
        if [(c.key, c.kind) for c in fresh.changes] != [(c.key, c.kind) for c in plan.changes]:
            raise UserError("The data changed since the preview was made: nothing was imported. "
                            "Look at the new preview and import again.")
        for row in fresh.new_assessments:
            _insert(store, ASSESSMENTS, row)
        chosen = [c for c in fresh.changes
                  if c.kind in (NEW, CHANGED) or (c.kind == CONFLICT and c.key in take_file)]
        tables = [DETAILS, RATINGS, ACTION_ITEMS, REVIEWS]
        rows = sorted(((tables.index(_table(c.table)), place, row) for c in chosen
                       for place, row in zip(c.order or [0] * len(c.rows), c.rows)),
                      key=lambda item: item[:2])  # in the file's order, as they were recorded
        for table_index, _, row in rows:
            _insert(store, tables[table_index], row)
        return len(fresh.new_assessments) + len(rows)

    return store.transaction(work)


def _table(name: str) -> Table:
    return next(t for t in (DETAILS, RATINGS, ACTION_ITEMS, REVIEWS) if t.name == name)


def _insert(store: Store, table: Table, row: dict) -> None:
    values = [list(row[f]) if isinstance(row[f], tuple) else row[f] for f in table.fields]
    store.cur.execute(f"INSERT INTO {table.name} ({', '.join(table.fields)}) "
                      f"VALUES ({', '.join('?' for _ in table.fields)})", values)
