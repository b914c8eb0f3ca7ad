"""Where a phase click's time goes, in the server and in the browser, for the walk-through and the
two floor pages (``bench/floor_app.py``, ``bench/nav_floor_app.py``).

    .venv/bin/python -m bench.click_costs [--rounds 8] [--clicks 6] [--against CHECKOUT ...]

For each page, clicked in interleaved rounds (the median round is reported): the median click to
saved, the server's CPU time per click (``/proc``) and the browser's main-thread time per click
(DevTools ``Performance`` metrics, less the same page's idle time). Then a JavaScript CPU profile
of the walk-through's clicks, by script file. ``--against`` adds the walk-through of other
checkouts (``git worktree add --detach ../before HEAD~1``) to the same rounds, to see what a change
did. Written to ``bench/profiles/click_browser.txt`` and printed; compare the pages with each
other, as absolute times are noise on a shared machine.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench import browser_timing  # noqa: E402
from bench.benchmarks import FLOOR, NAV_FLOOR, PHASES  # noqa: E402
from bench.report import table  # noqa: E402
from bench.workshop_load import cpu_seconds  # noqa: E402
from tests.browser_support import launch_chromium, serve  # noqa: E402

OUT = ROOT / "bench" / "profiles" / "click_browser.txt"
METRICS = {
    "ScriptDuration": "JavaScript",
    "RecalcStyleDuration": "style",
    "LayoutDuration": "layout",
    "TaskDuration": "all tasks",
}


def server_pid(url: str) -> int:
    """The pid of the ``streamlit run`` serving ``url`` (found by its port argument)."""
    port = url.rsplit(":", 1)[1].split("/")[0].encode()
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if (
                entry.name.isdigit()
                and b"\0--server.port\0" + port + b"\0" in (entry / "cmdline").read_bytes()
            ):
                return int(entry.name)
    raise RuntimeError(f"No streamlit server found for {url}.")


def _metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


class Meter:
    """One page under measure: its tab, its DevTools session and its server's process."""

    def __init__(self, browser, url: str):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = context.new_page()
        self.cdp = context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.pid = server_pid(url)
        self.times: list[float] = []
        self.rounds: list[dict[str, float]] = []
        browser_timing.load_ms(self.page, url)
        for _ in range(3):  # warm up
            browser_timing.click_to_saved_ms(self.page, PHASES)
        self.idle = self._idle(clicks=6)

    def _idle(self, clicks: int) -> dict[str, float]:
        """Main-thread time per click of the page left alone as long as a click's pause."""
        before = _metrics(self.cdp)
        self.page.wait_for_timeout(browser_timing.PAUSE_MS * clicks)
        return {name: (_metrics(self.cdp)[name] - before[name]) / clicks for name in METRICS}

    def round(self, clicks: int) -> None:
        """``clicks`` clicks: their times, and this round's CPU per click."""
        before, cpu = _metrics(self.cdp), cpu_seconds(self.pid)
        self.times += [browser_timing.click_to_saved_ms(self.page, PHASES) for _ in range(clicks)]
        cpu, after = cpu_seconds(self.pid) - cpu, _metrics(self.cdp)
        found = {"server CPU": cpu * 1000 / clicks}
        for name, label in METRICS.items():
            found[f"browser {label}"] = (
                (after[name] - before[name]) / clicks - self.idle[name]
            ) * 1000
        self.rounds.append(found)

    def summary(self) -> dict[str, float]:
        """Median click to saved, and the median round's figures per click."""
        return {
            "click to saved": statistics.median(self.times),
            **{name: statistics.median(r[name] for r in self.rounds) for name in self.rounds[0]},
        }


def js_profile(page, cdp, clicks: int, top: int = 12) -> list[tuple[str, float]]:
    """The browser's JavaScript time per click by script file (self time), most first."""
    cdp.send("Profiler.enable")
    cdp.send("Profiler.start")
    for _ in range(clicks):
        browser_timing.click_to_saved_ms(page, PHASES)
    profile = cdp.send("Profiler.stop")["profile"]
    files = {
        node["id"]: node["callFrame"]["url"].rsplit("/", 1)[-1].split(".")[0]
        or node["callFrame"]["functionName"]
        for node in profile["nodes"]
    }
    spent: collections.Counter = collections.Counter()
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"]):
        spent[files[node_id]] += delta / 1000 / clicks
    spent.pop("(idle)", None)
    return spent.most_common(top)


# A new database with one empty assessment, made by a checkout's own code (its own migrations).
# A checkout given with --against may predate the layers (cpss/model, cpss/db; 2026-12) or the
# storage layer (functions on a Db instead of a Store on a cursor): each is tried, newest first.
_NEW_ASSESSMENT = """import sys
from datetime import date
try:
    from cpss.model.assessments import AssessmentDetails
    from cpss.model.framework_file import load_framework
except ImportError:
    from cpss.assessments import AssessmentDetails
    from cpss.framework import load_framework
try:
    from cpss.db import assessments
    from cpss.db.core import connect
    def create(path, details, version):
        return assessments.create(connect(path).db(), details, version, by="bench")
except ImportError:
    try:
        from cpss.db.assessments import Store, connect
    except ImportError:
        from cpss.storage import Store, connect
    def create(path, details, version):
        return Store(connect(path).cursor()).create_assessment(details, version, by="bench")
details = AssessmentDetails("KEN", "Kenya", "Click costs", date(2026, 1, 1))
print(create(sys.argv[1], details, load_framework().version))"""


def new_assessment_in(checkout: Path, db_path: Path) -> str:
    """The id of an empty assessment in a new database at ``db_path``, made by ``checkout``."""
    made = subprocess.run(
        [sys.executable, "-c", _NEW_ASSESSMENT, str(db_path)],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    return made.stdout.strip().splitlines()[-1]


def checkout_name(folder: str) -> str:
    """A checkout's commit (short hash), or its path when it is not a git checkout."""
    found = subprocess.run(
        ["git", "-C", folder, "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() if found.returncode == 0 else str(Path(folder).resolve())


def main(argv: list[str] | None = None) -> None:
    """Measure the pages in interleaved rounds and write the summary."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.click_costs", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--clicks", type=int, default=6, help="clicks per page in each round")
    parser.add_argument(
        "--against",
        nargs="*",
        default=[],
        metavar="CHECKOUT",
        help="other checkouts of the app (e.g. a git worktree of an older commit) "
        "whose walk-through is measured in the same rounds",
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="cpss-click-costs-"))
    pages = {"floor page": (ROOT, FLOOR, ""), "floor page in a navigation": (ROOT, NAV_FLOOR, "")}
    for name, checkout in [("walk-through", ROOT)] + [
        (f"walk-through at {checkout_name(c)}", Path(c).resolve()) for c in args.against
    ]:
        db = folder / f"{len(pages)}.duckdb"
        pages[name] = (
            checkout,
            checkout / "app.py",
            f"/assess?assessment={new_assessment_in(checkout, db)}&subdomain=1.1",
        )
    with contextlib.ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        browser = launch_chromium(playwright)
        stack.callback(browser.close)
        # Each server runs in its own checkout, under that checkout's .streamlit/ settings.
        meters = {
            name: Meter(
                browser,
                stack.enter_context(
                    serve(
                        script, folder / f"{index}.duckdb", folder / f"{index}.log", folder=checkout
                    )
                )
                + path,
            )
            for index, (name, (checkout, script, path)) in enumerate(pages.items())
        }
        # Rounds, one page after the other, so that a busy moment of the shared machine falls on
        # every page alike.
        for _ in range(args.rounds):
            for meter in meters.values():
                meter.round(args.clicks)
        walk = meters["walk-through"]
        profile = js_profile(walk.page, walk.cdp, args.rounds * args.clicks)
    found = {name: meter.summary() for name, meter in meters.items()}
    write(found, profile, args.rounds, args.clicks)
    if browser_timing.dropped:  # each also puts a wait and a second click into its round
        print(f"Clicks that started no run and were clicked again: {browser_timing.dropped}")


def write(found: dict[str, dict[str, float]], profile, rounds: int, clicks: int) -> None:
    """Print the summary and write it to ``OUT``."""
    columns = list(found["floor page"])
    rows = [(name, [f"{values[c]:.1f}" for c in columns]) for name, values in found.items()]
    text = (
        f"Where a phase click's time goes ({rounds} interleaved rounds of {clicks} clicks per "
        f"page; ms per click: the median click, and the median round's CPU; the browser's "
        f"figures are its page's main thread, idle time removed; load average "
        f"{os.getloadavg()[0]:.2f})\n\n"
        + table("", columns, rows).lstrip("\n")
        + "\n\nThe walk-through's JavaScript per click, by script file (self time, ms):\n"
        + "\n".join(f"  {ms:6.1f}  {name}" for name, ms in profile)
        + "\n"
    )
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
