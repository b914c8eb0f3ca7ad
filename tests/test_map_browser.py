"""The Map page in a real browser (issue 19): the map is drawn, a country is picked, its profile
and the link to its dashboard show; axe-core finds nothing of ours on the page, on a desktop and
a phone."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from cpss.db.core import connect
from tests.a11y_support import our_findings
from tests.browser_support import ROOT, ServerError, serve, wait_for_app
from tests.test_accessibility_browser import new_page
from tests.test_map_page import final, rated


@pytest.fixture(scope="module")
def map_server(tmp_path_factory):
    """The app on a database with final assessments of Kenya (and a county) and Nigeria."""
    folder = tmp_path_factory.mktemp("map")
    con = connect(folder / "app.duckdb")
    db = con.db()
    final(db, {"2.1": rated(2), "3.1": rated(3)}, ("KEN", "Kenya"))
    final(db, {"2.1": rated(4)}, ("KEN", "Kenya"), unit="Turkana")
    final(db, {"2.1": rated(1)}, ("NGA", "Nigeria"), day=date(2025, 5, 1))
    con.close()
    try:
        with serve(ROOT / "app.py", folder / "app.duckdb", folder / "server.log") as url:
            yield url
    except ServerError as problem:
        pytest.fail(str(problem))


def opened_map(page: Page, url: str) -> Page:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/map")
    wait_for_app(page)
    expect(page.locator(".st-key-world_map_box svg.marks").first).to_be_attached()
    assert not errors, errors  # a chart Vega cannot draw shows nothing: its error is here
    return page


def test_open_the_map_pick_a_country_and_see_its_profile(map_server, browser):
    page = opened_map(new_page(browser, "desktop"), map_server)
    expect(page.locator(".st-key-world_map_summary")).to_contain_text(
        "2 of 250 countries have a final assessment"
    )
    expect(page.get_by_text("The boundaries and names shown").first).to_be_visible()
    page.locator(".st-key-map_country input").click()
    page.get_by_role("option", name="Kenya", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Profile of Kenya")).to_be_visible()
    expect(page.locator(".st-key-map_units")).to_contain_text("Turkana")
    expect(page.locator(".st-key-map_radar_box svg.marks:visible")).to_have_count(1)
    expect(page.locator(".st-key-world_map_wide svg.marks")).to_be_visible()  # fits the column
    page.get_by_role("link", name="Open the dashboard of this assessment").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    expect(page.get_by_text("Kenya").first).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_map_page_has_no_accessibility_finding_of_ours(map_server, browser, viewport):
    page = opened_map(new_page(browser, viewport), map_server)
    page.locator(".st-key-map_country input").click()
    page.get_by_role("option", name="Kenya", exact=True).click()
    wait_for_app(page)
    problems = our_findings(page, f"map, {viewport}")
    page.context.close()
    assert not problems, "\n".join(problems)
