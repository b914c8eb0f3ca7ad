"""Import rules between installations: which version ends up current after files go back and forth,
and final assessments, which an import leaves as they are."""

from datetime import date

import pytest

from cpss.db import assessments
from cpss.db.core import connect
from cpss.exchange.export import gather, to_json
from cpss.exchange.importing import CONFLICT, HISTORY, apply_import, read_file
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails


@pytest.fixture
def installations(tmp_path, framework):
    """Installations A and B sharing one assessment (made in A, imported into B); its id."""
    connections = [connect(tmp_path / f"{name}.duckdb") for name in "ab"]
    a, b = (con.db() for con in connections)
    assessment_id = assessments.create(
        a,
        AssessmentDetails("KEN", "Kenya", "Baseline", date(2026, 5, 1)),
        framework.version,
        by="A",
    )
    assessments.save_answer(
        a, assessment_id, "1.1", Answer("phase", 1, None, None, "first", ""), "A"
    )
    move(a, b, framework, assessment_id)
    yield a, b, assessment_id
    for con in connections:
        con.close()


def move(source, target, framework, assessment_id, take=frozenset()):
    """Export the assessment from ``source`` as JSON and import it into ``target``; the preview."""
    preview = read_file(
        "move.json", to_json(framework, gather(source, [assessment_id])), framework
    )(target)
    apply_import(target, preview, set(take))
    return preview


def evidence(db, assessment_id) -> str:
    return assessments.current_answers(db, assessment_id)["1.1"].evidence


def test_files_going_back_and_forth_never_make_an_older_answer_current(installations, framework):
    a, b, assessment_id = installations
    assessments.save_answer(
        a, assessment_id, "1.1", Answer("phase", 2, None, None, "older, from A", ""), "A"
    )
    assessments.save_answer(
        b, assessment_id, "1.1", Answer("phase", 3, None, None, "newer, from B", ""), "B"
    )
    preview = move(a, b, framework, assessment_id)  # a conflict, kept local
    assert [c.kind for c in preview.conflicts] == [CONFLICT] and evidence(
        b, assessment_id
    ) == "newer, from B"
    move(b, a, framework, assessment_id)
    assert evidence(a, assessment_id) == "newer, from B"
    preview = move(a, b, framework, assessment_id)  # A now holds B's answer and its own older one
    assert evidence(b, assessment_id) == "newer, from B"  # still current, the older one is history
    change = next(c for c in preview.changes if c.what.startswith("1.1"))
    assert change.kind == HISTORY and "3 · " in change.incoming and "3 · " in change.here
    assert (
        "older, from A" in assessments.answer_history(b, assessment_id, "1.1")["evidence"].tolist()
    )
    for source, target in ((a, b), (b, a), (a, b)):  # from now on every file is already known
        assert move(source, target, framework, assessment_id).is_known
    assert evidence(a, assessment_id) == evidence(b, assessment_id) == "newer, from B"


def test_a_current_answer_listed_again_after_older_ones_stays_current(
    installations, framework, tmp_path
):
    """B kept its newer answer when A's older one came in, so B's history lists it twice: a copy
    of B's file keeps it current, though repeated rows of a file count once."""
    a, b, assessment_id = installations
    assessments.save_answer(
        a, assessment_id, "1.1", Answer("phase", 2, None, None, "older, from A", ""), "A"
    )
    assessments.save_answer(
        b, assessment_id, "1.1", Answer("phase", 3, None, None, "newer, from B", ""), "B"
    )
    move(b, a, framework, assessment_id)  # A: first, older (A), newer (B)
    move(a, b, framework, assessment_id)  # B: first, newer, older, newer again
    assert assessments.answer_history(b, assessment_id, "1.1")["evidence"].tolist()[:3] == [
        "newer, from B",
        "older, from A",
        "newer, from B",
    ]  # newest first
    con = connect(tmp_path / "c.duckdb")
    c = con.db()
    preview = move(b, c, framework, assessment_id)
    assert preview.repeated == 0 and evidence(c, assessment_id) == "newer, from B"
    assert gather(c, [assessment_id]) == gather(b, [assessment_id])
    con.close()


def test_a_chosen_conflict_makes_the_files_current_version_current(installations, framework):
    a, b, assessment_id = installations
    assessments.save_answer(
        a, assessment_id, "1.1", Answer("phase", 2, None, None, "from A", ""), "A"
    )
    assessments.save_answer(
        b, assessment_id, "1.1", Answer("phase", 3, None, None, "from B", ""), "B"
    )
    conflict = read_file("a.json", to_json(framework, gather(a, [assessment_id])), framework)(
        b
    ).conflicts[0]
    move(a, b, framework, assessment_id, {conflict.key})
    assert evidence(b, assessment_id) == "from A"


def test_an_import_leaves_a_final_assessment_as_it_is(installations, framework):
    a, b, assessment_id = installations
    assessments.set_status(b, assessment_id, "final", "B")
    assessments.save_answer(
        a, assessment_id, "1.1", Answer("phase", 4, None, None, "changed in A", ""), "A"
    )
    preview = read_file("a.json", to_json(framework, gather(a, [assessment_id])), framework)(b)
    assert preview.table()["Change"].tolist() == ["Final: reopen it to import changes"]
    assert preview.is_empty and apply_import(b, preview) == 0
    assert (
        evidence(b, assessment_id) == "first" and assessments.assessment(b, assessment_id).is_final
    )
    assessments.set_status(b, assessment_id, "draft", "B")  # reopened: the change comes in
    move(a, b, framework, assessment_id)
    assert evidence(b, assessment_id) == "changed in A"


def test_a_new_final_assessment_is_created_final(installations, framework, tmp_path):
    a, _, assessment_id = installations
    assessments.set_status(a, assessment_id, "final", "A")
    con = connect(tmp_path / "c.duckdb")
    c = con.db()
    move(a, c, framework, assessment_id)
    assert (
        assessments.assessment(c, assessment_id).is_final and evidence(c, assessment_id) == "first"
    )
    con.close()
