"""The workshop pages through ``app.py`` with AppTest: what the facilitator and participants see,
and what ends up stored."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from cpss.db import assessments, workshop_votes, workshops
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from tests.conftest import ROOT
from tests.test_pages import app_db

KENYA = AssessmentDetails("KEN", "Kenya", "Workshop 2026", date(2026, 3, 1), "", "Amina")


def phase_texts(subdomain_id: str) -> list[str]:
    """The four criterion texts of a subdomain, as the projector shows them (plain text)."""
    from ui.resources import framework

    criteria = framework().subdomain(subdomain_id).criteria
    return [criteria[phase] for phase in sorted(criteria)]


def comments(app) -> list[str]:
    """The participants' comments on screen (plain-text lines starting with a bullet)."""
    return [text for text in texts(app, "text") if text.startswith("• ")]


def texts(at, kind="markdown"):
    return [element.value for element in getattr(at, kind)]


def facilitator(app, ask_names=False):
    """The facilitator's page with a workshop started on a new assessment."""
    db = app_db()
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    app.switch_page("app_pages/workshop.py").run()
    app.selectbox(key="ws_assessment").set_value(assessment_id).run()
    app.checkbox(key="ws_ask_names").set_value(ask_names)
    app.button(key="ws_start").click().run()
    assert not app.exception, app.exception
    return workshops.workshop(db, app.query_params["workshop"])


def participant(code: str, token: str | None = None) -> AppTest:
    """A participant's session opened from the join link (and their token, after joining)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["join"] = code
    if token:
        at.query_params["p"] = token
    at.run()
    assert not at.exception, at.exception
    return at


def test_facilitator_runs_a_subdomain_from_code_to_consensus(app):
    workshop = facilitator(app)
    assert f"{workshop.code[:3]} {workshop.code[3:]}" in texts(app)
    assert f"http\\://localhost\\:8501/?join\\={workshop.code}" in texts(app)
    assert app.get("image")  # the QR code of the link
    assert "0 of 19 subdomains agreed in this workshop" in app.get("progress")[0].proto.text

    app.selectbox(key="ws_pick").set_value("3.1").run()
    assert "## 3\\.1 Modelling, testing and scaling of child protection services" in texts(app)
    assert "**0 of 0** joined have voted" in texts(app)
    db = app_db()
    tokens = [workshop_votes.join(db, workshop.id) for _ in range(4)]
    for token, choice in zip(tokens, (1, 3, 3, "dont_know")):
        workshop_votes.vote(
            db, workshop.id, token, "3.1", choice, "piloted in two districts" if choice == 1 else ""
        )
    app.run()
    assert "**4 of 4** joined have voted" in texts(app)
    assert not app.get("progress")[1:] and "piloted in two districts" not in str(texts(app, "text"))

    app.button(key="ws_reveal").click().run()
    bars = [bar.proto.text for bar in app.get("progress")[1:]]
    assert bars == [
        "1 · System Building: 1 of 4",
        "2 · System Enhancement: 0 of 4",
        "3 · System Integration: 2 of 4",
        "4 · System Maturity: 0 of 4",
        "Don't know: 1 of 4",
    ]
    assert "**Most common:** 3 · System Integration (2 votes)" in texts(app)
    assert texts(app, "warning")[0].startswith(
        "**The room is split:** votes range from 1 · System Building to 3 · System Integration"
    )
    assert comments(app) == ["• piloted in two districts"]
    assert app.radio(key="ws_agreed").value == 3  # the median of 1, 3, 3
    app.button(key="ws_reveal").click().run()  # hide the votes, then reveal them again
    app.button(key="ws_reveal").click().run()
    assert app.radio(key="ws_agreed").value == 3  # still the median, not the first phase

    app.radio(key="ws_agreed").set_value(2)
    app.button(key="ws_record").click().run()
    assert texts(app, "error") == [
        "Not recorded: The rationale is required: write why the room "
        "agreed on this phase, then record it."
    ]
    app.text_area(key="ws_rationale").input("Pilots exist, no national model yet")
    app.button(key="ws_record").click().run()
    assert any(s.startswith("Recorded: 2 · System Enhancement") for s in texts(app, "success"))
    answer = assessments.current_answers(db, workshop.assessment_id)["3.1"]
    assert (answer.phase, answer.rationale) == (2, "Pilots exist, no national model yet")
    assert assessments.answer_history(db, workshop.assessment_id, "3.1")["source"][0] == "workshop"
    assert "1 of 19 subdomains agreed" in app.get("progress")[0].proto.text


def test_few_votes_keep_the_spread_hidden(app):
    workshop = facilitator(app)
    app.selectbox(key="ws_pick").set_value("1.1").run()
    db = app_db()
    for choice in (1, 4):
        workshop_votes.vote(
            db, workshop.id, workshop_votes.join(db, workshop.id), "1.1", choice, "my reason"
        )
    app.button(key="ws_reveal").click().run()
    assert texts(app, "info")[-1] == (
        "2 voted. The votes are shown from 3 votes on, so that no one's vote can be singled out."
    )
    assert len(app.get("progress")) == 1 and not app.warning
    assert texts(app, "text") == phase_texts("1.1")  # no comment, in any form
    assert not [t for kind in ("markdown", "caption") for t in texts(app, kind) if "my reason" in t]
    assert app.radio(key="ws_agreed").value is None  # no median from hidden votes


def test_a_second_reveal_waits_until_enough_votes_changed(app):
    """Reveal, reopen, one person changes their vote, reveal again: the new tally would show
    the room how that person voted, so the screen says why it waits instead."""
    workshop = facilitator(app)
    app.selectbox(key="ws_pick").set_value("1.1").run()
    db = app_db()
    tokens = [workshop_votes.join(db, workshop.id) for _ in range(3)]
    for token in tokens:
        workshop_votes.vote(db, workshop.id, token, "1.1", 2)
    app.button(key="ws_reveal").click().run()
    assert workshops.state(db, workshop.id).locked  # a reveal locks voting
    assert app.button(key="ws_lock").label == "Unlock voting"
    assert "2 · System Enhancement: 3 of 3" in [bar.proto.text for bar in app.get("progress")]
    app.button(key="ws_reopen").click().run()
    workshop_votes.vote(db, workshop.id, tokens[0], "1.1", 4)
    app.button(key="ws_reveal").click().run()
    assert texts(app, "warning") == [
        "Waiting: only 1 vote changed since the last reveal; showing them would single people "
        "out (at least 3 needed). Reopen the vote so that more can change theirs, or move on."
    ]
    assert len(app.get("progress")) == 1  # only the workshop's progress: no tally
    assert app.radio(key="ws_agreed").value is None  # no median from the withheld tally


def test_the_facilitator_removes_a_double_join(app):
    workshop = facilitator(app)
    db = app_db()
    first, second = workshop_votes.join(db, workshop.id), workshop_votes.join(db, workshop.id)
    app.selectbox(key="ws_pick").set_value("1.1").run()
    for token in (first, second):
        workshop_votes.vote(db, workshop.id, token, "1.1", 3)
    app.run()
    assert "**2 of 2** joined have voted" in texts(app)
    shown = [t for t in texts(app) if t.startswith("Anonymous · joined ")]
    assert len(shown) == 2 and all(t.endswith(" UTC") for t in shown)
    duplicate = workshop_votes.participants(db, workshop.id)[1][0]
    app.button(key=f"ws_remove_{duplicate}").click().run()
    assert "**1 of 1** joined have voted" in texts(app)
    assert len([t for t in texts(app) if t.startswith("Anonymous · joined ")]) == 1
    assert workshop_votes.votes_tally(db, workshop.id, "1.1", 1).votes == 1


def test_lock_reopen_who_joined_and_end(app):
    workshop = facilitator(app, ask_names=True)
    db = app_db()
    assert "**0** joined" in texts(app)
    workshop_votes.join(db, workshop.id, "Juma")
    workshop_votes.join(db, workshop.id, "")
    app.run()  # in a browser the join screen's fragment does this every few seconds
    assert "**2** joined" in texts(app) and texts(app, "text") == ["Juma"]  # before any subdomain
    app.selectbox(key="ws_pick").set_value("7.3").run()
    assert texts(app, "text")[4:] == ["Juma"]  # the names, after the four phase texts
    assert "1 anonymous participant" in texts(app, "caption")
    app.button(key="ws_lock").click().run()
    assert (
        workshops.state(db, workshop.id).locked
        and app.button(key="ws_lock").label == "Unlock voting"
    )
    app.button(key="ws_reopen").click().run()
    assert not workshops.state(db, workshop.id).locked
    app.button(key="ws_end").click().run()
    assert workshops.state(db, workshop.id).ended
    assert "This workshop has ended: its code no longer works. Its votes are kept." in texts(
        app, "info"
    )
    review = app.selectbox(key="ws_review")  # the votes of any subdomain can be shown again
    assert len(review.options) == 19 and review.value == "1.1"
    assert "Not agreed in this workshop." in texts(app)


def test_participant_joins_follows_and_votes(app):
    workshop = facilitator(app)
    at = participant(workshop.code)
    assert "Kenya · Workshop 2026 · 1 March 2026" in texts(at)[0].replace("\\", "")
    assert "Your votes are anonymous" in texts(at)[2]  # after the notice of what is kept
    at.button(key="join_enter").click().run()
    token = at.query_params["p"]
    assert texts(at, "info")[0].startswith("You have joined. Waiting for the facilitator")

    app.selectbox(key="ws_pick").set_value("4.1").run()
    at.run()  # in a browser the follow fragment does this within two seconds
    heading = (
        "### 4\\.1 Availability of independent accountability and oversight mechanisms "
        "for child protection"
    )
    assert heading in texts(at)  # the subdomain the facilitator opened, its whole title
    at.radio(key="vote").set_value(2).run()
    at.text_area(key="vote_comment").input("training plan exists")
    at.button(key="vote_send").click().run()
    assert texts(at, "success") == ["Your vote and comment are saved: 2 · System Enhancement."]
    assert not at.warning
    assert workshop_votes.my_vote(app_db(), workshop.id, token, "4.1") == (
        2,
        "training plan exists",
    )

    back = participant(workshop.code, token)  # a refresh: a new session from the same address
    assert back.radio(key="vote").value == 2
    assert back.text_area(key="vote_comment").value == "training plan exists"

    app.button(key="ws_lock").click().run()
    back.run()
    assert back.radio(key="vote").disabled
    assert texts(back, "info")[-1].startswith("Voting on this subdomain is locked.")
    back.text_area(key="vote_comment").input("a late thought").run()  # typed after the lock
    assert back.text_area(key="vote_comment").value == "a late thought"  # kept, and said unsent
    assert "Your comment was not sent: voting was locked first. It is still in the box." in texts(
        back, "warning"
    )


def test_participant_session_gets_the_join_page_only(app):
    workshop = facilitator(app)
    at = participant(workshop.code)
    assert "Join the workshop" in texts(at, "title")
    # the session's navigation holds the join page, and the privacy page it links to
    known = r"Known pages: \['[^,]*app_pages/join.py', '[^,]*app_pages/privacy.py'\]"
    with pytest.raises(ValueError, match=known):
        at.switch_page("app_pages/assess.py")


@pytest.mark.parametrize(
    "typed, message",
    [
        ("ZZZZZZ", "No workshop has the code ZZZ ZZZ. Check the code on the screen"),
        ("ab", "'ab' is not a join code: a code is 6 letters and digits"),
    ],
)
def test_wrong_codes_get_a_clear_message(app, typed, message):
    app.switch_page("app_pages/join.py").run()
    app.text_input(key="join_code_input").input(typed)
    app.button(key="join_go").click().run()
    if app.query_params.get("join"):
        app.run()
    assert any(e.startswith(message) for e in texts(app, "error")), texts(app, "error")


def test_an_ended_code_says_so(app):
    workshop = facilitator(app)
    workshops.end(app_db(), workshop.id, by="Amina")
    at = participant(workshop.code)
    assert texts(at, "error")[0].startswith(
        f"The workshop with the code {workshop.code[:3]} {workshop.code[3:]} has ended"
    )


def test_consensus_starts_from_the_room_not_the_previous_answer(app):
    workshop = facilitator(app)
    db = app_db()
    previous = Answer(evidence="Policy of 2019", rationale="My own reading: mature")
    assessments.save_answer(db, workshop.assessment_id, "2.1", previous.with_choice(4), by="Amina")
    app.selectbox(key="ws_pick").set_value("2.1").run()
    for choice in (1, 2):  # fewer than the 3 votes from which votes are shown
        workshop_votes.vote(
            db, workshop.id, workshop_votes.join(db, workshop.id), "2.1", choice, ""
        )
    app.button(key="ws_reveal").click().run()
    assert app.radio(key="ws_agreed").value is None  # not the previous answer's phase 4
    assert not app.radio(key="ws_agreed").help.startswith("Filled in")
    assert app.text_area(key="ws_rationale").value == ""
    assert app.text_area(key="ws_evidence").value == ""
    assert "Previous answer: 4 · System Maturity" in [t.replace("\\", "") for t in texts(app)]
    assert texts(app, "text")[4:6] == ["My own reading: mature", "Policy of 2019"]

    app.radio(key="ws_agreed").set_value(1)
    app.button(key="ws_record").click().run()  # one click no longer records a solo rationale
    assert texts(app, "error")[0].startswith("Not recorded: The rationale is required")
    assert assessments.current_answers(db, workshop.assessment_id)["2.1"].phase == 4

    app.button(key="ws_use_evidence").click().run()
    assert app.text_area(key="ws_evidence").value == "Policy of 2019"
    app.text_area(key="ws_rationale").input("No agreed model in the room")
    app.button(key="ws_record").click().run()
    answer = assessments.current_answers(db, workshop.assessment_id)["2.1"]
    assert (answer.phase, answer.rationale, answer.evidence) == (
        1,
        "No agreed model in the room",
        "Policy of 2019",
    )


def test_an_over_long_comment_or_name_is_kept_and_measured(app):
    workshop = facilitator(app, ask_names=True)
    at = participant(workshop.code)
    assert at.text_input(key="join_name").max_chars == 0  # no limit: the browser would cut a paste
    at.text_input(key="join_name").input("N" * 75)
    at.button(key="join_enter").click().run()
    assert texts(at, "error") == ["The name is too long: 75 of 60 characters: shorten it."]
    assert at.text_input(key="join_name").value == "N" * 75  # still there to shorten
    at.text_input(key="join_name").input("Neema")
    at.button(key="join_enter").click().run()

    app.selectbox(key="ws_pick").set_value("4.1").run()
    at.run()
    assert at.text_area(key="vote_comment").max_chars == 0
    at.radio(key="vote").set_value(2).run()
    at.text_area(key="vote_comment").input("x" * 1500).run()
    assert texts(at, "error") == [
        "Not saved: The comment is too long: 1,500 of 1,000 characters: shorten it."
    ]
    assert at.text_area(key="vote_comment").value == "x" * 1500
    at.run()  # the next rerun (the screen following the facilitator) still says it is not sent
    assert texts(at, "warning") == ["Your comment is not sent yet: press Send."]


def test_an_ended_workshop_refuses_its_code_and_can_be_reviewed(app):
    workshop = facilitator(app)
    app.selectbox(key="ws_pick").set_value("5.2").run()
    db = app_db()
    for choice in (2, 2, 3):
        workshop_votes.vote(
            db, workshop.id, workshop_votes.join(db, workshop.id), "5.2", choice, ""
        )
    app.button(key="ws_end").click().run()
    assert not app.get("button_group") and not [b for b in app.button if b.key == "ws_reveal"]
    app.selectbox(key="ws_review").set_value("5.2").run()
    bars = [bar.proto.text for bar in app.get("progress")[1:]]
    assert bars[1:3] == ["2 · System Enhancement: 2 of 3", "3 · System Integration: 1 of 3"]
    at = participant(workshop.code)
    assert texts(at, "error")[0].startswith(
        f"The workshop with the code {workshop.code[:3]} {workshop.code[3:]} has ended"
    )
    assert at.query_params.get("join") is None and "Join a workshop" in texts(at, "title")
