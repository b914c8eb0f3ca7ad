"""An assessment's life after it is started: its details edited, earlier answers restored, and
deletion (undoable for 30 days) or, by an administrator, purging for good.

Editing and restoring add history rows like any change. Deleting adds a row to
``assessment_deletions`` (migration 4), which hides the assessment everywhere (``current_details``
leaves it out); undoing adds another. Purging is the one real DELETE: every row of the assessment
in every table, in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from cpss.access import EDIT, MANAGE
from cpss.answers import BY_RESTORE, Answer
from cpss.assessments import AssessmentDetails, AssessmentError
from cpss.migrations import utc_now
from cpss.storage import Store

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

UNDO_DAYS = 30
# Tables holding an assessment's rows by assessment_id, children first; workshop tables by workshop.
_BY_ASSESSMENT = ("ratings", "positions", "action_items", "priority_reviews", "share_links",
                  "assessment_details", "assessment_deletions")
_BY_WORKSHOP = ("workshop_votes", "workshop_consensus", "workshop_participants", "workshop_states")


class Deleted(NamedTuple):
    """A deleted assessment: what it was, when and by whom it was deleted, whether it can come back."""

    id: str
    country: str
    unit: str
    title: str
    assessment_date: date
    deleted_at: datetime
    deleted_by: str
    can_undo: bool


class Lifecycle:
    """Edit details, restore answers, delete, undo and purge, on a :class:`Store`'s cursor."""

    def __init__(self, store: Store):
        self.store = store
        self.cur = store.cur

    def edit_details(self, assessment_id: str, details: AssessmentDetails, by: str) -> None:
        """Record new details (title, unit, date, assessor; the country stays): a new history row."""
        self.store.actor.require(EDIT)
        details, by = details.validate(), self.store.author(by)

        def work():
            current = self.store.assessment(assessment_id)
            if current.is_final:
                raise AssessmentError("This assessment is final and read-only: reopen it to "
                                      "change its details.")
            if details.country_code != current.details.country_code:
                raise AssessmentError("The country of an assessment cannot be changed: start a "
                                      "new assessment for another country.")
            self.store._append_details(assessment_id, details, current.status, by, utc_now())

        self.store.transaction(work)

    def details_history(self, assessment_id: str) -> pd.DataFrame:
        """Every version of the details and status, newest first."""
        return self.cur.execute(
            """SELECT recorded_at, recorded_by, title, unit, assessment_date, assessor, status
               FROM assessment_details WHERE assessment_id = ? ORDER BY seq DESC""",
            [assessment_id]).df()

    def restore_answer(self, assessment_id: str, subdomain_id: str, seq: int, by: str) -> Answer:
        """Make an earlier version (by its ``seq``) the current answer again: a new row, source
        ``restore``; the versions in between stay in the history."""
        row = self.cur.execute(
            """SELECT answer, phase, target, confidence, evidence, rationale FROM ratings
               WHERE assessment_id = ? AND subdomain_id = ? AND seq = ?""",
            [assessment_id, subdomain_id, seq]).fetchone()
        if row is None:
            raise AssessmentError("That version is not in this subdomain's history.")
        return self.store.save_answer(assessment_id, subdomain_id, Answer(*row), by,
                                      source=BY_RESTORE)

    def delete(self, assessment_id: str, by: str) -> None:
        """Hide the assessment everywhere; :meth:`undo_delete` brings it back within 30 days."""
        self.store.assessment(assessment_id)  # raises when unknown or already deleted
        self.store.transaction(lambda: self._mark(assessment_id, True, by))

    def undo_delete(self, assessment_id: str, by: str) -> None:
        """Bring a deleted assessment back, if it was deleted less than 30 days ago."""
        deleted_at = self._deleted_at(assessment_id)
        if deleted_at < utc_now() - timedelta(days=UNDO_DAYS):
            raise AssessmentError(f"This assessment was deleted more than {UNDO_DAYS} days ago: "
                                  "it can no longer be brought back (an administrator can purge it).")
        self.store.transaction(lambda: self._mark(assessment_id, False, by))

    def _mark(self, assessment_id: str, deleted: bool, by: str) -> None:
        self.cur.execute("INSERT INTO assessment_deletions (assessment_id, deleted, recorded_at, "
                         "recorded_by) VALUES (?, ?, ?, ?)",
                         [assessment_id, deleted, utc_now(), self.store.author(by)])

    def _deleted_at(self, assessment_id: str):
        row = self.cur.execute("SELECT recorded_at FROM current_deletions WHERE assessment_id = ? "
                               "AND deleted", [assessment_id]).fetchone()
        if row is None:
            raise AssessmentError("This assessment is not deleted.")
        return row[0]

    def deleted(self) -> list[Deleted]:
        """Deleted assessments, newest deletion first, with whether they can still be brought back."""
        rows = self.cur.execute(
            """SELECT x.assessment_id AS id, d.country, d.unit, d.title, d.assessment_date,
                      x.recorded_at AS deleted_at, x.recorded_by AS deleted_by
               FROM current_deletions x
               JOIN (SELECT * FROM assessment_details QUALIFY row_number() OVER
                     (PARTITION BY assessment_id ORDER BY seq DESC) = 1) d
                 ON d.assessment_id = x.assessment_id
               WHERE x.deleted ORDER BY x.recorded_at DESC""").fetchall()
        since = utc_now() - timedelta(days=UNDO_DAYS)
        return [Deleted(*row, can_undo=row[5] >= since) for row in rows]

    def purge(self, assessment_id: str, *, confirmed: bool) -> int:
        """Delete a deleted assessment's rows from every table for good (administrators only);
        return how many rows went.

        ``confirmed`` is the administrator's ticked "purging cannot be undone". It is checked
        here: a page's disabled button is only a hint to the browser, the server takes any click.
        """
        self.store.actor.require(MANAGE)
        if confirmed is not True:
            raise AssessmentError("Nothing was purged: tick \"I understand: purging cannot be "
                                  "undone\" first.")
        self._deleted_at(assessment_id)  # only what was deleted first can be purged

        def work() -> int:
            workshops = [r[0] for r in self.cur.execute(
                "SELECT id FROM workshops WHERE assessment_id = ?", [assessment_id]).fetchall()]
            removed = 0
            for table in _BY_WORKSHOP:
                for workshop_id in workshops:
                    removed += self._delete(f"DELETE FROM {table} WHERE workshop_id = ?", workshop_id)
            removed += self._delete("DELETE FROM workshops WHERE assessment_id = ?", assessment_id)
            for table in _BY_ASSESSMENT:
                removed += self._delete(f"DELETE FROM {table} WHERE assessment_id = ?", assessment_id)
            return removed + self._delete("DELETE FROM assessments WHERE id = ?", assessment_id)

        return self.store.transaction(work, need=MANAGE)

    def _delete(self, sql: str, key: str) -> int:
        return self.cur.execute(sql, [key]).fetchone()[0]
