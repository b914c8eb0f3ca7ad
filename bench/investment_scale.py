"""Does the Investment page over 10,000 assessments with 20 actions each render about as fast as
over 10 (issue 18)?

Fills one temporary database per size as the dashboard bench does (:func:`bench.fill.fill`), then
adds in bulk, to every assessment, 20 actions with a budget (four currencies, four funders) and two
spend entries each, and times full AppTest renders of the Investment page on the known follow-up
(its plan and its baseline's carry money too), sizes interleaved. Read the ratio.

    python -m bench.investment_scale [--sizes 10 10000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dashboard_scale import progress, quiet_bare_mode  # noqa: E402
from bench.fill import fill  # noqa: E402
from bench.render import app_connections, page_run  # noqa: E402
from bench.timing import interleaved_ms, seconds  # noqa: E402
from cpss.db.core import connect  # noqa: E402
from cpss.model.framework_file import load_framework  # noqa: E402

ACTIONS = 20  # per assessment
PAGE = ("app_pages/investment.py", "Investment")

# Every assessment's 20 actions, on subdomains drawn from its number, with a budget and two spend
# entries dated after the assessment (so the value of investment has money in between).
_ITEMS = """CREATE TEMP TABLE bench_money AS
    SELECT md5('money-' || a.id || '-' || n) AS item_id, a.id AS assessment_id,
           s.subdomains[1 + (hash(a.id || n) % len(s.subdomains))::BIGINT] AS subdomain_id,
           d.assessment_date AS day, n,
           ['USD', 'EUR', 'XOF', 'GBP'][1 + (n % 4)] AS currency,
           ['unicef', 'government', 'donor', 'other'][1 + ((hash(a.id) % 4)::BIGINT + n) % 4] AS funder
    FROM assessments a
    JOIN (SELECT assessment_id, max(assessment_date) AS assessment_date FROM assessment_details
          GROUP BY assessment_id) d ON d.assessment_id = a.id,
         (SELECT ?::VARCHAR[] AS subdomains) s, range(?) r(n)"""
_INSERTS = [
    """INSERT INTO action_items (item_id, assessment_id, subdomain_id, what, owner, due_date,
           status, notes, reviewed_in, recorded_at, recorded_by)
       SELECT item_id, assessment_id, subdomain_id, 'Costed action ' || n, 'bench',
              day + 365, 'planned', '', NULL, day::TIMESTAMP, 'bench' FROM bench_money""",
    """INSERT INTO action_budgets (item_id, assessment_id, amount, currency, funder, donor,
           recorded_at, recorded_by)
       SELECT item_id, assessment_id, (1000 + n * 250)::DECIMAL(18, 2), currency, funder,
              CASE WHEN funder = 'donor' THEN 'Donor ' || (n % 3) ELSE '' END,
              day::TIMESTAMP, 'bench' FROM bench_money""",
    """INSERT INTO spend_entries (entry_id, item_id, assessment_id, spent_on, amount, currency,
           note, removed, recorded_at, recorded_by)
       SELECT md5(item_id || k), item_id, assessment_id, day + (100 * k)::INT, (200 + n * 10)::DECIMAL(18, 2),
              currency, '', false, (day + (100 * k)::INT)::TIMESTAMP, 'bench'
       FROM bench_money, range(1, 3) t(k)""",
]


def add_money(path: Path, subdomain_ids: list[str]) -> int:
    """Give every assessment in ``path`` its actions with money; return the spend entries."""
    con = connect(path)
    try:
        raw = con.engine.raw
        raw.execute("BEGIN TRANSACTION")
        raw.execute(_ITEMS, [subdomain_ids, ACTIONS])
        for statement in _INSERTS:
            raw.execute(statement)
        raw.execute("COMMIT")
        raw.execute("DROP TABLE bench_money")
        raw.execute("CHECKPOINT")
        return con.db().value("SELECT count(*) FROM spend_entries")
    finally:
        con.close()


def create(folder: Path, size: int) -> tuple[Path, str]:
    """A database of ``size`` assessments with money; its path and the known follow-up."""
    framework = load_framework()
    path = folder / f"money-{size}.duckdb"
    con = connect(path)
    try:
        known, fill_s = seconds(lambda: fill(con, framework, size))
    finally:
        con.close()
    entries, money_s = seconds(lambda: add_money(path, [s.id for s in framework.subdomains]))
    progress(
        f"{size:,} assessments: filled in {fill_s:.1f} s, money in {money_s:.1f} s "
        f"({entries:,} spend entries)"
    )
    return path, known.followup_id


def render_ms(sizes: list[int], repeats: int) -> dict[int, float]:
    """The median full render of the Investment page per size, interleaved."""
    quiet_bare_mode()
    with tempfile.TemporaryDirectory(prefix="cpss-investment-scale-") as name:
        dbs = {size: create(Path(name), size) for size in sizes}
        with app_connections():
            runs = {size: page_run(path, *PAGE, known) for size, (path, known) in dbs.items()}
            return interleaved_ms(runs, repeats)  # type: ignore[return-value]


def figures(sizes: tuple[int, int], repeats: int, report_progress) -> list:
    """The suite's row (``python -m bench --only investment``): large against small, goal ×1.2."""
    from bench.benchmarks import Figure

    small, large = sizes
    report_progress(f"investment: {repeats} AppTest renders per size, interleaved")
    times = render_ms([small, large], repeats)
    return [
        Figure(
            "9 investment at scale",
            f"server render (AppTest), {large:,} vs {small:,} assessments, {ACTIONS} actions each",
            times[large],
            times[small],
            "ms",
            1.2,
        )
    ]


def main(argv: list[str] | None = None) -> None:
    """Fill, render, print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    times = render_ms(sorted(args.sizes), args.repeats)
    first = times[min(times)]
    for size, ms in sorted(times.items()):
        print(f"N={size:>6,}  Investment render {ms:8.1f} ms  ×{ms / first:.2f}")


if __name__ == "__main__":
    main()
