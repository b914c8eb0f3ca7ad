"""Exports and imports: round trips of every importable format, duplicates, conflicts, bad files."""

import io
import json
import re
import zipfile
from datetime import date, datetime, timedelta

import pytest

from cpss.db import assessments, workshop_votes, workshops
from cpss.db.core import connect
from cpss.exchange import reading
from cpss.exchange.export import gather, to_csv, to_excel, to_json
from cpss.exchange.importing import CHANGED, CONFLICT, apply_import, read_file
from cpss.exchange.money_tables import EXCHANGED_TABLES
from cpss.exchange.tables import FileError
from cpss.i18n import text
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.times import utc_now
from cpss.model.translation_file import load_translation
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
    plan, written = import_file(
        other, framework, f"export.{extension}", export(db, framework, ids, extension)
    )
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
    assert plan.summary().endswith(f"{sum(counts.values()) - 3} recorded versions already here.")


@pytest.mark.parametrize("extension", ["json", "xlsx"])
def test_preview_result_and_second_import_count_in_one_unit(source, other, framework, extension):
    """The preview said "65 new ... histories", the result "84 recorded versions added" (the
    assessments among them) and the second import "81 already here": all count recorded
    versions now, the new assessments apart."""
    db, ids = source
    data = export(db, framework, ids, extension)
    versions = sum(row_counts(db).values()) - 3  # the history rows, not the assessments
    plan, written = import_file(other, framework, f"e.{extension}", data)
    assert plan.summary().startswith(f"3 new assessments and {versions} recorded versions to add;")
    assert plan.result(written) == f"3 new assessments and {versions} recorded versions added."
    again = read_file(f"e.{extension}", data, framework)(other)
    assert again.summary().startswith("0 new assessments and 0 recorded versions to add;")
    assert again.summary().endswith(f"; {versions} recorded versions already here.")


def test_the_preview_speaks_the_readers_language(source, other, framework):
    """Read in French, the preview's sentence, its headers, kinds of change, subdomain names, dates
    and authors' words are French, counted with French plurals; in Russian, Russian plurals."""
    db, ids = source
    french, in_french = text("fr"), load_translation("fr")
    data = export(db, framework, ids, "json")
    versions = sum(row_counts(db).values()) - 3
    plan = read_file("e.json", data, in_french, tr=french)(other)
    assert plan.summary() == (
        f"3 nouvelles évaluations et {versions} versions enregistrées à ajouter; "
        "0 conflit avec des réponses plus récentes ici; 0 version enregistrée déjà ici."
    )
    table = plan.table()
    assert list(table.columns) == [
        french(word) for word in ("Assessment", "What", "Change", "Here now", "In the file")
    ]
    assert set(table[french("Change")]) == {"Nouveau"}
    rated = table[table[french("What")] == in_french.subdomain("1.1").label]
    assert not rated.empty and ", par " in rated.iloc[0][french("In the file")]
    english = (" by ", "Action item", "Budget of", "Share of", "Spending on", "target")
    assert not [cell for cell in table.to_numpy().ravel() if any(w in cell for w in english)]
    assert any(cell.startswith("Action : ") for cell in table[french("What")])
    details = table[table[french("What")] == french("Details and status")]
    assert details.iloc[0][french("In the file")].endswith(" · Brouillon")
    assert plan.result(apply_import(other, plan)).startswith("3 nouvelles évaluations et ")
    russian = read_file("e.json", data, load_translation("ru"), tr=text("ru"))(other)
    assert russian.summary().startswith("0 новых оценок и 0 записанных версий к добавлению; ")


def test_newer_local_answer_is_a_conflict_kept_unless_chosen(source, other, framework):
    db, ids = source
    import_file(other, framework, "first.json", export(db, framework, ids[:1], "json"))
    assessments.save_answer(
        db, ids[0], "1.1", Answer("phase", 3, 4, "high", "file", "file"), "Office A"
    )
    later = export(db, framework, ids[:1], "json")
    assessments.save_answer(
        other, ids[0], "1.1", Answer("phase", 4, 4, "high", "here", "here"), "Office B"
    )
    plan, written = import_file(other, framework, "later.json", later)
    assert [(c.what, c.kind) for c in plan.conflicts] == [
        ("1.1 Understanding and articulation of national child protection systems", CONFLICT)
    ]
    assert plan.conflicts[0].here.startswith("4 · System Maturity") and written == 0
    assert assessments.current_answers(other, ids[0])["1.1"].evidence == "here"
    plan, written = import_file(other, framework, "later.json", later, {plan.conflicts[0].key})
    assert written == 1 and assessments.current_answers(other, ids[0])["1.1"].evidence == "file"
    assert (
        len(assessments.answer_history(other, ids[0], "1.1")) == 4
    )  # both offices' versions are kept


def test_a_newer_file_answer_is_a_change(source, other, framework):
    db, ids = source
    import_file(other, framework, "first.json", export(db, framework, ids[:1], "json"))
    assessments.save_answer(
        other, ids[0], "1.1", Answer("phase", 4, 4, "high", "here", "here"), "Office B"
    )
    assessments.save_answer(
        db, ids[0], "1.1", Answer("phase", 3, 4, "high", "file", "file"), "Office A"
    )
    plan, _ = import_file(other, framework, "later.json", export(db, framework, ids[:1], "json"))
    assert [c.kind for c in plan.changes if c.kind != "unchanged"] == [CHANGED]
    assert assessments.current_answers(other, ids[0])["1.1"].evidence == "file"


def test_csv_is_the_long_shape_of_current_answers(source, framework):
    db, ids = source
    lines = to_csv(framework, gather(db, ids)).decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Assessment ID,Country,Unit,Title,Date,Subdomain,Subdomain title,"
        "Answer,Phase number,Phase name,Target number"
    )
    assert len(lines) == 1 + 3 * 19 and COUNTRY in lines[1]


def test_json_holds_everything_including_a_place_for_votes(source, framework):
    db, ids = source
    document = json.loads(to_json(framework, gather(db, ids)))
    assert document["framework"]["version"] == framework.version
    assert set(document) >= {
        "assessments",
        "assessment_details",
        "ratings",
        "action_items",
        "priority_reviews",
        "workshop_votes",
    }
    assert document["workshop_votes"] == []


def excel_case(edit):
    return lambda db, framework, ids: (
        "bad.xlsx",
        edit_workbook(export(db, framework, ids, "xlsx"), edit),
    )


def json_case(edit):
    def make(db, framework, ids):
        document = json.loads(export(db, framework, ids, "json"))
        edit(document)
        return "bad.json", json.dumps(document).encode()

    return make


def _delete_sheet(book):
    del book["Rating history"]


BAD_FILES = {
    "not a workbook": (
        lambda *_: ("bad.xlsx", b"PK not really a zip"),
        "The file is not an Excel workbook (.xlsx): open it in Excel or LibreOffice and "
        "save it as .xlsx, or choose the file you exported.",
    ),
    "wrong sheets": (
        excel_case(_delete_sheet),
        'The workbook has no sheet "Rating history"; expected the sheets Assessments, '
        "Answers, Action plan, Assessment history, Rating history, Action plan history, "
        "Priority reviews, Budget history, Subdomain share history, Spending history.",
    ),
    "missing column": (
        excel_case(lambda b: set_cell(b, "Rating history", 1, "Phase", "Stage")),
        'Sheet "Rating history", row 1: there is no column "Phase".',
    ),
    "unknown subdomain": (
        excel_case(lambda b: set_cell(b, "Rating history", 2, "Subdomain", "8.1")),
        'Sheet "Rating history", row 2, column "Subdomain": \'8.1\' is not a '
        "subdomain of this framework (1.1 to 7.3).",
    ),
    "phase out of range": (
        excel_case(lambda b: set_cell(b, "Rating history", 2, "Phase", 5)),
        'Sheet "Rating history", row 2, column "Phase": 5 is out of range: a phase is 1 to 4.',
    ),
    "oversized cell": (
        excel_case(lambda b: set_cell(b, "Rating history", 3, "Evidence", "x" * 4001)),
        'Sheet "Rating history", row 3, column "Evidence": is too long: 4,001 '
        "characters, at most 4,000.",
    ),
    "framework version": (
        excel_case(lambda b: set_cell(b, "Assessments", 2, "Framework version", "2019")),
        'Sheet "Assessments", row 2, column "Framework version": the file uses '
        "framework version '2019', this app uses version 'UNICEF 2021-09': "
        "assessments can only be imported into an installation with the same "
        "framework version.",
    ),
    "edited readable sheet": (
        excel_case(lambda b: set_cell(b, "Answers", 2, "Evidence", "typed here")),
        'Sheet "Answers", row 2, column "Evidence": \'typed here\' differs '
        "from the history sheets ('Loi n° 2010-272 portant interdiction de la "
        "traite des enfants, élève, Ministère.'). This sheet is for reading: "
        "undo the edit, or answer offline with the worksheet.",
    ),
    "not json": (
        lambda *_: ("bad.json", b'{"format": '),
        "The file is not valid JSON: line 1, column 12: Expecting value.",
    ),
    "json of another app": (
        lambda *_: ("bad.json", b"[1, 2]"),
        'The file is not an export of this app (it has no "format": "cpss-assessments").',
    ),
    "json framework version": (
        json_case(lambda d: d["framework"].update(version="2019")),
        '"framework", field "version": the file uses framework version '
        "'2019', this app uses version 'UNICEF 2021-09': assessments can "
        "only be imported into an installation with the same framework "
        "version.",
    ),
    "json framework not an object": (
        json_case(lambda d: d.update(framework=1)),
        'The file has no "framework" object naming the framework and its version.',
    ),
    "json phase out of range": (
        json_case(lambda d: d["ratings"][0].update(phase=0)),
        '"ratings", item 1, field "phase": 0 is out of range: a phase is 1 to 4.',
    ),
    "json unknown status": (
        json_case(lambda d: d["action_items"][0].update(status="later")),
        '"action_items", item 1, field "status": \'later\' is not one of: '
        "planned, in_progress, done, dropped.",
    ),
    "json lone surrogate": (
        json_case(lambda d: d["ratings"][1].update(evidence="a\ud800b")),
        '"ratings", item 2, field "evidence": holds a broken character (U+D800, '
        "half of a character pair) at character 2, which is not text and cannot "
        "be stored: remove it, or write the character again in full.",
    ),
    "json unknown source": (
        json_case(lambda d: d["ratings"][0].update(source="magic")),
        '"ratings", item 1, field "source": \'magic\' is not one of: solo, '
        "workshop, restore, worksheet.",
    ),
    "unknown source": (
        excel_case(lambda b: set_cell(b, "Rating history", 2, "Source", "import")),
        'Sheet "Rating history", row 2, column "Source": \'import\' is not one of: '
        "solo, workshop, restore, worksheet.",
    ),
    "json nested too deeply": (
        lambda *_: ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        "The file nests lists or objects too deeply (thousands of levels) to "
        "be read, so it is not an export of this app.",
    ),
    "wrong extension": (
        lambda *_: ("notes.txt", b"hello"),
        "notes.txt: choose a .json, .zip or .xlsx file exported from this app, or a "
        "filled-in offline worksheet (.xlsx).",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_with_the_place_and_nothing_is_written(
    source, other, framework, case
):
    make, message = BAD_FILES[case]
    name, data = make(*source[:1], framework, source[1])
    with pytest.raises(FileError if case != "wrong extension" else Exception) as raised:
        read_file(name, data, framework)(other)
    assert str(raised.value) == message
    assert set(row_counts(other).values()) == {0}


def voted_workshop(db, framework) -> str:
    """An assessment whose workshop has votes on 1.1 (three voters) and 1.2 (two); its id."""
    assessment_id = assessments.create(
        db,
        AssessmentDetails("KEN", "Kenya", "Workshop 2026", date(2026, 5, 1)),
        framework.version,
        by="t",
    )
    workshop = workshops.start(db, assessment_id, ask_names=True, by="t")
    workshops.open_subdomain(db, workshop.id, "1.1", by="t")
    amina, anonymous, baraka = (
        workshop_votes.join(db, workshop.id, "Amina"),
        workshop_votes.join(db, workshop.id),
        workshop_votes.join(db, workshop.id, "Baraka"),
    )
    workshop_votes.vote(db, workshop.id, amina, "1.1", 2, "Law passed in 2019")
    workshop_votes.vote(db, workshop.id, amina, "1.1", 3, "Changed my mind")
    workshop_votes.vote(db, workshop.id, anonymous, "1.1", "dont_know")
    workshop_votes.vote(db, workshop.id, baraka, "1.1", 2, "Not yet applied")
    workshops.open_subdomain(db, workshop.id, "1.2", by="t")
    workshop_votes.vote(db, workshop.id, amina, "1.2", 4, "Only I voted here")
    workshop_votes.vote(db, workshop.id, baraka, "1.2", 4)
    return assessment_id


def test_workshop_votes_are_exported_per_subdomain_with_nothing_that_links_them(
    db, framework, monkeypatch
):
    """Each participant's current vote, with its comment, goes into the export per subdomain: no
    name, no participant number, no time of day, in an order that says nothing of who joined
    first; a subdomain with fewer votes than the threshold is left out."""
    monkeypatch.delenv("CPSS_WORKSHOP_MIN_VOTES", raising=False)  # the default: 3 votes
    assessment_id = voted_workshop(db, framework)
    votes = gather(db, [assessment_id])["workshop_votes"]
    assert [(v["subdomain_id"], v["answer"], v["phase"], v["comment"]) for v in votes] == [
        ("1.1", "phase", 2, "Not yet applied"),  # sorted by vote, not by who joined first
        ("1.1", "phase", 3, "Changed my mind"),
        ("1.1", "dont_know", None, ""),
    ]
    assert {v["voted_on"] for v in votes} == {utc_now().date()}
    assert all(
        set(v)
        == {
            "assessment_id",
            "workshop_id",
            "subdomain_id",
            "answer",
            "phase",
            "comment",
            "voted_on",
        }
        for v in votes
    )
    exported = to_json(framework, gather(db, [assessment_id])).decode()
    assert json.loads(exported)["workshop_votes"][0]["voted_on"] == utc_now().date().isoformat()
    assert "Amina" not in exported and "Baraka" not in exported and "Only I voted" not in exported
    assert "participant" not in exported.lower()
    monkeypatch.setenv("CPSS_WORKSHOP_MIN_VOTES", "2")
    assert [v["subdomain_id"] for v in gather(db, [assessment_id])["workshop_votes"]] == [
        "1.1"
    ] * 3 + ["1.2"] * 2


def test_the_threshold_counts_per_workshop_and_subdomain(db, framework, monkeypatch):
    """Two workshops of one assessment with two votes each on 1.1: neither is exported at 3."""
    monkeypatch.setenv("CPSS_WORKSHOP_MIN_VOTES", "3")
    assessment_id = voted_workshop(db, framework)
    workshop = workshops.start(db, assessment_id, ask_names=False, by="t")
    workshops.open_subdomain(db, workshop.id, "1.2", by="t")
    for _ in range(2):
        workshop_votes.vote(db, workshop.id, workshop_votes.join(db, workshop.id), "1.2", 1)
    assert {v["subdomain_id"] for v in gather(db, [assessment_id])["workshop_votes"]} == {"1.1"}


@pytest.mark.parametrize("extension", ["json", "xlsx"])
def test_an_export_with_votes_imports_back_without_them(db, other, framework, extension):
    """Votes belong to a workshop, which an import does not recreate: the file imports, its
    answers arrive, its votes sheet or list is read past."""
    assessment_id = voted_workshop(db, framework)
    plan, _ = import_file(
        other, framework, f"e.{extension}", export(db, framework, [assessment_id], extension)
    )
    assert len(plan.new_assessments) == 1 and not plan.conflicts
    assert (
        gather(other, [assessment_id])["assessments"] == gather(db, [assessment_id])["assessments"]
    )
    assert other.value("SELECT count(*) FROM workshop_votes") == 0


def test_an_older_export_with_participant_numbers_still_imports(db, other, framework):
    """Files exported before votes lost their participant number and exact time import as before
    (the votes are not imported, so their older shape does no harm)."""
    assessment_id = voted_workshop(db, framework)
    document = json.loads(export(db, framework, [assessment_id], "json"))
    document["workshop_votes"] = [
        {
            **{k: v for k, v in vote.items() if k != "voted_on"},
            "participant": number,
            "recorded_at": "2026-05-01 09:12:34",
        }
        for number, vote in enumerate(document["workshop_votes"], start=1)
    ]
    plan, _ = import_file(other, framework, "old.json", json.dumps(document).encode())
    assert len(plan.new_assessments) == 1 and not plan.conflicts


def _json_with(db, framework, ids, edit) -> bytes:
    document = json.loads(export(db, framework, ids, "json"))
    edit(document)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    "when",
    ["9999-12-31 00:00:00", "0001-01-01 00:00:00", "1999-12-31 23:59:59", "tomorrow and a minute"],
)
@pytest.mark.parametrize("extension", ["json", "xlsx"])
def test_recorded_times_out_of_range_are_refused_with_the_place(
    source, other, framework, when, extension
):
    """A far-future time would win every later conflict; a time before 2000 is a slip."""
    if when == "tomorrow and a minute":
        when = (utc_now() + timedelta(days=1, minutes=1)).isoformat(sep=" ", timespec="seconds")
    db, ids = source
    if extension == "json":
        data = _json_with(db, framework, ids, lambda d: d["ratings"][2].update(recorded_at=when))
        place = '"ratings", item 3, field "recorded_at"'
    else:
        data = edit_workbook(
            export(db, framework, ids, "xlsx"),
            lambda b: set_cell(b, "Rating history", 4, "Recorded at (UTC)", when),
        )
        place = 'Sheet "Rating history", row 4, column "Recorded at (UTC)"'
    with pytest.raises(FileError) as raised:
        read_file(f"times.{extension}", data, framework)(other)
    assert re.fullmatch(
        re.escape(
            f"{place}: {when} is out of range: a recorded time is from 2000-01-01 "
            "to a day from now ("
        )
        + r"\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.",
        str(raised.value),
    ), str(raised.value)
    assert set(row_counts(other).values()) == {0}


def test_a_time_with_an_offset_is_stored_in_utc(source, other, framework):
    db, ids = source
    data = _json_with(
        db,
        framework,
        ids,
        lambda d: d["ratings"][0].update(recorded_at="2024-05-01T10:00:00+02:00"),
    )
    import_file(other, framework, "offset.json", data)
    assert gather(other, ids)["ratings"][0]["recorded_at"] == datetime(2024, 5, 1, 8, 0)


def _with_xml(data: bytes, marker: str, replacement: bytes) -> bytes:
    """The workbook with ``marker`` replaced by ``replacement`` in its XML, as no spreadsheet program
    writes it (a character reference to half a character pair, or such half in UTF-8)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename).replace(marker.encode(), replacement))
    return out.getvalue()


@pytest.mark.parametrize(
    "replacement", [b"&#xD800;", b"&#x1;", "\udcff".encode("utf-8", "surrogatepass")]
)
def test_a_workbook_whose_xml_holds_no_text_is_refused_with_the_sheet(
    source, other, framework, replacement
):
    """openpyxl parses a sheet while it is read: a character XML cannot hold stops it there."""
    db, ids = source
    marked = edit_workbook(
        export(db, framework, ids, "xlsx"),
        lambda b: set_cell(b, "Rating history", 3, "Evidence", "MARK"),
    )
    with pytest.raises(FileError) as raised:
        read_file("broken.xlsx", _with_xml(marked, "MARK", replacement), framework)(other)
    assert re.fullmatch(
        r'Sheet "Rating history", row 3: this row or one below cannot be read: its XML '
        r"is damaged or holds a character that is not text \((reference to invalid "
        r"character number|not well-formed \(invalid token\)): line 1, column \d+\)\. "
        r"Open it in Excel or LibreOffice, check the text near there and save it "
        r"again, or choose the file you exported\.",
        str(raised.value),
    ), str(raised.value)
    assert set(row_counts(other).values()) == {0}


def test_a_row_repeated_thousands_of_times_is_imported_once(source, other, framework):
    """25,000 copies of a rating took 42 s and held the database; they are one recorded version."""
    db, ids = source
    data = _json_with(
        db, framework, ids, lambda d: d.update(ratings=d["ratings"] + [d["ratings"][5]] * 25_000)
    )
    plan, written = import_file(other, framework, "repeated.json", data)
    assert plan.repeated == 25_000
    assert plan.summary().endswith("; 25,000 duplicate rows in the file, each counted once.")
    assert gather(other, ids) == gather(db, ids)  # every version once, in the order recorded
    again, written = import_file(other, framework, "repeated.json", data)
    assert written == 0 and again.is_known


def test_a_file_with_more_rows_than_an_import_takes_is_refused(
    source, other, framework, monkeypatch
):
    db, ids = source
    total = sum(len(gather(db, ids)[table.name]) for table in EXCHANGED_TABLES)
    monkeypatch.setattr(reading, "MAX_IMPORT_ROWS", 50)
    for extension in ("json", "xlsx"):
        with pytest.raises(FileError) as raised:
            read_file(f"big.{extension}", export(db, framework, ids, extension), framework)(other)
        assert str(raised.value) == (
            f"The file has {total:,} rows; an import takes at most 50. Export "
            "fewer assessments at a time, or check that the file is an "
            "export of this app."
        )
    assert set(row_counts(other).values()) == {0}
