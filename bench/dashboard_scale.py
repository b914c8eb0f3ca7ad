"""Does the dashboard over 10,000 assessments render about as fast as over 10?

Fills one temporary database per size with that many realistic assessments (never the user's
file), then times every query the dashboard and compare pages run for one known assessment, and a
full AppTest render of both pages, the sizes timed interleaved (see :mod:`bench.timing`). Prints
medians over the repeats and their ratio to the smallest size: read the ratios, not the absolute
times, which depend on the machine and its load.

    python -m bench.dashboard_scale [--sizes 10 1000 10000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.fill import Known, fill  # noqa: E402
from bench.queries import page_queries  # noqa: E402
from bench.render import render_times  # noqa: E402
from bench.timing import interleaved_ms, seconds  # noqa: E402
from cpss.db.core import connect  # noqa: E402
from cpss.model.framework import Framework  # noqa: E402  (after the path is set)
from cpss.model.framework_file import load_framework  # noqa: E402

DEFAULT_SIZES = (10, 1000, 10000)
DEFAULT_REPEATS = 7


@dataclass(frozen=True)
class Database:
    """A filled database: its size (assessments), file, known assessments and how it was filled."""

    size: int
    path: Path
    known: Known
    ratings: int
    fill_seconds: float


def progress(message: str) -> None:
    """A line on stderr, so that a long run shows where it is without mixing into the table."""
    print(message, file=sys.stderr, flush=True)


def quiet_bare_mode() -> None:
    """Drop Streamlit's warning about a missing script context, logged on every cache clear
    outside a script run: expected here."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )


def create(folder: Path, framework: Framework, size: int) -> Database:
    """A new database in ``folder`` filled with ``size`` assessments (connection closed after)."""
    path = folder / f"bench-{size}.duckdb"
    con = connect(path)
    try:
        known, fill_seconds = seconds(lambda: fill(con, framework, size))
        ratings = con.db().value("SELECT count(*) FROM ratings")
    finally:
        con.close()
    progress(f"{size:,} assessments: filled in {fill_seconds:.1f} s ({ratings:,} ratings)")
    return Database(size, path, known, ratings, fill_seconds)


@dataclass(frozen=True)
class Results:
    """Everything measured; times are medians in ms, by (size, name)."""

    databases: list[Database]
    queries: dict[tuple[int, str], float]
    renders: dict[tuple[int, str], float]
    load: tuple[float, float]  # the 1-minute load average at the start and the end


def measure(databases: list[Database], framework: Framework, repeats: int) -> Results:
    """Time the queries and the renders on every database."""
    load = os.getloadavg()[0]
    with contextlib.ExitStack() as stack:
        cons = {
            db.size: stack.enter_context(contextlib.closing(connect(db.path))) for db in databases
        }
        progress("timing the queries")
        calls = {
            (db.size, name): call
            for db in databases
            for name, call in page_queries(cons[db.size].db(), framework, db.known).items()
        }
        queries = interleaved_ms(calls, repeats)
        progress("rendering the pages")
        pages = {db.size: (db.path, db.known.followup_id) for db in databases}
        renders = render_times(pages, repeats)
    return Results(databases, queries, renders, (load, os.getloadavg()[0]))


def _names(times: dict[tuple[int, str], float]) -> list[str]:
    return list(dict.fromkeys(name for _, name in times))


def _main_rows(results: Results) -> list[report.Row]:
    dbs = results.databases
    rows = [
        report.measured("assessments", [db.size for db in dbs], ""),
        report.measured("rows in ratings", [db.ratings for db in dbs], ""),
        report.plain("fill time", [db.fill_seconds for db in dbs], "s"),
    ]
    rows += [
        report.measured(name, [results.queries[db.size, name] for db in dbs])
        for name in _names(results.queries)
    ]
    rows.append(
        report.measured(
            "query total",
            [sum(ms for (size, _), ms in results.queries.items() if size == db.size) for db in dbs],
        )
    )
    rows += [
        report.measured(name, [results.renders[db.size, name] for db in dbs])
        for name in _names(results.renders)
    ]
    return rows


def print_report(results: Results, repeats: int) -> None:
    """The table of medians and ratios."""
    header = [f"N={db.size:,}" for db in results.databases]
    start, end = results.load
    print(
        report.table(
            f"Medians over {repeats} repeats (after a warm-up run), sizes interleaved; ms; ×: ratio "
            f"to N={results.databases[0].size:,}. Read the ratios, not the absolute times "
            f"(load average {start:.1f} at the start, {end:.1f} at the end).",
            header,
            _main_rows(results),
        )
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: sizes and repeats."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="numbers of assessments (default: 10 1000 10000)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=DEFAULT_REPEATS,
        help=f"timed runs of each query and render (default: {DEFAULT_REPEATS})",
    )
    args = parser.parse_args(argv)
    if min(args.sizes) < 2 or args.repeats < 1 or len(set(args.sizes)) != len(args.sizes):
        parser.error(
            "sizes must be distinct and at least 2 (the known baseline and follow-up); "
            "repeats at least 1"
        )
    return args


def main(argv: list[str] | None = None) -> None:
    """Fill a database per size, measure, and print the report."""
    args = parse_args(argv)
    quiet_bare_mode()
    framework = load_framework()
    with tempfile.TemporaryDirectory(prefix="cpss-dashboard-scale-") as folder:
        databases = [create(Path(folder), framework, size) for size in sorted(args.sizes)]
        results = measure(databases, framework, args.repeats)
    print_report(results, args.repeats)


if __name__ == "__main__":
    main()
