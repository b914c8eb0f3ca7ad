"""The action plan: priorities the user accepted, reordered or dismissed, and the items planned.

An item belongs to the assessment it was planned in and keeps every version (who, when). The next
assessment of the same place shows the items still open from earlier ones, so that progress is
followed up there; a status recorded during that follow-up names the assessment it was made in.
The plan stays editable after an assessment is marked final: it is followed up over time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.errors import UserError, check_text_limits
from cpss.model.priorities import Priority

PLANNED, IN_PROGRESS, DONE, DROPPED = "planned", "in_progress", "done", "dropped"
ITEM_STATUSES = {  # English message ids: translated where shown
    PLANNED: N_("Planned"),
    IN_PROGRESS: N_("In progress"),
    DONE: N_("Done"),
    DROPPED: N_("Dropped"),
}
OPEN_STATUSES = (PLANNED, IN_PROGRESS)
TEXT_LIMITS = {N_("what"): 500, N_("owner"): 120, N_("notes"): 4000}


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

    def validate(self) -> ActionItem:
        """Return the item with texts trimmed, or raise :class:`PlanError`."""
        item = replace(
            self, what=self.what.strip(), owner=self.owner.strip(), notes=self.notes.strip()
        )
        if not item.what:
            raise PlanError("Say what is to be done: the action is required.")
        check_text_limits(item, TEXT_LIMITS, PlanError)
        if item.status not in ITEM_STATUSES:
            raise PlanError(
                "Unknown status {status!r}: one of {items}.",
                status=item.status,
                items=", ".join(ITEM_STATUSES),
            )
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
    rest = [
        p
        for p in priorities
        if p.subdomain_id not in review.ordering and p.subdomain_id not in review.dismissed
    ]
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


def milestone_action(
    subdomain_label: str, priority: Priority, phase_name: str | None, *, tr: Text = ENGLISH
) -> str:
    """The text of the action item made from an accepted priority, in the words of the person
    who accepts it (from then on it is their text, edited like any other)."""
    if priority.milestone_phase is None:
        return tr(
            "{subdomain}: {milestone}", subdomain=subdomain_label, milestone=priority.milestone_text
        )
    return tr(
        "{subdomain}: reach {phase}. {milestone}",
        subdomain=subdomain_label,
        phase=phase_name,
        milestone=priority.milestone_text,
    )
