"""The speed suite: every benchmark of issue 7 against its baseline, in one table.

    .venv/bin/python -m bench                      # everything (about 12 minutes on 2 cores)
    .venv/bin/python -m bench --quick              # fewer repeats, 2,000 assessments, 30 voters
    .venv/bin/python -m bench --only click cold    # some benchmarks alone
    .venv/bin/python -m bench --only pg-workshop pg-dashboard   # the PostgreSQL ones (issue 16)
    .venv/bin/python -m bench --only french        # French against English (issue 17)
    .venv/bin/python -m bench --only upload        # a click while a 20 MB document is attached
    .venv/bin/python -m bench --only investment    # the Investment page at scale (issue 18)
    .venv/bin/python -m bench --only map           # the Map page at 10,000 vs 10 (issue 19)
    .venv/bin/python -m bench --repeats 11         # more repeats for every median

Each figure is a median over the repeats (printed) of a measure taken interleaved with its
baseline, on real ``streamlit run`` servers and temporary databases; the ratio to the baseline is
what to read. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import benchmarks, investment_scale, map_scale, report, upload  # noqa: E402
from bench.benchmarks import Figure  # noqa: E402

FAILED: dict[str, str] = {}  # benchmarks that raised, with the first line of the error
NAMES = (
    "click",
    "dashboard",
    "workshop",
    "cold",
    "reports",
    "pg-workshop",
    "pg-dashboard",
    "french",
    "upload",
    "investment",
    "map",
)
# Click to saved ends on the animation frame where "Saved" is drawn (16.7 ms apart) and its floor
# takes two or three frames: its medians jump by whole frames, so it takes three times the clicks.
CLICK_FACTOR = 3
FULL = {
    "repeats": 9,
    "cold": 5,
    "sizes": (10, 10_000),
    "participants": 60,
    "window": 20.0,
    "pg_participants": 200,
    "pg_window": 30.0,
}
QUICK = {
    "repeats": 3,
    "cold": 3,
    "sizes": (10, 2_000),
    "participants": 30,
    "window": 10.0,
    "pg_participants": 60,
    "pg_window": 10.0,
}
# Where each benchmark's own part is shown, for the figures whose goal is not met.
WHERE = {
    "1 click to saved": "the floor and the navigation are Streamlit's own (timed above); ours is "
    "mostly the browser redrawing a bigger page: see "
    "bench/profiles/click_browser.txt (python -m bench.click_costs) and, "
    "for the server, bench/profiles/click_to_saved.txt "
    "(python -m bench.profile click)",
    "2 dashboard at scale": "the queries that grow: python -m bench.dashboard_scale",
    "7 dashboard on PostgreSQL": "the queries' own row in the table; EXPLAIN ANALYZE them on "
    "the copied database (bench/pg_copy.py)",
    "4 cold start": "the bare page is Streamlit's own; see bench/profiles/cold_start.txt "
    "(python -m bench.profile cold)",
    "8 French vs English": "the catalogue and the translated framework are loaded once per "
    "process (cpss.i18n.text, load_translation), so the difference is per-run lookups and longer "
    "texts to draw; not profiled per language yet",
    "9 upload": "session A's own times are printed above; the server is one Python process, "
    "so B's run waits while A's thread holds the interpreter (hashing, reading the upload, "
    "DuckDB's insert)",
    "9 map at scale": "the map's queries and chart: python -m bench.profile, or time "
    "cpss.db.world_map.finals_in and cpss.present.world_map.world_map_chart",
    "5 reports": "the time beyond the charts is mostly fpdf2's own, used through its "
    "public API only (line breaking, which measures a line again for each "
    "letter; table cells laid out twice; parsing the fonts; re-encoding the "
    "chart PNGs; bench/RESULTS.md); see python -m bench.profile reports",
}


def progress(message: str) -> None:
    """A line on stderr, so that the run shows where it is without mixing into the table."""
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def machine() -> str:
    """Cores, CPU model and load average: the context every absolute time needs."""
    model = platform.processor() or "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        model = next(
            (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model
        )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores, {model}, load average {load}"


def run(names: list[str], settings: dict, poll: float) -> list[Figure]:
    """Run the chosen benchmarks in the suite's order; return their figures."""
    repeats = settings["repeats"]
    steps = {
        "click": lambda: benchmarks.click_to_saved(CLICK_FACTOR * repeats, progress),
        "dashboard": lambda: benchmarks.dashboard(settings["sizes"], repeats, progress),
        "workshop": lambda: benchmarks.workshop(
            settings["participants"], settings["window"], poll, progress
        ),
        "cold": lambda: benchmarks.cold_start(settings["cold"], progress),
        "reports": lambda: benchmarks.reports(repeats, progress),
        "pg-workshop": lambda: benchmarks.pg_workshop(
            settings["pg_participants"], settings["pg_window"], poll, progress
        ),
        "pg-dashboard": lambda: benchmarks.pg_dashboard(settings["sizes"], repeats, progress),
        "french": lambda: benchmarks.in_french(
            settings["sizes"][1], repeats, CLICK_FACTOR * repeats, progress
        ),
        "upload": lambda: upload.upload(repeats, progress),
        "investment": lambda: investment_scale.figures(settings["sizes"], repeats, progress),
        "map": lambda: map_scale.map_render(settings["sizes"], repeats, progress),
    }
    figures: list[Figure] = []
    for name in NAMES:
        if name in names:
            try:
                figures += steps[name]()
            except Exception as problem:  # one broken benchmark must not lose the others' figures
                progress(f"{name} FAILED: {type(problem).__name__}: {problem}")
                FAILED[name] = f"{type(problem).__name__}: {problem}".splitlines()[0]
    return figures


def _number(value: float, unit: str) -> str:
    return report.amount(value, unit) if unit else f"{value:,.2f}".rstrip("0").rstrip(".")


def _goal(figure: Figure) -> str:
    if figure.goal is None:
        return "-"
    if figure.kind == "ratio":
        return f"≤ ×{figure.goal:g}"
    return ("≤ " if figure.kind == "max" else "< ") + _number(figure.goal, figure.unit)


def _met(figure: Figure) -> str:
    return {True: "yes", False: "NO", None: "-"}[figure.met]


def table(figures: list[Figure]) -> str:
    """The figures as one plain-text table."""
    rows = [
        (
            f"{f.benchmark}: {f.name}",
            [
                _number(f.value, f.unit),
                "-" if f.baseline is None else _number(f.baseline, f.unit),
                "-" if f.ratio is None else f"×{f.ratio:.2f}",
                _goal(f),
                _met(f),
            ],
        )
        for f in figures
    ]
    return report.table("", ["measured", "baseline", "ratio", "goal", "met"], rows).lstrip("\n")


def shares(figures: list[Figure]) -> list[str]:
    """For each ratio goal not met: how much of the time is the baseline's (Streamlit's own
    floor, or the charts alone), how much Streamlit adds beyond it when that was measured, how
    much is ours, and where the profiles are."""
    lines = []
    for f in figures:
        if f.kind == "ratio" and f.met is False:
            ours = f.value - f.baseline - (f.framework_part or 0)
            added = (
                ""
                if f.framework_part is None
                else f"{f.framework_part:,.0f} ms ({f.framework_part / f.value:.0%}) Streamlit's own "
                "navigation, "
            )
            lines.append(
                f"- {f.benchmark}: of {f.value:,.0f} ms, {f.baseline:,.0f} ms "
                f"({f.baseline / f.value:.0%}) is the baseline's own, {added}"
                f"{ours:,.0f} ms ({ours / f.value:.0%}) ours; {WHERE[f.benchmark]}"
            )
    return lines


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        nargs="+",
        choices=NAMES,
        default=list(NAMES),
        help="run these benchmarks only (default: all of them)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        help="timed repetitions of every median "
        f"(default {FULL['repeats']}, cold starts {FULL['cold']}; quick: "
        f"{QUICK['repeats']} and {QUICK['cold']})",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a quick look: fewer repeats, 2,000 assessments instead of 10,000, "
        "30 participants voting over 10 s (60 instead of 200 on PostgreSQL)",
    )
    parser.add_argument(
        "--poll",
        type=float,
        default=3.0,
        help="workshop screens' refresh interval (CPSS_WORKSHOP_POLL_SECONDS)",
    )
    args = parser.parse_args(argv)
    if args.repeats is not None and args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the suite and print the table."""
    args = parse_args(argv)
    settings = dict(QUICK if args.quick else FULL)
    if args.repeats:
        settings.update(repeats=args.repeats, cold=args.repeats)
    before = machine()
    figures = run(args.only, settings, args.poll)
    print(f"Speed suite, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC{' (quick)' if args.quick else ''}")
    print(f"Machine at the start: {before}")
    print(f"Machine at the end:   {machine()}")
    print(
        f"Medians over {settings['repeats']} interleaved repeats after a warm-up "
        f"({CLICK_FACTOR * settings['repeats']} clicks on each page for click to saved, "
        f"{settings['cold']} for cold starts); the workshop figures are from one load run "
        f"of {settings['participants']} participants ({settings['pg_participants']} on "
        "PostgreSQL: one run on 2 app servers, one on 1).\n"
    )
    print(table(figures))
    for line in shares(figures):
        print(line)
    for name, problem in FAILED.items():
        print(f"- {name}: FAILED ({problem})")
    if FAILED:
        sys.exit(1)


if __name__ == "__main__":
    main()
