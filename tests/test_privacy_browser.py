"""Issue 22 in a real browser: a phone number typed into the evidence gets the personal-data
warning; *Save anyway* saves it, and the subdomain's history shows the override."""

from playwright.sync_api import expect

from tests.browser_support import wait_for_app
from tests.test_browser import start_assessment


def test_a_phone_number_in_the_evidence_warns_then_saves_anyway_into_the_history(server, page):
    start_assessment(page, server, "Privacy check")
    box = page.locator(".st-key-evidence textarea")
    box.fill("Confirmed by the district officer on +254 712 345 678.")
    box.press("Tab")  # leaving the box sends the text, as a user does
    wait_for_app(page)
    warning = page.locator(".st-key-answer_personal_data_warning")
    expect(warning).to_contain_text("This looks like personal data")
    expect(warning).to_contain_text("a phone number")
    expect(warning).to_contain_text("+254 712 345 678")
    expect(page.locator(".st-key-save_state")).to_contain_text("Not saved yet")

    page.locator(".st-key-answer_save_anyway").get_by_role("button", name="Save anyway").click()
    wait_for_app(page)
    expect(warning).to_have_count(0)
    expect(page.locator(".st-key-save_state")).to_contain_text("Saved at")

    page.locator(".st-key-show_history label").click()
    wait_for_app(page)
    panel = page.locator(".st-key-history_panel")
    expect(panel).to_contain_text("Saved anyway after the personal-data warning")
    expect(panel.locator('[data-testid="stDataFrame"]')).to_have_count(2)  # versions, overrides
