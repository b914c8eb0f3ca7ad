"""The PostgreSQL benchmarks of the speed suite (issue 16) run end to end in a tiny form: their own
server started and removed, the workshop over two app servers and one, the dashboard on copied data.
"""

from pathlib import Path

from bench import benchmarks
from bench.suite import NAMES, table


def _servers_left() -> set[Path]:
    return set(Path("/tmp").glob("cpss-pg-server-*"))


def test_the_workshop_over_two_app_servers_loses_no_vote_and_is_timed_against_one():
    before = _servers_left()
    figures = benchmarks.pg_workshop(6, 2.0, 1.0, lambda message: None)
    rows = {f.name.split(" (")[0]: f for f in figures}
    assert rows["lost votes, 2 servers"].value == 0
    assert rows["lost votes, 1 server"].value == 0
    p95 = rows["vote to ack, 95th percentile, 2 servers"]
    assert p95.baseline == rows["vote to ack, 95th percentile, 1 server"].value
    assert 0 < p95.value < 60_000
    assert rows["last vote to full count, 2 servers"].value >= 0
    assert "6 workshop on PostgreSQL" in table(figures)
    assert _servers_left() == before  # the benchmark's PostgreSQL is stopped and removed


def test_the_dashboard_on_postgresql_is_timed_against_few_and_against_duckdb():
    before = _servers_left()
    figures = benchmarks.pg_dashboard((3, 8), 1, lambda message: None)
    assert [f.name for f in figures] == [
        "server render (AppTest), 8 vs 3 assessments",
        "browser, until both charts drawn, 8 vs 3 assessments",
        "the pages' queries alone, 8 vs 3 assessments",
        "server render, 8: PostgreSQL vs DuckDB",
    ]
    assert all(f.value > 0 and f.baseline and f.baseline > 0 for f in figures)
    assert [f.goal for f in figures] == [1.2, 1.2, None, None]
    assert _servers_left() == before


def test_the_suite_offers_the_postgresql_benchmarks():
    assert {"pg-workshop", "pg-dashboard"} <= set(NAMES)
