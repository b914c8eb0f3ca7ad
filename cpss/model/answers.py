"""What a rating of one subdomain holds, and the rules it must follow before it is stored."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cpss.i18n import N_
from cpss.model.errors import Phrase, UserError, control_character
from cpss.model.framework import PHASE_NUMBERS, TOP_PHASE

RATED = "phase"
DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
# English message ids: translated where shown (``tr(STATUS_LABELS[s])``), never stored.
STATUS_LABELS = {DONT_KNOW: N_("Don't know"), NOT_APPLICABLE: N_("Not applicable")}
CONFIDENCE_LEVELS = ("low", "medium", "high")
CONFIDENCE_WORDS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}  # as shown
MAX_TEXT_CHARS = 4000  # about two pages; enough for evidence lists, small enough for a report cell
# Where a rating came from (the ``source`` of its history row): typed in the walk-through, agreed in
# a workshop, an earlier version restored, or a filled-in offline worksheet. An import keeps the
# source the other installation recorded, so these are all the sources there are.
BY_HAND, BY_WORKSHOP, BY_RESTORE, BY_WORKSHEET = "solo", "workshop", "restore", "worksheet"
SOURCES = (BY_HAND, BY_WORKSHOP, BY_RESTORE, BY_WORKSHEET)


class AnswerError(UserError):
    """An answer that breaks a rule; the message says which field and why."""


@dataclass(frozen=True)
class Answer:
    """The state of one subdomain in one assessment.

    ``status`` is ``RATED`` (then ``phase`` is 1 to 4), ``DONT_KNOW`` (not enough evidence),
    ``NOT_APPLICABLE`` (the rationale gives the reason), or None while no answer is chosen; the
    other fields can be filled in before the answer is chosen, so that nothing typed is lost.
    """

    status: str | None = None
    phase: int | None = None
    target: int | None = None
    confidence: str | None = None
    evidence: str = ""
    rationale: str = ""

    def columns(self) -> dict[str, object]:
        """The answer as the six columns of a ``ratings`` row, by column name."""
        return {
            "answer": self.status,
            "phase": self.phase,
            "target": self.target,
            "confidence": self.confidence,
            "evidence": self.evidence,
            "rationale": self.rationale,
        }

    @property
    def is_answered(self) -> bool:
        """True when a phase, "don't know" or "not applicable" has been chosen."""
        return self.status is not None

    @property
    def choice(self) -> int | str | None:
        """The answer as one value: the phase number, ``DONT_KNOW``, ``NOT_APPLICABLE`` or None."""
        return self.phase if self.status == RATED else self.status

    @property
    def rated_phase(self) -> int | None:
        """The phase of a rated answer; None for "don't know", "not applicable" or no answer."""
        return self.phase if self.status == RATED else None

    def with_choice(self, choice: int | str | None) -> Answer:
        """This answer with a new choice (phase number, ``DONT_KNOW``, ``NOT_APPLICABLE`` or None).

        A target below a newly chosen phase is raised to that phase, since a target is never
        below the current phase.
        """
        if isinstance(choice, int):
            target = max(self.target, choice) if self.target is not None else None
            return replace(self, status=RATED, phase=choice, target=target)
        return replace(self, status=choice, phase=None)

    def effective_target(self) -> int | None:
        """The target phase, or the next phase up when no target is set (rated answers only)."""
        phase = self.rated_phase
        if phase is None:
            return None
        return self.target if self.target is not None else min(phase + 1, TOP_PHASE)

    def validate(self) -> Answer:
        """Return the answer with its texts trimmed, or raise :class:`AnswerError`."""
        if not isinstance(self.evidence, str) or not isinstance(self.rationale, str):
            raise AnswerError("Evidence and rationale must be text.")
        answer = replace(self, evidence=self.evidence.strip(), rationale=self.rationale.strip())
        for field, text in ((N_("Evidence"), answer.evidence), (N_("Rationale"), answer.rationale)):
            if len(text) > MAX_TEXT_CHARS:
                raise AnswerError(
                    "{field} is too long: {length:,} characters, at most {max_text_chars:,}. "
                    "Shorten it or link to a document.",
                    field=Phrase(field),
                    length=len(text),
                    max_text_chars=MAX_TEXT_CHARS,
                )
            if control_character(text):
                raise AnswerError(
                    "{field} {control_character}",
                    field=Phrase(field),
                    control_character=control_character(text),
                )
        if answer.status not in (None, RATED, DONT_KNOW, NOT_APPLICABLE):
            raise AnswerError("Unknown answer {status!r}.", status=answer.status)
        if (answer.status == RATED) != is_phase(answer.phase) or (
            answer.status != RATED and answer.phase is not None
        ):
            raise AnswerError(
                "A rated answer needs a phase from 1 to 4, and only a rated answer has a phase "
                "(found {phase!r}).",
                phase=answer.phase,
            )
        if answer.target is not None and not is_phase(answer.target):
            raise AnswerError(
                "The target phase must be from 1 to 4 (found {target!r}).", target=answer.target
            )
        if answer.phase is not None and answer.target is not None and answer.target < answer.phase:
            raise AnswerError(
                "The target phase ({target}) must be at or above the current phase ({phase}).",
                target=answer.target,
                phase=answer.phase,
            )
        if answer.confidence not in (None, *CONFIDENCE_LEVELS):
            raise AnswerError(
                "Confidence must be low, medium or high (found {confidence!r}).",
                confidence=answer.confidence,
            )
        if answer.status == NOT_APPLICABLE and not answer.rationale:
            raise AnswerError(
                '"Not applicable" needs a reason: write it in the rationale, then it is saved.'
            )
        return answer


def is_phase(value) -> bool:
    """A phase number 1 to 4 (``True`` is no phase, though Python counts it as 1)."""
    return isinstance(value, int) and not isinstance(value, bool) and value in PHASE_NUMBERS
