"""The db: round trip, history kept, migrations run once, clear errors."""

import subprocess
import sys
from datetime import date

import pytest

from cpss.db import assessments
from cpss.db.core import Db, connect
from cpss.db.errors import StorageError
from cpss.db.migrations import MIGRATIONS, migrate
from cpss.model.answers import DONT_KNOW, Answer, AnswerError
from cpss.model.assessments import FINAL, AssessmentDetails, AssessmentError
from tests.conftest import ROOT

KENYA = AssessmentDetails("KEN", "Kenya", "Baseline 2026", date(2026, 3, 1), "Turkana", "Amina")


def test_round_trip(db: Db):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    answer = Answer(
        status="phase",
        phase=2,
        target=3,
        confidence="medium",
        evidence="Act 2019",
        rationale="Law exists, structures weak",
    )
    assessments.save_answer(db, assessment_id, "1.2", answer, by="Amina")
    assessments.save_answer(db, assessment_id, "7.3", Answer(status=DONT_KNOW), by="Amina")
    assert assessments.current_answers(db, assessment_id) == {
        "1.2": answer,
        "7.3": Answer(status=DONT_KNOW),
    }
    stored = assessments.assessment(db, assessment_id)
    assert stored.details == KENYA and stored.status == "draft" and not stored.is_demo
    listing = assessments.list_all(db)
    assert list(listing["id"]) == [assessment_id] and list(listing["answered"]) == [2]


def test_history_is_kept_and_latest_wins(db: Db):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    for phase in (1, 2, 3):
        assessments.save_answer(
            db, assessment_id, "2.1", Answer(status="phase", phase=phase), by=f"user{phase}"
        )
    history = assessments.answer_history(db, assessment_id, "2.1")
    assert list(history["phase"]) == [3, 2, 1]
    assert list(history["recorded_by"]) == ["user3", "user2", "user1"]
    assert assessments.current_answers(db, assessment_id)["2.1"].phase == 3


def test_texts_are_trimmed_and_kept_as_typed(db: Db):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    typed = "  <script>alert(1)</script> **not bold** ‘quotes’ عربى  "
    assessments.save_answer(db, assessment_id, "1.1", Answer(evidence=typed), by="Amina")
    assert assessments.current_answers(db, assessment_id)["1.1"].evidence == typed.strip()


def test_bad_answers_change_nothing(db: Db):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    assessments.save_answer(db, assessment_id, "1.1", Answer(status="phase", phase=2), by="Amina")
    with pytest.raises(AnswerError, match="needs a reason"):
        assessments.save_answer(
            db, assessment_id, "1.1", Answer(status="not_applicable"), by="Amina"
        )
    with pytest.raises(AnswerError, match="at or above the current phase"):
        assessments.save_answer(
            db, assessment_id, "1.1", Answer(status="phase", phase=3, target=2), by="A"
        )
    with pytest.raises(AnswerError, match="too long: 4,001 characters"):
        assessments.save_answer(db, assessment_id, "1.1", Answer(evidence="x" * 4001), by="Amina")
    assert len(assessments.answer_history(db, assessment_id, "1.1")) == 1


def test_final_assessment_is_read_only_until_reopened(db: Db):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    assessments.set_status(db, assessment_id, FINAL, by="Amina")
    with pytest.raises(AssessmentError, match="final and read-only"):
        assessments.save_answer(
            db, assessment_id, "1.1", Answer(status="phase", phase=1), by="Amina"
        )
    assert assessments.current_answers(db, assessment_id) == {}  # nothing was written
    assessments.set_status(db, assessment_id, "draft", by="Amina")
    assessments.save_answer(db, assessment_id, "1.1", Answer(status="phase", phase=1), by="Amina")
    assert assessments.current_answers(db, assessment_id)["1.1"].phase == 1


def test_an_answer_to_an_unknown_assessment_is_refused_and_not_written(db: Db):
    with pytest.raises(AssessmentError, match="No assessment with id 'nope'"):
        assessments.save_answer(db, "nope", "1.1", Answer(status="phase", phase=1), by="Amina")
    assert db.value("SELECT count(*) FROM ratings") == 0


def test_bad_details_are_refused(db: Db):
    with pytest.raises(AssessmentError, match="Unknown country 'Atlantis'"):
        assessments.create(
            db, AssessmentDetails("ATL", "Atlantis", "T", date(2026, 1, 1)), "v", "x"
        )
    with pytest.raises(AssessmentError, match="title is required"):
        assessments.create(db, AssessmentDetails("KEN", "Kenya", "  ", date(2026, 1, 1)), "v", "x")
    assert assessments.list_all(db).empty


def test_position_is_remembered(db: Db):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    assert assessments.last_position(db, assessment_id) is None
    assessments.record_position(db, assessment_id, "1.1")
    assessments.record_position(db, assessment_id, "4.2")
    assert assessments.last_position(db, assessment_id) == "4.2"


def test_migrations_run_once(database):
    con = connect(database)
    assert migrate(con.engine.cursor()) == []
    recorded = con.db().rows("SELECT version FROM schema_migrations ORDER BY version")
    assert [v for (v,) in recorded] == [m.version for m in MIGRATIONS]
    con.close()
    con = connect(database)  # reopening applies nothing new and keeps the data
    assert migrate(con.engine.cursor()) == []
    con.close()


def test_a_second_process_gets_a_clear_error(db_path):
    holder = connect(db_path)
    code = (
        "import sys; from cpss.db.core import connect; from cpss.db.errors import "
        "DatabaseInUse\ntry:\n    connect(sys.argv[1])\nexcept DatabaseInUse as e:\n"
        "    print(e.public); print('FULL', e)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(ROOT),
    )
    holder.close()
    public, full = result.stdout.split("FULL")
    # A visitor reads a plain line: no path, no process id (those go to the log and the admin).
    assert public.startswith("The database is in use by another program")
    assert str(db_path) not in public and "process" not in public
    assert f"The database file {db_path} is in use by another program (process" in full
    assert "set CPSS_DB to another file" in full


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StorageError, match=f"{path}"):
        connect(path)


def test_concurrent_saves_from_many_cursors_all_land(database):
    from concurrent.futures import ThreadPoolExecutor

    con = connect(database)
    assessment_id = assessments.create(con.db(), KENYA, "v1", by="Amina")

    def save_all(worker: int) -> None:
        db = con.db()  # a cursor per thread, as the app has one per script run
        for phase in (1, 2, 3, 4):
            assessments.save_answer(
                db,
                assessment_id,
                f"{worker + 1}.1",
                Answer(status="phase", phase=phase),
                by=f"worker{worker}",
            )

    with ThreadPoolExecutor(max_workers=7) as pool:
        list(pool.map(save_all, range(7)))
    db = con.db()
    assert {k: a.phase for k, a in assessments.current_answers(db, assessment_id).items()} == {
        f"{w}.1": 4 for w in range(1, 8)
    }
    assert (
        sum(len(assessments.answer_history(db, assessment_id, f"{w}.1")) for w in range(1, 8)) == 28
    )
    con.close()


def test_the_schema_in_docs_is_the_one_the_migrations_make(db_path):
    """docs/schema.sql is where a newcomer reads the schema (as DuckDB reads it back): it must not
    drift from the code."""
    connection = connect(db_path)
    assert connection.schema() == (ROOT / "docs" / "schema.sql").read_text(encoding="utf-8"), (
        "the migrations changed the schema: run python -m cpss schema > docs/schema.sql"
    )
    connection.close()
