"""Data and retention with AppTest, in team mode: the access log records a dashboard's opening
(once per session), an export, a report built to download and a share link's opening (counted per
link); the administrator's page shows the rules, asks before a first removal, and shows the log."""

from __future__ import annotations

from datetime import timedelta

import pytest
import streamlit as st

from cpss.db import access_log, retention, workshop_votes, workshops
from cpss.model.access import EDIT, Actor
from cpss.model.retention import NAMES
from cpss.model.times import utc_now
from tests.test_pages import app_db
from tests.test_trust_pages import frame, fresh
from tests.trust_support import populate

VIC = Actor("vic", "viewer")
ADA = Actor("ada", "admin")


@pytest.fixture
def team(app_database, monkeypatch, framework):
    """Team mode on the test database, with an account of each role and a populated assessment."""
    monkeypatch.setenv("CPSS_MODE", "team")
    st.cache_resource.clear()
    return populate(app_db(), framework)


def logged() -> list[tuple]:
    """(person, action, assessment, link) of every access-log entry, oldest first."""
    found = access_log.entries(app_db())
    rows = found[["person", "action", "assessment_id", "link_id"]].itertuples(index=False)
    return [tuple(row) for row in rows][::-1]


def test_a_dashboard_opening_is_logged_once_per_session(team):
    at = fresh(VIC)
    at.switch_page("app_pages/dashboard.py").run()
    assert not at.exception
    at.run()  # a rerun (a widget touched) is not another opening
    assert logged() == [("vic", "opened", team.assessment_id, None)]


def test_an_export_and_a_report_are_logged(team):
    at = fresh(VIC)
    at.switch_page("app_pages/exchange.py").run()
    at.multiselect(key="exchange_pick").set_value([team.assessment_id]).run()
    at.button(key="export_build").click().run()
    at.button(key="build_pdf").click().run()
    assert not at.exception and not at.error
    assert logged() == [
        ("vic", "exported", team.assessment_id, None),
        ("vic", "downloaded_report", team.assessment_id, None),
    ]


def test_share_link_openings_are_counted_per_link(team):
    for _ in range(2):  # two visitors, two sessions
        assert not fresh(query={"share": team.share_token}).exception
    link = access_log.link_id(team.share_token)
    assert logged() == [("share link", "share_link_opened", team.assessment_id, link)] * 2
    counts = access_log.link_openings(app_db())
    assert counts[["link_id", "openings"]].values.tolist() == [[link, 2]]
    assert team.share_token not in str(access_log.entries(app_db()).values.tolist())


def test_nothing_is_logged_in_single_user_mode(app, framework):
    world = populate(app_db(), framework)
    app.switch_page("app_pages/dashboard.py").run()
    assert not app.exception and world.assessment_id
    assert logged() == []


def ended_days_ago(db, workshop_id: str, days: int) -> None:
    """Mark the workshop ended ``days`` ago (a state row recorded then)."""
    db.write(
        EDIT,
        lambda tx: tx.run(
            "INSERT INTO workshop_states (workshop_id, subdomain_id, locked, revealed, ended, "
            "recorded_at, recorded_by) VALUES (:id, NULL, true, false, true, :at, 'Amina')",
            {"id": workshop_id, "at": utc_now() - timedelta(days=days)},
        ),
    )


def test_the_admin_page_asks_before_a_first_removal_and_shows_the_log(team):
    db = app_db()
    held = workshops.start(db, team.assessment_id, True, "Amina")
    workshop_votes.join(db, held.id, "Ruth")
    ended_days_ago(db, held.id, 10)
    access_log.record(db.as_actor(VIC), access_log.OPENED, team.assessment_id)
    at = fresh(ADA)
    at.switch_page("app_pages/retention.py").run()
    assert not at.exception and at.title[0].value == "Data and retention"
    assert "vic" in frame(at, "Who")["Who"].tolist()
    assert [b.key for b in at.get("download_button")] == ["log_csv"]
    at.number_input(key="ret_days_names").set_value(5).run()
    assert "This will remove 1 participant's name now." in [w.value for w in at.warning]
    assert at.button(key="ret_save_names").disabled  # nothing saved before it is understood
    at.checkbox(key="ret_sure_names").check().run()
    at.button(key="ret_save_names").click().run()
    assert retention.settings(db)[NAMES].days == 5
    retention.run(db, utc_now())
    assert workshop_votes.participant_names(db, held.id) == [""]
    at.run()
    assert "Participants' names removed" in frame(at, "How many")["What"].tolist()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_page_leaves_no_english_in_another_language(db_path, language):
    from tests.test_languages_pages import english_on_screen, in_language

    at = in_language(language, "app_pages/retention.py")
    assert not english_on_screen(at, language)


def test_opening_the_app_runs_retention_when_due(team):
    db = app_db()
    held = workshops.start(db, team.assessment_id, True, "Amina")
    workshop_votes.join(db, held.id, "Ruth")
    ended_days_ago(db, held.id, 10)
    retention.save_setting(db, NAMES, 5, True)
    assert not fresh(VIC).exception  # any page load, a viewer's too
    assert workshop_votes.participant_names(db, held.id) == [""]
    assert retention.events(db)["recorded_by"].tolist() == ["retention rule"]
