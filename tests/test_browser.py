"""Browser tests: the real app under ``streamlit run``, driven in headless Chromium by Playwright.

They check what a user sees: a walk-through whose answers survive a page reload, and the
dashboard with its charts and action plan. The fixtures ``server``, ``browser`` and ``page`` are in ``conftest.py``.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.browser_support import ROOT, serve, wait_for_app


def choice_radio(page: Page):
    """The phase radio of the subdomain on screen."""
    return page.locator(".st-key-choice")


def checked_choice(page: Page) -> str:
    """The label text of the checked phase option."""
    option = (
        choice_radio(page).locator("label").filter(has=page.locator("input[type=radio]:checked"))
    )
    expect(option).to_have_count(1)
    return option.inner_text().strip()


def choose(page: Page, label: str) -> None:
    """Pick a phase option and wait until the page says it was saved."""
    choice_radio(page).get_by_text(label, exact=True).click()
    wait_for_app(page)
    expect(page.locator(".st-key-save_state")).to_contain_text("Saved")
    assert checked_choice(page) == label


def step(page: Page, button: str, subdomain: str) -> None:
    """Click ``◀ Previous`` or ``Next ▶`` and wait for the subdomain to change in the address."""
    page.get_by_role("button", name=button).click()
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("subdomain") == [subdomain])
    wait_for_app(page)


def start_assessment(page: Page, url: str, title: str) -> str:
    """Start an assessment of Kenya on the home page; returns its id from the walk-through's URL."""
    page.goto(url)
    wait_for_app(page)
    page.locator(".st-key-new_country").click()
    page.keyboard.type("Kenya")
    page.keyboard.press("Enter")
    page.locator(".st-key-new_title input").fill(title)
    page.locator(".st-key-new_start button").click()
    page.wait_for_url("**/assess?*")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=f"Kenya · {title}")).to_be_visible()
    query = parse_qs(urlparse(page.url).query)
    assert query.get("subdomain") == ["1.1"], page.url
    return query["assessment"][0]


def export_json(page: Page, folder: Path) -> tuple[Path, str]:
    """On the Reports & data page: build the JSON export and download it into ``folder``; its path
    and the file name the browser was given."""
    page.get_by_role("tab", name="Export").click()
    page.locator(".st-key-export_build button").click()
    wait_for_app(page)
    with page.expect_download() as download:
        page.locator(".st-key-export_json button").click()
    exported = folder / "export.json"
    download.value.save_as(exported)
    return exported, download.value.suggested_filename


def import_file(page: Page, path: Path) -> None:
    """On the Reports & data page: upload ``path`` in the Import tab."""
    page.get_by_role("tab", name="Import").click()
    page.locator(".st-key-import_file input[type=file]").set_input_files(str(path))
    wait_for_app(page)


def open_demo_dashboard(page: Page, url: str) -> str:
    """Load the demo on the home page and open its dashboard; the demo assessment's id."""
    page.goto(url)
    wait_for_app(page)
    page.locator(".st-key-load_demo button").click()
    wait_for_app(page)
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_url("**/dashboard?*")
    wait_for_app(page)
    return parse_qs(urlparse(page.url).query)["assessment"][0]


def test_walkthrough_answers_survive_a_reload(server, page):
    """Three answers given in the walk-through are still there after the browser reloads the page."""
    start_assessment(page, server, "Browser walk-through")
    choose(page, "2 · System Enhancement")
    step(page, "Next ▶", "1.2")
    choose(page, "Don't know")
    step(page, "Next ▶", "2.1")
    choose(page, "3 · System Integration")

    page.reload()
    wait_for_app(page)
    assert parse_qs(urlparse(page.url).query)["subdomain"] == ["2.1"]
    assert checked_choice(page) == "3 · System Integration"
    expect(page.get_by_text("3 of 19 subdomains answered")).to_be_visible()

    step(page, "◀ Previous", "1.2")
    assert checked_choice(page) == "Don't know"
    step(page, "◀ Previous", "1.1")
    assert checked_choice(page) == "2 · System Enhancement"


def test_the_four_phase_texts_stand_side_by_side_each_choice_under_its_text(server, page):
    """On a wide screen the four texts stand in one row, each phase's option under its own text;
    the chosen phase's text is filled and says "chosen"; on a phone they stack."""
    start_assessment(page, server, "Browser phase texts")
    choose(page, "2 · System Enhancement")
    texts = page.locator(".st-key-choice_texts [data-testid=stColumn]")
    options = choice_radio(page).locator("[role=radiogroup] > div")
    expect(texts).to_have_count(4)
    boxes = [texts.nth(i).bounding_box() for i in range(4)]
    assert len({round(box["y"]) for box in boxes}) == 1, boxes  # one row
    for text, option in zip(boxes, [options.nth(i).bounding_box() for i in range(4)]):
        assert text["x"] <= option["x"] < text["x"] + text["width"]  # under its own text
        assert option["y"] > text["y"] + text["height"]
    filled = [texts.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(4)]
    assert filled[1] != filled[0] and filled[0] == filled[2] == filled[3], filled
    chosen_mark = "e => getComputedStyle(e.querySelector('strong'), '::after').content"
    assert texts.nth(1).evaluate(chosen_mark) == '" ✓ chosen"'

    choose(page, "4 · System Maturity")  # the fill follows the choice
    assert texts.nth(3).evaluate("e => getComputedStyle(e).backgroundColor") == filled[1]
    assert texts.nth(1).evaluate("e => getComputedStyle(e).backgroundColor") == filled[0]

    page.set_viewport_size({"width": 390, "height": 844})
    boxes = [texts.nth(i).bounding_box() for i in range(4)]
    assert all(
        upper["y"] + upper["height"] <= lower["y"] for upper, lower in itertools.pairwise(boxes)
    )


def test_walkthrough_links_to_the_dashboard_of_its_assessment(server, page):
    """From the walk-through, "See the dashboard" opens this assessment's radar and heatmap."""
    start_assessment(page, server, "Browser results")
    choose(page, "1 · System Building")
    page.get_by_role("link", name="See the dashboard").click()
    page.wait_for_url("**/dashboard?*")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Kenya · Browser results")).to_be_visible()
    # The radar and the heatmap, each drawn wide and narrow: the wide ones show on this screen.
    expect(page.locator('[data-testid="stVegaLiteChart"]:visible')).to_have_count(2)


def test_dashboard_of_the_demo_shows_both_charts_and_follows_the_plan(server, page):
    """A leader loads the demo, opens its dashboard, sees the radar and the heatmap, accepts the
    first priority and finds it in the dashboard's action plan."""
    open_demo_dashboard(page, server)
    expect(page.get_by_role("heading", name="Follow-up 2026 (fictional data)")).to_be_visible()
    # the radar, then the heatmap, in their wide drawings (their narrow ones are for phones), then
    # the compact investment section's two (the demo's money in USD and XOF)
    charts = page.locator('[data-testid="stVegaLiteChart"]:visible')
    expect(charts).to_have_count(4)
    for chart in (charts.nth(0), charts.nth(1)):
        expect(chart.locator("canvas, svg").first).to_be_visible()
    assert charts.nth(0).locator("svg.marks").get_attribute("width") == "480"
    expect(page.locator(".st-key-heatmap_wide")).to_be_visible()
    expect(page.locator(".st-key-heatmap_narrow")).to_be_hidden()
    expect(page.locator(".st-key-top_priority_2-3")).to_contain_text(
        "Milestone, System Enhancement"
    )

    page.get_by_role("link", name="All 17 suggestions, and the action plan").click()
    page.wait_for_url("**/plan?*")
    wait_for_app(page)
    page.locator(".st-key-accept_2-3 button").click()
    wait_for_app(page)
    expect(page.locator(".st-key-priority_2-3")).to_contain_text("In the action plan")

    page.get_by_role("link", name="Dashboard").click()
    wait_for_app(page)
    plan = page.locator(".st-key-plan_table")
    expect(plan).to_be_visible()
    expect(plan).to_contain_text("reach System Enhancement")


def build_demo_pdf(page: Page, server: str, query: str = "") -> None:
    """Load the demo on the home page, then build its PDF report on the Reports & data page (both
    opened with ``query``, e.g. ``?lang=fr``)."""
    page.goto(f"{server}/{query}")
    wait_for_app(page)
    page.locator(".st-key-load_demo button").click()
    wait_for_app(page)
    page.goto(f"{server}/exchange{query}")
    wait_for_app(page)
    page.locator(".st-key-build_pdf button").click()
    wait_for_app(page)


def test_pdf_report_downloads_and_an_export_imports_with_a_preview(server, page, tmp_path):
    """The PDF report is built with its steps shown and downloaded; a JSON export uploaded again
    is previewed as already here."""
    build_demo_pdf(page, server)
    expect(page.get_by_text("The PDF report is ready")).to_be_visible()
    with page.expect_download() as download:
        page.locator(".st-key-download_pdf button").click()
    report = tmp_path / "report.pdf"
    download.value.save_as(report)
    assert report.read_bytes().startswith(b"%PDF") and "Demoland" in pdf_text(report)
    # named after the assessment (the demo follow-up): country, title and date
    assert download.value.suggested_filename == (
        "cpss-report-demoland-fictional-demo-follow-up-2026-fictional-data-2026-03-10.pdf"
    )

    exported, name = export_json(page, tmp_path)
    assert name == (
        "cpss-export-demoland-fictional-demo-follow-up-2026-fictional-data-2026-03-10.json"
    )
    import_file(page, exported)
    expect(
        page.get_by_text("Everything in this file is already here: nothing to import.")
    ).to_be_visible()

    first, second = (conflicting(exported, tmp_path, n) for n in (0, 1))
    page.locator(".st-key-import_file input[type=file]").set_input_files(str(first))
    wait_for_app(page)
    tick = (
        page.locator('[data-testid="stCheckbox"]')
        .filter(has_text="Use the file's version")
        .locator("input")
    )
    expect(tick).to_have_count(1)
    page.get_by_text("Use the file's version").click()
    wait_for_app(page)
    expect(tick).to_be_checked()
    page.locator(".st-key-import_file input[type=file]").set_input_files(str(second))
    wait_for_app(page)
    warning = page.locator('[data-testid="stAlert"]').filter(has_text="changed here after the file")
    expect(warning).to_contain_text(f"· {second.stem.split()[0]} ")  # the second file's conflict
    expect(
        tick
    ).not_to_be_checked()  # the first file's choice does not carry over to another conflict


def conflicting(exported, tmp_path, number: int):
    """The export with the current answer of its ``number``-th subdomain replaced by an older, other
    one: a conflict on that subdomain (the newer one is here). Named after the subdomain."""
    document = json.loads(exported.read_text(encoding="utf-8"))
    assessment = document["assessments"][0]["id"]
    ratings = [r for r in document["ratings"] if r["assessment_id"] == assessment]
    subdomain = sorted({r["subdomain_id"] for r in ratings})[number]
    current = [r for r in ratings if r["subdomain_id"] == subdomain][-1]
    document["ratings"].remove(current)
    document["ratings"].append(
        dict(
            current,
            evidence="Edited offline",
            recorded_by="Office B",
            recorded_at="2001-01-01 00:00:00",
        )
    )
    path = tmp_path / f"{subdomain} conflict.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_every_page_opens_from_its_address(server, browser):
    """A deep link to any page (a bookmark, a link in an email) opens it without "Page not found"."""
    for script in sorted((ROOT / "app_pages").glob("*.py")):
        if script.stem in ("home", "signin", "local_only"):
            # the default page is served at /; sign-in exists in team mode only, and the page
            # that turns other devices away only for them (tests/test_local_only_browser.py)
            continue
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{server}/{script.stem}")
        wait_for_app(tab)
        expect(tab.locator('[data-testid="stMain"] :is(h1, h2, h3)').first).to_be_visible()
        assert tab.get_by_text("Page not found").count() == 0, script.stem
        context.close()


def test_a_deep_link_as_the_first_request_after_a_start_goes_through_app_py(browser, tmp_path):
    """The first request to a just-started server is a bookmark to a page: it still gets the app's
    navigation (so app.py ran: page config, checks, gates), not Streamlit's legacy page list."""
    with serve(ROOT / "app.py", tmp_path / "fresh.duckdb", tmp_path / "server.log") as url:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{url}/dashboard")
        wait_for_app(tab)
        navigation = tab.locator('[data-testid="stSidebarNav"]')
        expect(navigation).to_contain_text("Priorities and plan")
        expect(tab.get_by_text("Page not found")).to_have_count(0)
        context.close()


def test_the_open_history_lists_each_phase_click_at_once(server, page):
    """With the history switched on, a phase click (which redraws only the phase picker when the
    history is off) also lists the version just saved."""
    start_assessment(page, server, "History open")
    page.locator(".st-key-show_history label").click()
    wait_for_app(page)
    expect(page.get_by_text("Nothing saved yet.")).to_be_visible()
    choose(page, "1 · System Building")
    expect(page.get_by_text("Nothing saved yet.")).to_have_count(0)
    choose(page, "3 · System Integration")
    expect(
        page.locator(".st-key-restore_pick_1-1")
    ).to_be_visible()  # an earlier version to restore
