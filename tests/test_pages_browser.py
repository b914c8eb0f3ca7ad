"""Browser tests of the pages around the plan: the compare pickers and the plan's length.

The fixtures ``server``, ``browser`` and ``page`` are in ``conftest.py``.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser_support import wait_for_app
from tests.test_browser import start_assessment


def open_page(page: Page, name: str) -> None:
    """Follow the sidebar link ``name`` and wait for its page."""
    page.get_by_role("link", name=name, exact=True).click()
    wait_for_app(page)


def pick_country(page: Page, country: str) -> None:
    """Filter the compare page to one country."""
    page.locator(".st-key-cmp_countries").click()
    page.keyboard.type(country)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)


def test_compare_pickers_show_only_the_filtered_country_even_on_coming_back(server, page):
    start_assessment(page, server, "Kenya picker check")
    page.goto(server)
    wait_for_app(page)
    page.locator(".st-key-load_demo button").click()
    wait_for_app(page)
    open_page(page, "Compare")
    shown, radar = page.locator(".st-key-cmp_shown"), page.locator(".st-key-cmp_radar")
    expect(shown).to_contain_text("Kenya")
    pick_country(page, "Demoland")
    for _ in range(2):  # after filtering, then after leaving the page and coming back
        countries = page.locator(".st-key-cmp_countries").inner_text()
        if "Demoland" in countries:
            expect(shown).not_to_contain_text("Kenya")
            expect(radar).not_to_contain_text("Kenya")
        else:  # the filter was cleared: every picked assessment is drawn, Kenya included
            heatmap = page.locator(".st-key-cmp_heatmap_wide")
            expect(heatmap).to_be_visible()
        expect(shown).to_contain_text("Demoland")
        open_page(page, "Dashboard")
        open_page(page, "Compare")


def main_height(page: Page) -> float:
    """The height in pixels of the page's content (what one scrolls through)."""
    return page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["height"]


def test_the_action_plan_is_one_click_away_on_a_short_page(server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server)
    wait_for_app(page)
    page.locator(".st-key-load_demo button").click()
    wait_for_app(page)
    open_page(page, "Priorities and plan")
    expect(page.locator(".st-key-priority_2-3")).to_be_visible()
    plan_tab = page.get_by_role("tab", name="Action plan")
    box = plan_tab.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900  # on the first screen
    # one row per suggestion (17): about half the 6,480 px of the old cards (3,400 px measured)
    assert main_height(page) < 3600, main_height(page)
    plan_tab.click()
    expect(page.locator(".st-key-new_item_what input")).to_be_visible()
    expect(page.get_by_text("Add an action")).to_be_in_viewport()
