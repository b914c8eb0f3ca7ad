"""Issue 22 part A in storage, on both engines: a save after the personal-data warning is noted
(who, when, which kinds, never the text), the import preview lists cells that look like personal
data, and a name is removed from every workshop on request (votes kept, the removal recorded)."""

from datetime import date
from decimal import Decimal

import pytest

from cpss.db import assessments, investment, name_removal, plans, workshop_votes, workshops
from cpss.db.core import connect
from cpss.db.personal_data import ACTION, ANSWER, VOTE_COMMENT, overrides, place
from cpss.exchange.export import gather, to_excel, to_json
from cpss.exchange.importing import read_file
from cpss.exchange.personal_cells import cells_table, personal_data_cells
from cpss.model.access import Actor
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.investment import Spend
from cpss.model.plans import ActionItem

KENYA = AssessmentDetails("KEN", "Kenya", "Baseline 2026", date(2026, 3, 1), "", "Amina")
PHONE = "Ask the district officer, +254 712 345 678."


@pytest.fixture
def assessment_id(db) -> str:
    return assessments.create(db, KENYA, "v1", by="Amina")


def test_saving_anyway_is_noted_with_who_when_and_the_kinds(db, assessment_id):
    answer = Answer("phase", 2, evidence=PHONE, rationale="see a.b@example.org")
    kinds = {"evidence": ["phone"], "rationale": ["email"]}
    assessments.save_answer(db, assessment_id, "1.1", answer, "Amina", overridden=kinds)
    assessments.save_answer(db, assessment_id, "1.2", Answer("phase", 1), "Amina")  # no warning
    noted = overrides(db, assessment_id, place(ANSWER, "1.1"))
    assert sorted(zip(noted["field"], noted["kinds"])) == [
        ("evidence", "phone"),
        ("rationale", "email"),
    ]
    assert set(noted["recorded_by"]) == {"Amina"} and noted["recorded_at"].notna().all()
    assert "+254" not in " ".join(noted.astype(str).to_numpy().ravel())  # never the text itself
    assert overrides(db, assessment_id, place(ANSWER, "1.2")).empty


def test_a_refused_save_notes_no_override(db, assessment_id):
    assessments.set_status(db, assessment_id, "final", by="Amina")
    with pytest.raises(Exception, match="final"):
        assessments.save_answer(
            db,
            assessment_id,
            "1.1",
            Answer("phase", 2, evidence=PHONE),
            "Amina",
            overridden={"evidence": ["phone"]},
        )
    assert overrides(db, assessment_id, place(ANSWER, "1.1")).empty


def test_an_action_item_and_a_participant_comment_note_their_override(db, assessment_id):
    item_id = plans.add_item(db, assessment_id, ActionItem("Train staff"), "Amina")
    notes = ActionItem("Train staff", notes=PHONE)
    plans.update_item(db, item_id, notes, "Amina", overridden={"notes": ["phone"]})
    assert list(overrides(db, assessment_id, place(ACTION, item_id))["field"]) == ["notes"]
    workshop = workshops.start(db, assessment_id, False, "Amina")
    workshops.open_subdomain(db, workshop.id, "3.1", "Amina")
    token = workshop_votes.join(db, workshop.id)
    workshop_votes.vote(db, workshop.id, token, "3.1", 2, PHONE, overridden={"comment": ["phone"]})
    where = place(VOTE_COMMENT, f"{workshop.id}/3.1")
    assert list(overrides(db, assessment_id, where)["kinds"]) == ["phone"]


@pytest.fixture
def other(tmp_path):
    """A second, empty installation to import into."""
    con = connect(tmp_path / "other.duckdb")
    yield con.db()
    con.close()


@pytest.mark.parametrize(("writer", "name"), [(to_json, "e.json"), (to_excel, "e.xlsx")])
def test_the_import_preview_lists_a_phone_number_cell(db, other, framework, writer, name):
    assessment_id = assessments.create(db, KENYA, framework.version, by="Amina")
    assessments.save_answer(db, assessment_id, "1.1", Answer("phase", 1, evidence="Act 2022"), "A")
    assessments.save_answer(db, assessment_id, "1.1", Answer("phase", 2, evidence=PHONE), "A")
    data = writer(framework, gather(db, [assessment_id]))
    plan = read_file(name, data, framework)(other)
    (cell,) = personal_data_cells(plan)
    assert (cell.sheet, cell.field, cell.seen, cell.text) == (
        "Rating history",
        "Evidence",
        ("phone",),
        "+254 712 345 678",
    )
    assert cell.row == (3 if name.endswith("xlsx") else 2)  # the second rating, under a header
    table = cells_table([cell])
    assert table.iloc[0]["What was seen"] == "a phone number: +254 712 345 678"


def test_a_name_is_removed_from_every_workshop_votes_kept(db, assessment_id):
    tokens = {}
    for _ in range(2):
        workshop = workshops.start(db, assessment_id, True, "Amina")
        workshops.open_subdomain(db, workshop.id, "1.1", "Amina")
        token = workshop_votes.join(db, workshop.id, "  Zoé  Martin ")
        workshop_votes.join(db, workshop.id, "Ali")
        workshop_votes.vote(db, workshop.id, token, "1.1", 3, "ok")
        tokens[workshop.id] = token
    found = name_removal.matches(db, "zoe martin")
    assert len(found) == 2 and {n.workshop_id for n in found} == set(tokens)
    assert name_removal.remove_name(db, "Zoe Martin", by="Ada") == 2
    for workshop_id, token in tokens.items():
        assert workshop_votes.participant_names(db, workshop_id) == ["", "Ali"]  # anonymous
        assert workshop_votes.my_vote(db, workshop_id, token, "1.1") == (3, "ok")  # kept
    assert not name_removal.matches(db, "Zoé Martin")
    ((_when, who, participants, in_workshops),) = name_removal.removals(db)
    assert (who, participants, in_workshops) == ("Ada", 2, 2)
    leftovers = db.rows("SELECT count(*) FROM workshop_participants WHERE name LIKE '%Zo%'")
    assert leftovers == [(0,)]  # no copy of the name anywhere


def test_only_an_administrator_removes_a_name(db, assessment_id):
    workshop = workshops.start(db, assessment_id, True, "Amina")
    workshop_votes.join(db, workshop.id, "Zoé")
    with pytest.raises(Exception, match="Not allowed"):
        name_removal.remove_name(db.as_actor(Actor("eve", "editor")), "Zoé")
    assert workshop_votes.participant_names(db, workshop.id) == ["Zoé"]


def test_the_import_preview_lists_a_phone_number_in_a_spending_note(db, other, framework):
    assessment_id = assessments.create(db, KENYA, framework.version, by="Amina")
    item_id = plans.add_item(
        db, assessment_id, ActionItem("Draft the regulation", subdomain_id="1.1"), "Amina"
    )
    spend = Spend(date(2026, 2, 1), Decimal("100.00"), "USD", f"Paid to the consultant {PHONE}")
    investment.add_spend(db, item_id, spend, "Amina")
    plan = read_file("e.json", to_json(framework, gather(db, [assessment_id])), framework)(other)
    (cell,) = personal_data_cells(plan)
    assert (cell.field, cell.seen, cell.text) == ("Note", ("phone",), "+254 712 345 678")
