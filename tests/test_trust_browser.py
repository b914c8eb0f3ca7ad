"""Browser test of team mode: a viewer signs in, sees the pages for reading only, and cannot change
an answer, not even by typing the walk-through's address."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cpss.db.core import connect
from cpss.model.framework_file import load_framework
from tests.browser_support import ServerError, serve, wait_for_app
from tests.conftest import ROOT
from tests.trust_support import PASSWORD, populate


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    """The app in team mode on a database with accounts and one assessment; (URL, assessment id)."""
    folder = tmp_path_factory.mktemp("team")
    con = connect(folder / "team.duckdb")
    world = populate(con.db(), load_framework())
    con.close()
    try:
        with serve(
            ROOT / "app.py",
            folder / "team.duckdb",
            folder / "server.log",
            env={"CPSS_MODE": "team"},
        ) as url:
            yield url, world
    except ServerError as problem:
        pytest.fail(str(problem))


def test_the_first_visit_of_a_page_address_still_asks_to_sign_in(team_server, page: Page):
    """Before any session has run app.py, Streamlit serves pages/ files by name (its legacy mode):
    the first visitor of a fresh server going straight to the walk-through is sent through app.py.
    (First in this module, so that it is the server's first visit.)"""
    url, world = team_server
    page.goto(f"{url}/assess?assessment={world.assessment_id}&subdomain=1.1")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.locator(".st-key-choice")).to_have_count(0)
    expect(page.get_by_text("second")).to_have_count(0)  # no answer's evidence either


def sign_in(page: Page, url: str, name: str) -> None:
    page.goto(url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.locator(".st-key-signin_name input").fill(name)
    page.locator(".st-key-signin_password input").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


def test_a_viewer_signs_in_and_cannot_change_an_answer(team_server, page: Page):
    url, world = team_server
    sign_in(page, url, "vic")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("Signed in as vic (Viewer)")
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Dashboard")
    expect(nav).not_to_contain_text("Walk-through")
    expect(nav).not_to_contain_text("Run a workshop")
    expect(page.get_by_role("button", name="Continue")).to_have_count(0)
    expect(page.locator(".st-key-new_start")).to_have_count(0)
    # The dashboard shows the answers, with nothing to change them.
    page.locator(f".st-key-dashboard_{world.assessment_id} button").click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    nav.get_by_text("Priorities and plan").click()
    wait_for_app(page)
    expect(page.get_by_role("button", name="Accept", exact=True)).to_have_count(0)
    page.get_by_role("tab", name="Action plan").click()
    expect(page.get_by_text("Draft the law").first).to_be_visible()
    expect(page.locator("[data-testid='stForm']")).to_have_count(0)
    # Typing the walk-through's address (a new session) shows the sign-in page, never the editor.
    page.goto(f"{url}/assess?assessment={world.assessment_id}&subdomain=1.1")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.locator(".st-key-choice")).to_have_count(0)


def test_an_editor_signs_in_and_can_change_an_answer(team_server, page: Page):
    url, world = team_server
    sign_in(page, url, "eve")
    page.locator(f".st-key-open_{world.assessment_id} button").click()
    wait_for_app(page)
    page.locator(".st-key-choice").get_by_text("4 · System Maturity", exact=True).click()
    wait_for_app(page)
    expect(page.locator(".st-key-save_state")).to_contain_text("Saved")
