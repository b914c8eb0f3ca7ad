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

from cpss.db import assessments
from cpss.db.core import Db, Reader, Tx
from cpss.db.history import latest_rows
from cpss.model.access import EDIT, MANAGE
from cpss.model.answers import BY_RESTORE, Answer
from cpss.model.assessments import AssessmentDetails, AssessmentError
from cpss.model.times import utc_now

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

UNDO_DAYS = 30
# Tables holding an assessment's rows by assessment_id, children first; workshop tables by workshop.
# The access log is kept (an audit with its own retention) and names the purged id only.
_BY_ASSESSMENT = (
    "ratings",
    "positions",
    "action_items",
    "action_budgets",
    "action_shares",
    "spend_entries",
    "priority_reviews",
    "evidence_documents",
    "personal_data_overrides",
    "assessment_frameworks",
    "share_links",
    "assessment_details",
    "assessment_deletions",
)
_BY_WORKSHOP = (
    "workshop_votes",
    "workshop_tallies",
    "workshop_removals",
    "workshop_reveals",
    "workshop_consensus",
    "workshop_participants",
    "workshop_states",
)


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
    country_code: str = ""


def edit_details(db: Db, assessment_id: str, details: AssessmentDetails, by: str) -> None:
    """Record new details (title, unit, date, assessor; the country stays): a new history row."""
    details = details.validate()

    def work(tx: Tx) -> None:
        current = assessments.assessment(tx, assessment_id)
        if current.is_final:
            raise AssessmentError(
                "This assessment is final and read-only: reopen it to change its details."
            )
        if details.country_code != current.details.country_code:
            raise AssessmentError(
                "The country of an assessment cannot be changed: start a "
                "new assessment for another country."
            )
        assessments.append_details(tx, assessment_id, details, current.status, utc_now())

    db.write(EDIT, work, by)


def details_history(db: Db, assessment_id: str) -> pd.DataFrame:
    """Every version of the details and status, newest first."""
    return db.frame(
        """SELECT recorded_at, recorded_by, title, unit, assessment_date, assessor, status
           FROM assessment_details WHERE assessment_id = :id ORDER BY seq DESC""",
        {"id": assessment_id},
    )


def restore_answer(db: Db, assessment_id: str, subdomain_id: str, seq: int, by: str) -> Answer:
    """Make an earlier version (by its ``seq``) the current answer again: a new row, source
    ``restore``; the versions in between stay in the history."""
    row = db.row(
        """SELECT answer, phase, target, confidence, evidence, rationale FROM ratings
           WHERE assessment_id = :id AND subdomain_id = :sub AND seq = :seq""",
        {"id": assessment_id, "sub": subdomain_id, "seq": seq},
    )
    if row is None:
        raise AssessmentError("That version is not in this subdomain's history.")
    return assessments.save_answer(
        db, assessment_id, subdomain_id, Answer(*row), by, source=BY_RESTORE
    )


def delete(db: Db, assessment_id: str, by: str) -> None:
    """Hide the assessment everywhere; :func:`undo_delete` brings it back within 30 days."""
    assessments.assessment(db, assessment_id)  # raises when unknown or already deleted
    db.write(EDIT, lambda tx: _mark(tx, assessment_id, True), by)


def undo_delete(db: Db, assessment_id: str, by: str) -> None:
    """Bring a deleted assessment back, if it was deleted less than 30 days ago."""
    deleted_at = _deleted_at(db, assessment_id)
    if deleted_at < utc_now() - timedelta(days=UNDO_DAYS):
        raise AssessmentError(
            "This assessment was deleted more than {undo_days} days ago: it can no longer "
            "be brought back (an administrator can purge it).",
            undo_days=UNDO_DAYS,
        )
    db.write(EDIT, lambda tx: _mark(tx, assessment_id, False), by)


def _mark(tx: Tx, assessment_id: str, deleted: bool) -> None:
    tx.run(
        "INSERT INTO assessment_deletions (assessment_id, deleted, recorded_at, recorded_by) "
        "VALUES (:id, :deleted, :now, :by)",
        {"id": assessment_id, "deleted": deleted, "now": utc_now(), "by": tx.author},
    )


def _deleted_at(q: Reader, assessment_id: str):
    row = q.row(
        "SELECT recorded_at FROM current_deletions WHERE assessment_id = :id AND deleted",
        {"id": assessment_id},
    )
    if row is None:
        raise AssessmentError("This assessment is not deleted.")
    return row[0]


def deleted(db: Db) -> list[Deleted]:
    """Deleted assessments, newest deletion first, with whether they can still be brought back."""
    rows = db.rows(
        f"""SELECT x.assessment_id AS id, d.country, d.unit, d.title, d.assessment_date,
                   x.recorded_at AS deleted_at, x.recorded_by AS deleted_by, d.country_code
            FROM current_deletions x
            JOIN ({latest_rows("assessment_details", "assessment_id")}) d
              ON d.assessment_id = x.assessment_id
            WHERE x.deleted ORDER BY x.recorded_at DESC"""
    )
    since = utc_now() - timedelta(days=UNDO_DAYS)
    return [
        Deleted(id_, country, unit, title, day, at, by, can_undo=at >= since, country_code=code)
        for id_, country, unit, title, day, at, by, code in rows
    ]


def purge(db: Db, assessment_id: str, *, confirmed: bool) -> int:
    """Delete a deleted assessment's rows from every table for good (administrators only);
    return how many rows went.

    ``confirmed`` is the administrator's ticked "purging cannot be undone", checked here, where
    the purge runs, not only by the page's button.
    """
    if confirmed is not True:
        raise AssessmentError(
            'Nothing was purged: tick "I understand: purging cannot be undone" first.'
        )

    def work(tx: Tx) -> int:
        _deleted_at(tx, assessment_id)  # only what was deleted first can be purged
        return purge_rows(tx, assessment_id)

    return db.write(MANAGE, work)


def purge_rows(tx: Tx, assessment_id: str) -> int:
    """Inside a write: delete every row of the assessment from every table; return how many went
    (the purge on request above, and the retention rule for deleted assessments)."""
    key = {"id": assessment_id}
    workshops = [r[0] for r in tx.rows("SELECT id FROM workshops WHERE assessment_id = :id", key)]
    removed = 0
    for table in _BY_WORKSHOP:
        for workshop_id in workshops:
            removed += _delete(
                tx, f"DELETE FROM {table} WHERE workshop_id = :id", {"id": workshop_id}
            )
    removed += _delete(tx, "DELETE FROM workshops WHERE assessment_id = :id", key)
    removed += _delete(
        tx,
        "DELETE FROM share_link_options "
        "WHERE token IN (SELECT token FROM share_links WHERE assessment_id = :id)",
        key,
    )
    for table in _BY_ASSESSMENT:
        removed += _delete(tx, f"DELETE FROM {table} WHERE assessment_id = :id", key)
    # A file no other document uses goes too (the same file may back another assessment's).
    removed += _delete(
        tx,
        "DELETE FROM document_blobs WHERE sha256 NOT IN (SELECT sha256 FROM evidence_documents)",
        {},
    )
    return removed + _delete(tx, "DELETE FROM assessments WHERE id = :id", key)


def _delete(tx: Tx, sql: str, key: dict) -> int:
    return tx.run(sql, key)[0][0]
