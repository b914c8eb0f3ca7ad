"""The dashboard's data shaped for charts: columns, targets, drafted marks and how answers moved."""

import pandas as pd

from cpss.present import chart_data


def cells(rows):
    """Rows as :func:`cpss.db.dashboard.answer_cells` returns them (assessment "a")."""
    columns = [
        "subdomain_id",
        "choice",
        "target",
        "low_confidence",
        "drafted",
        "evidence",
        "rationale",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(assessment_id="a")


def test_summary_cells_put_targets_and_statuses_in_the_target_column(framework):
    current = cells(
        [
            ("1.1", "2", 3, True, False, "", ""),
            ("3.1", "3", 4, False, False, "", ""),
            ("7.3", "dont_know", None, False, False, "", ""),
        ]
    )
    previous = cells([("1.1", "1", 2, False, False, "", "")])
    shaped = chart_data.summary_cells(framework, current, previous).set_index(
        ["subdomain_id", "column"]
    )
    assert shaped.loc[("1.1", "Current"), "choice"] == "2"
    assert shaped.loc[("1.1", "Current"), "low_confidence"]  # low confidence is the current's
    assert shaped.loc[("1.1", "Target"), "choice"] == "3"
    assert not shaped.loc[("1.1", "Target"), "low_confidence"]
    assert shaped.loc[("3.1", "Target"), "drafted"]  # 3.1's System Maturity text is drafted
    assert shaped.loc[("7.3", "Target"), "choice"] == "dont_know"
    assert shaped.loc[("1.1", "Previous"), "choice"] == "1"
    assert len(chart_data.summary_cells(framework, current, None)) == 6  # no previous column


def test_radar_values_put_the_target_right_after_its_current_line():
    summary = pd.DataFrame(
        {
            "assessment_id": ["a", "a", "b"],
            "outcome_id": ["1", "2", "1"],
            "current": [2.0, float("nan"), 1.0],
            "target": [3.0, float("nan"), 2.0],
        }
    )
    values = chart_data.radar_values(summary, {"a": "Current", "b": "Previous"}, with_target="a")
    assert list(dict.fromkeys(values["series"])) == ["Current", "Target", "Previous"]
    assert list(values[values["series"] == "Target"]["value"].fillna(-1)) == [3.0, -1]


def test_changes_say_how_each_answer_moved(framework):
    old = cells(
        [
            ("1.1", "2", 3, False, False, "Act 2019", "weak"),
            ("2.3", "2", 3, False, False, "", ""),
            ("4.2", "1", 2, False, False, "", ""),
            ("5.1", "3", 4, False, False, "", ""),
        ]
    )
    new = cells(
        [
            ("1.1", "3", 4, False, False, "Policy 2025", "stronger"),
            ("2.3", "1", 2, False, False, "", "floods"),
            ("4.2", "dont_know", None, False, False, "", ""),
            ("5.1", "3", 4, False, False, "", ""),
            ("6.1", "2", 3, False, False, "", ""),
        ]
    )
    table = chart_data.changes(framework, old, new).set_index("subdomain_id")
    assert table.loc["1.1", "change"] == chart_data.UP
    assert (table.loc["1.1", "old_evidence"], table.loc["1.1", "new_rationale"]) == (
        "Act 2019",
        "stronger",
    )
    assert table.loc["2.3", "change"] == chart_data.DOWN
    assert table.loc["4.2", "change"] == chart_data.OTHER
    assert table.loc["5.1", "change"] == chart_data.SAME
    assert table.loc["6.1", "change"] == chart_data.NEW and table.loc["6.1", "old_choice"] is None
    assert table.loc["7.3", "change"] is None  # answered in neither


def test_change_counts_put_every_subdomain_in_exactly_one_tile(framework):
    old = cells([("1.1", "2", 3, False, False, "", ""), ("4.2", "1", 2, False, False, "", "")])
    new = cells(
        [
            ("1.1", "not_applicable", None, False, False, "", ""),
            ("4.2", "dont_know", None, False, False, "", ""),
            ("6.1", "2", 3, False, False, "", ""),
        ]
    )
    counts = chart_data.change_counts(chart_data.changes(framework, old, new))
    assert counts == {
        chart_data.UP: 0,
        chart_data.DOWN: 0,
        chart_data.SAME: 0,
        chart_data.OTHER: 2,
        chart_data.NEW: 1,
        chart_data.NEITHER: 16,
    }
    assert sum(counts.values()) == len(framework.subdomains) == 19
