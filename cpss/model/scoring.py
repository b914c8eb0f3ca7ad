"""Answers as people read them: labels and the table of every subdomain's answer.

"Don't know" and "not applicable" are shown as what they are, never as a phase or as zero.
Averages per outcome are computed in SQL by :mod:`cpss.db.dashboard`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.answers import CONFIDENCE_WORDS, STATUS_LABELS, Answer
from cpss.model.framework import Framework

if TYPE_CHECKING:  # pandas is imported by answers_table only: pages that show labels load faster
    import pandas as pd

NOT_ANSWERED = N_("Not answered")  # an English message id: translate where shown
DRAFTED_MARK = "†"  # printed beside a phase whose criterion text was drafted, not UNICEF's


def choice_label(framework: Framework, choice: int | str | None, *, tr: Text = ENGLISH) -> str:
    """A choice in words: ``"2 · System Enhancement"`` (from 2 or ``"2"``), ``"Don't know"``,
    ``"Not applicable"``, or ``"Not answered"`` for None (the statuses in ``tr``'s language; the
    phase labels are the framework's, in the language it was loaded in)."""
    if choice is None:
        return tr(NOT_ANSWERED)
    if isinstance(choice, int) or choice.isdigit():
        return framework.phases[int(choice) - 1].label
    return tr(STATUS_LABELS[choice])


def answer_label(framework: Framework, answer: Answer | None, *, tr: Text = ENGLISH) -> str:
    """How an answer reads in a table: ``"2 · System Enhancement"``, ``"Don't know"``..."""
    return choice_label(framework, answer.choice if answer is not None else None, tr=tr)


def answers_table(
    framework: Framework, answers: dict[str, Answer], *, tr: Text = ENGLISH
) -> pd.DataFrame:
    """One row per subdomain in framework order, with the answer and its notes as text."""
    import pandas as pd

    rows = []
    for sub in framework.subdomains:
        answer = answers.get(sub.id) or Answer()
        current = answer_label(framework, answer, tr=tr)
        if answer.rated_phase is not None and sub.is_drafted(answer.rated_phase):
            current += f" {DRAFTED_MARK}"
        target = answer.target
        rows.append(
            {
                tr("Subdomain"): sub.label,
                tr("Current phase"): current,
                tr("Target phase"): framework.phases[target - 1].label if target else "",
                tr("Confidence"): tr(CONFIDENCE_WORDS[answer.confidence])
                if answer.confidence in CONFIDENCE_WORDS
                else "",
                tr("Evidence"): answer.evidence,
                tr("Rationale"): answer.rationale,
            }
        )
    return pd.DataFrame(rows)
