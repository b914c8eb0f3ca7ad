"""Facilitated workshops: join codes, the shared state of a workshop, and the tally of votes.

A facilitator opens one subdomain at a time; participants vote a phase (1 to 4) or "don't know".
The tally counts the current votes, finds the most common answer and the median phase, and says
whether the room is split. The spread is withheld while fewer than :func:`min_votes_to_show` have
voted, so that no one's vote can be singled out. Storage is in :mod:`cpss.db.workshops`.
"""

from __future__ import annotations

import os
import re
import secrets
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from cpss.model.answers import DONT_KNOW, is_phase
from cpss.model.errors import Phrase, UserError, control_character
from cpss.model.framework import PHASE_NUMBERS

# No 0/O and 1/I: a code read off a projector must not be ambiguous.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
VOTE_CHOICES = (*PHASE_NUMBERS, DONT_KNOW)
MAX_NAME_CHARS = 60
MAX_COMMENT_CHARS = 1000  # a few sentences: a comment for the discussion, not a report
MIN_VOTES_ENV = "CPSS_WORKSHOP_MIN_VOTES"
DEFAULT_MIN_VOTES = 3
# "The room is split" when the lowest and the highest phase voted are this many phases apart or
# more (1 and 3, say): neighbouring phases are ordinary disagreement, settled by discussion.
SPLIT_DISTANCE = 2


class WorkshopError(UserError):
    """A wrong or ended join code, a closed vote, bad input: the message says what to do."""


def new_code() -> str:
    """A random join code such as ``"K7M2XQ"`` (cryptographically random, from ``secrets``)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """The code as stored: capitals, without the spaces or dashes people type.

    Raises :class:`WorkshopError` when it cannot be a join code.
    """
    code = re.sub(r"[\s\-]", "", typed or "").upper()
    if not code:
        raise WorkshopError("Type the join code shown at the front of the room.")
    wrong = sorted(set(code) - set(CODE_ALPHABET))
    if len(code) != CODE_LENGTH or wrong:
        also = (
            f" (it has {', '.join(repr(c) for c in wrong)}, never used in codes)" if wrong else ""
        )
        raise WorkshopError(
            "{typed!r} is not a join code: a code is {code_length} letters and digits, "
            "like K7M2XQ{also}. Check the code on the screen.",
            typed=typed.strip(),
            code_length=CODE_LENGTH,
            also=also,
        )
    return code


def spaced(code: str) -> str:
    """The code in two groups of three, easier to read from the back: ``"K7M 2XQ"``."""
    return f"{code[:3]} {code[3:]}"


def min_votes_to_show() -> int:
    """How many votes are needed before the spread is shown: ``$CPSS_WORKSHOP_MIN_VOTES`` or 3."""
    raw = os.environ.get(MIN_VOTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MIN_VOTES
    if not raw.isdigit() or int(raw) < 1:
        raise WorkshopError(
            "{min_votes_env} must be a whole number of votes, 1 or more (found {raw!r}); "
            "unset it for the default of {default_min_votes}.",
            min_votes_env=MIN_VOTES_ENV,
            raw=raw,
            default_min_votes=DEFAULT_MIN_VOTES,
        )
    return int(raw)


def too_long(text: str, limit: int) -> Phrase:
    """What to say of ``text`` longer than ``limit``: how long it is, against the limit."""
    return Phrase("{length:,} of {limit:,} characters: shorten it.", length=len(text), limit=limit)


def check_name(name: str) -> str:
    """A participant's name, trimmed; empty means anonymous. :class:`WorkshopError` when too long."""
    name = (name or "").strip()
    if len(name) > MAX_NAME_CHARS:
        raise WorkshopError(
            "The name is too long: {too_long}", too_long=too_long(name, MAX_NAME_CHARS)
        )
    return name


def check_vote(choice, comment: str) -> tuple[int | str, str]:
    """A vote's choice and trimmed comment, or :class:`WorkshopError` saying what is wrong."""
    # Exactly a phase number or "don't know": 1.0 and True equal 1 in Python but are not votes.
    if not (is_phase(choice) or choice == DONT_KNOW):
        raise WorkshopError('Choose a phase from 1 to 4, or "don\'t know".')
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise WorkshopError(
            "The comment is too long: {too_long}", too_long=too_long(comment, MAX_COMMENT_CHARS)
        )
    if control_character(comment):  # comments go into the Excel export, which cannot hold them
        raise WorkshopError(
            "The comment {control_character}", control_character=control_character(comment)
        )
    return choice, comment


@dataclass(frozen=True)
class Workshop:
    """A workshop on one assessment: its join code, and whether participants are asked a name."""

    id: str
    code: str
    assessment_id: str
    ask_names: bool
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class WorkshopState:
    """What participants follow: the open subdomain (or None), whether voting is locked, whether
    the votes are revealed, and whether the workshop has ended. One row in the database."""

    subdomain_id: str | None = None
    locked: bool = False
    revealed: bool = False
    ended: bool = False


@dataclass(frozen=True)
class Tally:
    """The current votes on one subdomain, counted.

    ``counts`` maps 1 to 4 and ``DONT_KNOW`` to how many chose it. ``shown`` is False while fewer
    than ``threshold`` have voted: then the counts, the most common answer, the median and the
    spread must not be shown.
    """

    counts: dict
    threshold: int

    @property
    def votes(self) -> int:
        """How many participants have a current vote."""
        return sum(self.counts.values())

    @property
    def shown(self) -> bool:
        """Whether enough have voted for the spread to be shown without singling anyone out."""
        return self.votes >= self.threshold

    @property
    def phases(self) -> list[int]:
        """Every phase vote, sorted ("don't know" left out: it is not a phase)."""
        return sorted(p for p in PHASE_NUMBERS for _ in range(self.counts.get(p, 0)))

    @property
    def most_common(self) -> list:
        """The answers with the most votes (several when tied), in choice order; [] with no vote."""
        top = max(self.counts.values(), default=0)
        return [c for c in VOTE_CHOICES if top and self.counts.get(c, 0) == top]

    @property
    def median(self) -> int | None:
        """The median phase vote; of an even number, the lower middle one (the cautious reading)."""
        return statistics.median_low(self.phases) if self.phases else None

    @property
    def spread(self) -> tuple[int, int] | None:
        """The lowest and the highest phase voted, or None with no phase vote."""
        return (self.phases[0], self.phases[-1]) if self.phases else None

    @property
    def split(self) -> bool:
        """True when the phase votes are :data:`SPLIT_DISTANCE` phases apart or more."""
        return self.spread is not None and self.spread[1] - self.spread[0] >= SPLIT_DISTANCE


def tally(choices, threshold: int) -> Tally:
    """Count current votes (each a phase number or ``DONT_KNOW``) into a :class:`Tally`."""
    found = Counter(choices)
    unknown = set(found) - set(VOTE_CHOICES)
    if unknown:
        raise ValueError(f"Not a vote: {sorted(map(str, unknown))}")
    return Tally(counts={c: found.get(c, 0) for c in VOTE_CHOICES}, threshold=threshold)


def changed_votes(shown: Mapping, current: Mapping) -> int:
    """How many participants' votes differ between ``shown`` and ``current`` (each participant ->
    their vote and comment): changed, new, or gone (withdrawn with a removed participant)."""
    return sum(1 for key in shown.keys() | current.keys() if shown.get(key) != current.get(key))


def reveal_wait(shown: Mapping | None, current: Mapping, threshold: int) -> str | None:
    """Why the tally must wait, or None when it may be shown.

    ``shown`` is what the last reveal showed (None when nothing was shown yet: the tally's own
    threshold then decides). The new tally is shown when no vote changed since, or when at least
    ``threshold`` changed: fewer than that, and the difference between the two tallies would tell
    the room how the few who just tapped their phones voted.
    """
    if shown is None:
        return None
    changed = changed_votes(shown, current)
    if changed == 0 or changed >= threshold:
        return None
    votes = "vote" if changed == 1 else "votes"
    return (
        f"Waiting: only {changed} {votes} changed since the last reveal; showing them would "
        f"single people out (at least {threshold} needed). Reopen the vote so that more can "
        "change theirs, or move on."
    )
