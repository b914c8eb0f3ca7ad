"""Exports and imports: round trips of every importable format, duplicates, conflicts, bad files."""

import json
from datetime import date

import pytest

from cpss.db import assessments, workshops
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.exchange.export import gather, to_csv, to_excel, to_json
from cpss.exchange.importing import CHANGED, CONFLICT, apply_import, read_file
from cpss.exchange.tables import FileError
from cpss.db.core import connect
from tests.exchange_support import COUNTRY, edit_workbook, everything, row_counts, set_cell

WRITERS = {"json": to_json, "xlsx": to_excel}


@pytest.fixture
def source(db):
    """The source installation: its db and the ids of three assessments with history."""
    return db, everything(db)


@pytest.fixture
def other(tmp_path):
    """A second, empty installation."""
    con = connect(tmp_path / "other.duckdb")
    yield con.db()
    con.close()


def export(db, framework, ids, extension):
    return WRITERS[extension](framework, gather(db, ids))


def import_file(db, framework, name, data, take=frozenset()):
    plan = read_file(name, data, framework)(db)
    return plan, apply_import(db, plan, set(take))


@pytest.mark.parametrize("extension", ["json", "xlsx"])
def test_round_trip_gives_back_the_same_data(source, other, framework, extension):
    db, ids = source
    before = gather(db, ids)
    plan, written = import_file(other, framework, f"export.{extension}",
                                export(db, framework, ids, extension))
    assert len(plan.new_assessments) == 3 and not plan.conflicts
    assert written == sum(len(before[t]) for t in row_counts(db))
    after = gather(other, ids)
    assert after == before  # every version of details, answers, action items and reviews


@pytest.mark.parametrize("extension", ["json", "xlsx"])
def test_the_same_file_twice_adds_nothing(source, other, framework, extension):
    db, ids = source
    data = export(db, framework, ids, extension)
    import_file(other, framework, f"e.{extension}", data)
    counts = row_counts(other)
    plan, written = import_file(other, framework, f"e.{extension}", data)
    assert plan.is_empty and written == 0 and row_counts(other) == counts
    assert plan.summary().endswith(f"{sum(counts.values()) - 3} recorded version(s) already here.")


def test_newer_local_answer_is_a_conflict_kept_unless_chosen(source, other, framework):
    db, ids = source
    import_file(other, framework, "first.json", export(db, framework, ids[:1], "json"))
    assessments.save_answer(db, ids[0], "1.1", Answer("phase", 3, 4, "high", "file", "file"), "Office A")
    later = export(db, framework, ids[:1], "json")
    assessments.save_answer(other, ids[0], "1.1", Answer("phase", 4, 4, "high", "here", "here"), "Office B")
    plan, written = import_file(other, framework, "later.json", later)
    assert [(c.what, c.kind) for c in plan.conflicts] == [
        ("1.1 Understanding and articulation of national child protection systems", CONFLICT)]
    assert plan.conflicts[0].here.startswith("4 · System Maturity") and written == 0
    assert assessments.current_answers(other, ids[0])["1.1"].evidence == "here"
    plan, written = import_file(other, framework, "later.json", later, {plan.conflicts[0].key})
    assert written == 1 and assessments.current_answers(other, ids[0])["1.1"].evidence == "file"
    assert len(assessments.answer_history(other, ids[0], "1.1")) == 4  # both offices' versions are kept


def test_a_newer_file_answer_is_a_change(source, other, framework):
    db, ids = source
    import_file(other, framework, "first.json", export(db, framework, ids[:1], "json"))
    assessments.save_answer(other, ids[0], "1.1", Answer("phase", 4, 4, "high", "here", "here"), "Office B")
    assessments.save_answer(db, ids[0], "1.1", Answer("phase", 3, 4, "high", "file", "file"), "Office A")
    plan, _ = import_file(other, framework, "later.json", export(db, framework, ids[:1], "json"))
    assert [c.kind for c in plan.changes if c.kind != "unchanged"] == [CHANGED]
    assert assessments.current_answers(other, ids[0])["1.1"].evidence == "file"


def test_csv_is_the_long_shape_of_current_answers(source, framework):
    db, ids = source
    lines = to_csv(framework, gather(db, ids)).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Assessment ID,Country,Unit,Title,Date,Subdomain,Subdomain title,"
                               "Answer,Phase number,Phase name,Target number")
    assert len(lines) == 1 + 3 * 19 and COUNTRY in lines[1]


def test_json_holds_everything_including_a_place_for_votes(source, framework):
    db, ids = source
    document = json.loads(to_json(framework, gather(db, ids)))
    assert document["framework"]["version"] == framework.version
    assert set(document) >= {"assessments", "assessment_details", "ratings", "action_items",
                             "priority_reviews", "workshop_votes"}
    assert document["workshop_votes"] == []


def excel_case(edit):
    return lambda db, framework, ids: ("bad.xlsx", edit_workbook(
        export(db, framework, ids, "xlsx"), edit))


def json_case(edit):
    def make(db, framework, ids):
        document = json.loads(export(db, framework, ids, "json"))
        edit(document)
        return "bad.json", json.dumps(document).encode()
    return make


def _delete_sheet(book):
    del book["Rating history"]


BAD_FILES = {
    "not a workbook": (lambda *_: ("bad.xlsx", b"PK not really a zip"),
                       "The file is not an Excel workbook (.xlsx): open it in Excel or LibreOffice and "
                       "save it as .xlsx, or choose the file you exported."),
    "wrong sheets": (excel_case(_delete_sheet),
                     'The workbook has no sheet "Rating history"; expected the sheets Assessments, '
                     "Answers, Action plan, Assessment history, Rating history, Action plan history, "
                     "Priority reviews."),
    "missing column": (excel_case(lambda b: set_cell(b, "Rating history", 1, "Phase", "Stage")),
                       'Sheet "Rating history", row 1: there is no column "Phase".'),
    "unknown subdomain": (excel_case(lambda b: set_cell(b, "Rating history", 2, "Subdomain", "8.1")),
                          "Sheet \"Rating history\", row 2, column \"Subdomain\": '8.1' is not a "
                          "subdomain of this framework (1.1 to 7.3)."),
    "phase out of range": (excel_case(lambda b: set_cell(b, "Rating history", 2, "Phase", 5)),
                           'Sheet "Rating history", row 2, column "Phase": 5 is out of range: a '
                           "phase is 1 to 4."),
    "oversized cell": (excel_case(lambda b: set_cell(b, "Rating history", 3, "Evidence", "x" * 4001)),
                       'Sheet "Rating history", row 3, column "Evidence": is too long: 4,001 '
                       "characters, at most 4,000."),
    "framework version": (excel_case(lambda b: set_cell(b, "Assessments", 2, "Framework version", "2019")),
                          "Sheet \"Assessments\", row 2, column \"Framework version\": the file uses "
                          "framework version '2019', this app uses version 'UNICEF 2021-09': "
                          "assessments can only be imported into an installation with the same "
                          "framework version."),
    "edited readable sheet": (excel_case(lambda b: set_cell(b, "Answers", 2, "Evidence", "typed here")),
                              "Sheet \"Answers\", row 2, column \"Evidence\": 'typed here' differs "
                              "from the history sheets ('Loi n° 2010-272 portant interdiction de la "
                              "traite des enfants, élève, Ministère.'). This sheet is for reading: "
                              "undo the edit, or answer offline with the worksheet."),
    "not json": (lambda *_: ("bad.json", b"{\"format\": "),
                 "The file is not valid JSON: line 1, column 12: Expecting value."),
    "json of another app": (lambda *_: ("bad.json", b"[1, 2]"),
                            'The file is not an export of this app (it has no "format": '
                            '"cpss-assessments").'),
    "json framework version": (json_case(lambda d: d["framework"].update(version="2019")),
                               "\"framework\", field \"version\": the file uses framework version "
                               "'2019', this app uses version 'UNICEF 2021-09': assessments can "
                               "only be imported into an installation with the same framework "
                               "version."),
    "json framework not an object": (json_case(lambda d: d.update(framework=1)),
                                     'The file has no "framework" object naming the framework and '
                                     'its version.'),
    "json phase out of range": (json_case(lambda d: d["ratings"][0].update(phase=0)),
                                '"ratings", item 1, field "phase": 0 is out of range: a phase is 1 to 4.'),
    "json unknown status": (json_case(lambda d: d["action_items"][0].update(status="later")),
                            "\"action_items\", item 1, field \"status\": 'later' is not one of: "
                            "planned, in_progress, done, dropped."),
    "wrong extension": (lambda *_: ("notes.txt", b"hello"),
                        "notes.txt: choose a .json or .xlsx file exported from this app, or a "
                        "filled-in offline worksheet (.xlsx)."),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_with_the_place_and_nothing_is_written(source, other, framework, case):
    make, message = BAD_FILES[case]
    name, data = make(*source[:1], framework, source[1])
    with pytest.raises(FileError if case != "wrong extension" else Exception) as raised:
        read_file(name, data, framework)(other)
    assert str(raised.value) == message
    assert set(row_counts(other).values()) == {0}


def test_workshop_votes_are_exported_beside_the_answers(db, framework, monkeypatch):
    """Each participant's current vote, with its comment, goes into the export under a participant
    number in join order, never a name; a subdomain with fewer votes than the threshold is left out."""
    monkeypatch.delenv("CPSS_WORKSHOP_MIN_VOTES", raising=False)  # the default: 3 votes
    assessment_id = assessments.create(db, 
        AssessmentDetails("KEN", "Kenya", "Workshop 2026", date(2026, 5, 1)), framework.version, by="t")
    workshop = workshops.start(db, assessment_id, ask_names=True, by="t")
    workshops.open_subdomain(db, workshop.id, "1.1", by="t")
    amina, anonymous, baraka = (workshops.join(db, workshop.id, "Amina"), workshops.join(db, workshop.id),
                                workshops.join(db, workshop.id, "Baraka"))
    workshops.vote(db, workshop.id, amina, "1.1", 2, "Law passed in 2019")
    workshops.vote(db, workshop.id, amina, "1.1", 3, "Changed my mind")
    workshops.vote(db, workshop.id, anonymous, "1.1", "dont_know")
    workshops.vote(db, workshop.id, baraka, "1.1", 2, "Not yet applied")
    workshops.open_subdomain(db, workshop.id, "1.2", by="t")
    workshops.vote(db, workshop.id, amina, "1.2", 4, "Only I voted here")
    workshops.vote(db, workshop.id, baraka, "1.2", 4)
    votes = gather(db, [assessment_id])["workshop_votes"]
    assert [(v["participant"], v["subdomain_id"], v["answer"], v["phase"], v["comment"]) for v in votes] == [
        (1, "1.1", "phase", 3, "Changed my mind"), (2, "1.1", "dont_know", None, ""),
        (3, "1.1", "phase", 2, "Not yet applied")]
    exported = to_json(framework, gather(db, [assessment_id])).decode()
    assert json.loads(exported)["workshop_votes"][0]["comment"] == "Changed my mind"
    assert "Amina" not in exported and "Baraka" not in exported and "Only I voted" not in exported
    monkeypatch.setenv("CPSS_WORKSHOP_MIN_VOTES", "2")
    assert [v["subdomain_id"] for v in gather(db, [assessment_id])["workshop_votes"]] == ["1.1"] * 3 + ["1.2"] * 2
