"""The later sections of the report of one assessment, and the words they share.

Every subdomain's answer, the change since the previous assessment and the method section, with
the word helpers (dates, averages, an answer and its target in words) that the earlier sections
(:mod:`cpss.reports.content`) and the comparison report (:mod:`cpss.reports.comparison`) use too.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from cpss.db import assessments
from cpss.db.core import Db
from cpss.model.answers import Answer
from cpss.model.framework import Framework
from cpss.model.priorities import METHOD
from cpss.model.scoring import DRAFTED_MARK, answer_label
from cpss.reports.document import Bullets, Heading, Paragraph, Table


def long_date(day: date) -> str:
    """``"10 March 2026"``."""
    return f"{day:%d %B %Y}".lstrip("0")


def choice_words(framework: Framework, answer: Answer | None, subdomain_id: str) -> str:
    """The answer as a reader sees it, with the drafted mark when its criterion text is drafted."""
    words = answer_label(framework, answer)
    phase = answer.rated_phase if answer is not None else None
    if phase is not None and framework.subdomain(subdomain_id).is_drafted(phase):
        words += f" {DRAFTED_MARK}"
    return words


def target_words(framework: Framework, answer: Answer | None) -> str:
    """The target phase as set, or what is assumed when none is set."""
    assumed = answer.effective_target() if answer is not None else None
    if answer is None or assumed is None:
        return "—"
    if answer.target is None:
        return f"not set ({framework.phases[assumed - 1].label} assumed)"
    return framework.phases[answer.target - 1].label


def average(value) -> str:
    """An average phase with two decimals, or "unrated"."""
    return "unrated" if pd.isna(value) else f"{value:.2f}"


def answers_section(framework: Framework, answers: dict[str, Answer]):
    """Every subdomain's answer, target, confidence, evidence and rationale, by outcome."""
    yield Heading("Every subdomain's answer")
    for outcome in framework.outcomes:
        yield Heading(outcome.label, 2)
        for sub in outcome.subdomains:
            answer = answers.get(sub.id)
            yield Heading(sub.label, 3)
            confidence = answer.confidence if answer and answer.confidence else "not given"
            yield Paragraph(
                f"{choice_words(framework, answer, sub.id)} · target: "
                f"{target_words(framework, answer)} · confidence: {confidence}",
                label="Answer:",
            )
            yield Paragraph(answer.evidence if answer else "", label="Evidence:")
            yield Paragraph(answer.rationale if answer else "", label="Rationale:")


def movement(before: Answer | None, now: Answer | None) -> str:
    """How a subdomain moved between two assessments, in words."""
    phase_before = before.rated_phase if before is not None else None
    phase_now = now.rated_phase if now is not None else None
    rated_before, rated_now = phase_before is not None, phase_now is not None
    if phase_before is not None and phase_now is not None:
        step = phase_now - phase_before
        if step == 0:
            return "same phase"
        phases = "phase" if abs(step) == 1 else "phases"
        return f"up {step} {phases}" if step > 0 else f"down {-step} {phases}"
    if rated_now:
        return "newly rated"
    return "no longer rated" if rated_before else "—"


def change_section(
    db: Db,
    framework: Framework,
    previous_id: str,
    answers: dict[str, Answer],
    summary: pd.DataFrame,
):
    """The change since the previous assessment: outcome averages and each subdomain's answer."""
    previous = assessments.assessment(db, previous_id)
    before = assessments.current_answers(db, previous_id)
    yield Heading("Change since the previous assessment")
    yield Paragraph(
        f'Compared with "{previous.details.title}" of '
        f"{long_date(previous.details.assessment_date)}."
    )
    now_rows = summary[summary["assessment_id"] != previous_id].set_index("outcome_id")
    then_rows = summary[summary["assessment_id"] == previous_id].set_index("outcome_id")
    yield Table(
        ("Intermediate outcome", "Previous average", "Now"),
        tuple(
            (
                o.label,
                average(then_rows.loc[o.id, "current"]),
                average(now_rows.loc[o.id, "current"]),
            )
            for o in framework.outcomes
        ),
        (4, 1.2, 1.2),
    )
    yield Table(
        ("Subdomain", "Previous", "Now", "Change"),
        tuple(
            (
                sub.label,
                choice_words(framework, before.get(sub.id), sub.id),
                choice_words(framework, answers.get(sub.id), sub.id),
                movement(before.get(sub.id), answers.get(sub.id)),
            )
            for sub in framework.subdomains
        ),
        (3.6, 1.8, 1.8, 1.2),
    )


def method_section(framework: Framework):
    """How to read the report: phases, averages, priorities and the drafted text."""
    yield Heading("Method")
    yield Paragraph(f"{framework.name} (framework version {framework.version}). {framework.source}")
    yield Heading("Phases", 2)
    yield Bullets(tuple(p.label for p in framework.phases))
    yield Bullets(framework.reading_rules)
    yield Heading("Averages", 2)
    yield Paragraph(
        "The average phase of an outcome is taken over its rated subdomains only. "
        '"Don\'t know" and "not applicable" are counted and shown beside it, never '
        "as a phase or as zero; an outcome without a rated subdomain is unrated. Where "
        "no target is set, the next phase up is assumed."
    )
    yield Heading("Priorities", 2)
    yield Paragraph(METHOD)
    yield Heading("Drafted criterion text", 2)
    yield Paragraph(
        f"{DRAFTED_MARK} marks a criterion text drafted by the dashboard team, not "
        f"taken from the UNICEF source. {framework.drafted_note}"
    )
