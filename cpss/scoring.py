"""Results of one assessment: its answers as a table, and averages per intermediate outcome.

Averages are taken over rated subdomains only: "don't know" and "not applicable" are counted and
shown as what they are, never as a phase or as zero. When no target is set for a rated subdomain,
the next phase up is assumed (:meth:`cpss.answers.Answer.effective_target`).
"""

from __future__ import annotations

import pandas as pd

from cpss.answers import DONT_KNOW, NOT_APPLICABLE, RATED, STATUS_LABELS, Answer
from cpss.framework import Framework

NOT_ANSWERED = "Not answered"
DRAFTED_MARK = "†"  # printed beside a phase whose criterion text was drafted, not UNICEF's


def answer_label(framework: Framework, answer: Answer | None) -> str:
    """How an answer reads in a table: ``"2 · System Enhancement"``, ``"Don't know"``..."""
    if answer is None or not answer.is_answered:
        return NOT_ANSWERED
    if answer.status == RATED:
        return framework.phases[answer.phase - 1].label
    return STATUS_LABELS[answer.status]


def answers_table(framework: Framework, answers: dict[str, Answer]) -> pd.DataFrame:
    """One row per subdomain in framework order, with the answer and its notes as text."""
    rows = []
    for sub in framework.subdomains:
        answer = answers.get(sub.id) or Answer()
        current = answer_label(framework, answer)
        if answer.status == RATED and sub.is_drafted(answer.phase):
            current += f" {DRAFTED_MARK}"
        target = answer.target
        rows.append({
            "Subdomain": sub.label,
            "Current phase": current,
            "Target phase": framework.phases[target - 1].label if target else "",
            "Confidence": answer.confidence or "",
            "Evidence": answer.evidence,
            "Rationale": answer.rationale,
        })
    return pd.DataFrame(rows)


def outcome_summary(framework: Framework, answers: dict[str, Answer]) -> pd.DataFrame:
    """Per outcome: average current and target phase over rated subdomains, and the counts.

    Columns: outcome_id, outcome, subdomains, rated, dont_know, not_applicable, not_answered,
    current, target (the averages are NaN when no subdomain of the outcome is rated).
    """
    rows = []
    for outcome in framework.outcomes:
        members = [answers.get(s.id) or Answer() for s in outcome.subdomains]
        rated = [a for a in members if a.status == RATED]
        rows.append({
            "outcome_id": outcome.id,
            "outcome": outcome.label,
            "subdomains": len(members),
            "rated": len(rated),
            "dont_know": sum(a.status == DONT_KNOW for a in members),
            "not_applicable": sum(a.status == NOT_APPLICABLE for a in members),
            "not_answered": sum(not a.is_answered for a in members),
            "current": _mean([a.phase for a in rated]),
            "target": _mean([a.effective_target() for a in rated]),
        })
    return pd.DataFrame(rows)


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else float("nan")
