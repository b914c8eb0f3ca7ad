"""Browser test: in team mode an administrator uploads a national adaptation as the Excel template,
publishes it, starts an assessment on it and rates one subdomain, reading the adapted text."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from cpss.model.framework_excel import template_bytes
from cpss.model.framework_file import load_framework
from tests.browser_support import wait_for_app
from tests.test_browser import choose
from tests.test_trust_browser import (
    sign_in,
    team_server,  # noqa: F401 (the fixture: accounts of each role)
)

ADAPTED_TITLE = "Understanding of Kenya's child protection system"
ADAPTED_TEXT = "Few county officers see child protection as one system (Kenya adaptation)."
NAME = "CPSS Benchmarks, Kenya adaptation"


def adaptation(folder) -> str:
    """The bundled framework's template made a Kenyan adaptation (its own key, name, version and
    two texts of subdomain 1.1); the file's path."""
    book = load_workbook(io.BytesIO(template_bytes(load_framework())))
    fields = book["Framework"]
    fields["B2"], fields["B3"], fields["B4"] = "kenya-cpss", NAME, "Kenya 2027"
    book["Subdomains"]["D2"] = ADAPTED_TITLE
    book["Subdomains"]["I2"] = ADAPTED_TEXT
    path = folder / "kenya-adaptation.xlsx"
    book.save(path)
    return str(path)


def test_an_administrator_adds_an_adaptation_and_rates_on_it(
    team_server,  # noqa: F811 (the imported fixture)
    page: Page,
    tmp_path,
):
    sign_in(page, team_server[0], "ada")  # the trust tests' team: accounts of each role
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Frameworks").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Frameworks", exact=True)).to_be_visible()
    page.locator(".st-key-fw_upload input[type=file]").set_input_files(adaptation(tmp_path))
    wait_for_app(page)
    expect(page.get_by_text(ADAPTED_TEXT).first).to_be_visible()  # the preview, side by side
    page.locator(".st-key-fw_kind").get_by_text("A national adaptation").click()
    wait_for_app(page)
    page.locator(".st-key-fw_publish button").click()
    wait_for_app(page)
    expect(page.get_by_text(f"Published: {NAME}, version Kenya 2027.")).to_be_visible()
    expect(page.locator(".st-key-fw_table")).to_contain_text("Kenya 2027")
    nav.get_by_text("Assessments").click()
    wait_for_app(page)
    page.locator(".st-key-new_country").click()
    page.keyboard.type("Kenya")
    page.keyboard.press("Enter")
    page.locator(".st-key-new_title input").fill("Adapted baseline")
    page.locator(".st-key-new_framework").click()
    page.keyboard.type("Kenya adaptation")
    page.keyboard.press("Enter")
    page.locator(".st-key-new_start button").click()
    page.wait_for_url("**/assess?*")
    wait_for_app(page)
    expect(page.get_by_text(ADAPTED_TITLE).first).to_be_visible()
    expect(page.get_by_text(ADAPTED_TEXT).first).to_be_visible()
    choose(page, "3 · System Integration")
