"""Workshops in DuckDB: start, follow, join, vote, tally and record the consensus.

All of it is history (migration 3): a state change (open subdomain, lock, reveal, end) is a new row
of ``workshop_states``, a vote or a change of vote a new row of ``workshop_votes``; the latest row is
current. Nothing lives in memory, so a restarted server picks up every workshop where it was.
Writes go through :meth:`cpss.storage.Store.transaction`.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import replace
from typing import Callable

from cpss.access import VOTE
from cpss.answers import BY_WORKSHOP, RATED, Answer
from cpss.migrations import utc_now
from cpss.storage import Store
from cpss.workshops import (Tally, Workshop, WorkshopError, WorkshopState, check_name, check_vote,
                            new_code, normalise_code, spaced, tally)

_WORKSHOP_COLUMNS = "id, code, assessment_id, ask_names, created_at, created_by"

# The states participants' screens poll, kept in memory: DuckDB lets one process hold the file,
# so every state change goes through this process and bumps the workshop's generation after its
# commit; an entry read under an older generation is never used. Saves a cursor and a query per
# poll (see bench/workshop_load.py).
_generations: dict[str, int] = {}
_states: dict[str, tuple[int, WorkshopState]] = {}


def cached_state(workshop_id: str, open_store: Callable[[], Store]) -> WorkshopState:
    """The workshop's current state; the database (through ``open_store()``) is read only when
    the state changed since the last read in this process."""
    generation = _generations.get(workshop_id, 0)
    hit = _states.get(workshop_id)
    if hit is not None and hit[0] == generation:
        return hit[1]
    state = Workshops(open_store()).state(workshop_id)
    _states[workshop_id] = (generation, state)  # stale at once if a change committed meanwhile
    return state


def _changed(workshop_id: str) -> None:
    _generations[workshop_id] = _generations.get(workshop_id, 0) + 1


def _choice(answer: str, phase: int | None):
    """A stored (answer, phase) pair as one value: the phase number or ``DONT_KNOW``."""
    return phase if answer == RATED else answer


def _columns(choice) -> tuple[str, int | None]:
    """One vote value as the stored (answer, phase) pair."""
    return (RATED, choice) if isinstance(choice, int) else (choice, None)


class Workshops:
    """Reads and writes of workshops, on a :class:`Store`'s cursor (one per script run)."""

    def __init__(self, store: Store):
        self.store = store
        self.cur = store.cur

    # -- the facilitator ---------------------------------------------------------------------

    def start(self, assessment_id: str, ask_names: bool, by: str) -> Workshop:
        """Start a workshop on an assessment, with a join code no open workshop uses.

        Refused for a final assessment: the room's consensus could not be recorded in it.
        """
        if self.store.assessment(assessment_id).is_final:  # unknown ids raise a clear error too
            raise WorkshopError("This assessment is final and read-only: reopen it in the "
                                "walk-through before running a workshop on it.")
        by = self.store.author(by)

        def work():
            code = new_code()
            while self._open_workshop_id(code) is not None:
                code = new_code()  # one chance in a billion per open workshop: rare, but certain
            workshop = Workshop(uuid.uuid4().hex, code, assessment_id, ask_names, utc_now(), by)
            self.cur.execute(f"INSERT INTO workshops ({_WORKSHOP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                             [workshop.id, code, assessment_id, ask_names, workshop.created_at, by])
            self._append_state(workshop.id, WorkshopState(), by)
            return workshop

        return self.store.transaction(work)

    def open(self, workshop_id: str, subdomain_id: str, by: str) -> WorkshopState:
        """Open a subdomain for voting (unlocked, votes hidden); also how a subdomain is reopened."""
        return self._change(workshop_id, by, subdomain_id=subdomain_id, locked=False, revealed=False)

    def set_locked(self, workshop_id: str, locked: bool, by: str) -> WorkshopState:
        """Lock voting on the open subdomain (no more votes or changes), or unlock it."""
        return self._change(workshop_id, by, locked=locked)

    def set_revealed(self, workshop_id: str, revealed: bool, by: str) -> WorkshopState:
        """Reveal the votes on the open subdomain to the facilitator's screen, or hide them."""
        return self._change(workshop_id, by, revealed=revealed)

    def end(self, workshop_id: str, by: str) -> WorkshopState:
        """End the workshop: its code stops working and no more votes are taken."""
        return self._change(workshop_id, by, ended=True, locked=True)

    def _change(self, workshop_id: str, by: str, **changes) -> WorkshopState:
        by = self.store.author(by)

        def work():
            current = self.state(workshop_id)
            if current.ended:
                raise WorkshopError("This workshop has ended: start a new one to vote again.")
            new = replace(current, **changes)
            self._append_state(workshop_id, new, by)
            return new

        try:
            return self.store.transaction(work)
        finally:
            _changed(workshop_id)

    def _append_state(self, workshop_id: str, state: WorkshopState, by: str) -> None:
        self.cur.execute(
            """INSERT INTO workshop_states (workshop_id, subdomain_id, locked, revealed, ended,
               recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [workshop_id, state.subdomain_id, state.locked, state.revealed, state.ended,
             utc_now(), by])

    def record_consensus(self, workshop_id: str, subdomain_id: str, answer: Answer,
                         by: str) -> Answer:
        """Save the agreed answer as the assessment's rating (source ``workshop``) and note it here.

        The rating is validated and refused for a final assessment as in :meth:`Store.save_answer`;
        it and the workshop's note of it are stored in one transaction. The votes stay as they are.
        """
        if not answer.rationale.strip():
            raise WorkshopError("The rationale is required: write why the room agreed on this "
                                "phase, then record it.")
        workshop = self.workshop(workshop_id)
        if self.state(workshop_id).ended:
            raise WorkshopError("This workshop has ended: record answers in the walk-through.")
        answer, by = answer.validate(), self.store.author(by)

        def work():
            # One transaction: the rating and the workshop's note of it are stored together.
            saved = self.store.append_answer(workshop.assessment_id, subdomain_id, answer, by,
                                             source=BY_WORKSHOP)
            self.cur.execute(
                """INSERT INTO workshop_consensus (workshop_id, subdomain_id, answer, phase,
                   recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)""",
                [workshop_id, subdomain_id, saved.status, saved.phase, utc_now(), by])
            return saved

        return self.store.transaction(work)

    # -- participants ------------------------------------------------------------------------

    def join(self, workshop_id: str, name: str = "") -> str:
        """Add a participant (an empty name is anonymous); return their secret token."""
        name = check_name(name)
        token = secrets.token_urlsafe(16)

        def work():
            if self.state(workshop_id).ended:
                raise WorkshopError("This workshop has ended: there is nothing more to vote on.")
            self.cur.execute("INSERT INTO workshop_participants VALUES (?, ?, ?, ?, ?)",
                             [uuid.uuid4().hex, token, workshop_id, name, utc_now()])
            return token

        return self.store.transaction(work, need=VOTE, workshop_id=workshop_id)

    def participant_id(self, workshop_id: str, token: str) -> str:
        """The participant holding ``token`` in this workshop; :class:`WorkshopError` otherwise."""
        row = self.cur.execute("SELECT id FROM workshop_participants WHERE token = ? AND "
                               "workshop_id = ?", [token or "", workshop_id]).fetchone()
        if row is None:
            raise WorkshopError("This link does not belong to a participant of this workshop: "
                                "join again with the code.")
        return row[0]

    def vote(self, workshop_id: str, token: str, subdomain_id: str, choice, comment: str = "") -> None:
        """Store a participant's vote (or change of vote) on the open subdomain.

        Refused with a clear message when the subdomain is no longer open, voting is locked or the
        workshop has ended. The previous vote stays in the history.
        """
        choice, comment = check_vote(choice, comment)

        def work():
            participant = self.participant_id(workshop_id, token)
            state = self.state(workshop_id)
            if state.ended:
                raise WorkshopError("The workshop has ended: your vote was not taken.")
            if state.subdomain_id != subdomain_id:
                raise WorkshopError("The facilitator has moved on: this subdomain is no longer "
                                    "open for voting.")
            if state.locked:
                raise WorkshopError("Voting on this subdomain is locked: your vote was not taken.")
            self.cur.execute(
                """INSERT INTO workshop_votes (workshop_id, participant_id, subdomain_id, answer,
                   phase, comment, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [workshop_id, participant, subdomain_id, *_columns(choice), comment, utc_now()])

        self.store.transaction(work, need=VOTE, workshop_id=workshop_id)

    # -- reading -----------------------------------------------------------------------------

    def workshop(self, workshop_id: str) -> Workshop:
        """The workshop with this id; :class:`WorkshopError` when there is none."""
        row = self.cur.execute(f"SELECT {_WORKSHOP_COLUMNS} FROM workshops WHERE id = ?",
                               [workshop_id]).fetchone()
        if row is None:
            raise WorkshopError(f"No workshop with id {workshop_id!r}: the link is incomplete.")
        return Workshop(*row)

    def by_code(self, typed: str) -> Workshop:
        """The open workshop with this join code; a clear :class:`WorkshopError` when the code is
        malformed, unknown, or belongs to a workshop that has ended."""
        code = normalise_code(typed)
        workshop_id = self._open_workshop_id(code)
        if workshop_id is not None:
            return self.workshop(workshop_id)
        ended = self.cur.execute("SELECT count(*) FROM workshops WHERE code = ?", [code]).fetchone()[0]
        if ended:
            raise WorkshopError(f"The workshop with the code {spaced(code)} has ended: votes are no "
                                "longer taken. Thank you for taking part.")
        raise WorkshopError(f"No workshop has the code {spaced(code)}. Check the code on the "
                            "screen at the front of the room and type it again.")

    def _open_workshop_id(self, code: str) -> str | None:
        rows = self.cur.execute(
            """SELECT w.id FROM workshops w
               JOIN (SELECT workshop_id, ended FROM workshop_states
                     QUALIFY row_number() OVER (PARTITION BY workshop_id ORDER BY seq DESC) = 1) s
                 ON s.workshop_id = w.id
               WHERE w.code = ? AND NOT s.ended""", [code]).fetchall()
        return rows[0][0] if rows else None

    def of_assessment(self, assessment_id: str) -> list[tuple[Workshop, WorkshopState]]:
        """The assessment's workshops with their states, newest first."""
        rows = self.cur.execute(f"SELECT {_WORKSHOP_COLUMNS} FROM workshops WHERE assessment_id = ? "
                                "ORDER BY created_at DESC", [assessment_id]).fetchall()
        return [(Workshop(*row), self.state(row[0])) for row in rows]

    def state(self, workshop_id: str) -> WorkshopState:
        """The workshop's current state: one small row, what participants' screens poll."""
        row = self.cur.execute(
            "SELECT subdomain_id, locked, revealed, ended FROM workshop_states "
            "WHERE workshop_id = ? ORDER BY seq DESC LIMIT 1", [workshop_id]).fetchone()
        if row is None:
            raise WorkshopError(f"No workshop with id {workshop_id!r}: the link is incomplete.")
        return WorkshopState(*row)

    def participant_names(self, workshop_id: str) -> list[str]:
        """Everyone who joined, in order of joining; an empty string for each anonymous one."""
        rows = self.cur.execute("SELECT name FROM workshop_participants WHERE workshop_id = ? "
                                "ORDER BY joined_at", [workshop_id]).fetchall()
        return [name for (name,) in rows]

    def my_vote(self, workshop_id: str, token: str, subdomain_id: str):
        """The participant's current vote as (choice, comment), or None when they have not voted."""
        row = self.cur.execute(
            """SELECT v.answer, v.phase, v.comment FROM current_workshop_votes v
               JOIN workshop_participants p ON p.id = v.participant_id
               WHERE p.token = ? AND v.workshop_id = ? AND v.subdomain_id = ?""",
            [token, workshop_id, subdomain_id]).fetchone()
        return (_choice(row[0], row[1]), row[2]) if row else None

    def voted_count(self, workshop_id: str, subdomain_id: str) -> int:
        """How many participants have a vote on the subdomain (the votes themselves stay hidden)."""
        return self.cur.execute(
            "SELECT count(DISTINCT participant_id) FROM workshop_votes "
            "WHERE workshop_id = ? AND subdomain_id = ?", [workshop_id, subdomain_id]).fetchone()[0]

    def tally(self, workshop_id: str, subdomain_id: str, threshold: int) -> Tally:
        """The current votes on the subdomain, counted (see :class:`cpss.workshops.Tally`)."""
        rows = self.cur.execute(
            "SELECT answer, phase FROM current_workshop_votes WHERE workshop_id = ? "
            "AND subdomain_id = ?", [workshop_id, subdomain_id]).fetchall()
        return tally([_choice(*row) for row in rows], threshold)

    def comments(self, workshop_id: str, subdomain_id: str) -> list[str]:
        """The current votes' comments, without names, sorted (their order tells nothing)."""
        rows = self.cur.execute(
            "SELECT comment FROM current_workshop_votes WHERE workshop_id = ? AND subdomain_id = ? "
            "AND comment <> '' ORDER BY comment", [workshop_id, subdomain_id]).fetchall()
        return [comment for (comment,) in rows]

    def agreed(self, workshop_id: str) -> dict:
        """The latest consensus per subdomain recorded in this workshop: phase or status."""
        rows = self.cur.execute(
            """SELECT subdomain_id, answer, phase FROM workshop_consensus WHERE workshop_id = ?
               QUALIFY row_number() OVER (PARTITION BY subdomain_id ORDER BY seq DESC) = 1""",
            [workshop_id]).fetchall()
        return {row[0]: _choice(row[1], row[2]) for row in rows}

