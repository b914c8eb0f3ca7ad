"""What the retention check costs a page load: ``run_due`` when not due (every script run calls
it: app.py), against a bare query and the home page's listing, timed interleaved in one run; and a
whole run when due with nothing to remove (at most once an hour).

    .venv/bin/python bench/retention_check.py            # 1,000 assessments
    .venv/bin/python bench/retention_check.py --size 5000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fill import fill
from bench.timing import interleaved_ms
from cpss.db import assessments, retention
from cpss.db.core import connect
from cpss.model.framework_file import load_framework
from cpss.model.times import utc_now

REPEATS = 200


def measure(folder: Path, size: int) -> dict:
    """Medians in ms: not due, a bare query, the listing; a due run (every hour later)."""
    con = connect(folder / "bench.duckdb")
    db = con.db()
    fill(con, load_framework(), size)
    start = utc_now()
    retention.run_due(db, start)  # makes the lock row; due again in an hour
    hours = iter(range(1, 10_000))
    checks = interleaved_ms(
        {
            "not_due": lambda: retention.run_due(db, start),
            "select_1": lambda: db.value("SELECT 1"),
            "listing": lambda: assessments.list_all(db),
        },
        REPEATS,
    )
    due = interleaved_ms(
        {"due": lambda: retention.run_due(db, start + timedelta(hours=next(hours)))}, 20
    )
    con.close()
    return {**checks, **due}


def main() -> None:
    """Fill a database, then time the check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="number of assessments")
    size = parser.parse_args().size
    with tempfile.TemporaryDirectory(prefix="cpss-retention-bench-") as folder:
        m = measure(Path(folder), size)
    print(f"{size} assessments; medians of {REPEATS} (due: 20)")
    print(
        f"run_due when not due: {m['not_due']:.3f} ms = {m['not_due'] / m['select_1']:.1f}x SELECT 1"
    )
    print(
        f"home listing (a page's usual read): {m['listing']:.2f} ms; the check is "
        f"{100 * m['not_due'] / m['listing']:.1f}% of it"
    )
    print(f"run_due when due, nothing to remove (hourly): {m['due']:.1f} ms")


if __name__ == "__main__":
    main()
