"""The store: round trip, history kept, migrations run once, clear errors."""

import subprocess
import sys
from datetime import date

import pytest

from cpss.model.answers import DONT_KNOW, Answer, AnswerError
from cpss.model.assessments import FINAL, AssessmentDetails, AssessmentError
from cpss.db.migrations import MIGRATIONS, migrate
from cpss.db.assessments import StorageError, Store, connect
from tests.conftest import ROOT

KENYA = AssessmentDetails("KEN", "Kenya", "Baseline 2026", date(2026, 3, 1), "Turkana", "Amina")


def test_round_trip(store: Store):
    assessment_id = store.create_assessment(KENYA, "v1", by="Amina")
    answer = Answer(status="phase", phase=2, target=3, confidence="medium",
                    evidence="Act 2019", rationale="Law exists, structures weak")
    store.save_answer(assessment_id, "1.2", answer, by="Amina")
    store.save_answer(assessment_id, "7.3", Answer(status=DONT_KNOW), by="Amina")
    assert store.current_answers(assessment_id) == {"1.2": answer, "7.3": Answer(status=DONT_KNOW)}
    stored = store.assessment(assessment_id)
    assert stored.details == KENYA and stored.status == "draft" and not stored.is_demo
    listing = store.list_assessments()
    assert list(listing["id"]) == [assessment_id] and list(listing["answered"]) == [2]


def test_history_is_kept_and_latest_wins(store: Store):
    assessment_id = store.create_assessment(KENYA, "v1", by="Amina")
    for phase in (1, 2, 3):
        store.save_answer(assessment_id, "2.1", Answer(status="phase", phase=phase), by=f"user{phase}")
    history = store.answer_history(assessment_id, "2.1")
    assert list(history["phase"]) == [3, 2, 1]
    assert list(history["recorded_by"]) == ["user3", "user2", "user1"]
    assert store.current_answers(assessment_id)["2.1"].phase == 3


def test_texts_are_trimmed_and_kept_as_typed(store: Store):
    assessment_id = store.create_assessment(KENYA, "v1", by="Amina")
    typed = "  <script>alert(1)</script> **not bold** ‘quotes’ عربى  "
    store.save_answer(assessment_id, "1.1", Answer(evidence=typed), by="Amina")
    assert store.current_answers(assessment_id)["1.1"].evidence == typed.strip()


def test_bad_answers_change_nothing(store: Store):
    assessment_id = store.create_assessment(KENYA, "v1", by="Amina")
    store.save_answer(assessment_id, "1.1", Answer(status="phase", phase=2), by="Amina")
    with pytest.raises(AnswerError, match="needs a reason"):
        store.save_answer(assessment_id, "1.1", Answer(status="not_applicable"), by="Amina")
    with pytest.raises(AnswerError, match="at or above the current phase"):
        store.save_answer(assessment_id, "1.1", Answer(status="phase", phase=3, target=2), by="A")
    with pytest.raises(AnswerError, match="too long: 4,001 characters"):
        store.save_answer(assessment_id, "1.1", Answer(evidence="x" * 4001), by="Amina")
    assert len(store.answer_history(assessment_id, "1.1")) == 1


def test_final_assessment_is_read_only_until_reopened(store: Store):
    assessment_id = store.create_assessment(KENYA, "v1", by="Amina")
    store.set_status(assessment_id, FINAL, by="Amina")
    with pytest.raises(AssessmentError, match="final and read-only"):
        store.save_answer(assessment_id, "1.1", Answer(status="phase", phase=1), by="Amina")
    assert store.current_answers(assessment_id) == {}  # nothing was written
    store.set_status(assessment_id, "draft", by="Amina")
    store.save_answer(assessment_id, "1.1", Answer(status="phase", phase=1), by="Amina")
    assert store.current_answers(assessment_id)["1.1"].phase == 1


def test_an_answer_to_an_unknown_assessment_is_refused_and_not_written(store: Store):
    with pytest.raises(AssessmentError, match="No assessment with id 'nope'"):
        store.save_answer("nope", "1.1", Answer(status="phase", phase=1), by="Amina")
    assert store.cur.execute("SELECT count(*) FROM ratings").fetchone()[0] == 0


def test_bad_details_are_refused(store: Store):
    with pytest.raises(AssessmentError, match="Unknown country 'Atlantis'"):
        store.create_assessment(AssessmentDetails("ATL", "Atlantis", "T", date(2026, 1, 1)), "v", "x")
    with pytest.raises(AssessmentError, match="title is required"):
        store.create_assessment(AssessmentDetails("KEN", "Kenya", "  ", date(2026, 1, 1)), "v", "x")
    assert store.list_assessments().empty


def test_position_is_remembered(store: Store):
    assessment_id = store.create_assessment(KENYA, "v1", by="Amina")
    assert store.last_position(assessment_id) is None
    store.record_position(assessment_id, "1.1")
    store.record_position(assessment_id, "4.2")
    assert store.last_position(assessment_id) == "4.2"


def test_migrations_run_once(db_path):
    con = connect(db_path)
    assert migrate(con) == []
    recorded = con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [v for (v,) in recorded] == [number for number, _, _ in MIGRATIONS]
    con.close()
    con = connect(db_path)  # reopening applies nothing new and keeps the data
    assert migrate(con) == []
    con.close()


def test_a_second_process_gets_a_clear_error(db_path):
    holder = connect(db_path)
    code = ("import sys; from cpss.db.assessments import connect, StorageError\n"
            "try:\n    connect(sys.argv[1])\nexcept StorageError as e:\n    print(e)")
    result = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True,
                            text=True, timeout=60, cwd=str(ROOT))
    holder.close()
    assert f"The database file {db_path} is in use by another program" in result.stdout
    assert "set CPSS_DB to another file" in result.stdout


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StorageError, match=f"{path}"):
        connect(path)


def test_concurrent_saves_from_many_cursors_all_land(db_path):
    from concurrent.futures import ThreadPoolExecutor
    con = connect(db_path)
    assessment_id = Store(con.cursor()).create_assessment(KENYA, "v1", by="Amina")

    def save_all(worker: int) -> None:
        store = Store(con.cursor())  # a cursor per thread, as the app has one per script run
        for phase in (1, 2, 3, 4):
            store.save_answer(assessment_id, f"{worker + 1}.1", Answer(status="phase", phase=phase),
                              by=f"worker{worker}")

    with ThreadPoolExecutor(max_workers=7) as pool:
        list(pool.map(save_all, range(7)))
    store = Store(con.cursor())
    assert {k: a.phase for k, a in store.current_answers(assessment_id).items()} == {
        f"{w}.1": 4 for w in range(1, 8)}
    assert sum(len(store.answer_history(assessment_id, f"{w}.1")) for w in range(1, 8)) == 28
    con.close()
