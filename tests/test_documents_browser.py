"""Evidence documents in a real browser: attach a PDF in the walk-through, see it listed,
download it, and get the same bytes back under its name."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser_support import wait_for_app
from tests.document_support import pdf_of
from tests.test_browser import start_assessment


def attach(page: Page, path, title: str) -> None:
    """Open the subdomain's documents, choose the file, give a title and attach it."""
    page.locator(".st-key-documents_panel input[type=file]").set_input_files(str(path))
    expect(page.get_by_text(f"Ready to attach: {path.name}")).to_be_visible()
    wait_for_app(page)
    page.locator(".st-key-document_title input").fill(title)
    page.locator(".st-key-document_title input").press("Enter")
    wait_for_app(page)
    page.locator(".st-key-attach_document button").click()
    wait_for_app(page)


def test_attach_a_pdf_see_it_listed_and_download_the_same_bytes(server, page, tmp_path):
    start_assessment(page, server, "Documents in the browser")
    page.locator(".st-key-show_documents label").click()
    wait_for_app(page)
    expect(page.locator(".st-key-documents_panel")).to_contain_text("No document attached")
    pdf = pdf_of(300_000)
    path = tmp_path / "Child Act 2022.pdf"
    path.write_bytes(pdf)
    attach(page, path, "Child Act")
    panel = page.locator(".st-key-documents_panel")
    expect(panel).to_contain_text("Attached: Child Act")
    expect(panel).to_contain_text("Child Act 2022.pdf · PDF document · 293.0 KB · added by")
    expect(page.locator(".st-key-show_documents")).to_contain_text("Evidence documents (1)")
    with page.expect_download() as download:
        panel.get_by_role("button", name="Download").click()
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "Child Act 2022.pdf"
    assert saved.read_bytes() == pdf
