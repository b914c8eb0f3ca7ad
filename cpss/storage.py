"""DuckDB storage: one connection per process, a :class:`Store` (one cursor) per script run.

Everything is append-only history: saving an answer or changing an assessment adds a row with when
and by whom, and the current state is the latest row. Writes are transactions, retried on DuckDB's
transaction conflicts, so a crash never leaves half an answer.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from cpss.access import EDIT, SOLO, Actor
from cpss.answers import BY_HAND, SOURCES, Answer
from cpss.assessments import DRAFT, FINAL, Assessment, AssessmentDetails, AssessmentError
from cpss.errors import LOG_HINT, UserError
from cpss.migrations import migrate, utc_now

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

DEFAULT_DB = Path(__file__).resolve().parent.parent / "cpss.duckdb"
# Every assessment with how many subdomains are answered and when it last changed (the home
# page's list in cpss/listing.py selects from it too).
ASSESSMENT_ROWS = """SELECT a.id, d.country, d.unit, d.title, d.assessment_date, d.assessor, d.status,
                      a.is_demo, coalesce(r.answered, 0) AS answered,
                      greatest(d.recorded_at, coalesce(r.changed, d.recorded_at)) AS updated_at
               FROM assessments a
               JOIN current_details d ON d.assessment_id = a.id
               LEFT JOIN (SELECT assessment_id, count(answer) AS answered,
                                 max(recorded_at) AS changed
                          FROM current_ratings GROUP BY assessment_id) r
                 ON r.assessment_id = a.id"""

WRITE_TRIES = 6


class StorageError(UserError):
    """The database cannot be used; the message says why and what to do."""


class DatabaseUnavailable(StorageError):
    """The database file cannot be opened: its path and the holder's process id are for the
    administrator and the server's log; visitors get the plain :attr:`public` line."""

    def __init__(self, message: str, public: str):
        super().__init__(message)
        self._public = public

    @property
    def public(self) -> str:
        """The plain line, without the server's details."""
        return self._public


def database_path() -> Path:
    """The database file: ``$CPSS_DB`` when set, else ``cpss.duckdb`` in the project folder."""
    return Path(os.environ.get("CPSS_DB") or DEFAULT_DB)


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    Raises :class:`StorageError` with a plain explanation when another process holds the file, the
    file or its folder cannot be written, or the file is not a database this app can read.
    """
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        if "set lock" in str(exc) or "Conflicting lock" in str(exc):
            holder = re.search(r"PID (\d+)", str(exc))
            by = f" (process {holder.group(1)})" if holder else ""
            raise DatabaseUnavailable(
                f"The database file {path} is in use by another program{by}. Only one CPSS app "
                "can use a database file at a time: stop the other one, or set CPSS_DB to "
                "another file.", f"The database is in use by another program; {LOG_HINT}") from exc
        if "Permission denied" in str(exc) or "Read-only file system" in str(exc):
            raise DatabaseUnavailable(
                f"The database file {path} (or its folder) cannot be written to by this app. Give "
                "the user running the app write access to the file and its folder, or set "
                "CPSS_DB to a file in a writable folder. Nothing in the file was changed.",
                f"The app cannot write to its database; {LOG_HINT}") from exc
        raise damaged(path, exc) from exc
    try:
        migrate(con)
    except duckdb.Error as exc:
        con.close()
        raise (write_failed(exc) if _WRITE_FAILURE.search(str(exc)) and "read" not in str(exc)
               else damaged(path, exc)) from exc
    return con


def damaged(path: str | Path, exc: Exception) -> StorageError:
    """The message for a file that is not (or no longer) a database this app can read."""
    return DatabaseUnavailable(
        f"The file {path} is not a database this app can read ({str(exc).splitlines()[0][:200]}). "
        "It may be damaged: keep it as it is, restore the latest backup into a new file "
        "(python -m cpss restore BACKUP, with CPSS_DB set to the new file) and point CPSS_DB at "
        "it.", f"The app cannot read its database; {LOG_HINT}")


_WRITE_FAILURE = re.compile(r"Could not write|No space left|File too large|Permission denied|"
                            r"Read-only file system|IO Error")


def write_failed(exc: Exception) -> StorageError:
    """The message for a write the database could not make (disk full, file not writable)."""
    text = str(exc)
    if "No space left" in text or "File too large" in text or "disk" in text.lower():
        cause = "the disk is full (or the file has reached its size limit)"
    elif "Permission denied" in text or "read-only" in text.lower() or "Read-only" in text:
        cause = "the database file or its folder cannot be written to"
    else:
        cause = f"the database could not write ({text.splitlines()[0][:200]})"
    return StorageError(f"Not saved: {cause}. Nothing of this change was stored, and what was "
                        "stored before is kept. Free some space or fix the file's permissions, "
                        "then restart the app (the database stops taking changes after a failed "
                        "write).")


class Store:
    """The app's reads and writes, on one cursor. Create one per script run (or thread).

    ``actor`` is who acts (see :mod:`cpss.access`): every write checks its role. Tests and the
    command line use the single-user administrator :data:`cpss.access.SOLO`.
    """

    def __init__(self, cursor: duckdb.DuckDBPyConnection, actor: Actor = SOLO):
        self.cur = cursor
        self.actor = actor

    def author(self, given: str) -> str:
        """The name to record with a change (the signed-in person in team mode)."""
        return self.actor.author(given)

    # -- writing -----------------------------------------------------------------------------

    def transaction(self, work, need: str = EDIT, workshop_id: str | None = None):
        """Run ``work()`` in a transaction and return its result, retrying on DuckDB's conflicts.

        The actor must be allowed ``need`` (in ``workshop_id`` for a participant's vote), else
        :class:`cpss.access.AccessDenied` is raised before anything is written. ``work`` must only
        touch the database through ``self.cur`` (it may run more than once). Other modules' stores
        (workshops, action plans, imports) write through this too. A failed write (full disk,
        read-only file) raises :class:`StorageError`; nothing of the change is kept.
        """
        self.actor.require(need, workshop_id)
        for attempt in range(WRITE_TRIES):
            self.cur.execute("BEGIN TRANSACTION")
            try:
                result = work()
                self.cur.execute("COMMIT")
                return result
            except duckdb.TransactionException as exc:
                self._rollback()
                if _WRITE_FAILURE.search(str(exc)):  # the commit could not reach the disk
                    raise write_failed(exc) from exc
                if attempt == WRITE_TRIES - 1:
                    raise StorageError("The database was too busy to save this change; try again.")
                time.sleep(0.005 * 2 ** attempt)
            except (duckdb.IOException, duckdb.FatalException, duckdb.InternalException) as exc:
                self._rollback()
                raise write_failed(exc) from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        try:
            self.cur.execute("ROLLBACK")
        except duckdb.Error:
            pass  # the failed transaction was already ended by DuckDB

    def create_assessment(self, details: AssessmentDetails, framework_version: str, by: str,
                          is_demo: bool = False) -> str:
        """Store a new draft assessment and return its id."""
        self.actor.require(EDIT)
        details, by = details.validate(), self.author(by)
        assessment_id = uuid.uuid4().hex

        def work():
            now = utc_now()
            self.cur.execute("INSERT INTO assessments VALUES (?, ?, ?, ?, ?)",
                             [assessment_id, framework_version, is_demo, now, by])
            self._append_details(assessment_id, details, DRAFT, by, now)
            return assessment_id

        return self.transaction(work)

    def _append_details(self, assessment_id: str, details: AssessmentDetails, status: str,
                        by: str, now) -> None:
        self.cur.execute(
            """INSERT INTO assessment_details (assessment_id, country_code, country, unit, title,
               assessment_date, assessor, status, recorded_at, recorded_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [assessment_id, details.country_code, details.country, details.unit, details.title,
             details.assessment_date, details.assessor, status, now, by])

    def set_status(self, assessment_id: str, status: str, by: str) -> None:
        """Mark an assessment final (read-only) or reopen it as a draft."""
        self.actor.require(EDIT)
        if status not in (DRAFT, FINAL):
            raise AssessmentError(f"Unknown status {status!r}.")
        by = self.author(by)

        def work():
            current = self.assessment(assessment_id)
            if current.status != status:
                self._append_details(assessment_id, current.details, status, by, utc_now())

        self.transaction(work)

    def save_answer(self, assessment_id: str, subdomain_id: str, answer: Answer, by: str,
                    source: str = BY_HAND) -> Answer:
        """Validate and append ``answer`` as the current one; return what was stored.

        Refused (:class:`AssessmentError`) when the assessment is final.
        """
        self.actor.require(EDIT)
        answer, by = answer.validate(), self.author(by)
        return self.transaction(
            lambda: self.append_answer(assessment_id, subdomain_id, answer, by, source))

    def append_answer(self, assessment_id: str, subdomain_id: str, answer: Answer, by: str,
                      source: str) -> Answer:
        """Append a validated ``answer``, inside a transaction the caller holds (so that another
        write can be part of it); refused when the assessment is final."""
        self.actor.require(EDIT)
        if source not in SOURCES:  # a programming slip: imports check the sources they read
            raise ValueError(f"Unknown source of a rating: {source!r}.")
        # One statement checks that the assessment is a draft and appends the answer: a click in
        # the walk-through pays for one query, not for loading the assessment first.
        inserted = self.cur.execute(
            """INSERT INTO ratings (assessment_id, subdomain_id, answer, phase, target,
               confidence, evidence, rationale, source, recorded_at, recorded_by)
               SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
               WHERE (SELECT status FROM current_details WHERE assessment_id = ?) = ?""",
            [assessment_id, subdomain_id, answer.status, answer.phase, answer.target,
             answer.confidence, answer.evidence, answer.rationale, source, utc_now(), by,
             assessment_id, DRAFT]).fetchone()[0]
        if not inserted:
            self.assessment(assessment_id)  # raises when there is no such assessment
            raise AssessmentError("This assessment is final and read-only: reopen it to "
                                  "change an answer.")
        return answer

    def record_position(self, assessment_id: str, subdomain_id: str) -> None:
        """Remember the subdomain the user is on, to reopen the assessment there."""
        self.actor.require(EDIT)
        self.cur.execute("INSERT INTO positions (assessment_id, subdomain_id, recorded_at) "
                         "VALUES (?, ?, ?)", [assessment_id, subdomain_id, utc_now()])

    # -- reading -----------------------------------------------------------------------------

    def assessment(self, assessment_id: str) -> Assessment:
        """The assessment with its current details; :class:`AssessmentError` when unknown."""
        row = self.cur.execute(
            """SELECT a.id, d.country_code, d.country, d.title, d.assessment_date, d.unit,
                      d.assessor, d.status, a.is_demo, a.framework_version, a.created_at
               FROM assessments a JOIN current_details d ON d.assessment_id = a.id
               WHERE a.id = ?""", [assessment_id]).fetchone()
        if row is None:
            raise AssessmentError(f"No assessment with id {assessment_id!r}: it may have been "
                                  "removed, or the link is incomplete.")
        return Assessment(id=row[0], details=AssessmentDetails(*row[1:7]), status=row[7],
                          is_demo=row[8], framework_version=row[9], created_at=row[10])

    def list_assessments(self) -> pd.DataFrame:
        """All assessments, most recently changed first, with how many subdomains are answered."""
        return self.cur.execute(f"{ASSESSMENT_ROWS} ORDER BY updated_at DESC").df()

    def current_answers(self, assessment_id: str) -> dict[str, Answer]:
        """The current answer of every subdomain that has one, by subdomain id."""
        rows = self.cur.execute(
            """SELECT subdomain_id, answer, phase, target, confidence, evidence, rationale
               FROM current_ratings WHERE assessment_id = ?""", [assessment_id]).fetchall()
        return {row[0]: Answer(*row[1:]) for row in rows}

    def answer_history(self, assessment_id: str, subdomain_id: str) -> pd.DataFrame:
        """Every saved version of one subdomain's answer, newest first."""
        return self.cur.execute(
            """SELECT recorded_at, recorded_by, answer, phase, target, confidence, evidence,
                      rationale, source, seq
               FROM ratings WHERE assessment_id = ? AND subdomain_id = ?
               ORDER BY seq DESC""", [assessment_id, subdomain_id]).df()

    def last_position(self, assessment_id: str) -> str | None:
        """The subdomain the user was last on in this assessment, if any."""
        row = self.cur.execute("SELECT subdomain_id FROM positions WHERE assessment_id = ? "
                               "ORDER BY seq DESC LIMIT 1", [assessment_id]).fetchone()
        return row[0] if row else None

