"""Workshops: start one, change its state, record the room's consensus, and read them back.

All of it is history (migration 3): a state change (open subdomain, lock, reveal, end) is a new row
of ``workshop_states``; the latest row is current. Nothing lives only in memory, so a restarted
server picks up every workshop where it was. Participants, their votes, tallies and reveals are in
:mod:`cpss.db.workshop_votes`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from cpss.db import assessments
from cpss.db.core import Db, Reader, Tx
from cpss.db.history import latest_rows
from cpss.db.personal_data import ANSWER, note_override, place
from cpss.model.access import EDIT
from cpss.model.answers import BY_WORKSHOP, RATED, Answer
from cpss.model.times import utc_now
from cpss.model.workshops import (
    Workshop,
    WorkshopError,
    WorkshopState,
    new_code,
    normalise_code,
    spaced,
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


def stored_choice(answer: str, phase: int | None):
    """A stored (answer, phase) pair as one value: the phase number or ``DONT_KNOW``."""
    return phase if answer == RATED else answer


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
    return change_state(
        db, workshop_id, by, subdomain_id=subdomain_id, locked=False, revealed=False
    )


def set_locked(db: Db, workshop_id: str, locked: bool, by: str) -> WorkshopState:
    """Lock voting on the open subdomain (no more votes or changes), or unlock it.

    Unlocking also hides revealed votes: a tally on screen while votes change would show each
    change as it is tapped, and so who voted what.
    """
    if locked:
        return change_state(db, workshop_id, by, locked=True)
    return change_state(db, workshop_id, by, locked=False, revealed=False)


def end(db: Db, workshop_id: str, by: str) -> WorkshopState:
    """End the workshop: its code stops working and no more votes are taken."""
    return change_state(db, workshop_id, by, ended=True, locked=True)


def change_state(
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
    db: Db,
    workshop_id: str,
    subdomain_id: str,
    answer: Answer,
    by: str,
    overridden: Mapping[str, Sequence[str]] | None = None,
) -> Answer:
    """Save the agreed answer as the assessment's rating (source ``workshop``) and note it here;
    ``overridden`` (field: kinds seen) notes that it was saved after the personal-data warning.

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
        if overridden:
            where = place(ANSWER, subdomain_id)  # the answer's history lists it
            note_override(tx, found.assessment_id, where, overridden)
        return saved

    return db.write(EDIT, work, by)


# -- reading ---------------------------------------------------------------------------------


def workshop(q: Reader, workshop_id: str) -> Workshop:
    """The workshop with this id; :class:`WorkshopError` when there is none."""
    row = q.row(f"SELECT {_WORKSHOP_COLUMNS} FROM workshops WHERE id = :id", {"id": workshop_id})
    if row is None:
        raise WorkshopError(
            "No workshop with id {workshop_id!r}: the link is incomplete.", workshop_id=workshop_id
        )
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
            "The workshop with the code {spaced} has ended: votes are no longer taken. "
            "Thank you for taking part.",
            spaced=spaced(code),
        )
    raise WorkshopError(
        "No workshop has the code {spaced}. Check the code on the screen at the front "
        "of the room and type it again.",
        spaced=spaced(code),
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
        raise WorkshopError(
            "No workshop with id {workshop_id!r}: the link is incomplete.", workshop_id=workshop_id
        )
    return WorkshopState(*row)


def agreed(db: Db, workshop_id: str) -> dict:
    """The latest consensus per subdomain recorded in this workshop: phase or status."""
    rows = db.rows(
        f"""SELECT subdomain_id, answer, phase FROM
                       ({latest_rows("workshop_consensus", "subdomain_id", "workshop_id = :id")}) AS c""",
        {"id": workshop_id},
    )
    return {row[0]: stored_choice(row[1], row[2]) for row in rows}
