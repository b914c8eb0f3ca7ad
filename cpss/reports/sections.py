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
from cpss.i18n import ENGLISH, Text, format_date, format_number
from cpss.model.answers import CONFIDENCE_WORDS, Answer
from cpss.model.framework import Framework
from cpss.model.priorities import method
from cpss.model.scoring import DRAFTED_MARK, answer_label
from cpss.reports.document import Bullets, Heading, Paragraph, Table


def long_date(day: date, tr: Text = ENGLISH) -> str:
    """``"10 March 2026"``, in ``tr``'s language."""
    return format_date(day, tr)


def choice_words(
    framework: Framework, answer: Answer | None, subdomain_id: str, *, tr: Text = ENGLISH
) -> str:
    """The answer as a reader sees it, with the drafted mark when its criterion text is drafted."""
    words = answer_label(framework, answer, tr=tr)
    phase = answer.rated_phase if answer is not None else None
    if phase is not None and framework.subdomain(subdomain_id).is_drafted(phase):
        words += f" {DRAFTED_MARK}"
    return words


def target_words(framework: Framework, answer: Answer | None, *, tr: Text = ENGLISH) -> str:
    """The target phase as set, or what is assumed when none is set."""
    assumed = answer.effective_target() if answer is not None else None
    if answer is None or assumed is None:
        return "—"
    if answer.target is None:
        return tr("not set ({phase} assumed)", phase=framework.phases[assumed - 1].label)
    return framework.phases[answer.target - 1].label


def average(value, *, tr: Text = ENGLISH) -> str:
    """An average phase with two decimals, or "unrated"."""
    return tr("unrated") if pd.isna(value) else format_number(value, tr, decimals=2)


def confidence_words(answer: Answer | None, tr: Text = ENGLISH) -> str:
    """The confidence of an answer in words, or "not given"."""
    if answer is None or answer.confidence not in CONFIDENCE_WORDS:
        return tr("not given")
    return tr(CONFIDENCE_WORDS[answer.confidence])


def answers_section(framework: Framework, answers: dict[str, Answer], *, tr: Text = ENGLISH):
    """Every subdomain's answer, target, confidence, evidence and rationale, by outcome."""
    yield Heading(tr("Every subdomain's answer"))
    for outcome in framework.outcomes:
        yield Heading(outcome.label, 2)
        for sub in outcome.subdomains:
            answer = answers.get(sub.id)
            yield Heading(sub.label, 3)
            yield Paragraph(
                tr(
                    "{answer} · target: {target} · confidence: {confidence}",
                    answer=choice_words(framework, answer, sub.id, tr=tr),
                    target=target_words(framework, answer, tr=tr),
                    confidence=confidence_words(answer, tr),
                ),
                label=tr("Answer:"),
            )
            yield Paragraph(answer.evidence if answer else "", label=tr("Evidence:"))
            yield Paragraph(answer.rationale if answer else "", label=tr("Rationale:"))


def movement(before: Answer | None, now: Answer | None, *, tr: Text = ENGLISH) -> str:
    """How a subdomain moved between two assessments, in words."""
    phase_before = before.rated_phase if before is not None else None
    phase_now = now.rated_phase if now is not None else None
    rated_before, rated_now = phase_before is not None, phase_now is not None
    if phase_before is not None and phase_now is not None:
        step = phase_now - phase_before
        if step == 0:
            return tr("same phase")
        if step > 0:
            return tr.plural("up {count} phase", "up {count} phases", step)
        return tr.plural("down {count} phase", "down {count} phases", -step)
    if rated_now:
        return tr("newly rated")
    return tr("no longer rated") if rated_before else "—"


def change_section(
    db: Db,
    framework: Framework,
    previous_id: str,
    answers: dict[str, Answer],
    summary: pd.DataFrame,
    *,
    tr: Text = ENGLISH,
):
    """The change since the previous assessment: outcome averages and each subdomain's answer."""
    previous = assessments.assessment(db, previous_id)
    before = assessments.current_answers(db, previous_id)
    yield Heading(tr("Change since the previous assessment"))
    yield Paragraph(
        tr(
            'Compared with "{title}" of {date}.',
            title=previous.details.title,
            date=long_date(previous.details.assessment_date, tr),
        )
    )
    now_rows = summary[summary["assessment_id"] != previous_id].set_index("outcome_id")
    then_rows = summary[summary["assessment_id"] == previous_id].set_index("outcome_id")
    yield Table(
        (tr("Intermediate outcome"), tr("Previous average"), tr("Now")),
        tuple(
            (
                o.label,
                average(then_rows.loc[o.id, "current"], tr=tr),
                average(now_rows.loc[o.id, "current"], tr=tr),
            )
            for o in framework.outcomes
        ),
        (4, 1.2, 1.2),
    )
    yield Table(
        (tr("Subdomain"), tr("Previous"), tr("Now"), tr("Change")),
        tuple(
            (
                sub.label,
                choice_words(framework, before.get(sub.id), sub.id, tr=tr),
                choice_words(framework, answers.get(sub.id), sub.id, tr=tr),
                movement(before.get(sub.id), answers.get(sub.id), tr=tr),
            )
            for sub in framework.subdomains
        ),
        (3.6, 1.8, 1.8, 1.2),
    )


def method_section(framework: Framework, *, tr: Text = ENGLISH):
    """How to read the report: phases, averages, priorities and the drafted text."""
    yield Heading(tr("Method"))
    yield Paragraph(
        tr(
            "{name} (framework version {version}). {source}",
            name=framework.name,
            version=framework.version,
            source=framework.source,
        )
    )
    yield Heading(tr("Phases"), 2)
    yield Bullets(tuple(p.label for p in framework.phases))
    yield Bullets(framework.reading_rules)
    yield Heading(tr("Averages"), 2)
    yield Paragraph(
        tr(
            "The average phase of an outcome is taken over its rated subdomains only. "
            '"Don\'t know" and "not applicable" are counted and shown beside it, never '
            "as a phase or as zero; an outcome without a rated subdomain is unrated. Where "
            "no target is set, the next phase up is assumed."
        )
    )
    yield Heading(tr("Priorities"), 2)
    yield Paragraph(method(tr=tr, ranking=framework.ranking))
    yield Heading(tr("Drafted criterion text"), 2)
    yield Paragraph(
        tr(
            "{mark} marks a criterion text drafted by the dashboard team, not taken from the "
            "UNICEF source. {note}",
            mark=DRAFTED_MARK,
            note=framework.drafted_note,
        )
    )
