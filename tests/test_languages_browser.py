"""The language frame in a real browser: the page's own ``lang`` and ``dir`` follow the chosen
language, and Arabic lays the phase columns out right to left (Building on the right)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser_support import wait_for_app


def test_arabic_sets_the_pages_dir_and_mirrors_the_phase_columns(server: str, page: Page):
    page.goto(f"{server}/benchmark?lang=ar")
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    first = page.locator("[data-testid=stExpander]").filter(has_text="1.1").first
    first.locator("summary").click()
    columns = first.locator("[data-testid=stColumn]")
    expect(columns.first).to_be_visible()
    building, maturity = columns.nth(0).bounding_box(), columns.nth(3).bounding_box()
    assert building and maturity and building["x"] > maturity["x"]  # Building on the right

    page.get_by_role("combobox", name="Language").click()
    page.get_by_role("option", name="Français").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert "lang=fr" in page.url
