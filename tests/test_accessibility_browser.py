"""axe-core on every page, for every role, on a desktop and a phone, with the demo loaded: no
serious or critical finding (nor a skipped heading level) of ours. Streamlit's own findings are
listed, with their reasons, in ``tests/a11y_support.py``.

Roles: the single user; a team's administrator, facilitator (editor) and viewer, each signed in;
someone not signed in (the sign-in page); a workshop participant (the join page, before and after
joining); a share link's reader; another device in single-user mode (the "this computer only"
page); and the facilitator's projector view of an open subdomain.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.a11y_support import STREAMLIT_FINDINGS, our_findings
from tests.browser_support import TIMEOUT_MS, wait_for_app
from tests.test_local_only_browser import own_address
from tests.test_outside_requests_browser import serve_populated, visit_every_page
from tests.test_trust_browser import sign_in

VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
ROLES = {"single user": None, "administrator": "ada", "facilitator": "eve", "viewer": "vic"}
LISTENING_EVERYWHERE = ("--server.address", "0.0.0.0")  # another device can reach it


@pytest.fixture(scope="module")
def solo_server(tmp_path_factory):
    """Single-user mode with the demo, listening on every address when this machine has one
    that is not loopback: (URL, world, join code, the URL as another device or None)."""
    remote_host = own_address()
    extra = LISTENING_EVERYWHERE if remote_host else ()
    for url, world, code in serve_populated(tmp_path_factory, "solo", extra, demo=True):
        yield url, world, code, url.replace("127.0.0.1", remote_host) if remote_host else None


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    """Team mode with the demo: (URL, world, join code)."""
    yield from serve_populated(tmp_path_factory, "team", demo=True)


def new_page(browser: Browser, viewport: str, scheme: str = "light") -> Page:
    """A tab of its own (own session) at the viewport's size, the system's theme ``scheme``."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def opened(page: Page, address: str) -> Page:
    """``page`` at ``address``, once the app has drawn it."""
    page.goto(address)
    wait_for_app(page)
    return page


# Two lists with a <div> straight inside the <ul> (axe's "list" rule): one in Streamlit's sidebar
# navigation, one of ours; and grey text on white of 3.9:1.
STREAMLITS_LIST = (
    '<ul data-testid="stSidebarNavItems"><div><li><a href="#a">A page</a></li></div></ul>'
)
OUR_LIST = '<ul id="ours"><div><li><a href="#b">Another</a></li></div></ul>'
GREY = '<p id="grey" style="color: #828180; background: #fff">Grey words</p>'


def page_of(page: Page, body: str) -> list[str]:
    """The findings of ours on a page of just ``body``."""
    page.set_content(f'<html lang="en"><title>t</title><body><main><h1>t</h1>{body}</main>')
    return our_findings(page, "test page")


def test_a_streamlit_finding_is_left_out_only_when_every_node_is_in_streamlits_element(page):
    assert "list" in STREAMLIT_FINDINGS
    assert page_of(page, STREAMLITS_LIST) == []
    both = page_of(page, STREAMLITS_LIST + OUR_LIST)  # one node is ours: the rule is reported
    assert any("test page: list (serious" in line and "#ours" in line for line in both), both
    grey = page_of(page, GREY)
    assert len(grey) == 1 and "color-contrast" in grey[0] and "#grey" in grey[0], grey
    assert "#828180 on #ffffff: 3.88:1" in grey[0]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_every_role_has_no_finding_of_ours(request, browser, role, viewport):
    account = ROLES[role]
    url = request.getfixturevalue("team_server" if account else "solo_server")[0]
    page = new_page(browser, viewport)
    if account:
        sign_in(page, url, account)
    else:
        opened(page, url)
    problems: list[str] = []
    names = visit_every_page(
        page, lambda name: problems.extend(our_findings(page, f"{name}, {role}, {viewport}"))
    )
    page.context.close()
    assert len(names) >= 7, names  # a viewer's seven pages at least: the walk did happen
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_join_projector_share_link_sign_in_and_turned_away_pages_have_no_finding_of_ours(
    solo_server, team_server, browser, viewport
):
    url, world, code, remote = solo_server
    page = new_page(browser, viewport)
    problems: list[str] = []

    def check(address: str, where: str) -> None:
        problems.extend(our_findings(opened(page, address), f"{where}, {viewport}"))

    check(f"{url}/?join={code}", "join page, participant")
    page.locator(".st-key-join_enter button").click()
    wait_for_app(page)
    problems.extend(our_findings(page, f"join page after joining, participant, {viewport}"))
    check(
        f"{url}/workshop?assessment={world.assessment_id}&workshop={world.workshop_id}", "projector"
    )
    check(f"{url}/?share={world.share_token}", "share link")
    check(team_server[0], "sign-in page, not signed in")
    if remote:
        check(remote, "this computer only, another device")
    page.context.close()
    assert not problems, "\n".join(problems)


def test_in_the_dark_theme_too_and_the_projector_keeps_its_large_type(solo_server, browser):
    url, world, _, _ = solo_server
    page = new_page(browser, "desktop", "dark")
    projector = f"{url}/workshop?assessment={world.assessment_id}&workshop={world.workshop_id}"
    problems = our_findings(opened(page, projector), "projector, dark theme")
    big = page.locator(".st-key-projector")
    expect(big.locator("h2")).to_have_css("font-size", "36px")  # the subdomain, 2.25rem
    expect(big.locator("[data-testid=stText]").first).to_have_css("font-size", "19.2px")
    problems += our_findings(opened(page, f"{url}/?share={world.share_token}"), "share, dark theme")
    page.context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar"])
def test_every_page_in_every_language_has_no_finding_of_ours(solo_server, browser, language):
    """The single user's pages and the participant's join page in each translated language (the
    interface, the benchmark and, in Arabic, the right-to-left layout), on a desktop."""
    url, _, code, _ = solo_server
    page = opened(new_page(browser, "desktop"), f"{url}/?lang={language}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    problems: list[str] = []
    names = visit_every_page(
        page, lambda name: problems.extend(our_findings(page, f"{name}, {language}"))
    )
    problems += our_findings(opened(page, f"{url}/?join={code}&lang={language}"), "join page")
    page.context.close()
    assert len(names) >= 7, names
    assert not problems, "\n".join(problems)
