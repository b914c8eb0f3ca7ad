"""Who can run the room: in single-user mode the full app answers only this computer; another
device gets the join page and share links; open mode lets everyone in, with a warning on every page.

The rule (mode, local client -> actor) is tested as a unit; the pages with AppTest, the client's
address given by replacing the one helper that reads it (``ui.auth.client_address``). The real
addresses are in tests/test_local_only_browser.py.
"""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cpss.db import assessments, share_links, workshops
from cpss.model.access import EDIT, ELSEWHERE, SOLO, VOTE
from cpss.model.team import OPEN, SINGLE_USER, TEAM, SettingsError, is_local, team_settings, visitor
from tests.conftest import ROOT
from tests.test_pages import app_db
from tests.test_trust_pages import all_text
from tests.test_workshop_pages import KENYA, facilitator

TURNED_AWAY = "This app answers only the computer it runs on"
OPEN_WARNING = "Open mode: anyone who can reach this address can change everything."


def test_the_rule_single_user_mode_gives_the_full_app_to_this_computer_only():
    assert visitor(SINGLE_USER, local=True) == SOLO
    assert visitor(SINGLE_USER, local=False) == ELSEWHERE
    assert visitor(OPEN, local=False) == SOLO and visitor(OPEN, local=True) == SOLO
    assert visitor(TEAM, local=True) is None and visitor(TEAM, local=False) is None  # sign in
    assert visitor("anything else", local=False) == ELSEWHERE  # unknown: the safe side


def test_another_device_may_write_nothing_itself():
    assert not ELSEWHERE.may(EDIT) and not ELSEWHERE.may(VOTE, "any workshop")
    assert not ELSEWHERE.can_edit and not ELSEWHERE.is_admin and not ELSEWHERE.solo


@pytest.mark.parametrize("address", [None, "127.0.0.1", "::1", "127.0.1.1", "::ffff:127.0.0.1"])
def test_this_computer_is_no_address_or_a_loopback_one(address):
    assert is_local(address)


def test_anything_not_a_string_is_this_computer_as_under_apptest():
    assert is_local(object())


@pytest.mark.parametrize("address", ["192.0.2.7", "10.0.0.2", "fd00::2", "not an address", ""])
def test_any_other_address_is_another_device(address):
    assert not is_local(address)


def test_the_modes_from_the_environment_and_secrets():
    assert team_settings({}, {}).mode == SINGLE_USER
    assert team_settings({}, {"CPSS_MODE": "single-user"}).mode == SINGLE_USER
    assert team_settings({}, {"CPSS_MODE": " Open "}).mode == OPEN
    assert team_settings({"cpss": {"mode": "open"}}, {}).mode == OPEN
    assert team_settings({"cpss": {"mode": "open"}}, {"CPSS_MODE": "team"}).team
    with pytest.raises(SettingsError, match=r'is \'opne\': use "team".*"open"'):
        team_settings({}, {"CPSS_MODE": "opne"})
    with pytest.raises(SettingsError, match=r"\[auth\] section.*remove one of the two"):
        team_settings({"auth": {"client_id": "x"}}, {"CPSS_MODE": "open"})


@pytest.fixture
def remote(db_path, monkeypatch):
    """Sessions from another device: the one helper that reads the client's address says so."""
    from ui import auth

    monkeypatch.setattr(auth, "client_address", lambda: "192.0.2.7")
    st.cache_resource.clear()


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_another_device_is_turned_away_and_told_why(remote):
    at = run()
    assert [t.value for t in at.title] == [TURNED_AWAY]
    assert at.session_state["actor"] == ELSEWHERE
    assert "CPSS_MODE=team" in all_text(at) and "CPSS_MODE=open" in all_text(at)
    assert not at.sidebar.caption  # no navigation, no mode line
    at.button(key="local_only_join").click().run()
    assert [t.value for t in at.title] == ["Join a workshop"]  # the code form, as from ?join=


def test_another_device_has_no_other_page_to_switch_to(remote):
    at = run({"assessment": "x"})
    assert [t.value for t in at.title] == [TURNED_AWAY]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/assess.py")  # typed addresses: the browser test


def test_another_device_joins_with_the_join_link_and_opens_a_share_link(remote, framework):
    db = app_db()
    assessment_id = assessments.create(db, KENYA, framework.version, by="Amina")
    workshop = workshops.start(db, assessment_id, False, "Amina")
    joined = run({"join": workshop.code})
    assert [t.value for t in joined.title] == ["Join the workshop"]
    shared = run({"share": share_links.create(db, assessment_id, "Amina")})
    assert shared.session_state["actor"].role == "share" and not shared.error
    assert [t.value for t in shared.title] == ["Dashboard"]
    assert "Shared read-only" in all_text(shared)


def test_open_mode_gives_another_device_the_full_app_with_a_warning(remote, monkeypatch):
    monkeypatch.setenv("CPSS_MODE", "open")
    at = run()
    assert at.session_state["actor"] == SOLO
    assert [w.value for w in at.warning] == [OPEN_WARNING]
    at.switch_page("app_pages/workshop.py").run()
    assert OPEN_WARNING in [w.value for w in at.warning]  # on every page


def test_this_computer_gets_the_full_app_without_the_open_warning(app):
    assert app.session_state["actor"] == SOLO and not app.warning
    assert any("on this computer only" in c.value for c in app.sidebar.caption)


def test_start_a_workshop_says_phones_get_only_the_join_page(app):
    facilitator(app)  # started: back to the start form of another assessment
    app.query_params.pop("workshop")
    app.run()
    assert any("phones get only the join page" in c.value for c in app.caption)
