"""Workshop participants and their votes: joining, voting, removals, tallies and the reveal.

A vote or a change of vote is a new row of ``workshop_votes`` (the latest row is current); a removal
a row of ``workshop_removals``; a reveal whose tally may be shown a row of ``workshop_reveals``, so
the next reveal is compared with what it showed (the wait rule). The workshop itself and its state
are in :mod:`cpss.db.workshops`.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from cpss.db.core import Db, Reader, Tx
from cpss.db.history import latest_rows
from cpss.db.personal_data import VOTE_COMMENT, note_override, place
from cpss.db.workshops import change_state, state, stored_choice
from cpss.model.access import EDIT, VOTE
from cpss.model.answers import RATED
from cpss.model.times import utc_now
from cpss.model.workshops import (
    Tally,
    WorkshopError,
    WorkshopState,
    check_name,
    check_vote,
    min_votes_to_show,
    reveal_wait,
    tally,
)


def _columns(choice) -> tuple[str, int | None]:
    """One vote value as the stored (answer, phase) pair."""
    return (RATED, choice) if isinstance(choice, int) else (choice, None)


# -- participants ----------------------------------------------------------------------------


def join(db: Db, workshop_id: str, name: str = "") -> str:
    """Add a participant (an empty name is anonymous); return their secret token."""
    name = check_name(name)
    token = secrets.token_urlsafe(16)

    def work(tx: Tx) -> str:
        if state(tx, workshop_id).ended:
            raise WorkshopError("This workshop has ended: there is nothing more to vote on.")
        tx.run(
            "INSERT INTO workshop_participants VALUES (:id, :token, :workshop, :name, :now)",
            {
                "id": uuid.uuid4().hex,
                "token": token,
                "workshop": workshop_id,
                "name": name,
                "now": utc_now(),
            },
        )
        return token

    return db.write(VOTE, work, workshop_id=workshop_id)


def participant_id(q: Reader, workshop_id: str, token: str) -> str:
    """The participant holding ``token`` in this workshop; :class:`WorkshopError` otherwise, also
    when the facilitator removed them."""
    row = q.row(
        "SELECT id, id IN (SELECT participant_id FROM workshop_removals) FROM "
        "workshop_participants WHERE token = :token AND workshop_id = :id",
        {"token": token or "", "id": workshop_id},
    )
    if row is None:
        raise WorkshopError(
            "This link does not belong to a participant of this workshop: join again with the code."
        )
    if row[1]:
        raise WorkshopError(
            "The facilitator removed this participant (a second join from one person): its "
            "votes are not counted. Join again with the code if you have no other screen voting."
        )
    return row[0]


def remove_participant(db: Db, workshop_id: str, participant: str, by: str) -> None:
    """Remove a participant (e.g. the same person joined twice): their votes stop counting and
    their link stops voting. Kept as history: the participant and their votes stay stored."""

    def work(tx: Tx) -> None:
        known = tx.value(
            "SELECT count(*) FROM workshop_participants WHERE id = :p AND workshop_id = :id "
            "AND id NOT IN (SELECT participant_id FROM workshop_removals)",
            {"p": participant, "id": workshop_id},
        )
        if not known:
            raise WorkshopError("This participant is not in the workshop (or was removed already).")
        tx.run(
            "INSERT INTO workshop_removals (workshop_id, participant_id, recorded_at, recorded_by)"
            " VALUES (:id, :p, :now, :by)",
            {"id": workshop_id, "p": participant, "now": utc_now(), "by": tx.author},
        )

    db.write(EDIT, work, by)


def vote(
    db: Db,
    workshop_id: str,
    token: str,
    subdomain_id: str,
    choice,
    comment: str = "",
    overridden: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Store a participant's vote (or change of vote) on the open subdomain; ``overridden``
    (field: kinds seen) notes that the comment was sent after the personal-data warning.

    Refused with a clear message when the subdomain is no longer open, voting is locked or the
    workshop has ended. The previous vote stays in the history.
    """
    choice, comment = check_vote(choice, comment)

    def work(tx: Tx) -> None:
        participant = participant_id(tx, workshop_id, token)
        current = state(tx, workshop_id)
        if current.ended:
            raise WorkshopError("The workshop has ended: your vote was not taken.")
        if current.subdomain_id != subdomain_id:
            raise WorkshopError(
                "The facilitator has moved on: this subdomain is no longer open for voting."
            )
        if current.locked:
            raise WorkshopError("Voting on this subdomain is locked: your vote was not taken.")
        answer, phase = _columns(choice)
        tx.run(
            """INSERT INTO workshop_votes (workshop_id, participant_id, subdomain_id, answer,
                  phase, comment, recorded_at)
                  VALUES (:id, :participant, :sub, :answer, :phase, :comment, :now)""",
            {
                "id": workshop_id,
                "participant": participant,
                "sub": subdomain_id,
                "answer": answer,
                "phase": phase,
                "comment": comment,
                "now": utc_now(),
            },
        )
        if overridden:
            rated = tx.value(
                "SELECT assessment_id FROM workshops WHERE id = :id", {"id": workshop_id}
            )
            note_override(
                tx, rated, place(VOTE_COMMENT, f"{workshop_id}/{subdomain_id}"), overridden
            )

    db.write(VOTE, work, workshop_id=workshop_id)


_PRESENT = """SELECT id, name, joined_at FROM workshop_participants WHERE workshop_id = :id
    AND id NOT IN (SELECT participant_id FROM workshop_removals) ORDER BY joined_at"""


def participant_names(db: Db, workshop_id: str) -> list[str]:
    """Everyone who joined and was not removed, in order of joining; an empty string for each
    anonymous one."""
    return [name for (_, name, _) in db.rows(_PRESENT, {"id": workshop_id})]


def participants(db: Db, workshop_id: str) -> list[tuple[str, str, datetime]]:
    """(id, name, joined at) of everyone who joined and was not removed, in order of joining: for
    the facilitator to spot one person who joined twice."""
    return [(row[0], row[1], row[2]) for row in db.rows(_PRESENT, {"id": workshop_id})]


def my_vote(db: Db, workshop_id: str, token: str, subdomain_id: str):
    """The participant's current vote as (choice, comment), or None when they have not voted."""
    row = db.row(
        """SELECT v.answer, v.phase, v.comment FROM current_workshop_votes v
                    JOIN workshop_participants p ON p.id = v.participant_id
                    WHERE p.token = :token AND v.workshop_id = :id AND v.subdomain_id = :sub""",
        {"token": token, "id": workshop_id, "sub": subdomain_id},
    )
    return (stored_choice(row[0], row[1]), row[2]) if row else None


def voted_count(db: Db, workshop_id: str, subdomain_id: str) -> int:
    """How many participants have a vote on the subdomain (the votes themselves stay hidden)."""
    return db.value(
        "SELECT (SELECT count(*) FROM current_workshop_votes "
        "WHERE workshop_id = :id AND subdomain_id = :sub) + (SELECT coalesce(sum(votes), 0) "
        "FROM workshop_tallies WHERE workshop_id = :id AND subdomain_id = :sub)",
        {"id": workshop_id, "sub": subdomain_id},
    )


def votes_tally(db: Db, workshop_id: str, subdomain_id: str, threshold: int) -> Tally:
    """The current votes on the subdomain, counted (see :class:`cpss.model.workshops.Tally`)."""
    key = {"id": workshop_id, "sub": subdomain_id}
    rows = db.rows(
        "SELECT answer, phase, 1 FROM current_workshop_votes WHERE workshop_id = :id "
        "AND subdomain_id = :sub UNION ALL SELECT answer, phase, votes FROM workshop_tallies "
        "WHERE workshop_id = :id AND subdomain_id = :sub",
        key,
    )
    # Votes reduced to counts by the retention rule (cpss.db.retention_rules) count the same.
    return tally([stored_choice(a, p) for a, p, n in rows for _ in range(n)], threshold)


def comments(db: Db, workshop_id: str, subdomain_id: str) -> list[str]:
    """The current votes' comments, without names, sorted (their order tells nothing)."""
    rows = db.rows(
        "SELECT comment FROM current_workshop_votes WHERE workshop_id = :id "
        "AND subdomain_id = :sub AND comment <> '' ORDER BY comment",
        {"id": workshop_id, "sub": subdomain_id},
    )
    return [comment for (comment,) in rows]


# -- the reveal and what it may show ----------------------------------------------------------


def set_revealed(
    db: Db, workshop_id: str, revealed: bool, by: str, threshold: int | None = None
) -> WorkshopState:
    """Reveal the votes on the open subdomain to the facilitator's screen (which locks voting), or
    hide them.

    A reveal whose tally may be shown (enough votes, and see :func:`reveal_wait_reason`) is noted,
    so that the next reveal of the subdomain is compared with what this one showed.
    """
    if not revealed:
        return change_state(db, workshop_id, by, revealed=False)
    needed = min_votes_to_show() if threshold is None else threshold

    def note(tx: Tx, new: WorkshopState) -> None:
        subdomain_id = new.subdomain_id or ""
        current = _votes_before(tx, workshop_id, subdomain_id)
        shown = _last_shown(tx, workshop_id, subdomain_id)
        if len(current) >= needed and reveal_wait(shown, current, needed) is None:
            tx.run(
                "INSERT INTO workshop_reveals (workshop_id, subdomain_id, recorded_at, recorded_by)"
                " VALUES (:id, :sub, :now, :by)",
                {"id": workshop_id, "sub": subdomain_id, "now": utc_now(), "by": tx.author},
            )

    return change_state(db, workshop_id, by, then=note, revealed=True, locked=True)


_NOW = 2**62  # a seq after every row


def _votes_before(q: Reader, workshop_id: str, subdomain_id: str, before: int = _NOW) -> dict:
    """Participant -> (choice, comment) of the votes current just before history row ``before``
    (of participants not removed by then)."""
    where = (
        "workshop_id = :id AND subdomain_id = :sub AND seq < :before AND participant_id NOT IN "
        "(SELECT participant_id FROM workshop_removals WHERE seq < :before)"
    )
    rows = q.rows(
        f"SELECT participant_id, answer, phase, comment FROM "
        f"({latest_rows('workshop_votes', 'participant_id', where)}) AS v",
        {"id": workshop_id, "sub": subdomain_id, "before": before},
    )
    return {row[0]: (stored_choice(row[1], row[2]), row[3]) for row in rows}


def _last_shown(q: Reader, workshop_id: str, subdomain_id: str) -> dict | None:
    """The votes the last noted reveal of the subdomain showed; None when none was noted."""
    seq = q.value(
        "SELECT max(seq) FROM workshop_reveals WHERE workshop_id = :id AND subdomain_id = :sub",
        {"id": workshop_id, "sub": subdomain_id},
    )
    return None if seq is None else _votes_before(q, workshop_id, subdomain_id, seq)


def reveal_wait_reason(
    q: Reader, workshop_id: str, subdomain_id: str, threshold: int
) -> str | None:
    """Why the subdomain's tally may not be shown now, or None: the current votes compared with
    those the last reveal showed (:func:`cpss.model.workshops.reveal_wait`)."""
    current = _votes_before(q, workshop_id, subdomain_id)
    return reveal_wait(_last_shown(q, workshop_id, subdomain_id), current, threshold)
