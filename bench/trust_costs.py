"""What trust costs: a password check, a backup and a restore, against baselines measured in the
same run (absolute times are noise on a shared 2-core machine: read the ratios).

    .venv/bin/python bench/trust_costs.py            # 1,000 assessments
    .venv/bin/python bench/trust_costs.py --size 5000

Prints medians: a save_answer (with its role check) and a sign-in check, in ms; a backup and a
restore of the filled database against reading every row of every table once.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fill import fill
from bench.timing import interleaved_ms
from cpss.db import accounts, assessments
from cpss.db.backup import TABLES, backup, restore
from cpss.db.core import connect
from cpss.model.answers import Answer
from cpss.model.framework_file import load_framework

REPEATS = 5


def measure(folder: Path, size: int) -> dict[str, float]:
    """Fill a database of ``size`` assessments in ``folder``; the medians (ms), the rows and the
    backup's size (MB). Compared calls are timed interleaved (see :mod:`bench.timing`)."""
    con = connect(folder / "bench.duckdb")
    db = con.db()
    known = fill(con, load_framework(), size)
    accounts.add(db, "bench admin", "admin", "a long bench password")
    rows = sum(db.value(f"SELECT count(*) FROM {t}") for t in TABLES)
    checks = interleaved_ms(
        {
            "save": lambda: assessments.save_answer(
                db, known.followup_id, "1.1", Answer("phase", 2), "bench"
            ),
            "verify": lambda: accounts.verify(db, "bench admin", "a long bench password"),
        },
        REPEATS * 4,
    )
    targets = iter(folder / f"backup-{n}.duckdb" for n in range(100))
    copies = interleaved_ms(
        {
            "read_all": lambda: [db.rows(f"SELECT * FROM {t}") for t in TABLES],
            "backup": lambda: backup(con, next(targets), db.actor),
        },
        REPEATS,
    )
    con.close()
    restores = iter(folder / f"restored-{n}.duckdb" for n in range(100))
    restored = interleaved_ms(
        {"restore": lambda: restore(folder / "backup-0.duckdb", next(restores))}, REPEATS
    )
    return {
        **checks,
        **copies,
        **restored,
        "rows": rows,
        "size_mb": (folder / "backup-0.duckdb").stat().st_size / 1e6,
    }


def main() -> None:
    """Fill a database, then time the checks, a backup and a restore."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="number of assessments")
    size = parser.parse_args().size
    with tempfile.TemporaryDirectory(prefix="cpss-trust-bench-") as folder:
        m = measure(Path(folder), size)
    read_all = m["read_all"]
    print(f"{size} assessments, {m['rows']:,} rows; medians of {REPEATS} (checks: {REPEATS * 4})")
    print(f"save_answer with its role check: {m['save']:.1f} ms")
    print(f"sign-in check (scrypt): {m['verify']:.1f} ms = {m['verify'] / m['save']:.1f}x a save")
    print(f"read every row once (baseline): {read_all:.0f} ms")
    print(
        f"backup: {m['backup']:.0f} ms = {m['backup'] / read_all:.1f}x the baseline; "
        f"file {m['size_mb']:.1f} MB"
    )
    print(f"restore: {m['restore']:.0f} ms = {m['restore'] / read_all:.1f}x the baseline")


if __name__ == "__main__":
    main()
