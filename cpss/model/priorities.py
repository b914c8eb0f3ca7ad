"""Priority investments: which subdomains to invest in first, and why, in plain words.

The ranking adds points for what PRODUCT.md asks to weigh: the gap to the target, lagging behind
the country's own profile, the sequencing of the maturity model (foundations first) and missing
evidence. Each point comes with a sentence, so that a ministry reader can follow every rank.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.answers import DONT_KNOW, Answer
from cpss.model.framework import Framework, Subdomain
from cpss.model.ranking import DEFAULT_RANKING, Ranking

# The weights and foundation outcomes are the framework's (``Framework.ranking``, from the file's
# ``ranking:`` block; cpss/model/ranking.py has the defaults).
EVIDENCE = "evidence"
INVEST = "invest"
CONFIRM = "confirm"  # at its target, but rated with low confidence: confirm, nothing to invest in

# English message ids, translated when a priority is built (rank_priorities' ``tr``).
EVIDENCE_REASON = N_(
    'Evidence is missing (answered "don\'t know"): investing in data comes first, '
    "so that the subdomain can be placed in a phase."
)
EVIDENCE_MILESTONE = N_(
    "Gather the evidence needed to place this subdomain in a phase; its next "
    "milestone follows from that phase."
)
LOW_CONFIDENCE_REASON = N_(
    "Rated with low confidence: confirm the rating with evidence before investing."
)


def _points(value: float, tr: Text) -> str:
    """``"1 point"``, ``"2.5 points"``: a weight as the method text reads it (weights are not
    whole numbers, so this is no ``plural``: one form up to 1, the other above)."""
    return (
        tr("{value} point", value=f"{value:g}")
        if value <= 1
        else tr("{value} points", value=f"{value:g}")
    )


def method(*, tr: Text = ENGLISH, ranking: Ranking = DEFAULT_RANKING) -> str:
    """How the priorities are ranked, in words, with the weights in force (the framework's)."""
    r = ranking
    foundations = r.foundation_outcomes
    return tr(
        "Each answered subdomain earns points, and the most points come first. "
        "Every phase between the current phase and the target earns {gap} "
        "(with no target set, the target is the next phase up). "
        "A subdomain at least {lag_threshold} of a phase below the average phase of this "
        "assessment earns {lag} per phase behind, so that lagging areas also "
        "progress. "
        "The legal and policy framework and governance and coordination (outcomes "
        "{foundations}) earn {foundation} more, because "
        "services, workforce and data build on them. "
        '"Don\'t know" earns {evidence}, because evidence must be gathered first; '
        "a rating made with low confidence earns {low_confidence} more, to be "
        "confirmed. "
        "A low-confidence rating already at its target is ranked as one to confirm, not to invest "
        "in. "
        '"Not applicable", unanswered subdomains and those already at their target (unless rated '
        "with low confidence) are not ranked; unanswered ones are listed apart, to be rated first. "
        "Equal scores go to the foundations first, then follow "
        "the framework order. The milestone of each priority is the text of its next phase.",
        gap=_points(r.gap_weight, tr),
        lag_threshold=f"{r.lag_threshold:g}",
        lag=_points(r.lag_weight, tr),
        foundations=tr("{first} and {second}", first=foundations[0], second=foundations[1])
        if len(foundations) == 2
        else ", ".join(foundations),
        foundation=_points(r.foundation_bonus, tr),
        evidence=_points(r.evidence_score, tr),
        low_confidence=_points(r.low_confidence_bonus, tr),
    )


METHOD = method()  # in English; pages and reports in another language call method(tr=...)


@dataclass(frozen=True)
class Priority:
    """One ranked subdomain: its score, the reasons for it, and its next milestone.

    ``kind`` is ``"evidence"`` for a "don't know" (gather data first), ``"confirm"`` for a
    low-confidence rating already at its target (confirm it) or ``"invest"``.
    ``milestone_phase`` is the next phase (None when there is none to reach), ``milestone_text``
    its criterion text in full or what to do instead, and ``milestone_drafted`` is True when that
    text was drafted by the dashboard team rather than taken from UNICEF's table.
    """

    subdomain_id: str
    rank: int
    score: float
    kind: str
    reasons: tuple[str, ...]
    milestone_phase: int | None
    milestone_text: str
    milestone_drafted: bool


def rank_priorities(
    framework: Framework, answers: dict[str, Answer], *, tr: Text = ENGLISH
) -> list[Priority]:
    """The candidate subdomains of an assessment, ranked 1..n for investment; see :func:`method`.
    Their reasons and milestones are in ``tr``'s language."""
    profile = _profile(framework, answers)
    found = [
        (index, p)
        for index, sub in enumerate(framework.subdomains)
        if (p := _priority(framework, sub, answers.get(sub.id), profile, tr)) is not None
    ]
    found.sort(
        key=lambda item: (
            -item[1].score,
            not _is_foundation(framework, framework.subdomain(item[1].subdomain_id)),
            item[0],
        )
    )
    return [replace(p, rank=rank) for rank, (_, p) in enumerate(found, start=1)]


def _profile(framework: Framework, answers: dict[str, Answer]) -> float | None:
    """The mean phase of the rated subdomains (the country's own profile); None if none is rated."""
    phases = [
        phase
        for s in framework.subdomains
        if (a := answers.get(s.id)) is not None and (phase := a.rated_phase) is not None
    ]
    return sum(phases) / len(phases) if phases else None


def _priority(
    framework: Framework, sub: Subdomain, answer: Answer | None, profile: float | None, tr: Text
) -> Priority | None:
    """The unranked priority of one subdomain, or None when it is not a candidate."""
    if answer is None:
        return None
    if answer.status == DONT_KNOW:
        factors = [
            (framework.ranking.evidence_score, tr(EVIDENCE_REASON)),
            _foundation(framework, sub, tr),
        ]
        return _build(sub.id, EVIDENCE, factors, (None, tr(EVIDENCE_MILESTONE), False))
    phase, target = answer.rated_phase, answer.effective_target()
    if phase is None or target is None:
        return None
    low = answer.confidence == "low"
    # max(): an unvalidated answer may hold a target below its phase; that is no gap
    gap = max(target - phase, 0)
    if gap == 0 and not low:
        return None  # at its target already, and the rating is not in doubt
    factors = [
        _gap(framework, phase, gap, tr),
        _lag(framework, phase, profile, tr),
        _foundation(framework, sub, tr),
        (framework.ranking.low_confidence_bonus, tr(LOW_CONFIDENCE_REASON)) if low else None,
    ]
    if gap == 0:  # low confidence at its target: the work is to confirm the rating
        return _build(sub.id, CONFIRM, factors, _confirm(framework, phase, tr))
    return _build(sub.id, INVEST, factors, _milestone(framework, sub, phase, tr))


def unanswered(framework: Framework, answers: dict[str, Answer]) -> list[str]:
    """The ids of the subdomains with no answer yet, in framework order: to rate before ranking."""
    return [sub.id for sub in framework.subdomains if sub.id not in answers]


def _build(
    subdomain_id: str,
    kind: str,
    factors: list[tuple[float, str] | None],
    milestone: tuple[int | None, str, bool],
) -> Priority:
    """A priority with rank 0 (set after sorting) from its scored reasons and milestone."""
    kept = [f for f in factors if f is not None]
    # rounded so that equal sums reached in a different order tie exactly
    score = round(sum(points for points, _ in kept), 6)
    return Priority(subdomain_id, 0, score, kind, tuple(reason for _, reason in kept), *milestone)


def _gap(framework: Framework, phase: int, gap: int, tr: Text) -> tuple[float, str] | None:
    """Points and reason for the phases between the current phase and the target."""
    if gap == 0:
        return None
    return framework.ranking.gap_weight * gap, tr.plural(
        "One phase below its target: now {now}, target {target}.",
        "{count} phases below its target: now {now}, target {target}.",
        gap,
        now=framework.phase_name(phase),
        target=framework.phase_name(phase + gap),
    )


def _lag(
    framework: Framework, phase: int, profile: float | None, tr: Text
) -> tuple[float, str] | None:
    """Points and reason for a subdomain behind the mean phase of the assessment."""
    lag = profile - phase if profile is not None else 0.0
    if lag < framework.ranking.lag_threshold:
        return None
    return framework.ranking.lag_weight * lag, tr(
        "Behind the country's own profile: at {phase} while the average subdomain is at {average}.",
        phase=framework.phase_name(phase),
        average=f"{profile:.1f}",
    )


def _foundation(framework: Framework, sub: Subdomain, tr: Text) -> tuple[float, str] | None:
    """Points and reason for a subdomain of a foundation outcome, named after that outcome."""
    if not _is_foundation(framework, sub):
        return None
    title = framework.outcome(sub.outcome_id).title
    return framework.ranking.foundation_bonus, tr(
        "Foundation: the {outcome} outcome underpins services, workforce and data.",
        outcome=f"{title[:1].lower()}{title[1:]}",
    )


def _is_foundation(framework: Framework, sub: Subdomain) -> bool:
    """True for subdomains of the outcomes that the others build on (the framework's)."""
    return sub.outcome_id in framework.ranking.foundation_outcomes


def _milestone(
    framework: Framework, sub: Subdomain, phase: int, tr: Text
) -> tuple[int | None, str, bool]:
    """The next phase, its criterion text and whether it is drafted; at the top, confirm instead."""
    if phase >= len(framework.phases):
        return _confirm(framework, phase, tr)  # an unvalidated target above the top phase
    return phase + 1, sub.criteria[phase + 1], sub.is_drafted(phase + 1)


def _confirm(framework: Framework, phase: int, tr: Text) -> tuple[int | None, str, bool]:
    """The milestone of a low-confidence rating to confirm: no phase to reach."""
    confirm = tr(
        "Confirm with evidence that this subdomain is at {phase}; the rating was made with low "
        "confidence.",
        phase=framework.phase_name(phase),
    )
    return None, confirm, False
