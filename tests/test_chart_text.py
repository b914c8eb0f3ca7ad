"""The charts' text alternatives, without a page: the one-sentence summaries of
:mod:`cpss.present.chart_summary` and the tables of :mod:`cpss.present.chart_data`."""

import pandas as pd

from cpss.present.chart_data import heatmap_table, radar_table
from cpss.present.chart_summary import heatmap_summary, radar_summary

NAN = float("nan")


def radar_values(framework, **series) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"series": name, "outcome_id": o.id, "value": value}
            for name, values in series.items()
            for o, value in zip(framework.outcomes, values)
        ]
    )


def cells(column, choices, low=(), drafted=()) -> pd.DataFrame:
    """Heatmap cells of one column from ``{subdomain id: choice}``."""
    return pd.DataFrame(
        [
            {
                "subdomain_id": sid,
                "column": column,
                "choice": choice,
                "low_confidence": sid in low,
                "drafted": sid in drafted,
            }
            for sid, choice in choices.items()
        ]
    )


def test_radar_summary_names_the_extremes_the_unrated_and_the_target_and_previous(framework):
    values = radar_values(
        framework,
        Current=[1, 2, 3, NAN, 2, 1.5, 2],
        Target=[2, 3, 3, NAN, 3, 2, 3],
        Previous=[1, 1.5, 3.5, NAN, 2, 1.5, 2],
    )
    assert radar_summary(framework, values) == (
        "Current: the highest average phase is 3.0, for 3. A continuum of services, and the "
        "lowest 1.0, for 1. Legal and policy framework; 1 outcome unrated; 5 of 6 rated "
        "outcomes are below their target; since the previous assessment 1 rose and 1 fell."
    )


def test_radar_summary_of_an_overlay_says_which_assessment_is_highest(framework):
    values = radar_values(framework, **{"A · 2026": [2] * 7, "B · 2024": [1] * 6 + [NAN]})
    said = radar_summary(framework, values)
    assert said.startswith("A · 2026: the highest average phase is 2.0, for 1. Legal")
    assert ", and the lowest" not in said  # all equal: one outcome named, no "lowest"
    assert said.endswith("A · 2026 is highest on average (2.0) and B · 2024 lowest (1.0).")


def test_radar_summary_with_nothing_rated(framework):
    values = radar_values(framework, Current=[NAN] * 7)
    assert radar_summary(framework, values) == "Current: no outcome is rated yet."


def test_radar_table_has_one_row_per_outcome_and_a_column_per_series(framework):
    values = radar_values(framework, Current=[1, 2.333, 3, NAN, 2, 1, 2], Target=[2] * 7)
    table = radar_table(framework, values)
    assert list(table.columns) == ["Intermediate outcome", "Current", "Target"]
    assert list(table["Intermediate outcome"]) == [o.label for o in framework.outcomes]
    assert list(table["Current"])[:4] == ["1.00", "2.33", "3.00", "Unrated"]


def test_heatmap_summary_gives_the_most_common_and_lowest_phase_and_what_is_not_rated(framework):
    ids = [s.id for s in framework.subdomains]
    current = dict.fromkeys(ids[:10], "2") | {ids[10]: "1", ids[11]: "dont_know"}
    current |= {ids[12]: "not_applicable"} | dict.fromkeys(ids[13:17], "3")
    target = dict.fromkeys(ids[:17], "3")
    grid = pd.concat([cells("Current", current), cells("Target", target)])
    said = heatmap_summary(framework, grid, ["Current", "Target"])
    lowest = framework.subdomain(ids[10]).label
    assert said == (
        f"Current: most subdomains are at 2 · System Enhancement (10 of 19); the lowest phase, "
        f"1 · System Building, is for {lowest}; not rated: 1 don't know, 1 not applicable, "
        "2 not answered; 11 of 15 rated subdomains are below their target."
    )


def test_heatmap_summary_names_three_at_the_lowest_then_counts_and_ties_the_most_common(
    framework,
):
    ids = [s.id for s in framework.subdomains]
    choices = dict.fromkeys(ids[:5], "1") | dict.fromkeys(ids[5:10], "2")
    said = heatmap_summary(framework, cells("A", choices), ["A"])
    assert "most subdomains are at 1 · System Building and 2 · System Enhancement (5 of 19)" in said
    assert " and 2 more; not rated: 9 not answered." in said


def test_heatmap_summary_counts_moves_since_the_previous_column(framework):
    ids = [s.id for s in framework.subdomains]
    grid = pd.concat(
        [
            cells("Current", {ids[0]: "3", ids[1]: "1", ids[2]: "2"}),
            cells("Previous", {ids[0]: "2", ids[1]: "2", ids[2]: "2"}),
        ]
    )
    said = heatmap_summary(framework, grid, ["Current", "Previous"])
    assert said.endswith("since the previous assessment 1 moved up and 1 moved back.")


def test_heatmap_table_spells_out_every_answer_and_mark(framework):
    ids = [s.id for s in framework.subdomains]
    grid = cells("Current", {ids[0]: "2", ids[1]: "dont_know"}, low={ids[0]}, drafted={ids[0]})
    table = heatmap_table(framework, grid, ["Current", "Target"])
    assert list(table.columns) == ["Intermediate outcome", "Subdomain", "Current", "Target"]
    assert len(table) == len(framework.subdomains)
    first = table.iloc[0]
    assert first["Subdomain"] == framework.subdomains[0].label
    assert first["Intermediate outcome"] == framework.outcomes[0].label
    assert first["Current"] == "2 · System Enhancement (criterion text drafted) (low confidence)"
    assert list(table["Current"])[1:3] == ["Don't know", "Not answered"]
    assert set(table["Target"]) == {"Not answered"}
