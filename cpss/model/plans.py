"""The action plan: priorities the user accepted, reordered or dismissed, and the items planned.

An item belongs to the assessment it was planned in and keeps every version (who, when). The next
assessment of the same place shows the items still open from earlier ones, so that progress is
followed up there; a status recorded during that follow-up names the assessment it was made in.
The plan stays editable after an assessment is marked final: it is followed up over time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd

from cpss.db.dashboard import EARLIER_SAME_PLACE
from cpss.model.errors import UserError, check_text_limits
from cpss.db.migrations import utc_now
from cpss.model.priorities import Priority
from cpss.db.assessments import Store

PLANNED, IN_PROGRESS, DONE, DROPPED = "planned", "in_progress", "done", "dropped"
ITEM_STATUSES = {PLANNED: "Planned", IN_PROGRESS: "In progress", DONE: "Done", DROPPED: "Dropped"}
OPEN_STATUSES = (PLANNED, IN_PROGRESS)
TEXT_LIMITS = {"what": 500, "owner": 120, "notes": 4000}


class PlanError(UserError):
    """An action item or a review that breaks a rule; the message says which field and why."""


@dataclass(frozen=True)
class ActionItem:
    """What is to be done, by whom and when; ``subdomain_id`` is None for a general item."""

    what: str
    owner: str = ""
    due_date: date | None = None
    status: str = PLANNED
    notes: str = ""
    subdomain_id: str | None = None

    def validate(self) -> "ActionItem":
        """Return the item with texts trimmed, or raise :class:`PlanError`."""
        item = replace(self, what=self.what.strip(), owner=self.owner.strip(),
                       notes=self.notes.strip())
        if not item.what:
            raise PlanError("Say what is to be done: the action is required.")
        check_text_limits(item, TEXT_LIMITS, PlanError)
        if item.status not in ITEM_STATUSES:
            raise PlanError(f"Unknown status {item.status!r}: one of {', '.join(ITEM_STATUSES)}.")
        if item.due_date is not None and not isinstance(item.due_date, date):
            raise PlanError("The due date must be a calendar date.")
        return item

    @property
    def is_open(self) -> bool:
        """Planned or in progress: still to be followed up."""
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class StoredItem:
    """An action item as stored: its id, the assessment it was planned in, and its last change."""

    item_id: str
    assessment_id: str
    item: ActionItem
    recorded_at: datetime
    recorded_by: str
    reviewed_in: str | None


@dataclass(frozen=True)
class Review:
    """The user's arrangement of the suggested priorities: an order and the dismissed ones."""

    ordering: tuple[str, ...] = ()
    dismissed: tuple[str, ...] = ()


def arrange(priorities: list[Priority], review: Review) -> tuple[list[Priority], list[Priority]]:
    """The suggestions in the user's order (new ones after, in rank order) and the dismissed ones."""
    by_id = {p.subdomain_id: p for p in priorities}
    ordered = [by_id[i] for i in review.ordering if i in by_id and i not in review.dismissed]
    rest = [p for p in priorities
            if p.subdomain_id not in review.ordering and p.subdomain_id not in review.dismissed]
    dismissed = [p for p in priorities if p.subdomain_id in review.dismissed]
    return ordered + rest, dismissed


def move(review: Review, shown: list[str], subdomain_id: str, offset: int) -> Review:
    """The review after moving ``subdomain_id`` up (-1) or down (+1) in the ``shown`` order."""
    order = list(shown)
    index = order.index(subdomain_id)
    target = max(0, min(index + offset, len(order) - 1))
    order.insert(target, order.pop(index))
    return replace(review, ordering=tuple(order))


def dismiss(review: Review, subdomain_id: str) -> Review:
    """The review with ``subdomain_id`` dismissed."""
    return replace(review, dismissed=tuple(dict.fromkeys((*review.dismissed, subdomain_id))))


def restore(review: Review, subdomain_id: str) -> Review:
    """The review with a dismissed ``subdomain_id`` suggested again."""
    return replace(review, dismissed=tuple(i for i in review.dismissed if i != subdomain_id))


def milestone_action(subdomain_label: str, priority: Priority, phase_name: str | None) -> str:
    """The text of the action item made from an accepted priority."""
    if priority.milestone_phase is None:
        return f"{subdomain_label}: {priority.milestone_text}"
    return f"{subdomain_label}: reach {phase_name}. {priority.milestone_text}"


_ITEM_COLUMNS = """item_id, assessment_id, subdomain_id, what, owner, due_date, status, notes,
                   recorded_at, recorded_by, reviewed_in"""


class PlanStore:
    """Reads and writes of action items and priority reviews, on a :class:`Store`'s cursor."""

    def __init__(self, store: Store):
        self.store = store
        self.cur = store.cur

    def add_item(self, assessment_id: str, item: ActionItem, by: str) -> str:
        """Store a new item planned in ``assessment_id``; return its id."""
        item, by = item.validate(), self.store.author(by)
        self.store.assessment(assessment_id)  # raises when unknown
        item_id = uuid.uuid4().hex
        self.store.transaction(lambda: self._append(item_id, assessment_id, item, by, None))
        return item_id

    def update_item(self, item_id: str, item: ActionItem, by: str,
                    reviewed_in: str | None = None) -> None:
        """Append a new version of an item (``reviewed_in``: the follow-up assessment, if any)."""
        item, by = item.validate(), self.store.author(by)

        def work():
            current = self._item(item_id)
            follow_up = reviewed_in if reviewed_in != current.assessment_id else None
            self._append(item_id, current.assessment_id, item, by, follow_up)

        self.store.transaction(work)

    def _append(self, item_id: str, assessment_id: str, item: ActionItem, by: str,
                reviewed_in: str | None) -> None:
        self.cur.execute(
            f"INSERT INTO action_items ({_ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [item_id, assessment_id, item.subdomain_id, item.what, item.owner, item.due_date,
             item.status, item.notes, utc_now(), by, reviewed_in])

    def _item(self, item_id: str) -> StoredItem:
        rows = self._select("SELECT assessment_id FROM action_items WHERE item_id = ?",
                            [item_id, item_id], "WHERE c.item_id = ?")
        if not rows:
            raise PlanError(f"No action item with id {item_id!r}.")
        return rows[0]

    def _select(self, assessments: str, params: list, where: str = "") -> list[StoredItem]:
        """Current versions of the items of the assessments ``assessments`` (a subquery or ``?``),
        in the order they were added. An item never changes assessment, so its rows are picked
        by assessment before the window numbers them (a filter the window would not let through).
        """
        rows = self.cur.execute(
            f"""SELECT {_ITEM_COLUMNS} FROM (
                    SELECT *, min(seq) OVER (PARTITION BY item_id) AS first_seq
                    FROM action_items WHERE assessment_id IN ({assessments})
                    QUALIFY row_number() OVER (PARTITION BY item_id ORDER BY seq DESC) = 1) c
                {where} ORDER BY c.first_seq""", params).fetchall()
        return [StoredItem(row[0], row[1], ActionItem(what=row[3], owner=row[4], due_date=row[5],
                                                      status=row[6], notes=row[7],
                                                      subdomain_id=row[2]),
                           row[8], row[9], row[10]) for row in rows]

    def items(self, assessment_id: str) -> list[StoredItem]:
        """The items planned in this assessment, current versions, in the order they were added."""
        return self._select("?", [assessment_id])

    def carried_items(self, assessment_id: str) -> list[StoredItem]:
        """Items of earlier assessments of the same place still open, or followed up in this one."""
        return self._select(EARLIER_SAME_PLACE, [assessment_id, assessment_id],
                            "WHERE c.status IN ('planned', 'in_progress') OR c.reviewed_in = ?")

    def item_history(self, item_id: str) -> pd.DataFrame:
        """Every version of one item, newest first."""
        return self.cur.execute(
            "SELECT recorded_at, recorded_by, what, owner, due_date, status, notes, reviewed_in "
            "FROM action_items WHERE item_id = ? ORDER BY seq DESC", [item_id]).df()

    def review(self, assessment_id: str) -> Review:
        """The current arrangement of this assessment's suggestions (empty when never changed)."""
        row = self.cur.execute(
            "SELECT ordering, dismissed FROM priority_reviews WHERE assessment_id = ? "
            "ORDER BY seq DESC LIMIT 1", [assessment_id]).fetchone()
        return Review(tuple(row[0]), tuple(row[1])) if row else Review()

    def save_review(self, assessment_id: str, review: Review, by: str) -> None:
        """Append a new arrangement of the suggestions."""
        by = self.store.author(by)
        self.store.transaction(lambda: self.cur.execute(
            "INSERT INTO priority_reviews (assessment_id, ordering, dismissed, recorded_at, "
            "recorded_by) VALUES (?, ?, ?, ?, ?)",
            [assessment_id, list(review.ordering), list(review.dismissed), utc_now(), by]))


def items_table(items: list[StoredItem]) -> pd.DataFrame:
    """The items as people read them: one row each, with readable headers and status words."""
    return pd.DataFrame({
        "Action": [s.item.what for s in items],
        "Subdomain": [s.item.subdomain_id or "" for s in items],
        "Owner": [s.item.owner for s in items],
        "Due": [s.item.due_date for s in items],
        "Status": [ITEM_STATUSES[s.item.status] for s in items],
        "Notes": [s.item.notes for s in items],
        "Last change": [f"{s.recorded_at:%d %b %Y} by {s.recorded_by}" for s in items],
    })
