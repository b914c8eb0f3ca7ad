"""Browser test: the app makes the browser contact nobody but the app's own server, on any page, for
any role: the single user, a team's administrator, editor and viewer, a share link's reader and a
workshop participant. (A ":material/...:" tab icon made every page load fetch it from Google's
font servers.)"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from cpss.db import workshops
from cpss.db.core import connect
from cpss.db.demo import load_demo
from cpss.model.framework_file import load_framework
from tests.browser_support import ServerError, serve, wait_for_app
from tests.conftest import ROOT
from tests.test_trust_browser import sign_in
from tests.trust_support import populate

OWN_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}  # made in the page, never sent anywhere


def serve_populated(
    tmp_path_factory, mode: str, extra_args: tuple[str, ...] = (), demo: bool = False
):
    """The app in ``mode`` (with ``streamlit run``'s ``extra_args``) on a database with accounts,
    an assessment, a workshop and a share link (and the demo assessments when ``demo``); yields
    (URL, the populated world, the workshop's join code)."""
    folder = tmp_path_factory.mktemp(mode)
    con = connect(folder / "app.duckdb")
    world = populate(con.db(), load_framework())
    if demo:
        load_demo(con.db(), load_framework())
    code = workshops.workshop(con.db(), world.workshop_id).code
    con.close()
    try:
        with serve(
            ROOT / "app.py",
            folder / "app.duckdb",
            folder / "server.log",
            extra_args,
            env={"CPSS_MODE": "" if mode == "solo" else mode},
        ) as url:
            yield url, world, code
    except ServerError as problem:
        pytest.fail(str(problem))


@pytest.fixture(scope="module")
def solo_server(tmp_path_factory):
    yield from serve_populated(tmp_path_factory, "solo")


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    yield from serve_populated(tmp_path_factory, "team")


@pytest.fixture
def addresses(page: Page) -> list[str]:
    """Every address the tab asks for (requests and websockets), in order."""
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))
    return seen


def outside(addresses: list[str]) -> list[str]:
    """The addresses that are not the app's own server."""
    return [
        a
        for a in addresses
        if urlsplit(a).scheme not in LOCAL_SCHEMES and urlsplit(a).hostname not in OWN_HOSTS
    ]


def visit_every_page(page: Page, at_each=None) -> list[str]:
    """Open each page of the sidebar's navigation in turn, calling ``at_each(name)`` (if given) on
    each once it is drawn; their names."""
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav.locator("a").first).to_be_visible()  # count() below does not wait
    more = nav.get_by_role("button", name="View")  # "View N more", when the list is folded
    if more.count():
        more.first.click()
    names = []
    for index in range(nav.locator("a").count()):
        link = nav.locator("a").nth(index)
        names.append(link.inner_text().split("\n")[-1].strip())  # after the icon's name
        opener = page.locator('[data-testid="stExpandSidebarButton"]')
        if opener.count():  # the facilitator's page closes the sidebar (a projector wants room)
            opener.click()
        link.click()
        wait_for_app(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        if at_each is not None:
            at_each(names[-1])
    return names


def test_the_single_user_opens_every_page_and_the_browser_contacts_nobody_else(
    solo_server, page: Page, addresses
):
    url, _, _ = solo_server
    page.goto(url)
    wait_for_app(page)
    names = visit_every_page(page)
    assert {
        "Assessments",
        "Walk-through",
        "Dashboard",
        "Reports & data",
        "Accounts and backups",
    } <= set(names)
    assert outside(addresses) == []
    icon = page.locator("link[rel~='icon']").first.get_attribute("href")
    assert icon.startswith("data:image/svg+xml,") and "🧭" in icon  # drawn by the browser itself


@pytest.mark.parametrize("name, pages", [("ada", 16), ("eve", 13), ("vic", 10)])
def test_each_team_role_opens_every_page_and_the_browser_contacts_nobody_else(
    team_server, page: Page, addresses, name, pages
):
    url, _, _ = team_server
    sign_in(page, url, name)
    assert len(visit_every_page(page)) == pages
    assert outside(addresses) == []


def test_a_share_link_and_a_join_link_contact_nobody_else(
    team_server, browser, page: Page, addresses
):
    url, world, code = team_server
    page.goto(f"{url}/?share={world.share_token}")
    wait_for_app(page)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    page.goto(f"{url}/?join={code}")
    wait_for_app(page)
    page.locator(".st-key-join_enter button").click()
    wait_for_app(page)
    expect(page.locator(".st-key-vote")).to_be_visible()  # the open subdomain's vote
    assert outside(addresses) == []
