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

from bench.fill import fill  # noqa: E402
from bench.timing import median_ms  # noqa: E402
from cpss.model.answers import Answer  # noqa: E402
from cpss.db.backup import TABLES, backup, restore  # noqa: E402
from cpss.model.framework import load_framework  # noqa: E402
from cpss.db.assessments import Store, connect  # noqa: E402
from cpss.db.accounts import Accounts  # noqa: E402

REPEATS = 5


def main() -> None:
    """Fill a database, then time the checks, a backup and a restore."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="number of assessments")
    size = parser.parse_args().size
    folder = Path(tempfile.mkdtemp(prefix="cpss-trust-bench-"))
    con = connect(folder / "bench.duckdb")
    store = Store(con.cursor())
    known = fill(con, load_framework(), size)
    Accounts(store).add("bench admin", "admin", "a long bench password")
    rows = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
    read_all = median_ms(lambda: [con.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES],
                         REPEATS)
    save = median_ms(lambda: store.save_answer(known.followup_id, "1.1", Answer("phase", 2),
                                               "bench"), REPEATS * 4)
    verify = median_ms(lambda: Accounts(store).verify("bench admin", "a long bench password"),
                       REPEATS * 4)
    targets = iter(folder / f"backup-{n}.duckdb" for n in range(100))
    backups = []
    backup_ms = median_ms(lambda: backups.append(backup(con, next(targets), store.actor)), REPEATS)
    con.close()
    restores = iter(folder / f"restored-{n}.duckdb" for n in range(100))
    restore_ms = median_ms(lambda: restore(folder / "backup-0.duckdb", next(restores)), REPEATS)
    size_mb = (folder / "backup-0.duckdb").stat().st_size / 1e6
    print(f"{size} assessments, {rows:,} rows; medians of {REPEATS} (checks: {REPEATS * 4})")
    print(f"save_answer with its role check: {save:.1f} ms")
    print(f"sign-in check (scrypt): {verify:.1f} ms = {verify / save:.1f}x a save")
    print(f"read every row once (baseline): {read_all:.0f} ms")
    print(f"backup: {backup_ms:.0f} ms = {backup_ms / read_all:.1f}x the baseline; file {size_mb:.1f} MB")
    print(f"restore: {restore_ms:.0f} ms = {restore_ms / read_all:.1f}x the baseline")


if __name__ == "__main__":
    main()
