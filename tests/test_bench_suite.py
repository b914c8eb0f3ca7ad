"""The speed suite's table: goals judged as the issue states them, and the share of a missed goal."""

from bench.benchmarks import Figure
from bench.suite import shares, table


def test_goals_are_judged_on_ratio_bound_and_strict_bound():
    assert Figure("1 click to saved", "x", 130, 100, "ms", 1.3).met is True
    assert Figure("1 click to saved", "x", 131, 100, "ms", 1.3).met is False
    assert Figure("3 workshop load", "lost", 0, None, "", 0, "max").met is True
    assert Figure("3 workshop load", "lost", 1, None, "", 0, "max").met is False
    assert Figure("3 workshop load", "p95", 999, 50, "ms", 1000, "below").met is True
    assert Figure("3 workshop load", "p95", 1000, 50, "ms", 1000, "below").met is False
    assert Figure("3 workshop load", "cpu", 0.2, None, "", None).met is None


def test_table_shows_ratio_goal_and_verdict_and_explains_a_missed_ratio():
    figures = [
        Figure("4 cold start", "app vs bare", 3000, 2000, "ms", 1.5),
        Figure("3 workshop load", "p95", 59, 48, "ms", 1000, "below"),
    ]
    lines = table(figures).splitlines()
    assert lines[0].split() == ["measured", "baseline", "ratio", "goal", "met"]
    assert lines[2].split()[-5:] == ["ms", "×1.50", "≤", "×1.5", "yes"]
    assert lines[3].split()[-4:] == ["<", "1,000.0", "ms", "yes"]
    missed = shares([Figure("4 cold start", "app vs bare", 3100, 2000, "ms", 1.5)])
    assert missed[0].startswith(
        "- 4 cold start: of 3,100 ms, 2,000 ms (65%) is the baseline's "
        "own, 1,100 ms (35%) ours; the bare page is Streamlit's own"
    )


def test_a_missed_click_separates_what_streamlits_navigation_adds_from_ours():
    missed = shares(
        [Figure("1 click to saved", "app vs floor", 100, 40, "ms", 1.3, framework_part=10)]
    )
    assert missed[0].startswith(
        "- 1 click to saved: of 100 ms, 40 ms (40%) is the baseline's own, "
        "10 ms (10%) Streamlit's own navigation, 50 ms (50%) ours;"
    )
