"""The five benchmarks of the speed suite, each against a baseline measured in the same run.

Each function returns :class:`Figure` rows for the suite's table. Browser timings are taken inside
headless Chromium (:mod:`bench.browser_timing`) against real ``streamlit run`` servers on temporary
databases; the app and its baseline are timed interleaved (one of each per round), so that a busy
moment on the shared machine slows both alike.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import browser_timing, report_speed, workshop_load
from bench.dashboard_scale import create, quiet_bare_mode
from bench.render import render_times
from cpss.db import assessments
from cpss.db.core import connect
from cpss.model.assessments import AssessmentDetails
from cpss.model.framework_file import load_framework
from tests.browser_support import launch_chromium, serve

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
FLOOR = ROOT / "bench" / "floor_app.py"
NAV_FLOOR = ROOT / "bench" / "nav_floor_app.py"
BARE = ROOT / "bench" / "bare_app.py"
PHASES = ["1 · System Building", "2 · System Enhancement"]


@dataclass(frozen=True)
class Figure:
    """One row of the table: a measure, its baseline (same unit), and the goal it is held to.

    ``goal`` is a bound and ``kind`` says on what: ``"ratio"`` (measure / baseline at most goal),
    ``"max"`` (the measure itself at most goal), ``"below"`` (strictly below goal).
    ``framework_part``, when measured, is the share of the time above the baseline that Streamlit
    itself adds for any app built like ours (e.g. its multipage navigation), not our code.
    """

    benchmark: str
    name: str
    value: float
    baseline: float | None
    unit: str
    goal: float | None
    kind: str = "ratio"
    framework_part: float | None = (
        None  # of value - baseline, what Streamlit itself adds (measured)
    )

    @property
    def ratio(self) -> float | None:
        """Measure over baseline, when there is a baseline."""
        return self.value / self.baseline if self.baseline else None

    @property
    def met(self) -> bool | None:
        """Whether the goal is met (None when the figure has no goal)."""
        if self.goal is None:
            return None
        if self.kind == "ratio":
            return self.ratio is not None and self.ratio <= self.goal
        return self.value <= self.goal if self.kind == "max" else self.value < self.goal


def _interleaved(calls: dict[str, Callable[[], float]], repeats: int) -> dict[str, float]:
    """Median of each call's own measure (ms) over ``repeats`` rounds, after a warm-up round."""
    for call in calls.values():
        call()
    values: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeats):
        for name, call in calls.items():
            values[name].append(call())
    return {name: statistics.median(v) for name, v in values.items()}


def _browser_page(stack: contextlib.ExitStack, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    stack.callback(context.close)
    return context.new_page()


def new_assessment(db_path: Path) -> str:
    """A new database holding one empty assessment (Kenya); its id."""
    con = connect(db_path)
    details = AssessmentDetails("KEN", "Kenya", "Speed suite", date(2026, 1, 1))
    try:
        return assessments.create(con.db(), details, load_framework().version, by="bench")
    finally:
        con.close()


def click_to_saved(repeats: int, progress) -> list[Figure]:
    """Clicking a phase in the walk-through until "Saved" shows, against the floor page, and the
    floor page inside a multipage navigation like the app's (what Streamlit's navigation adds)."""
    folder = Path(tempfile.mkdtemp(prefix="cpss-speed-click-"))
    assessment_id = new_assessment(folder / "app.duckdb")
    scripts = {
        "app": (APP, f"/assess?assessment={assessment_id}&subdomain=1.1"),
        "floor": (FLOOR, ""),
        "navigation": (NAV_FLOOR, ""),
    }
    with contextlib.ExitStack() as stack:
        urls = {
            name: stack.enter_context(
                serve(script, folder / f"{name}.duckdb", folder / f"{name}.log")
            )
            + path
            for name, (script, path) in scripts.items()
        }
        browser = launch_chromium(stack.enter_context(sync_playwright()))
        stack.callback(browser.close)
        pages = {name: _browser_page(stack, browser) for name in urls}
        for name, page in pages.items():
            browser_timing.load_ms(page, urls[name])
        progress(f"click to saved: {repeats} clicks on each page, interleaved")
        ms = _interleaved(
            {
                name: (lambda p=page: browser_timing.click_to_saved_ms(p, PHASES))
                for name, page in pages.items()
            },
            repeats,
        )
        if browser_timing.dropped:
            progress(f"clicks that started no run and were clicked again: {browser_timing.dropped}")
    navigation = max(0.0, ms["navigation"] - ms["floor"])
    return [
        Figure(
            "1 click to saved",
            "walk-through phase click vs floor page",
            ms["app"],
            ms["floor"],
            "ms",
            1.3,
            framework_part=min(navigation, ms["app"] - ms["floor"]),
        ),
        Figure(
            "1 click to saved",
            "floor page in a navigation like the app's (Streamlit's own)",
            ms["navigation"],
            ms["floor"],
            "ms",
            None,
        ),
    ]


def dashboard(sizes: tuple[int, int], repeats: int, progress) -> list[Figure]:
    """The dashboard over many assessments against few: AppTest render and browser load."""
    quiet_bare_mode()
    framework = load_framework()
    small, large = sizes
    with tempfile.TemporaryDirectory(prefix="cpss-speed-dashboard-") as name:
        folder = Path(name)
        dbs = [create(folder, framework, size) for size in sizes]
        progress(f"dashboard, server side: {repeats} AppTest renders per size, interleaved")
        server = render_times({db.size: (db.path, db.known.followup_id) for db in dbs}, repeats)
        with contextlib.ExitStack() as stack:
            urls = {
                db.size: stack.enter_context(serve(APP, db.path, folder / f"{db.size}.log"))
                + f"/dashboard?assessment={db.known.followup_id}"
                for db in dbs
            }
            browser = launch_chromium(stack.enter_context(sync_playwright()))
            stack.callback(browser.close)
            pages = {size: _browser_page(stack, browser) for size in urls}
            progress(f"dashboard, browser: {repeats} loads per size until both charts are drawn")
            ms = _interleaved(
                {
                    size: (lambda s=size: browser_timing.load_ms(pages[s], urls[s], 2))
                    for size in urls
                },
                repeats,
            )
    label = f"{large:,} vs {small:,} assessments"
    return [
        Figure(
            "2 dashboard at scale",
            f"server render (AppTest), {label}",
            server[large, "dashboard render"],
            server[small, "dashboard render"],
            "ms",
            1.2,
        ),
        Figure(
            "2 dashboard at scale",
            f"browser, until both charts drawn, {label}",
            ms[large],
            ms[small],
            "ms",
            1.2,
        ),
    ]


def workshop(
    participants: int, window: float, poll: float, progress, on_server=None
) -> list[Figure]:
    """60 participants voting while following the facilitator; baseline: one voter alone."""
    progress(
        f"workshop load: {participants} participants, votes over {window:g} s, "
        f"screens poll every {poll:g} s"
    )
    f = workshop_load.run(participants, window, poll, on_server=on_server)
    name = "3 workshop load"
    return [
        Figure(name, f"lost votes (of {f.votes})", f.lost, None, "", 0, "max"),
        Figure(
            name,
            "vote to ack, median (baseline: one voter alone)",
            f.median * 1000,
            f.alone_median * 1000,
            "ms",
            None,
        ),
        Figure(
            name,
            "vote to ack, 95th percentile",
            f.p95 * 1000,
            f.alone_median * 1000,
            "ms",
            1000,
            "below",
        ),
        Figure(
            name,
            f"last vote to full count (poll {poll:g} s)",
            f.complete_after * 1000,
            None,
            "ms",
            3000,
            "max",
        ),
        Figure(name, "server CPU while voting (cores)", f.cores, None, "", None),
    ]


def cold_start(repeats: int, progress) -> list[Figure]:
    """From ``streamlit run`` to the first page drawn, the app against a bare page."""
    folder = Path(tempfile.mkdtemp(prefix="cpss-speed-cold-"))
    progress(f"cold start: {repeats} starts of each server, interleaved")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            runs = {
                name: (
                    lambda s=script, n=name: browser_timing.cold_start_ms(
                        browser, s, folder / f"{n}.duckdb", folder / f"{n}.log"
                    )
                )
                for name, script in (("app", APP), ("bare", BARE))
            }
            ms = _interleaved(runs, repeats)
        finally:
            browser.close()
    return [
        Figure(
            "4 cold start",
            "streamlit run to first page drawn vs bare page",
            ms["app"],
            ms["bare"],
            "ms",
            1.5,
        )
    ]


def reports(repeats: int, progress) -> list[Figure]:
    """The PDF report of one assessment against rendering its two charts alone."""
    progress(f"reports: {repeats} of each, interleaved")
    charts, pdf, word = report_speed.measure(repeats)
    return [
        Figure(
            "5 reports",
            "PDF report of one assessment vs its charts alone",
            pdf * 1000,
            charts * 1000,
            "ms",
            1.5,
        ),
        Figure(
            "5 reports",
            "Word report vs its charts alone (no goal)",
            word * 1000,
            charts * 1000,
            "ms",
            None,
        ),
    ]
