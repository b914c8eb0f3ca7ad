"""Priority investments: small cases whose order can be checked by hand from the comments.

Points (cpss.model.priorities): 1 per phase of gap to the target (no target: one phase up); 1 per phase
behind the mean phase of all rated subdomains, when at least 0.5 behind; 0.75 for outcomes 1 and 2;
2.5 for "don't know"; 0.5 for a rating made with low confidence.
"""

import dataclasses

import pytest

from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, RATED, Answer
from cpss.model.priorities import (
    CONFIRM,
    EVIDENCE,
    EVIDENCE_REASON,
    INVEST,
    LOW_CONFIDENCE_REASON,
    METHOD,
    rank_priorities,
    unanswered,
)


def rated(phase, target=None, confidence=None):
    return Answer(status=RATED, phase=phase, target=target, confidence=confidence)


def order(priorities):
    return [p.subdomain_id for p in priorities]


def test_larger_gap_ranks_first_with_exact_reasons(framework):
    # All at phase 1, so the mean is 1 and nothing lags: the score is the gap alone.
    answers = {"3.1": rated(1, 2), "4.1": rated(1, 3), "5.1": rated(1, 4)}
    ranked = rank_priorities(framework, answers)
    assert order(ranked) == ["5.1", "4.1", "3.1"]  # gaps 3, 2, 1
    assert [p.rank for p in ranked] == [1, 2, 3]
    assert [p.score for p in ranked] == [3.0, 2.0, 1.0]
    assert all(p.kind == INVEST for p in ranked)
    assert ranked[0].reasons == (
        "3 phases below its target: now System Building, target System Maturity.",
    )
    assert ranked[2].reasons == (
        "One phase below its target: now System Building, target System Enhancement.",
    )


def test_no_target_means_one_phase_up(framework):
    ranked = rank_priorities(framework, {"4.2": rated(2)})
    assert ranked[0].score == 1.0
    assert ranked[0].reasons == (
        "One phase below its target: now System Enhancement, target System Integration.",
    )


def test_a_lagging_subdomain_beats_an_equal_gap(framework):
    # Mean phase (3 + 1 + 4) / 3 = 2.67. 3.1: gap 1, not behind -> 1. 3.2: gap 1, 1.67 behind
    # -> 2.67. 3.3 at phase 4 has no gap and is left out, but still counts in the mean.
    answers = {"3.1": rated(3, 4), "3.2": rated(1, 2), "3.3": rated(4)}
    ranked = rank_priorities(framework, answers)
    assert order(ranked) == ["3.2", "3.1"]
    assert ranked[0].score == pytest.approx(1 + 5 / 3)
    assert ranked[0].reasons[1] == (
        "Behind the country's own profile: at System Building while "
        "the average subdomain is at 2.7."
    )
    assert len(ranked[1].reasons) == 1


def test_less_than_half_a_phase_behind_is_not_lagging(framework):
    # Mean (2 + 2 + 3) / 3 = 2.33: 4.1 and 4.2 are 0.33 behind, under the 0.5 threshold.
    answers = {"4.1": rated(2, 3), "4.2": rated(2, 3), "5.1": rated(3)}
    assert [p.score for p in rank_priorities(framework, answers)] == [1.0, 1.0, 1.0]


def test_a_foundation_subdomain_beats_an_equal_non_foundation_one(framework):
    # Same phase and target: 2.1 (governance, outcome 2) 1 + 0.75; 6.1 just 1.
    ranked = rank_priorities(framework, {"6.1": rated(2, 3), "2.1": rated(2, 3)})
    assert order(ranked) == ["2.1", "6.1"]
    assert [p.score for p in ranked] == [1.75, 1.0]
    assert ranked[0].reasons[-1] == (
        "Foundation: the governance and coordination structures "
        "outcome underpins services, workforce and data."
    )
    legal = rank_priorities(framework, {"1.2": rated(2, 3)})[0]
    assert legal.reasons[-1] == (
        "Foundation: the legal and policy framework outcome underpins services, workforce and data."
    )


def test_equal_scores_go_to_the_foundation_first_whatever_the_framework_order(framework):
    # Mean (2 + 1 + 2 + 2) / 4 = 1.75. 2.1: gap 1 + foundation 0.75 = 1.75. 7.1: gap 1 + 0.75
    # behind = 1.75. 3.1 and 3.2 are at their target. With the framework order reversed, 7.1
    # would come first on order alone; the foundation rule keeps 2.1 first.
    answers = {"2.1": rated(2, 3), "7.1": rated(1, 2), "3.1": rated(2, 2), "3.2": rated(2, 2)}
    reversed_framework = dataclasses.replace(
        framework, subdomains=tuple(reversed(framework.subdomains))
    )
    for fw in (framework, reversed_framework):
        ranked = rank_priorities(fw, answers)
        assert order(ranked) == ["2.1", "7.1"]
        assert ranked[0].score == ranked[1].score == 1.75


def test_equal_scores_follow_the_framework_order(framework):
    answers = {"7.3": rated(1, 2), "4.1": rated(1, 2), "5.2": rated(1, 2)}
    assert order(rank_priorities(framework, answers)) == ["4.1", "5.2", "7.3"]


def test_dont_know_is_an_evidence_priority(framework):
    # Only 3.1 is rated, so the mean is 1 and nothing lags. 1.1: 2.5 + foundation 0.75 = 3.25;
    # 3.1: gap 3; 7.1: 2.5.
    answers = {"7.1": Answer(status=DONT_KNOW), "1.1": Answer(status=DONT_KNOW), "3.1": rated(1, 4)}
    ranked = rank_priorities(framework, answers)
    assert order(ranked) == ["1.1", "3.1", "7.1"]
    assert [p.score for p in ranked] == [3.25, 3.0, 2.5]
    assert [p.kind for p in ranked] == [EVIDENCE, INVEST, EVIDENCE]
    assert ranked[2].reasons == (EVIDENCE_REASON,)
    assert ranked[2].milestone_phase is None and not ranked[2].milestone_drafted
    assert "evidence" in ranked[2].milestone_text


def test_not_applicable_unanswered_and_reached_targets_are_left_out(framework):
    answers = {
        "1.1": Answer(status=NOT_APPLICABLE, rationale="no such law"),
        "1.2": Answer(),
        "2.1": rated(4),
        "2.2": rated(2, 2, "high"),
        "2.3": rated(1, 2),
    }
    # 1.1 not applicable, 1.2 unanswered, 2.1 at the top, 2.2 at its target: only 2.3 remains.
    assert order(rank_priorities(framework, answers)) == ["2.3"]
    assert rank_priorities(framework, {}) == []


def test_low_confidence_adds_points_and_keeps_a_reached_target(framework):
    # 4.1: gap 1 + low confidence 0.5 = 1.5; 4.2 at its target, kept for low confidence: 0.5.
    answers = {"4.1": rated(2, 3, "low"), "4.2": rated(2, 2, "low"), "5.1": rated(2, 3)}
    ranked = rank_priorities(framework, answers)
    assert order(ranked) == ["4.1", "5.1", "4.2"]
    assert [p.score for p in ranked] == [1.5, 1.0, 0.5]
    assert ranked[0].reasons[-1] == LOW_CONFIDENCE_REASON
    assert ranked[2].reasons == (LOW_CONFIDENCE_REASON,)


def test_a_low_confidence_top_phase_is_to_be_confirmed(framework):
    priority = rank_priorities(framework, {"5.2": rated(4, confidence="low")})[0]
    assert (priority.kind, priority.score, priority.milestone_phase) == (CONFIRM, 0.5, None)
    assert priority.milestone_text == (
        "Confirm with evidence that this subdomain is at System "
        "Maturity; the rating was made with low confidence."
    )


def test_a_low_confidence_rating_at_its_target_is_to_confirm_not_to_invest(framework):
    answers = {"4.1": rated(2, 3, "low"), "4.2": rated(2, 2, "low")}
    kinds = {p.subdomain_id: p for p in rank_priorities(framework, answers)}
    assert kinds["4.1"].kind == INVEST and kinds["4.1"].milestone_phase == 3
    assert (kinds["4.2"].kind, kinds["4.2"].milestone_phase) == (CONFIRM, None)
    assert kinds["4.2"].milestone_text.startswith(
        "Confirm with evidence that this subdomain is at System Enhancement"
    )


def test_unanswered_subdomains_are_listed_to_rate_first(framework):
    answers = {s.id: rated(2) for s in framework.subdomains if s.id not in ("2.2", "7.3")}
    answers["2.2"] = Answer(status=DONT_KNOW)
    assert unanswered(framework, answers) == ["7.3"]
    assert "rated first" in METHOD


def test_the_milestone_is_the_next_phase_text_in_full(framework):
    answers = {"1.1": rated(1, 3), "4.2": rated(2), "6.3": rated(3, 4)}
    ranked = rank_priorities(framework, answers)
    assert sorted(order(ranked)) == ["1.1", "4.2", "6.3"]  # each is below its target
    for priority in ranked:
        phase = answers[priority.subdomain_id].phase
        assert priority.milestone_phase == phase + 1
        criteria = framework.subdomain(priority.subdomain_id).criteria
        assert priority.milestone_text == criteria[phase + 1]
        assert not priority.milestone_drafted


def test_the_drafted_phase_4_of_3_1_is_flagged(framework):
    ranked = {
        p.subdomain_id: p for p in rank_priorities(framework, {"3.1": rated(3), "3.2": rated(3)})
    }
    assert ranked["3.1"].milestone_phase == 4 and ranked["3.1"].milestone_drafted
    assert not ranked["3.2"].milestone_drafted


def test_reasons_name_the_phases(framework):
    answers = {"5.1": rated(1, 3), "5.2": rated(3, 4), "6.1": rated(4)}
    text = " ".join(r for p in rank_priorities(framework, answers) for r in p.reasons)
    for name in ("System Building", "System Integration", "System Maturity"):
        assert name in text


def test_the_method_states_the_weights():
    for number in ("2.5", "0.75", "0.5"):
        assert number in METHOD
