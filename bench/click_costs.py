"""Where a phase click's time goes, in the server and in the browser, for the walk-through and the
two floor pages (``bench/floor_app.py``, ``bench/nav_floor_app.py``).

    .venv/bin/python -m bench.click_costs [--clicks 20]

For each page: the median click to saved, the server's CPU time per click (``/proc``), and the
browser page's main-thread time per click as Chromium counts it (DevTools ``Performance`` metrics:
JavaScript, style, layout, all tasks), less what the same page does while idle for as long as the
pauses between clicks. Then a JavaScript CPU profile of the walk-through's clicks, by script file:
it shows whose code the browser runs (Streamlit's frontend: React, its styling library, its
Markdown renderer). Written to ``bench/profiles/click_browser.txt`` and printed. Absolute times are
noise on shared machines: compare the pages with each other.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench import browser_timing  # noqa: E402
from bench.benchmarks import APP, FLOOR, NAV_FLOOR, PHASES, new_assessment  # noqa: E402
from bench.report import table  # noqa: E402
from bench.workshop_load import cpu_seconds  # noqa: E402
from tests.browser_support import launch_chromium, serve  # noqa: E402

OUT = ROOT / "bench" / "profiles" / "click_browser.txt"
METRICS = {"ScriptDuration": "JavaScript", "RecalcStyleDuration": "style",
           "LayoutDuration": "layout", "TaskDuration": "all tasks"}


def server_pid(url: str) -> int:
    """The pid of the ``streamlit run`` serving ``url`` (found by its port argument)."""
    port = url.rsplit(":", 1)[1].split("/")[0].encode()
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and b"\0--server.port\0" + port + b"\0" in (
                    entry / "cmdline").read_bytes():
                return int(entry.name)
    raise RuntimeError(f"No streamlit server found for {url}.")


def _metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def costs(page, cdp, pid: int, clicks: int) -> dict[str, float]:
    """Per click: median ms to saved, server CPU ms, and the page's main-thread ms by kind."""
    for _ in range(3):  # warm up
        browser_timing.click_to_saved_ms(page, PHASES)
    before = _metrics(cdp)
    page.wait_for_timeout(browser_timing.PAUSE_MS * clicks)  # idle, as long as the pauses
    idle = {name: _metrics(cdp)[name] - before[name] for name in METRICS}
    before, cpu = _metrics(cdp), cpu_seconds(pid)
    times = [browser_timing.click_to_saved_ms(page, PHASES) for _ in range(clicks)]
    cpu, after = cpu_seconds(pid) - cpu, _metrics(cdp)
    found = {"click to saved": statistics.median(times), "server CPU": cpu * 1000 / clicks}
    for name, label in METRICS.items():
        found[f"browser {label}"] = (after[name] - before[name] - idle[name]) * 1000 / clicks
    return found


def js_profile(page, cdp, clicks: int, top: int = 12) -> list[tuple[str, float]]:
    """The browser's JavaScript time per click by script file (self time), most first."""
    cdp.send("Profiler.enable")
    cdp.send("Profiler.start")
    for _ in range(clicks):
        browser_timing.click_to_saved_ms(page, PHASES)
    profile = cdp.send("Profiler.stop")["profile"]
    files = {node["id"]: node["callFrame"]["url"].rsplit("/", 1)[-1].split(".")[0]
             or node["callFrame"]["functionName"] for node in profile["nodes"]}
    spent: collections.Counter = collections.Counter()
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"]):
        spent[files[node_id]] += delta / 1000 / clicks
    spent.pop("(idle)", None)
    return spent.most_common(top)


def main(argv: list[str] | None = None) -> None:
    """Measure the three pages one after the other and write the summary."""
    parser = argparse.ArgumentParser(prog="python -m bench.click_costs", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=20)
    clicks = parser.parse_args(argv).clicks
    folder = Path(tempfile.mkdtemp(prefix="cpss-click-costs-"))
    assessment_id = new_assessment(folder / "app.duckdb")
    pages = {"floor page": (FLOOR, "", "floor"), "floor page in a navigation": (NAV_FLOOR, "", "nav"),
             "walk-through": (APP, f"/assess?assessment={assessment_id}&subdomain=1.1", "app")}
    found, profile = {}, []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, (script, path, db) in pages.items():
            with serve(script, folder / f"{db}.duckdb", folder / f"{db}.log") as url:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                browser_timing.load_ms(page, url + path)
                found[name] = costs(page, cdp, server_pid(url), clicks)
                if script == APP:
                    profile = js_profile(page, cdp, clicks)
                context.close()
        browser.close()
    columns = list(found["floor page"])
    rows = [(name, [f"{values[c]:.1f}" for c in columns]) for name, values in found.items()]
    text = (f"Where a phase click's time goes ({clicks} clicks per page, ms per click; the browser's "
            f"figures are its page's main thread, idle time removed; load average "
            f"{os.getloadavg()[0]:.2f})\n\n" + table("", columns, rows).lstrip("\n")
            + "\n\nThe walk-through's JavaScript per click, by script file (self time, ms):\n"
            + "\n".join(f"  {ms:6.1f}  {name}" for name, ms in profile) + "\n")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
