"""Assessments and their answers: create, change status, save answers, remember the position, read.

Everything is append-only history: saving an answer or changing an assessment adds a row with when
and by whom, and the current state is the latest row (the ``current_*`` views).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from cpss.db import frameworks
from cpss.db.core import Db, Reader, Tx
from cpss.db.personal_data import ANSWER, note_override, place
from cpss.model.access import EDIT
from cpss.model.answers import BY_HAND, SOURCES, Answer
from cpss.model.assessments import DRAFT, FINAL, Assessment, AssessmentDetails, AssessmentError
from cpss.model.times import utc_now

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

# Every assessment with how many subdomains are answered and when it last changed (the home
# page's list in cpss.db.listing selects from it too).
ASSESSMENT_ROWS = """SELECT a.id, d.country, d.unit, d.title, d.assessment_date, d.assessor, d.status,
                      a.is_demo, coalesce(r.answered, 0) AS answered,
                      greatest(d.recorded_at, coalesce(r.changed, d.recorded_at)) AS updated_at,
                      d.country_code
               FROM assessments a
               JOIN current_details d ON d.assessment_id = a.id
               LEFT JOIN (SELECT assessment_id, count(answer) AS answered,
                                 max(recorded_at) AS changed
                          FROM current_ratings GROUP BY assessment_id) r
                 ON r.assessment_id = a.id"""


def create(
    db: Db,
    details: AssessmentDetails,
    framework_version: str,
    by: str,
    is_demo: bool = False,
    framework_hash: str | None = None,
) -> str:
    """Store a new draft assessment, pinned to the framework of ``framework_hash`` (by default
    the newest published one of ``framework_version``, else of the first framework), and return
    its id."""
    details = details.validate()
    assessment_id = uuid.uuid4().hex

    def work(tx: Tx) -> str:
        now = utc_now()
        frameworks.pin(
            tx, assessment_id, framework_hash or frameworks.of_version(tx, framework_version)
        )
        tx.run(
            "INSERT INTO assessments VALUES (:id, :version, :demo, :now, :by)",
            {
                "id": assessment_id,
                "version": framework_version,
                "demo": is_demo,
                "now": now,
                "by": tx.author,
            },
        )
        append_details(tx, assessment_id, details, DRAFT, now)
        return assessment_id

    return db.write(EDIT, work, by)


def append_details(
    tx: Tx, assessment_id: str, details: AssessmentDetails, status: str, now
) -> None:
    """Append a version of an assessment's details and status, inside the caller's write."""
    tx.run(
        """INSERT INTO assessment_details (assessment_id, country_code, country, unit, title,
              assessment_date, assessor, status, recorded_at, recorded_by)
              VALUES (:id, :code, :country, :unit, :title, :date, :assessor, :status, :now, :by)""",
        {
            "id": assessment_id,
            "code": details.country_code,
            "country": details.country,
            "unit": details.unit,
            "title": details.title,
            "date": details.assessment_date,
            "assessor": details.assessor,
            "status": status,
            "now": now,
            "by": tx.author,
        },
    )


def set_status(db: Db, assessment_id: str, status: str, by: str) -> None:
    """Mark an assessment final (read-only) or reopen it as a draft."""
    if status not in (DRAFT, FINAL):
        raise AssessmentError("Unknown status {status!r}.", status=status)

    def work(tx: Tx) -> None:
        current = assessment(tx, assessment_id)
        if current.status != status:
            append_details(tx, assessment_id, current.details, status, utc_now())

    db.write(EDIT, work, by)


def save_answer(
    db: Db,
    assessment_id: str,
    subdomain_id: str,
    answer: Answer,
    by: str,
    source: str = BY_HAND,
    overridden: Mapping[str, Sequence[str]] | None = None,
) -> Answer:
    """Validate and append ``answer`` as the current one; return what was stored. ``overridden``
    (field: kinds of personal data seen) notes in the same write that the personal-data warning
    was shown and the answer saved anyway.

    Refused (:class:`AssessmentError`) when the assessment is final.
    """
    answer = answer.validate()

    def work(tx: Tx) -> Answer:
        stored = append_answer(tx, assessment_id, subdomain_id, answer, source)
        if overridden:
            note_override(tx, assessment_id, place(ANSWER, subdomain_id), overridden)
        return stored

    return db.write(EDIT, work, by)


def append_answer(
    tx: Tx, assessment_id: str, subdomain_id: str, answer: Answer, source: str
) -> Answer:
    """Append a validated ``answer`` inside the caller's write; refused when the assessment is final."""
    if source not in SOURCES:  # a programming slip: imports check the sources they read
        raise ValueError(f"Unknown source of a rating: {source!r}.")
    # One statement checks that the assessment is a draft and appends the answer: a click in
    # the walk-through pays for one query, not for loading the assessment first.
    inserted = tx.run(
        """INSERT INTO ratings (assessment_id, subdomain_id, answer, phase, target,
           confidence, evidence, rationale, source, recorded_at, recorded_by)
           SELECT :id, :sub, :answer, :phase, :target, :confidence, :evidence, :rationale,
                  :source, :now, :by
           WHERE (SELECT status FROM current_details WHERE assessment_id = :id) = :draft""",
        {
            "id": assessment_id,
            "sub": subdomain_id,
            **answer.columns(),
            "source": source,
            "now": utc_now(),
            "by": tx.author,
            "draft": DRAFT,
        },
    )[0][0]
    if not inserted:
        assessment(tx, assessment_id)  # raises when there is no such assessment
        raise AssessmentError(
            "This assessment is final and read-only: reopen it to change an answer."
        )
    return answer


def record_position(db: Db, assessment_id: str, subdomain_id: str) -> None:
    """Remember the subdomain the user is on, to reopen the assessment there."""
    db.write(
        EDIT,
        lambda tx: tx.run(
            "INSERT INTO positions (assessment_id, subdomain_id, recorded_at) "
            "VALUES (:id, :sub, :now)",
            {"id": assessment_id, "sub": subdomain_id, "now": utc_now()},
        ),
    )


def assessment(q: Reader, assessment_id: str) -> Assessment:
    """The assessment with its current details; :class:`AssessmentError` when unknown."""
    row = q.row(
        """SELECT a.id, d.country_code, d.country, d.title, d.assessment_date, d.unit,
                  d.assessor, d.status, a.is_demo, a.framework_version, a.created_at
           FROM assessments a JOIN current_details d ON d.assessment_id = a.id
           WHERE a.id = :id""",
        {"id": assessment_id},
    )
    if row is None:
        raise AssessmentError(
            "No assessment with id {assessment_id!r}: it may have been removed, or the "
            "link is incomplete.",
            assessment_id=assessment_id,
        )
    return Assessment(
        id=row[0],
        details=AssessmentDetails(*row[1:7]),
        status=row[7],
        is_demo=row[8],
        framework_version=row[9],
        created_at=row[10],
    )


def list_all(db: Db) -> pd.DataFrame:
    """All assessments, most recently changed first, with how many subdomains are answered."""
    return db.frame(f"{ASSESSMENT_ROWS} ORDER BY updated_at DESC")


def current_answers(q: Reader, assessment_id: str) -> dict[str, Answer]:
    """The current answer of every subdomain that has one, by subdomain id."""
    rows = q.rows(
        """SELECT subdomain_id, answer, phase, target, confidence, evidence, rationale
                     FROM current_ratings WHERE assessment_id = :id""",
        {"id": assessment_id},
    )
    return {row[0]: Answer(*row[1:]) for row in rows}


def answer_authors(db: Db, assessment_id: str) -> list[str]:
    """Who recorded the assessment's answers, in the order they first did."""
    rows = db.rows(
        "SELECT recorded_by FROM ratings WHERE assessment_id = :id "
        "GROUP BY recorded_by ORDER BY min(seq)",
        {"id": assessment_id},
    )
    return [name for (name,) in rows]


def answer_history(db: Db, assessment_id: str, subdomain_id: str) -> pd.DataFrame:
    """Every saved version of one subdomain's answer, newest first."""
    return db.frame(
        """SELECT recorded_at, recorded_by, answer, phase, target, confidence, evidence,
                  rationale, source, seq
           FROM ratings WHERE assessment_id = :id AND subdomain_id = :sub
           ORDER BY seq DESC""",
        {"id": assessment_id, "sub": subdomain_id},
    )


def last_position(db: Db, assessment_id: str) -> str | None:
    """The subdomain the user was last on in this assessment, if any."""
    row = db.row(
        "SELECT subdomain_id FROM positions WHERE assessment_id = :id ORDER BY seq DESC LIMIT 1",
        {"id": assessment_id},
    )
    return row[0] if row else None
