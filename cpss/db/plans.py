"""Action items and priority reviews: every version kept, the latest one current.

The rules (what an item holds, how a review arranges suggestions) are in :mod:`cpss.model.plans`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from cpss.db import assessments
from cpss.db.core import Db, Reader, Tx
from cpss.db.dashboard import EARLIER_SAME_PLACE
from cpss.db.history import latest_rows
from cpss.db.personal_data import ACTION, note_override, place
from cpss.model.access import EDIT
from cpss.model.plans import ActionItem, PlanError, Review, StoredItem
from cpss.model.times import utc_now

if TYPE_CHECKING:
    import pandas as pd

_ITEM_COLUMNS = """item_id, assessment_id, subdomain_id, what, owner, due_date, status, notes,
                   recorded_at, recorded_by, reviewed_in"""


def add_item(
    db: Db,
    assessment_id: str,
    item: ActionItem,
    by: str,
    overridden: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Store a new item planned in ``assessment_id``; return its id. ``overridden`` (field: kinds
    seen) notes that it was added after the personal-data warning."""
    item = item.validate()
    assessments.assessment(db, assessment_id)  # raises when unknown
    item_id = uuid.uuid4().hex

    def work(tx: Tx) -> None:
        _append(tx, item_id, assessment_id, item, None)
        if overridden:
            note_override(tx, assessment_id, place(ACTION, item_id), overridden)

    db.write(EDIT, work, by)
    return item_id


def update_item(
    db: Db,
    item_id: str,
    item: ActionItem,
    by: str,
    reviewed_in: str | None = None,
    overridden: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Append a new version of an item (``reviewed_in``: the follow-up assessment, if any);
    ``overridden`` (field: kinds seen) notes that it was saved after the personal-data warning."""
    item = item.validate()

    def work(tx: Tx) -> None:
        current = _item(tx, item_id)
        follow_up = reviewed_in if reviewed_in != current.assessment_id else None
        _append(tx, item_id, current.assessment_id, item, follow_up)
        if overridden:
            note_override(tx, current.assessment_id, place(ACTION, item_id), overridden)

    db.write(EDIT, work, by)


def _append(
    tx: Tx, item_id: str, assessment_id: str, item: ActionItem, reviewed_in: str | None
) -> None:
    tx.run(
        f"""INSERT INTO action_items ({_ITEM_COLUMNS}) VALUES (:item, :assessment, :sub,
               :what, :owner, :due, :status, :notes, :now, :by, :reviewed_in)""",
        {
            "item": item_id,
            "assessment": assessment_id,
            "sub": item.subdomain_id,
            "what": item.what,
            "owner": item.owner,
            "due": item.due_date,
            "status": item.status,
            "notes": item.notes,
            "now": utc_now(),
            "by": tx.author,
            "reviewed_in": reviewed_in,
        },
    )


def _item(q: Reader, item_id: str) -> StoredItem:
    found = _select(
        q,
        "SELECT assessment_id FROM action_items WHERE item_id = :item",
        {"item": item_id},
        "WHERE c.item_id = :item",
    )
    if not found:
        raise PlanError("No action item with id {item_id!r}.", item_id=item_id)
    return found[0]


def _select(q: Reader, assessments_sql: str, params: dict, where: str = "") -> list[StoredItem]:
    """Current versions of the items of the assessments ``assessments_sql`` (a subquery or a
    parameter), in the order they were added. An item never changes assessment, so its rows are
    picked by assessment before the window numbers them (a filter the window would not let through).
    """
    rows = q.rows(
        f"""SELECT {_ITEM_COLUMNS} FROM ({
            latest_rows(
                "action_items",
                "item_id",
                f"assessment_id IN ({assessments_sql})",
                columns="*, min(seq) OVER (PARTITION BY item_id) AS first_seq",
            )
        }) c
            {where} ORDER BY c.first_seq""",
        params,
    )
    return [
        StoredItem(
            row[0],
            row[1],
            ActionItem(
                what=row[3],
                owner=row[4],
                due_date=row[5],
                status=row[6],
                notes=row[7],
                subdomain_id=row[2],
            ),
            row[8],
            row[9],
            row[10],
        )
        for row in rows
    ]


def items(db: Db, assessment_id: str) -> list[StoredItem]:
    """The items planned in this assessment, current versions, in the order they were added."""
    return _select(db, ":id", {"id": assessment_id})


def carried_items(db: Db, assessment_id: str) -> list[StoredItem]:
    """Items of earlier assessments of the same place still open, or followed up in this one."""
    return _select(
        db,
        EARLIER_SAME_PLACE,
        {"id": assessment_id},
        "WHERE c.status IN ('planned', 'in_progress') OR c.reviewed_in = :id",
    )


def item_history(db: Db, item_id: str) -> pd.DataFrame:
    """Every version of one item, newest first."""
    return db.frame(
        "SELECT recorded_at, recorded_by, what, owner, due_date, status, notes, "
        "reviewed_in FROM action_items WHERE item_id = :item ORDER BY seq DESC",
        {"item": item_id},
    )


def review(db: Db, assessment_id: str) -> Review:
    """The current arrangement of this assessment's suggestions (empty when never changed)."""
    row = db.row(
        "SELECT ordering, dismissed FROM priority_reviews WHERE assessment_id = :id "
        "ORDER BY seq DESC LIMIT 1",
        {"id": assessment_id},
    )
    return Review(tuple(row[0]), tuple(row[1])) if row else Review()


def save_review(db: Db, assessment_id: str, arranged: Review, by: str) -> None:
    """Append a new arrangement of the suggestions."""
    db.write(
        EDIT,
        lambda tx: tx.run(
            "INSERT INTO priority_reviews (assessment_id, ordering, dismissed, recorded_at, "
            "recorded_by) VALUES (:id, :ordering, :dismissed, :now, :by)",
            {
                "id": assessment_id,
                "ordering": list(arranged.ordering),
                "dismissed": list(arranged.dismissed),
                "now": utc_now(),
                "by": tx.author,
            },
        ),
        by,
    )
