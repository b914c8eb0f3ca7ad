"""Browser tests: the real app under ``streamlit run``, driven in headless Chromium by Playwright.

They check what a user sees: a walk-through whose answers survive a page reload, and the results
page with its radar chart. Debian's ``/usr/bin/chromium`` is used; ``playwright install`` never is.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 30_000


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether the server answers its health check with ``ok``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """The app served on a free port and a temporary database; yields its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    log_path = folder / "server.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CPSS_DB": str(folder / "test.duckdb")}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Streamlit server did not start:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium; fails (never skips) when it is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) "
                    "to run the browser tests.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    """A fresh tab in its own context (own cookies, own Streamlit session)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def wait_for_app(page: Page) -> None:
    """Wait until the app is connected, its script has finished and nothing is still loading."""
    page.wait_for_timeout(250)  # without it the checks can pass on the previous run's state
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=TIMEOUT_MS)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT_MS)


def choice_radio(page: Page):
    """The phase radio of the subdomain on screen."""
    return page.locator(".st-key-choice")


def checked_choice(page: Page) -> str:
    """The label text of the checked phase option."""
    option = choice_radio(page).locator("label").filter(has=page.locator("input[type=radio]:checked"))
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


def test_results_show_the_radar(server, page):
    """The results page of an answered assessment shows the outcome averages and the radar chart."""
    assessment_id = start_assessment(page, server, "Browser results")
    choose(page, "1 · System Building")
    page.goto(f"{server}/results?assessment={assessment_id}")
    wait_for_app(page)
    expect(page.get_by_text("Average phase per intermediate outcome")).to_be_visible()
    # The radar is the page's only chart; Streamlit gives charts no st-key-* class.
    radar = page.locator('[data-testid="stVegaLiteChart"]')
    expect(radar).to_have_count(1)
    expect(radar).to_be_visible()
    expect(page.get_by_role("heading", name="Kenya · Browser results")).to_be_visible()
