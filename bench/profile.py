"""Where the server's time goes: py-spy samples a real ``streamlit run`` under a benchmark's load,
and a plain-text summary is written to ``bench/profiles/``.

    .venv/bin/python -m bench.profile workshop [--participants 60] [--poll 3]
    .venv/bin/python -m bench.profile click       # the server during walk-through clicks
    .venv/bin/python -m bench.profile cold        # streamlit run until the first page is drawn
    .venv/bin/python -m bench.profile reports     # building PDF reports
    .venv/bin/python -m bench.profile summarise RAW_FILE TITLE

The summary splits the samples by whose code was running (the innermost frame: ours = app.py,
app_pages/, ui/, cpss/; Streamlit; the web server and asyncio; DuckDB/pandas/altair; other), and lists
the functions that hold the most samples, on their own and with what they call. py-spy needs to
read the server's memory (ptrace): run as root or with ``kernel.yama.ptrace_scope=0``.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PROFILES = ROOT / "bench" / "profiles"
OURS = ("/app.py", "/app_pages/", "/ui/", "/cpss/")
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
TOP = 25


class Recording:
    """py-spy recording into ``raw`` (collapsed stacks) until closed: the process ``pid`` (an
    int), or a command it starts itself (a list: from its very first import)."""

    def __init__(
        self, target: int | list[str], raw: Path, rate: int = 100, env=None, idle: bool = False
    ):
        spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        what = ["--pid", str(target)] if isinstance(target, int) else ["--", *target]
        # With idle, threads that wait (on a lock, a pool, a socket) are sampled too: where a
        # server that is slow without using its CPU waits.
        what = ["--idle", *what] if idle else what
        self.raw = raw
        self.process = subprocess.Popen(
            [
                spy,
                "record",
                "--format",
                "raw",
                "--rate",
                str(rate),
                "--output",
                str(raw),
                "--nonblocking",
                "--full-filenames",
                *what,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=env,
        )

    def close(self) -> None:
        """Stop sampling (py-spy writes its file on SIGINT)."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def owner(file: str) -> str:
    """Whose code a source file is."""
    if any(part in file for part in OURS) and "site-packages" not in file:
        return "ours (app.py, app_pages/, ui/, cpss/)"
    for name, label in (
        ("streamlit", "Streamlit"),
        ("tornado", "web server (tornado, asyncio)"),
        ("asyncio", "web server (tornado, asyncio)"),
        ("google/protobuf", "Streamlit (protobuf)"),
        ("duckdb", "DuckDB, pandas, altair"),
        ("pandas", "DuckDB, pandas, altair"),
        ("altair", "DuckDB, pandas, altair"),
        ("threading", "threads"),
    ):
        if name in file:
            return label
    return "other"


def _frames(stack: str) -> list[tuple[str, str]]:
    frames = []
    for frame in stack.split(";"):
        match = _FRAME.match(frame)
        function, file = (match["function"], match["file"]) if match else (frame, "")
        frames.append((function, file))
    return frames


def _short(file: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def summarise(raw: Path, title: str) -> str:
    """A plain-text summary of a py-spy raw (collapsed stacks) file."""
    own: collections.Counter = collections.Counter()
    inclusive: collections.Counter = collections.Counter()
    owners: collections.Counter = collections.Counter()
    ours_inclusive = total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        frames = _frames(stack)
        total += samples
        function, file = frames[-1]
        own[f"{function} ({_short(file)})"] += samples
        owners[owner(file)] += samples
        for name in {f"{f} ({_short(p)})" for f, p in frames}:
            inclusive[name] += samples
        ours_inclusive += samples * any(owner(p).startswith("ours") for _, p in frames)
    if not total:
        return f"{title}\n\nNo samples.\n"
    lines = [
        title,
        "",
        f"{total:,} samples of busy threads (idle threads are not sampled).",
        "",
        "Whose code was running (innermost frame):",
    ]
    lines += [f"  {share / total:6.1%}  {name}" for name, share in owners.most_common()]
    lines += [
        "",
        f"Samples with our code anywhere on the stack: {ours_inclusive / total:.1%}",
        "",
        f"Top {TOP} functions by own samples:",
    ]
    lines += [f"  {n / total:6.1%}  {name}" for name, n in own.most_common(TOP)]
    lines += ["", f"Top {TOP} functions with what they call (inclusive):"]
    lines += [f"  {n / total:6.1%}  {name}" for name, n in inclusive.most_common(TOP)]
    lines += [
        "",
        "Our functions with what they call (inclusive; the Streamlit elements, DuckDB "
        "queries and libraries they call count here too):",
    ]
    lines += [
        f"  {n / total:6.1%}  {name}"
        for name, n in inclusive.most_common()
        if owner("/" + name.rsplit("(", 1)[-1]).startswith("ours")
    ][:TOP]
    return "\n".join(lines) + "\n"


def workshop(args: argparse.Namespace) -> None:
    """Profile the server through one workshop load run; write raw stacks and the summary."""
    from bench import workshop_load

    PROFILES.mkdir(exist_ok=True)
    raw = PROFILES / f"{args.name}.raw.txt"
    with contextlib.ExitStack() as stack:
        database = None
        if args.postgresql:  # one app server on a PostgreSQL server of its own, as pg-workshop
            from tests.pg_support import new_database, pg_server

            database = new_database(stack.enter_context(pg_server()), "workshop_profile")
        figures = workshop_load.run(
            args.participants,
            args.window,
            args.poll,
            on_server=lambda pid: Recording(pid, raw, idle=args.idle),
            database=database,
        )
    title = (
        f"Server profile under workshop load{' on PostgreSQL' if database else ''}: "
        f"{figures.participants} participants, poll {figures.poll:g} s, "
        f"p95 vote to ack {figures.p95 * 1000:.0f} ms, server CPU {figures.cores:.2f} cores"
        f"{', waiting threads sampled too' if args.idle else ''}"
    )
    _write(args.name, raw, title)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _write(name: str, raw: Path, title: str) -> None:
    text = summarise(raw, title)
    (PROFILES / f"{name}.txt").write_text(text)
    raw.unlink()  # the stacks are large; the summary is what is kept
    print(text)


def cold(_args: argparse.Namespace) -> None:
    """Profile ``streamlit run app.py`` from its start until its first page is drawn."""
    from playwright.sync_api import sync_playwright

    from bench.browser_timing import wait_drawn
    from tests.browser_support import free_port, healthy, launch_chromium

    PROFILES.mkdir(exist_ok=True)
    raw = PROFILES / "cold_start.raw.txt"
    folder = Path(tempfile.mkdtemp(prefix="cpss-profile-cold-"))
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
    ]
    recording = Recording(
        command, raw, rate=250, env={**os.environ, "CPSS_DB": str(folder / "cold.duckdb")}
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while not healthy(url) and time.monotonic() < deadline:
            time.sleep(0.05)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(url, wait_until="commit")
            wait_drawn(page)
            browser.close()
    finally:
        servers = _children(recording.process.pid)
        recording.close()
        for pid in servers:  # the server py-spy started, if it outlived py-spy
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
    _write(
        "cold_start",
        raw,
        "Server profile of a cold start: `streamlit run app.py` until the "
        "home page is drawn in Chromium (all threads, 250 samples per second)",
    )


def click(args: argparse.Namespace) -> None:
    """Profile the app's server while the walk-through's phase radio is clicked ``--clicks``
    times (the click-to-saved benchmark's action)."""
    from playwright.sync_api import sync_playwright

    from bench import browser_timing
    from bench.benchmarks import APP, PHASES, new_assessment
    from bench.workshop_load import server_pids
    from tests.browser_support import launch_chromium, serve

    PROFILES.mkdir(exist_ok=True)
    raw = PROFILES / "click_to_saved.raw.txt"
    folder = Path(tempfile.mkdtemp(prefix="cpss-profile-click-"))
    assessment_id = new_assessment(folder / "app.duckdb")
    with (
        serve(APP, folder / "app.duckdb", folder / "app.log") as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        page = browser.new_page()
        browser_timing.load_ms(page, f"{url}/assess?assessment={assessment_id}&subdomain=1.1")
        recording = Recording(server_pids()[0], raw, rate=250)
        try:
            times = [browser_timing.click_to_saved_ms(page, PHASES) for _ in range(args.clicks)]
        finally:
            recording.close()
            browser.close()
    _write(
        "click_to_saved",
        raw,
        f"Server profile of {args.clicks} phase clicks in the "
        f"walk-through (median click to saved {statistics.median(times):.0f} ms in the browser; "
        "250 samples per second, pauses between clicks are idle and not sampled)",
    )


def reports(args: argparse.Namespace) -> None:
    """Profile building the PDF report of the demo's follow-up ``--runs`` times."""
    PROFILES.mkdir(exist_ok=True)
    raw = PROFILES / "reports.raw.txt"
    code = f"from bench.report_speed import pdf_only; pdf_only({args.runs})"
    recording = Recording([sys.executable, "-c", code], raw)
    recording.process.wait()
    _write(
        "reports",
        raw,
        f"Profile of {args.runs} PDF reports of one assessment (after the "
        "demo is loaded and one warm-up report)",
    )


def main(argv: list[str] | None = None) -> None:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("workshop", help="profile the server under the workshop load")
    load.add_argument("--participants", type=int, default=60)
    load.add_argument("--window", type=float, default=20.0)
    load.add_argument("--poll", type=float, default=3.0)
    load.add_argument("--name", default="workshop_load", help="file name under bench/profiles/")
    load.add_argument("--postgresql", action="store_true", help="on a PostgreSQL server of its own")
    load.add_argument("--idle", action="store_true", help="sample waiting threads too")
    clicks = commands.add_parser("click", help="profile the server during walk-through clicks")
    clicks.add_argument("--clicks", type=int, default=40)
    commands.add_parser("cold", help="profile a cold start of the app until its first page")
    pdf = commands.add_parser("reports", help="profile building PDF reports")
    pdf.add_argument("--runs", type=int, default=10)
    again = commands.add_parser("summarise", help="summarise a py-spy raw file")
    again.add_argument("raw", type=Path)
    again.add_argument("title")
    args = parser.parse_args(argv)
    if args.command == "summarise":
        print(summarise(args.raw, args.title))
    else:
        {"workshop": workshop, "click": click, "cold": cold, "reports": reports}[args.command](args)


if __name__ == "__main__":
    main()
