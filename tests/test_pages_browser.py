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
