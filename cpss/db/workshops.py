"""Workshops: start, follow, join, vote, tally and record the consensus.

All of it is history (migration 3): a state change (open subdomain, lock, reveal, end) is a new row
of ``workshop_states``, a vote or a change of vote a new row of ``workshop_votes``; the latest row is
current. Nothing lives only in memory, so a restarted server picks up every workshop where it was.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from cpss.db import assessments
from cpss.db.core import Db, Reader, Tx
from cpss.db.migrations import latest_rows
from cpss.model.access import EDIT, VOTE
from cpss.model.answers import BY_WORKSHOP, RATED, Answer
from cpss.model.times import utc_now
from cpss.model.workshops import (
    Tally,
    Workshop,
    WorkshopError,
    WorkshopState,
    check_name,
    check_vote,
    min_votes_to_show,
    new_code,
    normalise_code,
    reveal_wait,
    spaced,
    tally,
)

_WORKSHOP_COLUMNS = "id, code, assessment_id, ask_names, created_at, created_by"

# The states participants' screens poll, kept in this process's memory and bumped after each of its
# own state changes: correct only while this process is the only writer (DuckDB: one process holds
# the file), so it is skipped when ``single_writer`` is False. Saves a cursor and a query per poll
# (bench/workshop_load.py). Listed with every cache in docs/caches.md.
_generations_one_process: dict[str, int] = {}
_workshop_states_one_process: dict[str, tuple[int, WorkshopState]] = {}


def cached_state(
    workshop_id: str, open_db: Callable[[], Db], single_writer: bool = True
) -> WorkshopState:
    """The workshop's current state; the database (through ``open_db()``) is read only when the
    state changed since the last read in this process, or always when others may write."""
    if not single_writer:
        return state(open_db(), workshop_id)
    generation = _generations_one_process.get(workshop_id, 0)
    hit = _workshop_states_one_process.get(workshop_id)
    if hit is not None and hit[0] == generation:
        return hit[1]
    found = state(open_db(), workshop_id)
    _workshop_states_one_process[workshop_id] = (generation, found)  # stale if a change came since
    return found


def _changed(workshop_id: str) -> None:
    _generations_one_process[workshop_id] = _generations_one_process.get(workshop_id, 0) + 1


def _choice(answer: str, phase: int | None):
    """A stored (answer, phase) pair as one value: the phase number or ``DONT_KNOW``."""
    return phase if answer == RATED else answer


def _columns(choice) -> tuple[str, int | None]:
    """One vote value as the stored (answer, phase) pair."""
    return (RATED, choice) if isinstance(choice, int) else (choice, None)


# -- the facilitator -------------------------------------------------------------------------


def start(db: Db, assessment_id: str, ask_names: bool, by: str) -> Workshop:
    """Start a workshop on an assessment, with a join code no open workshop uses.

    Refused for a final assessment: the room's consensus could not be recorded in it.
    """
    if assessments.assessment(db, assessment_id).is_final:  # unknown ids raise a clear error too
        raise WorkshopError(
            "This assessment is final and read-only: reopen it in the "
            "walk-through before running a workshop on it."
        )

    def work(tx: Tx) -> Workshop:
        code = new_code()
        while _open_workshop_id(tx, code) is not None:
            code = new_code()  # one chance in a billion per open workshop: rare, but certain
        workshop = Workshop(uuid.uuid4().hex, code, assessment_id, ask_names, utc_now(), tx.author)
        tx.run(
            f"INSERT INTO workshops ({_WORKSHOP_COLUMNS}) VALUES "
            "(:id, :code, :assessment, :ask, :now, :by)",
            {
                "id": workshop.id,
                "code": code,
                "assessment": assessment_id,
                "ask": ask_names,
                "now": workshop.created_at,
                "by": tx.author,
            },
        )
        _append_state(tx, workshop.id, WorkshopState())
        return workshop

    return db.write(EDIT, work, by)


def open_subdomain(db: Db, workshop_id: str, subdomain_id: str, by: str) -> WorkshopState:
    """Open a subdomain for voting (unlocked, votes hidden); also how a subdomain is reopened."""
    return _change(db, workshop_id, by, subdomain_id=subdomain_id, locked=False, revealed=False)


def set_locked(db: Db, workshop_id: str, locked: bool, by: str) -> WorkshopState:
    """Lock voting on the open subdomain (no more votes or changes), or unlock it.

    Unlocking also hides revealed votes: a tally on screen while votes change would show each
    change as it is tapped, and so who voted what.
    """
    if locked:
        return _change(db, workshop_id, by, locked=True)
    return _change(db, workshop_id, by, locked=False, revealed=False)


def set_revealed(
    db: Db, workshop_id: str, revealed: bool, by: str, threshold: int | None = None
) -> WorkshopState:
    """Reveal the votes on the open subdomain to the facilitator's screen (which locks voting), or
    hide them.

    A reveal whose tally may be shown (enough votes, and see :func:`reveal_wait_reason`) is noted,
    so that the next reveal of the subdomain is compared with what this one showed.
    """
    if not revealed:
        return _change(db, workshop_id, by, revealed=False)
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

    return _change(db, workshop_id, by, then=note, revealed=True, locked=True)


def end(db: Db, workshop_id: str, by: str) -> WorkshopState:
    """End the workshop: its code stops working and no more votes are taken."""
    return _change(db, workshop_id, by, ended=True, locked=True)


def _change(
    db: Db,
    workshop_id: str,
    by: str,
    then: Callable[[Tx, WorkshopState], None] | None = None,
    **changes,
) -> WorkshopState:
    """Append the current state with ``changes``; ``then(tx, new)`` runs in the same write."""

    def work(tx: Tx) -> WorkshopState:
        current = state(tx, workshop_id)
        if current.ended:
            raise WorkshopError("This workshop has ended: start a new one to vote again.")
        new = replace(current, **changes)
        _append_state(tx, workshop_id, new)
        if then is not None:
            then(tx, new)
        return new

    try:
        return db.write(EDIT, work, by)
    finally:
        _changed(workshop_id)


def _append_state(tx: Tx, workshop_id: str, new: WorkshopState) -> None:
    tx.run(
        """INSERT INTO workshop_states (workshop_id, subdomain_id, locked, revealed, ended,
              recorded_at, recorded_by) VALUES (:id, :sub, :locked, :revealed, :ended, :now, :by)""",
        {
            "id": workshop_id,
            "sub": new.subdomain_id,
            "locked": new.locked,
            "revealed": new.revealed,
            "ended": new.ended,
            "now": utc_now(),
            "by": tx.author,
        },
    )


def record_consensus(
    db: Db, workshop_id: str, subdomain_id: str, answer: Answer, by: str
) -> Answer:
    """Save the agreed answer as the assessment's rating (source ``workshop``) and note it here.

    The rating is validated and refused for a final assessment as in
    :func:`cpss.db.assessments.save_answer`; it and the workshop's note of it are stored in one
    transaction. The votes stay as they are.
    """
    if not answer.rationale.strip():
        raise WorkshopError(
            "The rationale is required: write why the room agreed on this phase, then record it."
        )
    found = workshop(db, workshop_id)
    if state(db, workshop_id).ended:
        raise WorkshopError("This workshop has ended: record answers in the walk-through.")
    answer = answer.validate()

    def work(tx: Tx) -> Answer:
        saved = assessments.append_answer(
            tx, found.assessment_id, subdomain_id, answer, source=BY_WORKSHOP
        )
        tx.run(
            """INSERT INTO workshop_consensus (workshop_id, subdomain_id, answer, phase,
                  recorded_at, recorded_by) VALUES (:id, :sub, :answer, :phase, :now, :by)""",
            {
                "id": workshop_id,
                "sub": subdomain_id,
                "answer": saved.status,
                "phase": saved.phase,
                "now": utc_now(),
                "by": tx.author,
            },
        )
        return saved

    return db.write(EDIT, work, by)


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
    db: Db, workshop_id: str, token: str, subdomain_id: str, choice, comment: str = ""
) -> None:
    """Store a participant's vote (or change of vote) on the open subdomain.

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

    db.write(VOTE, work, workshop_id=workshop_id)


# -- reading ---------------------------------------------------------------------------------


def workshop(q: Reader, workshop_id: str) -> Workshop:
    """The workshop with this id; :class:`WorkshopError` when there is none."""
    row = q.row(f"SELECT {_WORKSHOP_COLUMNS} FROM workshops WHERE id = :id", {"id": workshop_id})
    if row is None:
        raise WorkshopError(f"No workshop with id {workshop_id!r}: the link is incomplete.")
    return Workshop(*row)


def by_code(db: Db, typed: str) -> Workshop:
    """The open workshop with this join code; a clear :class:`WorkshopError` when the code is
    malformed, unknown, or belongs to a workshop that has ended."""
    code = normalise_code(typed)
    workshop_id = _open_workshop_id(db, code)
    if workshop_id is not None:
        return workshop(db, workshop_id)
    if db.value("SELECT count(*) FROM workshops WHERE code = :code", {"code": code}):
        raise WorkshopError(
            f"The workshop with the code {spaced(code)} has ended: votes are no "
            "longer taken. Thank you for taking part."
        )
    raise WorkshopError(
        f"No workshop has the code {spaced(code)}. Check the code on the "
        "screen at the front of the room and type it again."
    )


def _open_workshop_id(q: Reader, code: str) -> str | None:
    rows = q.rows(
        f"""SELECT w.id FROM workshops w
            JOIN ({latest_rows("workshop_states", "workshop_id")}) s ON s.workshop_id = w.id
            WHERE w.code = :code AND NOT s.ended""",
        {"code": code},
    )
    return rows[0][0] if rows else None


def of_assessment(db: Db, assessment_id: str) -> list[tuple[Workshop, WorkshopState]]:
    """The assessment's workshops with their states, newest first."""
    rows = db.rows(
        f"SELECT {_WORKSHOP_COLUMNS} FROM workshops WHERE assessment_id = :id "
        "ORDER BY created_at DESC",
        {"id": assessment_id},
    )
    return [(Workshop(*row), state(db, row[0])) for row in rows]


def state(q: Reader, workshop_id: str) -> WorkshopState:
    """The workshop's current state: one small row, what participants' screens poll."""
    row = q.row(
        "SELECT subdomain_id, locked, revealed, ended FROM workshop_states "
        "WHERE workshop_id = :id ORDER BY seq DESC LIMIT 1",
        {"id": workshop_id},
    )
    if row is None:
        raise WorkshopError(f"No workshop with id {workshop_id!r}: the link is incomplete.")
    return WorkshopState(*row)


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
    return (_choice(row[0], row[1]), row[2]) if row else None


def voted_count(db: Db, workshop_id: str, subdomain_id: str) -> int:
    """How many participants have a vote on the subdomain (the votes themselves stay hidden)."""
    return db.value(
        "SELECT count(*) FROM current_workshop_votes "
        "WHERE workshop_id = :id AND subdomain_id = :sub",
        {"id": workshop_id, "sub": subdomain_id},
    )


def votes_tally(db: Db, workshop_id: str, subdomain_id: str, threshold: int) -> Tally:
    """The current votes on the subdomain, counted (see :class:`cpss.model.workshops.Tally`)."""
    rows = db.rows(
        "SELECT answer, phase FROM current_workshop_votes WHERE workshop_id = :id "
        "AND subdomain_id = :sub",
        {"id": workshop_id, "sub": subdomain_id},
    )
    return tally([_choice(*row) for row in rows], threshold)


def comments(db: Db, workshop_id: str, subdomain_id: str) -> list[str]:
    """The current votes' comments, without names, sorted (their order tells nothing)."""
    rows = db.rows(
        "SELECT comment FROM current_workshop_votes WHERE workshop_id = :id "
        "AND subdomain_id = :sub AND comment <> '' ORDER BY comment",
        {"id": workshop_id, "sub": subdomain_id},
    )
    return [comment for (comment,) in rows]


def agreed(db: Db, workshop_id: str) -> dict:
    """The latest consensus per subdomain recorded in this workshop: phase or status."""
    rows = db.rows(
        f"""SELECT subdomain_id, answer, phase FROM
                       ({latest_rows("workshop_consensus", "subdomain_id", "workshop_id = :id")})""",
        {"id": workshop_id},
    )
    return {row[0]: _choice(row[1], row[2]) for row in rows}


# -- what a reveal may show -------------------------------------------------------------------

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
        f"({latest_rows('workshop_votes', 'participant_id', where)})",
        {"id": workshop_id, "sub": subdomain_id, "before": before},
    )
    return {row[0]: (_choice(row[1], row[2]), row[3]) for row in rows}


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
