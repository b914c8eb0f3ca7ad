"""Does attaching a 20 MB evidence document block other sessions' clicks? (issue 19)

Two browser sessions on one ``streamlit run`` server: A attaches documents in the walk-through,
B clicks a phase in another assessment's walk-through and is timed until "Saved" shows
(:func:`bench.browser_timing.click_to_saved_ms`'s clock, started in the page without the usual
pause). In each round, in turn: B's click started right after A chose a new 20 MB file (the
browser sending it to the server, Streamlit receiving it); B's click with A idle, its file
received (the baseline); B's click started right after A clicked "Attach" (the server hashing, checking the type and
storing 20 MB). Every round's file is new (random bytes after a PDF header), so that each attach
stores its content rather than finding it stored. A's own times are printed too, to show that
B's click fell inside A's work.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench import browser_timing
from bench.benchmarks import APP, PHASES, Figure, _browser_page, new_assessment
from cpss.db import assessments
from cpss.db.core import connect
from cpss.model.assessments import AssessmentDetails
from cpss.model.framework_file import load_framework
from tests.browser_support import launch_chromium, serve, wait_for_app
from tests.document_support import PDF

SIZE = 20 * 1024 * 1024
GOAL = 1.5  # a click during an upload or an attach may take at most half as long again


def _wake(page: Page) -> None:
    """Bring B to the front and let it draw two frames (untimed): a tab that was behind another
    for seconds draws its first frame late, which is the browser's, not the server's, time."""
    page.bring_to_front()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _click_ms(page: Page) -> float:
    """B's phase click until "Saved", started at once (no pause: A's work must still be going)."""
    return page.evaluate(
        browser_timing._CLICK_TO_SAVED,
        ["choice", PHASES, browser_timing.LIMIT_MS, browser_timing.NO_RUN_MS, "Saved"],
    )


def _new_file(folder: Path, round_: int) -> Path:
    path = folder / f"evidence-{round_}.pdf"
    path.write_bytes(PDF + os.urandom(SIZE - len(PDF)))
    return path


def _round(a: Page, b: Page, path: Path) -> dict[str, float]:
    """One round: B idle, B during A's upload, B during A's attach; and A's own times (ms)."""
    times = {}
    _wake(b)
    start = time.perf_counter()
    a.locator(".st-key-documents_panel input[type=file]").set_input_files(str(path))
    times["upload"] = _click_ms(b)
    a.bring_to_front()
    a.get_by_text(f"Ready to attach: {path.name}").wait_for(timeout=browser_timing.LIMIT_MS)
    wait_for_app(a)
    times["a_upload"] = (time.perf_counter() - start) * 1000
    _wake(b)
    times["idle"] = _click_ms(b)  # A has its file and waits: the same moment, nothing running
    _wake(b)
    start = time.perf_counter()
    a.locator(".st-key-attach_document button").click()
    times["attach"] = _click_ms(b)
    a.bring_to_front()
    a.get_by_text(f"Attached: {path.name}").wait_for(timeout=browser_timing.LIMIT_MS)
    wait_for_app(a)
    times["a_attach"] = (time.perf_counter() - start) * 1000
    return times


def upload(repeats: int, progress) -> list[Figure]:
    """B's click during A's 20 MB upload and attach, against B's click with A idle."""
    folder = Path(tempfile.mkdtemp(prefix="cpss-speed-upload-"))
    db_path = folder / "app.duckdb"
    first = new_assessment(db_path)
    con = connect(db_path)
    details = AssessmentDetails("UGA", "Uganda", "Other session", date(2026, 1, 1))
    second = assessments.create(con.db(), details, load_framework().version, by="bench")
    con.close()
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(serve(APP, db_path, folder / "server.log"))
        browser = launch_chromium(stack.enter_context(sync_playwright()))
        stack.callback(browser.close)
        a, b = _browser_page(stack, browser), _browser_page(stack, browser)
        browser_timing.load_ms(a, f"{url}/assess?assessment={first}&subdomain=1.1")
        browser_timing.load_ms(b, f"{url}/assess?assessment={second}&subdomain=1.1")
        a.locator(".st-key-show_documents label").click()
        wait_for_app(a)
        progress(f"upload: {repeats} rounds of a 20 MB attach in one session, clicks in another")
        rounds = [_round(a, b, _new_file(folder, n)) for n in range(repeats + 1)][1:]
    ms = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    progress(
        f"session A's own medians: upload until listed {ms['a_upload']:.0f} ms, "
        f"attach until attached {ms['a_attach']:.0f} ms"
    )
    return [
        Figure(
            "9 upload", "click in B while A uploads 20 MB", ms["upload"], ms["idle"], "ms", GOAL
        ),
        Figure("9 upload", "click in B while A stores 20 MB", ms["attach"], ms["idle"], "ms", GOAL),
    ]
