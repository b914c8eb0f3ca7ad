"""Pages with AppTest: single-user line, sign-in, viewer pages without write widgets, share links,
history and restore, deleting with confirmation and undo, the join-code brake, backups.

Each role starts a fresh AppTest with its actor in the session, as a sign-in leaves it; the
navigation per role is checked here (pages a role cannot switch to) and in the browser test.
"""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cpss.db import assessments, lifecycle, share_links
from cpss.model.access import Actor
from tests.conftest import ROOT
from tests.test_pages import app_db
from tests.trust_support import PASSWORD, populate


def fresh(actor: Actor | None = None, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if actor is not None:
        at.session_state["actor"] = actor
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def frame(at, column: str):
    """The dataframe on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def all_text(at) -> str:
    return " ".join(
        str(e.value)
        for kind in ("markdown", "caption", "error", "info", "title", "success", "warning")
        for e in getattr(at, kind)
    )


@pytest.fixture
def team(app_database, monkeypatch, framework):
    """Team mode on the test database, with an account of each role and a populated assessment."""
    monkeypatch.setenv("CPSS_MODE", "team")
    st.cache_resource.clear()
    return populate(app_db(), framework)


def test_single_user_mode_says_so_in_the_sidebar(app):
    assert any(
        "Single-user mode: no sign-in, everything is allowed" in c.value
        for c in app.sidebar.caption
    )


def test_team_mode_asks_to_sign_in_and_refuses_a_wrong_password(team):
    at = fresh()
    assert [t.value for t in at.title] == ["Sign in"]
    at.text_input(key="signin_name").input("vic")
    at.text_input(key="signin_password").input("wrong password")
    at.button(key="signin_go").click().run()
    assert at.error[0].value == "Wrong name or password (or the account is disabled)."
    at.text_input(key="signin_password").input(PASSWORD)
    at.button(key="signin_go").click().run()
    assert not at.error and at.session_state["actor"] == Actor("vic", "viewer")
    assert "You can read the dashboards and reports" in all_text(at)  # the viewer's start page


def test_a_viewer_gets_pages_without_write_widgets(team):
    at = fresh(Actor("vic", "viewer"))
    assert not at.exception
    assert any("Signed in as vic (Viewer)" in c.value for c in at.sidebar.caption)
    keys = {getattr(b, "key", None) for b in at.button}
    assert "load_demo" not in keys and f"open_{team.assessment_id}" not in keys
    assert f"dashboard_{team.assessment_id}" in keys  # dashboards are for reading
    assert "You can read the dashboards and reports" in all_text(at)
    at.switch_page("app_pages/plan.py").run()
    assert not at.exception and not at.error
    assert not [b for b in at.button if b.key.startswith(("accept_", "up_", "dismiss_"))]
    assert "Draft the law" in str(at.get("table")[0].proto)  # the plan, as a static table
    at.switch_page("app_pages/exchange.py").run()
    assert [t.label for t in at.tabs] == ["Reports", "Export", "Offline worksheet"]


def test_a_viewer_cannot_reach_the_pages_that_write(team):
    at = fresh(Actor("vic", "viewer"))
    for page in (
        "app_pages/assess.py",
        "app_pages/workshop.py",
        "app_pages/admin.py",
        "app_pages/join.py",
    ):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    editor = fresh(Actor("eve", "editor"))
    editor.switch_page("app_pages/assess.py")  # editors have the walk-through...
    with pytest.raises(ValueError):
        editor.switch_page("app_pages/admin.py")  # ...but not the administration


def test_a_write_made_without_the_pages_buttons_is_refused_for_a_viewer(team):
    """A viewer's session that reaches the walk-through's callbacks anyway (as a crafted request
    would): the db still says no, and nothing is stored."""
    at = fresh(Actor("eve", "editor"), {"assessment": team.assessment_id, "subdomain": "1.1"})
    at.switch_page("app_pages/assess.py").run()
    at.session_state["actor"] = Actor("vic", "viewer")
    at.radio(key="choice").set_value(4).run()
    kind, text = at.session_state["save_state"]  # what the walk-through would show
    assert kind == "error"
    assert text.startswith("Not allowed: vic (Viewer) may not create or change assessments")
    assert assessments.current_answers(app_db(), team.assessment_id)["1.1"].phase == 2
    assert "choice" not in [r.key for r in at.radio]  # and app.py then shows a viewer's page


def test_a_share_link_opens_that_dashboard_read_only_until_revoked(team):
    at = fresh(query={"share": team.share_token})
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["Dashboard"]
    assert "Shared read-only" in all_text(at)
    # no assessment picker (only the language): this assessment and nothing else
    assert [box.key for box in at.selectbox] == ["language_picker"]
    assert at.session_state["actor"].role == "share"
    share_links.revoke(app_db(), team.share_token, "Amina")
    again = fresh(query={"share": team.share_token})
    assert "This share link does not work (any more)" in again.error[0].value
    assert not again.get("vega_lite_chart")


def test_history_restore_delete_and_undo_in_the_walk_through(app, framework):
    db = app_db()
    world = populate(db, framework)
    app.query_params["assessment"] = world.assessment_id
    app.query_params["subdomain"] = "1.1"
    app.switch_page("app_pages/assess.py").run()
    assert app.radio(key="choice").value == 2
    assert not [t for t in app.dataframe if "Answer" in t.value.columns]  # shown on request
    app.toggle(key="show_history").set_value(True).run()
    history = frame(app, "Answer")
    assert history["Answer"].tolist() == ["2 · System Enhancement", "1 · System Building"]
    app.radio(key="choice").set_value(3).run()  # the open history shows the version just saved
    assert frame(app, "Answer")["Answer"].tolist()[0] == "3 · System Integration"
    app.button(key="restore_1.1").click().run()  # the version picked before: the first one
    assert app.radio(key="choice").value == 1
    assert (
        assessments.answer_history(db, world.assessment_id, "1.1")["source"].tolist()[0]
        == "restore"
    )
    assert [s.value for s in app.success][-1].endswith("(an earlier version restored)")
    assert not [b for b in app.button if b.key == "delete_assessment"]  # shown on request
    app.toggle(key="manage_assessment").set_value(True).run()
    app.button(key="delete_assessment").click().run()
    assert app.session_state["confirm_delete"] == world.assessment_id
    assert "It will be hidden everywhere" in all_text(app)
    app.button(key="delete_confirm").click().run()
    assert assessments.list_all(db).empty
    app.switch_page("app_pages/home.py").run()
    app.button(key=f"undelete_{world.assessment_id}").click().run()
    assert len(assessments.list_all(db)) == 1


def test_editing_details_keeps_their_history(app, framework):
    world = populate(app_db(), framework)
    app.query_params["assessment"] = world.assessment_id
    app.switch_page("app_pages/assess.py").run()
    app.toggle(key="manage_assessment").set_value(True).run()
    app.text_input(key="edit_title").input("<b>Revised</b> **baseline**")
    app.button(key="edit_save").click().run()
    assert not app.error
    assert frame(app, "Title")["Title"].tolist() == ["<b>Revised</b> **baseline**", "Baseline 2026"]
    assert "\\<b\\>Revised\\</b\\> \\*\\*baseline\\*\\*" in app.header[0].value  # shown as typed


def test_wrong_join_codes_are_slowed_down(app):
    app.switch_page("app_pages/join.py").run()
    for _attempt in range(6):
        app.text_input(key="join_code_input").input("ZZZZZZ")
        app.button(key="join_go").click().run()
    messages = " ".join(e.value for e in app.error)
    assert "Too many wrong tries: wait" in messages and "before trying another code" in messages


@pytest.mark.parametrize("engine", ["duckdb"], indirect=True)
def test_an_administrator_makes_a_backup_from_the_page(app, framework, tmp_path, monkeypatch):
    populate(app_db(), framework)
    monkeypatch.setenv("CPSS_BACKUP_DIR", str(tmp_path / "backups"))
    app.switch_page("app_pages/admin.py").run()
    assert not app.exception
    assert frame(app, "Name")["Name"].tolist() == ["ada", "eve", "vic"]
    app.button(key="backup_now").click().run()
    assert app.success[0].value.startswith("Backup written\\:")
    assert len(list((tmp_path / "backups").glob("cpss-backup-*.duckdb"))) == 1


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_on_postgresql_the_backup_section_gives_the_pg_dump_command(app, app_database):
    """No button that could only fail: the command for the server's own tool, without password."""
    app.switch_page("app_pages/admin.py").run()
    assert not app.exception
    assert "backup_now" not in [button.key for button in app.button]
    assert app.code[0].value == (f"pg_dump --format=custom --file=cpss-backup.dump {app_database}")


def test_purge_for_good_needs_the_box_ticked_even_when_the_click_comes_anyway(app, framework):
    """The button is disabled until the box is ticked. A click that arrives anyway (a crafted
    request, a second tab) purges nothing: Streamlit 1.67 drops a disabled widget's value, and
    lifecycle.purge refuses without the confirmation (tests/test_lifecycle.py), whatever calls it."""
    db = app_db()
    world = populate(db, framework)
    lifecycle.delete(db, world.assessment_id, "Amina")
    app.switch_page("app_pages/admin.py").run()
    sure, purge = f"purge_sure_{world.assessment_id}", f"purge_{world.assessment_id}"
    assert app.button(key=purge).disabled
    app.checkbox(key=sure).check().run()
    app.checkbox(key=sure).uncheck()  # the click arrives with the box unticked
    app.button(key=purge).click().run()
    assert not app.error and [row.id for row in lifecycle.deleted(db)] == [world.assessment_id]
    app.checkbox(key=sure).check().run()
    app.button(key=purge).click().run()
    assert not app.error and not lifecycle.deleted(db)
    assert db.value("SELECT count(*) FROM ratings") == 0


OIDC_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "cpss",
        "client_secret": "secret",
        "server_metadata_url": "https://id.example/.well-known/openid-configuration",
    },
    "cpss": {"oidc_roles": {"ana@example.org": "admin", "*@example.org": "viewer"}},
}


@pytest.mark.parametrize(
    "email, role",
    [("ana@example.org", "admin"), ("zoe@example.org", "viewer"), ("eve@elsewhere.org", None)],
)
def test_an_openid_sign_in_gets_the_role_of_its_address(app_database, email, role):
    """The provider's round trip needs a provider; what the app does with ``st.user`` is tested."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets.update(OIDC_SECRETS)
    at.user = {"is_logged_in": True, "email": email}
    at.run()
    assert not at.exception
    if role is None:
        assert [t.value for t in at.title] == ["Sign in"]
        assert "eve@elsewhere\\.org has no role in this app" in at.error[0].value
        assert at.button(key="signin_oidc")  # the provider's button is offered
    else:
        assert at.session_state["actor"] == Actor(email, role)
        assert any(
            f"Signed in as {email.replace('.', chr(92) + '.')}" in c.value
            for c in at.sidebar.caption
        )


def test_a_crafted_address_shows_its_text_not_a_link(app, framework):
    populate(app_db(), framework)
    app.query_params["assessment"] = "[click here](http://evil.example) **now**"
    app.switch_page("app_pages/dashboard.py").run()
    shown = app.warning[0].value
    assert "\\[click here\\](http://evil.example) \\*\\*now\\*\\*" in shown  # escaped: no link
