"""Outcome averages and the answers table: "don't know" and "not applicable" never count as a phase."""

import math

from cpss.answers import DONT_KNOW, NOT_APPLICABLE, Answer
from cpss.scoring import answers_table, outcome_summary


def rated(phase, target=None):
    return Answer(status="phase", phase=phase, target=target)


def test_averages_leave_out_dont_know_and_not_applicable(framework):
    answers = {
        "2.1": rated(1, 3), "2.2": Answer(status=DONT_KNOW),
        "2.3": Answer(status=NOT_APPLICABLE, rationale="no local level"),
        "3.1": rated(2), "3.2": rated(3, 4), "3.3": rated(4),
    }
    summary = outcome_summary(framework, answers).set_index("outcome_id")
    governance = summary.loc["2"]
    assert governance["current"] == 1 and governance["target"] == 3
    assert (governance["rated"], governance["dont_know"], governance["not_applicable"],
            governance["not_answered"]) == (1, 1, 1, 0)
    services = summary.loc["3"]
    assert services["current"] == 3  # (2 + 3 + 4) / 3
    assert services["target"] == (3 + 4 + 4) / 3  # no target: one phase up, at most 4
    assert math.isnan(summary.loc["1"]["current"]) and summary.loc["1"]["not_answered"] == 2


def test_an_outcome_of_only_dont_know_is_unrated_not_zero(framework):
    answers = {"7.1": Answer(status=DONT_KNOW), "7.2": Answer(status=DONT_KNOW),
               "7.3": Answer(status=NOT_APPLICABLE, rationale="r")}
    row = outcome_summary(framework, answers).set_index("outcome_id").loc["7"]
    assert math.isnan(row["current"]) and row["rated"] == 0


def test_answers_table_reads_as_users_expect(framework):
    table = answers_table(framework, {"1.1": rated(2, 3), "3.1": rated(4),
                                      "7.3": Answer(status=DONT_KNOW)}).set_index("Subdomain")
    assert len(table) == 19
    first = table.loc["1.1 Understanding and articulation of national child protection systems"]
    assert first["Current phase"] == "2 · System Enhancement"
    assert first["Target phase"] == "3 · System Integration"
    drafted = table.loc["3.1 Modelling, testing and scaling of child protection services"]
    assert drafted["Current phase"] == "4 · System Maturity †"
    assert table.loc["7.3 Data governance (coordination, oversight, and secure management)",
                     "Current phase"] == "Don't know"
    assert table.loc["1.2 Legislation on child protection systems and implementation "
                     "structures/mechanisms", "Current phase"] == "Not answered"


def test_choosing_a_phase_raises_a_lower_target():
    assert Answer(target=2).with_choice(3).target == 3
    assert Answer(target=4).with_choice(3).target == 4
    assert Answer(status="phase", phase=2, target=3).with_choice(DONT_KNOW).phase is None
