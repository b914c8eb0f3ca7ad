"""Removing one person's name from every workshop on request (issue 22): an administrator types
the name, sees the participants it matches, then confirms. The votes stay, anonymous.

The name is erased in place (``workshop_participants.name`` set to empty), not hidden behind a
later history row: a removal on request must leave no copy of the name in the database (see
docs/decisions/name-removal-erases.md). What is recorded is that it was done, how many rows, when
and by whom, never the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cpss.db.core import Db, Reader, Tx
from cpss.model.access import MANAGE
from cpss.model.countries import fold
from cpss.model.times import utc_now


@dataclass(frozen=True)
class Named:
    """A workshop participant whose name matches: which workshop (its code and the assessment's
    title), when they joined, and the name as stored."""

    participant_id: str
    workshop_id: str
    code: str
    title: str
    joined_at: datetime
    name: str


def same_name(typed: str, stored: str) -> bool:
    """Whether two names are the same person's as typed: case, accents and spaces aside."""
    return " ".join(fold(typed).split()) == " ".join(fold(stored).split())


def matches(q: Reader, typed: str) -> list[Named]:
    """The participants of every workshop named ``typed`` (nothing for an empty name)."""
    if not typed.strip():
        return []
    rows = q.rows(
        """SELECT p.id, p.workshop_id, w.code, coalesce(d.title, ''), p.joined_at, p.name
           FROM workshop_participants p JOIN workshops w ON w.id = p.workshop_id
           LEFT JOIN current_details d ON d.assessment_id = w.assessment_id
           WHERE p.name <> '' ORDER BY p.joined_at"""
    )
    return [Named(*row) for row in rows if same_name(typed, row[5])]


def remove_name(db: Db, typed: str, by: str = "") -> int:
    """Erase the name ``typed`` from every workshop's participants (their votes stay) and record
    the removal; return how many participants it was removed from (0: none matched)."""

    def work(tx: Tx) -> int:
        found = matches(tx, typed)
        for named in found:
            tx.run(
                "UPDATE workshop_participants SET name = '' WHERE id = :id",
                {"id": named.participant_id},
            )
        if found:
            tx.run(
                "INSERT INTO name_removals (participants, workshops, recorded_at, recorded_by) "
                "VALUES (:participants, :workshops, :now, :by)",
                {
                    "participants": len(found),
                    "workshops": len({n.workshop_id for n in found}),
                    "now": utc_now(),
                    "by": tx.author,
                },
            )
        return len(found)

    return db.write(MANAGE, work, by)


def removals(q: Reader) -> list[tuple[datetime, str, int, int]]:
    """Every removal done, newest first: when, by whom, participants and workshops."""
    return [
        (row[0], row[1], row[2], row[3])
        for row in q.rows(
            "SELECT recorded_at, recorded_by, participants, workshops FROM name_removals "
            "ORDER BY seq DESC"
        )
    ]
