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
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from playwright.sync_api import sync_playwright

from bench import browser_timing, report_speed, workshop_load
from bench.dashboard_scale import create, quiet_bare_mode
from bench.fill import Known
from bench.pg_copy import copy_database
from bench.queries import page_queries
from bench.render import language_render_times, render_times
from bench.timing import interleaved_ms
from cpss.db import assessments
from cpss.db.core import connect, is_url
from cpss.i18n import text
from cpss.model.assessments import AssessmentDetails
from cpss.model.framework_file import load_framework
from cpss.model.translation_file import load_translation
from tests.browser_support import launch_chromium, serve
from tests.pg_support import new_database, pg_server

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
FLOOR = ROOT / "bench" / "floor_app.py"
NAV_FLOOR = ROOT / "bench" / "nav_floor_app.py"
BARE = ROOT / "bench" / "bare_app.py"
PHASES = ["1 · System Building", "2 · System Enhancement"]
K = TypeVar("K", bound=Hashable)


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


def _interleaved(calls: Mapping[K, Callable[[], float]], repeats: int) -> dict[K, float]:
    """Median of each call's own measure (ms) over ``repeats`` rounds, after a warm-up round."""
    for call in calls.values():
        call()
    values: dict[K, list[float]] = {name: [] for name in calls}
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


LANGUAGE_GOAL = 1.05  # issue 17: French within 5 % of English


def _phase_labels(lang: str) -> list[str]:
    """The walk-through's labels of phases 1 and 2 in ``lang`` (the options a click toggles)."""
    framework = load_framework() if lang == "en" else load_translation(lang)
    return [phase.label for phase in framework.phases[:2]]


def _language_clicks(lang: str, repeats: int, progress) -> dict[str, float]:
    """Median click to saved (ms) in the walk-through in English and in ``lang``: one app server,
    one assessment, a tab per language (``?lang=``), clicks interleaved."""
    folder = Path(tempfile.mkdtemp(prefix="cpss-speed-language-"))
    assessment_id = new_assessment(folder / "app.duckdb")
    path = f"/assess?assessment={assessment_id}&subdomain=1.1&lang="
    with contextlib.ExitStack() as stack:
        url = _serve_app(stack, folder / "app.duckdb", folder, "app")
        browser = launch_chromium(stack.enter_context(sync_playwright()))
        stack.callback(browser.close)
        pages = {code: _browser_page(stack, browser) for code in ("en", lang)}
        for code, page in pages.items():
            browser_timing.load_ms(page, url + path + code)
        saved = {code: text(code)("✓ Saved at {time}", time="").strip() for code in pages}
        progress(f"click to saved in English and {lang}: {repeats} clicks each, interleaved")
        return _interleaved(
            {
                code: (
                    lambda p=page, c=code: browser_timing.click_to_saved_ms(
                        p, _phase_labels(c), saved=saved[c]
                    )
                )
                for code, page in pages.items()
            },
            repeats,
        )


def _language_dashboards(
    lang: str, size: int, repeats: int, progress
) -> tuple[dict[str, float], dict[str, float]]:
    """Median dashboard render (AppTest) and browser load until both charts are drawn (ms), in
    English and in ``lang``, on one database of ``size`` assessments."""
    quiet_bare_mode()
    with tempfile.TemporaryDirectory(prefix="cpss-speed-language-dashboard-") as name:
        folder = Path(name)
        db = create(folder, load_framework(), size)
        opened = db.known.followup_id
        progress(f"dashboard in English and {lang}: {repeats} AppTest renders each, interleaved")
        server = language_render_times(db.path, opened, ("en", lang), repeats)
        progress(f"dashboard in English and {lang}: {repeats} browser loads each")
        with contextlib.ExitStack() as stack:
            url = _serve_app(stack, db.path, folder, "app")
            browser = launch_chromium(stack.enter_context(sync_playwright()))
            stack.callback(browser.close)
            pages = {code: _browser_page(stack, browser) for code in ("en", lang)}
            address = f"{url}/dashboard?assessment={opened}&lang="
            loads = _interleaved(
                {c: (lambda c=c: browser_timing.load_ms(pages[c], address + c, 2)) for c in pages},
                repeats,
            )
    return server, loads


def in_french(size: int, repeats: int, click_repeats: int, progress) -> list[Figure]:
    """Issue 17: the walk-through's click to saved and the dashboard (server render and browser
    load, ``size`` assessments) in French against English, each pair measured interleaved."""
    clicks = _language_clicks("fr", click_repeats, progress)
    server, loads = _language_dashboards("fr", size, repeats, progress)
    name = "8 French vs English"
    return [
        Figure(
            name,
            "walk-through phase click to saved",
            clicks["fr"],
            clicks["en"],
            "ms",
            LANGUAGE_GOAL,
        ),
        Figure(
            name,
            f"dashboard server render (AppTest), {size:,} assessments",
            server["fr"],
            server["en"],
            "ms",
            LANGUAGE_GOAL,
        ),
        Figure(
            name,
            f"dashboard browser load, both charts, {size:,} assessments",
            loads["fr"],
            loads["en"],
            "ms",
            LANGUAGE_GOAL,
        ),
    ]


def _serve_app(stack: contextlib.ExitStack, target: Path | str, folder: Path, name: str) -> str:
    """The app under ``streamlit run`` on ``target`` (a DuckDB file or a PostgreSQL URL) until
    ``stack`` closes; its base URL."""
    if is_url(target):
        server = serve(
            APP,
            folder / f"{name}.duckdb",
            folder / f"{name}.log",
            env={"CPSS_DATABASE_URL": str(target)},
        )
    else:
        server = serve(APP, Path(target), folder / f"{name}.log")
    return stack.enter_context(server)


def _dashboard_loads(
    databases: dict[Hashable, tuple[Path | str, str]], folder: Path, repeats: int
) -> dict[Hashable, float]:
    """Median browser load (ms) of the dashboard until both charts are drawn, on each database
    (target, assessment opened), one app server each, loads interleaved."""
    with contextlib.ExitStack() as stack:
        urls = {
            key: _serve_app(stack, target, folder, f"app-{n}") + f"/dashboard?assessment={opened}"
            for n, (key, (target, opened)) in enumerate(databases.items())
        }
        browser = launch_chromium(stack.enter_context(sync_playwright()))
        stack.callback(browser.close)
        pages = {key: _browser_page(stack, browser) for key in urls}
        return _interleaved(
            {key: (lambda k=key: browser_timing.load_ms(pages[k], urls[k], 2)) for key in urls},
            repeats,
        )


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
        progress(f"dashboard, browser: {repeats} loads per size until both charts are drawn")
        ms = _dashboard_loads(
            {db.size: (db.path, db.known.followup_id) for db in dbs}, folder, repeats
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
    return workshop_rows("3 workshop load", f, "", None)


def workshop_rows(
    benchmark: str,
    f: workshop_load.LoadFigures,
    label: str,
    against: workshop_load.LoadFigures | None,
) -> list[Figure]:
    """The rows of one load run: lost votes, vote to ack, full count and CPU; the baselines are
    those of the run ``against`` when given, else one voter alone on the same server."""
    base = {
        "median": (against.median if against else f.alone_median) * 1000,
        "p95": (against.p95 if against else f.alone_median) * 1000,
        "complete": against.complete_after * 1000 if against else None,
        "cores": against.cores if against else None,
    }
    of = "the same crowd on 1 server" if against else "one voter alone"
    return [
        Figure(benchmark, f"lost votes{label} (of {f.votes})", f.lost, None, "", 0, "max"),
        Figure(
            benchmark,
            f"vote to ack, median{label} (baseline: {of})",
            f.median * 1000,
            base["median"],
            "ms",
            None,
        ),
        Figure(
            benchmark,
            f"vote to ack, 95th percentile{label}",
            f.p95 * 1000,
            base["p95"],
            "ms",
            1000,
            "below",
        ),
        Figure(
            benchmark,
            f"last vote to full count{label} (poll {f.poll:g} s)",
            f.complete_after * 1000,
            base["complete"],
            "ms",
            3000,
            "max",
        ),
        Figure(
            benchmark,
            f"app servers' CPU while voting{label} (cores)",
            f.cores,
            base["cores"],
            "",
            None,
        ),
    ]


def pg_workshop(participants: int, window: float, poll: float, progress) -> list[Figure]:
    """The workshop load on one PostgreSQL: the participants spread over two app servers (the
    facilitator on the first), against the same crowd on one app server."""
    runs = {}
    with pg_server() as server:
        for servers in (1, 2):
            progress(
                f"workshop on PostgreSQL: {participants} participants over {servers} app "
                f"server(s), votes over {window:g} s, screens poll every {poll:g} s"
            )
            database = new_database(server, f"workshop_{servers}")
            runs[servers] = workshop_load.run(
                participants, window, poll, servers=servers, database=database
            )
    name = "6 workshop on PostgreSQL"
    return workshop_rows(name, runs[2], ", 2 servers", runs[1]) + workshop_rows(
        name, runs[1], ", 1 server", None
    )


def pg_dashboard(sizes: tuple[int, int], repeats: int, progress) -> list[Figure]:
    """The dashboard over many assessments against few, both on PostgreSQL (the same data as
    DuckDB's, copied), and the many on PostgreSQL against the same many on DuckDB."""
    quiet_bare_mode()
    framework = load_framework()
    small, large = sizes
    with (
        tempfile.TemporaryDirectory(prefix="cpss-speed-pg-dashboard-") as name,
        pg_server() as server,
    ):
        folder = Path(name)
        dbs = {size: create(folder, framework, size) for size in sizes}
        urls = {size: new_database(server, f"dashboard_{size}") for size in sizes}
        for size, db in dbs.items():
            copy_database(db.path, urls[size])
        targets: dict[Hashable, tuple[Path | str, str]] = {
            ("postgresql", size): (urls[size], db.known.followup_id) for size, db in dbs.items()
        }
        targets["duckdb", large] = (dbs[large].path, dbs[large].known.followup_id)
        progress(f"dashboard on PostgreSQL: {repeats} rounds of its queries and AppTest renders")
        queries = _query_totals({size: (urls[size], db.known) for size, db in dbs.items()}, repeats)
        server_ms = render_times(targets, repeats)
        progress(f"dashboard on PostgreSQL, browser: {repeats} loads per size")
        pg = {key: value for key, value in targets.items() if key[0] == "postgresql"}
        ms = _dashboard_loads(pg, folder, repeats)
    return pg_dashboard_rows(small, large, queries, server_ms, ms)


def _query_totals(databases: dict[int, tuple[str, Known]], repeats: int) -> dict[int, float]:
    """Median time (ms) of all the dashboard's and compare's queries run once, per database."""
    framework = load_framework()
    with contextlib.ExitStack() as stack:
        calls = {}
        for size, (url, known) in databases.items():
            db = stack.enter_context(contextlib.closing(connect(url))).db()
            queries = list(page_queries(db, framework, known).values())
            calls[size] = lambda q=queries: [query() for query in q]
        return interleaved_ms(calls, repeats)


def pg_dashboard_rows(small, large, queries, server_ms, browser_ms) -> list[Figure]:
    """The table rows of :func:`pg_dashboard`."""
    name, label = "7 dashboard on PostgreSQL", f"{large:,} vs {small:,} assessments"
    render = "dashboard render"
    pg_large, pg_small = ("postgresql", large), ("postgresql", small)
    return [
        Figure(
            name,
            f"server render (AppTest), {label}",
            server_ms[pg_large, render],
            server_ms[pg_small, render],
            "ms",
            1.2,
        ),
        Figure(
            name,
            f"browser, until both charts drawn, {label}",
            browser_ms[pg_large],
            browser_ms[pg_small],
            "ms",
            1.2,
        ),
        Figure(
            name, f"the pages' queries alone, {label}", queries[large], queries[small], "ms", None
        ),
        Figure(
            name,
            f"server render, {large:,}: PostgreSQL vs DuckDB",
            server_ms[pg_large, render],
            server_ms[("duckdb", large), render],
            "ms",
            None,
        ),
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
