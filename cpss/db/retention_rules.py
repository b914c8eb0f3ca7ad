"""What each retention rule finds and removes (cpss.model.retention names the rules).

:func:`due` lists what a rule would remove now, and :func:`remove` removes exactly that inside the
same transaction (it calls :func:`due` first), so a dry run and a real run cannot disagree: both
read the same query with the same cutoff. Each function takes a reader or a transaction; the run,
its lock and its events are in :mod:`cpss.db.retention`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cpss.db.core import Reader, Tx
from cpss.db.lifecycle import purge_rows
from cpss.model.retention import ACCESS_LOG, NAMES, PURGE, VOTES, RuleSetting, cutoff

# Workshops that ended before :cutoff (a workshop ends once: its first "ended" state counts).
_ENDED = """SELECT workshop_id FROM workshop_states WHERE ended
    GROUP BY workshop_id HAVING min(recorded_at) < :cutoff"""
_NAMED = f"""SELECT id FROM workshop_participants WHERE name <> ''
    AND workshop_id IN ({_ENDED}) ORDER BY id"""
_VOTED = f"""SELECT DISTINCT workshop_id FROM workshop_votes
    WHERE workshop_id IN ({_ENDED}) ORDER BY workshop_id"""
_PURGEABLE = """SELECT assessment_id FROM current_deletions
    WHERE deleted AND recorded_at < :cutoff ORDER BY assessment_id"""


@dataclass(frozen=True)
class Removal:
    """What one rule removes: the ``keys`` it removes by (participants, workshops, assessments;
    none for the access log) and how many stored ``rows`` go."""

    rule: str
    keys: tuple[str, ...]
    rows: int


def due(q: Reader, setting: RuleSetting, now: datetime) -> Removal:
    """What ``setting``'s rule would remove at ``now`` (nothing is changed)."""
    at = {"cutoff": cutoff(setting, now)}
    if setting.rule == NAMES:
        keys = tuple(r[0] for r in q.rows(_NAMED, at))
        return Removal(NAMES, keys, len(keys))
    if setting.rule == VOTES:
        keys = tuple(r[0] for r in q.rows(_VOTED, at))
        rows = q.value(f"SELECT count(*) FROM workshop_votes WHERE workshop_id IN ({_VOTED})", at)
        return Removal(VOTES, keys, rows)
    if setting.rule == PURGE:
        keys = tuple(r[0] for r in q.rows(_PURGEABLE, at))
        return Removal(PURGE, keys, len(keys))
    rows = q.value("SELECT count(*) FROM access_log WHERE recorded_at < :cutoff", at)
    return Removal(ACCESS_LOG, (), rows)


def remove(tx: Tx, setting: RuleSetting, now: datetime) -> Removal:
    """Inside a write: remove what :func:`due` finds, and return it."""
    found = due(tx, setting, now)
    at = {"cutoff": cutoff(setting, now)}
    if not found.rows:
        return found
    if found.rule == NAMES:
        erase_names(tx, found.keys)
    elif found.rule == VOTES:
        _reduce_votes(tx, at, now)
    elif found.rule == PURGE:
        for assessment_id in found.keys:
            purge_rows(tx, assessment_id)
    else:
        tx.run("DELETE FROM access_log WHERE recorded_at < :cutoff", at)
    return found


def erase_names(tx: Tx, participant_ids: tuple[str, ...] | list[str]) -> int:
    """Inside a write: erase these participants' names (their votes stay, now anonymous); how many
    had one. The name is erased where it is stored: the participants table is insert-once, and an
    appended anonymous row would leave the name readable in the older one. Used by the names rule
    and by a person's removal on request (record the event with ``retention.record_event``)."""
    erased = 0
    for participant_id in participant_ids:
        erased += len(
            tx.run(
                "UPDATE workshop_participants SET name = '' WHERE id = :id AND name <> '' "
                "RETURNING id",
                {"id": participant_id},
            )
        )
    return erased


def _reduce_votes(tx: Tx, at: dict, now: datetime) -> None:
    """Count the current votes of the workshops due into ``workshop_tallies``, then delete every
    vote row of them (the counts read the same: cpss.db.workshop_votes adds the tallies)."""
    tx.run(
        f"""INSERT INTO workshop_tallies
            SELECT workshop_id, subdomain_id, answer, phase, count(*), :now
            FROM current_workshop_votes WHERE workshop_id IN ({_VOTED})
            GROUP BY workshop_id, subdomain_id, answer, phase""",
        {**at, "now": now},
    )
    tx.run(f"DELETE FROM workshop_votes WHERE workshop_id IN ({_VOTED})", at)


def erase_addresses(tx: Tx, before: datetime) -> int:
    """Inside a write: erase visitors' addresses recorded before ``before``; how many."""
    at = {"before": before}
    count = tx.value(
        "SELECT count(*) FROM access_log WHERE address IS NOT NULL AND recorded_at < :before", at
    )
    if count:
        tx.run(
            "UPDATE access_log SET address = NULL "
            "WHERE address IS NOT NULL AND recorded_at < :before",
            at,
        )
    return count
