"""In a real browser: record a budget and a spend on an action of the plan page, then see them on
the Investment page, in the chart's table. Fixtures ``server``, ``browser``, ``page``: conftest.py."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser_support import wait_for_app
from tests.test_pages_browser import open_page


def test_a_budget_and_a_spend_recorded_on_the_plan_show_on_the_investment_page(server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server)
    wait_for_app(page)
    page.locator(".st-key-load_demo button").click()
    wait_for_app(page)
    open_page(page, "Priorities and plan")
    page.get_by_role("tab", name="Action plan").click()
    page.locator(".st-key-new_item_what input").fill("Browser test: train the case workers")
    page.locator(".st-key-new_item_add button").click()
    wait_for_app(page)
    page.get_by_text("Browser test: train the case workers").first.click()  # open its form
    page.get_by_label("Budget", exact=True).fill("2500.75")
    page.get_by_role("button", name="Save the budget").click()
    wait_for_app(page)
    expect(page.get_by_text("Budget US$2,500.75")).to_be_visible()
    page.get_by_role("spinbutton", name="day, Date spent").click()  # day, month, year parts
    page.keyboard.type("01042026")
    page.get_by_label("Amount spent").fill("1000.25")
    page.get_by_role("button", name="Add spending").click()
    wait_for_app(page)
    open_page(page, "Investment")
    table = page.locator(".st-key-inv_outcome_USD_table")
    page.locator(".st-key-inv_outcome_USD_expander summary").click()
    expect(table).to_contain_text("General actions (no subdomain)")
    expect(table).to_contain_text("US$2,500.75")
    expect(table).to_contain_text("US$1,000.25")
