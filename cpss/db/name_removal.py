"""Removing one person's name from every workshop on request (issue 22): an administrator types
the name, sees the participants it matches, then confirms. The votes stay, anonymous.

The name is erased in place (``workshop_participants.name`` set to empty), not hidden behind a
later history row: a removal on request must leave no copy of the name in the database (see
docs/decisions/name-removal-erases.md). What is recorded is a data event (cpss.db.retention): that it was
done, in which workshops, how many names, when and by whom, never the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cpss.db.core import Db, Reader, Tx
from cpss.db.retention import record_event
from cpss.db.retention_rules import erase_names
from cpss.model.access import MANAGE
from cpss.model.countries import fold
from cpss.model.retention import NAMES_REMOVED_ON_REQUEST


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
    the removal as a data event (the workshops' ids, never the name); return how many participants
    it was removed from (0: none matched)."""

    def work(tx: Tx) -> int:
        found = matches(tx, typed)
        erased = erase_names(tx, [named.participant_id for named in found])
        if found:
            workshops = sorted({named.workshop_id for named in found})
            record_event(tx, NAMES_REMOVED_ON_REQUEST, ",".join(workshops), removed=erased)
        return erased

    return db.write(MANAGE, work, by)


def removals(q: Reader) -> list[tuple[datetime, str, int, int]]:
    """Every removal on request, newest first: when, by whom, participants and workshops."""
    return [
        (row[0], row[1], row[2], len(row[3].split(",")))
        for row in q.rows(
            "SELECT recorded_at, recorded_by, removed, detail FROM data_events "
            "WHERE kind = :kind ORDER BY seq DESC",
            {"kind": NAMES_REMOVED_ON_REQUEST},
        )
    ]
