"""Issue 22 part A on the pages: the personal-data warning before saving (walk-through), the
override in the subdomain's history, the join notice before the name box, the privacy page."""

from urllib.parse import parse_qs

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cpss.db import assessments, plans, retention, workshop_votes
from cpss.db.personal_data import ACTION, ANSWER, VOTE_COMMENT, overrides, place
from cpss.model.access import Actor
from cpss.model.retention import NAMES
from tests.test_dashboard_pages import demo_ids
from tests.test_pages import app_db, start_assessment
from tests.test_trust_pages import all_text, fresh
from tests.test_workshop_pages import facilitator, participant
from tests.trust_support import populate

PHONE = "Confirmed by the district officer on +254 712 345 678."


def warning_texts(app) -> list[str]:
    return [w.value for w in app.warning]


def test_a_phone_number_in_the_evidence_is_not_saved_before_save_anyway(app):
    assessment_id = start_assessment(app)
    app.text_area(key="evidence").input(PHONE).run()
    assert not app.exception, app.exception
    shown = "\n".join(warning_texts(app))
    assert "This looks like personal data" in shown and "+254 712 345 678" in shown
    assert "a phone number" in shown
    assert "1.1" not in assessments.current_answers(app_db(), assessment_id)

    app.button(key="answer_save_anyway").click().run()
    assert not app.exception, app.exception
    assert assessments.current_answers(app_db(), assessment_id)["1.1"].evidence == PHONE
    noted = overrides(app_db(), assessment_id, place(ANSWER, "1.1"))
    assert list(noted["field"]) == ["evidence"] and list(noted["kinds"]) == ["phone"]
    assert not any("This looks like personal data" in w for w in warning_texts(app))

    app.toggle(key="show_history").set_value(True).run()
    (table,) = [t.value for t in app.dataframe if "What was seen" in t.value.columns]
    assert list(table["Field"]) == ["Evidence or means of verification"]
    assert list(table["What was seen"]) == ["a phone number"]


def test_edit_closes_the_warning_and_saves_nothing(app):
    assessment_id = start_assessment(app)
    app.text_area(key="evidence").input("Case CP-2023-00451 was reviewed.").run()
    app.button(key="answer_edit").click().run()
    assert not any("This looks like personal data" in w for w in warning_texts(app))
    assert "1.1" not in assessments.current_answers(app_db(), assessment_id)
    app.text_area(key="evidence").input("Case files reviewed in 4 counties.").run()
    assert assessments.current_answers(app_db(), assessment_id)["1.1"].evidence.startswith("Case")
    assert overrides(app_db(), assessment_id, place(ANSWER, "1.1")).empty


def test_ordinary_evidence_saves_without_a_warning(app):
    assessment_id = start_assessment(app)
    app.text_area(key="evidence").input("Children Act 2022, section 9; budget KES 2,450,000").run()
    assert not any("personal data" in w for w in warning_texts(app))
    assert "2,450,000" in assessments.current_answers(app_db(), assessment_id)["1.1"].evidence


def in_order(node) -> list:
    """Every element under ``node`` in the order the page shows them."""
    children = getattr(node, "children", None)
    if children is None:
        return [node]
    return [element for key in sorted(children) for element in in_order(children[key])]


def test_the_join_page_shows_the_notice_before_the_name_box(app):
    workshop = facilitator(app, ask_names=True)
    at = participant(workshop.code)
    shown = in_order(at.main)
    notice = next(i for i, e in enumerate(shown) if "What is kept" in str(getattr(e, "value", "")))
    name_box = next(i for i, e in enumerate(shown) if getattr(e, "key", None) == "join_name")
    assert notice < name_box
    text = shown[notice].value
    assert "Names are removed 90 days after the workshop ends" in text
    assert privacy_links(at)


def privacy_links(at) -> list:
    return [link for link in at.get("page_link") if link.proto.label == "Data and privacy"]


def opens_privacy(at) -> AppTest:
    at.switch_page("app_pages/privacy.py").run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Data and privacy"]
    assert "Participants' names: 90 days after the workshop ends" in all_text(at)
    assert "Ask an administrator of this app" in all_text(at)
    return at


def test_a_participant_reaches_the_privacy_page_and_comes_back_to_the_ballot(app):
    workshop = facilitator(app)
    at = participant(workshop.code)
    at.button(key="join_enter").click().run()
    token = at.query_params["p"]
    address = {"join": [workshop.code], "p": [token]}
    assert address.items() <= parse_qs(privacy_links(at)[0].proto.query_string).items()
    privacy = opens_privacy(participant(workshop.code, token))
    (back,) = [link for link in privacy.get("page_link") if link.proto.label == "Back"]
    assert address.items() <= parse_qs(back.proto.query_string).items()  # back to the ballot


@pytest.fixture
def team_mode(app_database, monkeypatch, framework):
    """Team mode with an account of each role, a workshop and a share link."""
    monkeypatch.setenv("CPSS_MODE", "team")
    st.cache_resource.clear()
    return populate(app_db(), framework)


@pytest.mark.parametrize("role", ["admin", "editor", "viewer"])
def test_every_role_has_the_privacy_page_in_its_menu(team_mode, role):
    names = {"admin": "ada", "editor": "eve", "viewer": "vic"}
    opens_privacy(fresh(Actor(names[role], role)))


def test_a_share_link_and_the_sign_in_page_link_to_the_privacy_page(team_mode):
    shared = fresh(query={"share": team_mode.share_token})
    assert privacy_links(shared)
    opens_privacy(shared)
    assert shared.session_state["actor"].role == "share"  # still the share link's session
    signing_in = fresh()
    assert [t.value for t in signing_in.title] == ["Sign in"] and privacy_links(signing_in)
    opens_privacy(signing_in)


def test_an_administrator_removes_a_name_after_seeing_its_matches(app):
    workshop = facilitator(app, ask_names=True)
    kept = workshop_votes.join(app_db(), workshop.id, "Zoé Martin")
    app.switch_page("app_pages/admin.py").run()
    app.text_input(key="remove_name_typed").input("zoe martin").run()
    (matches,) = [t.value for t in app.dataframe if "Workshop code" in t.value.columns]
    assert list(matches["Name"]) == ["Zoé Martin"]
    assert app.button(key="remove_name_go").disabled  # a tick first
    app.checkbox(key="remove_name_sure").check().run()
    app.button(key="remove_name_go").click().run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == [
        "The name was removed from 1 participant; the removal is recorded."
    ]
    assert workshop_votes.participant_names(app_db(), workshop.id) == [""]
    assert workshop_votes.participant_id(app_db(), workshop.id, kept)  # still a participant
    assert any("removed a name from 1 participant" in c.value for c in app.caption)


def test_a_participants_comment_with_a_phone_number_waits_for_save_anyway(app):
    workshop = facilitator(app)
    at = participant(workshop.code)
    at.button(key="join_enter").click().run()
    token = at.query_params["p"]
    app.selectbox(key="ws_pick").set_value("4.1").run()
    at.run()
    at.radio(key="vote").set_value(2).run()
    at.text_area(key="vote_comment").input("Llamen a la trabajadora social: +34 612 34 56 78")
    at.button(key="vote_send").click().run()
    assert any("This looks like personal data" in w for w in warning_texts(at))
    assert workshop_votes.my_vote(app_db(), workshop.id, token, "4.1") == (2, "")
    at.button(key="vote_save_anyway").click().run()
    assert not at.exception, at.exception
    assert workshop_votes.my_vote(app_db(), workshop.id, token, "4.1")[1].endswith("56 78")
    where = place(VOTE_COMMENT, f"{workshop.id}/4.1")
    noted = overrides(app_db(), workshop.assessment_id, where)
    assert list(noted["kinds"]) == ["phone"]
    assert list(noted["recorded_by"]) == ["workshop participant"]  # anonymous, as the vote


def test_the_facilitators_consensus_with_an_e_mail_address_waits_for_save_anyway(app):
    workshop = facilitator(app)
    app.selectbox(key="ws_pick").set_value("2.1").run()
    db = app_db()
    workshop_votes.vote(db, workshop.id, workshop_votes.join(db, workshop.id), "2.1", 2, "")
    app.button(key="ws_reveal").click().run()
    app.radio(key="ws_agreed").set_value(2)
    app.text_area(key="ws_rationale").input("As the coordinator said (amina@example.org)")
    app.button(key="ws_record").click().run()
    assert any("an e-mail address" in w for w in warning_texts(app))
    assert "2.1" not in assessments.current_answers(app_db(), workshop.assessment_id)
    app.button(key="ws_consensus_save_anyway").click().run()
    assert not app.exception, app.exception
    answer = assessments.current_answers(app_db(), workshop.assessment_id)["2.1"]
    assert answer.rationale.endswith("(amina@example.org)")
    noted = overrides(app_db(), workshop.assessment_id, place(ANSWER, "2.1"))
    assert list(noted["field"]) == ["rationale"]


def test_an_action_note_with_a_case_number_waits_for_save_anyway(app):
    demo = app
    demo.button(key="load_demo").click().run()
    demo.switch_page("app_pages/plan.py").run()
    demo.button(key="accept_2.3").click().run()
    _, follow_up = demo_ids(demo)
    (item,) = plans.items(app_db(), follow_up)
    form = f"item_{item.item_id}"
    demo.text_area(key=f"{form}_notes").input("Follow case CP-2023-00451 with the court.")
    demo.button(key=f"{form}_save").click().run()
    assert any("a case or ID number" in w for w in warning_texts(demo))
    assert plans.items(app_db(), follow_up)[0].item.notes == ""
    demo.button(key=f"{form}_save_anyway").click().run()
    assert not demo.exception, demo.exception
    assert plans.items(app_db(), follow_up)[0].item.notes.startswith("Follow case")
    noted = next(d.value for d in demo.dataframe if "What was seen" in d.value.columns)
    assert list(noted["Field"]) == ["Notes"] and list(noted["What was seen"]) == [
        "a case or ID number"
    ]


def test_a_new_action_with_an_e_mail_address_waits_for_save_anyway(app):
    assessment_id = start_assessment(app)
    app.switch_page("app_pages/plan.py").run()
    app.text_input(key="new_item_what").input("Send the draft to j.doe@example.org")
    app.button(key="new_item_add").click().run()
    assert any("an e-mail address" in w for w in warning_texts(app))
    assert plans.items(app_db(), assessment_id) == []
    app.button(key="new_item_save_anyway").click().run()
    assert not app.exception, app.exception
    (item,) = plans.items(app_db(), assessment_id)
    assert list(overrides(app_db(), assessment_id, place(ACTION, item.item_id))["field"]) == [
        "what"
    ]


def test_with_the_names_rule_switched_off_the_notice_promises_no_removal(app):
    retention.save_setting(app_db(), NAMES, 90, False)
    workshop = facilitator(app, ask_names=True)
    at = participant(workshop.code)
    notice = next(m.value for m in at.markdown if "What is kept" in m.value)
    assert "Names are kept until an administrator removes them" in notice
    assert "90 days" not in notice
    at.switch_page("app_pages/privacy.py").run()
    assert "Participants' names: kept until an administrator removes them." in all_text(at)
