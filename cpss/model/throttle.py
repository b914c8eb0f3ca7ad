"""Slowing down guessing: after a few wrong tries, each new try waits longer.

Join codes are throttled per browser session (the caller keeps the :class:`Throttle` in the
session): a code of 6 characters from 32 has about a billion values, and at one try per growing
delay a session cannot walk through them. Passwords are throttled per account and per client
address from the wrong tries kept in the database (:mod:`cpss.db.accounts`), so that a reconnect
does not start the count again.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpss.i18n import N_
from cpss.model.errors import UserError

FREE_TRIES = 5
FIRST_DELAY = 2.0  # seconds after the 5th wrong try; doubled after each further one
MAX_DELAY = 300.0


class TooManyTries(UserError):
    """A try made before the wait is over; the message says how long to wait."""


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries (none for the first few)."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_DELAY * 2 ** (failures - FREE_TRIES), MAX_DELAY)


# One whole sentence per thing guessed (a word inside a sentence cannot be translated with it).
WAIT_MESSAGES = {
    "code": N_(
        "Too many wrong tries: wait {seconds_left} s before trying another code. "
        "Each further wrong try makes the wait longer."
    ),
    "password": N_(
        "Too many wrong tries: wait {seconds_left} s before trying another password. "
        "Each further wrong try makes the wait longer."
    ),
}


def check_wait(seconds_left: float, what: str) -> None:
    """Raise :class:`TooManyTries` while ``seconds_left`` of a wait remain (``what``: a key of
    :data:`WAIT_MESSAGES`)."""
    if seconds_left > 0:
        raise TooManyTries(WAIT_MESSAGES[what], seconds_left=int(seconds_left) + 1)


@dataclass(frozen=True)
class Throttle:
    """How many wrong tries in a row, and the time (``time.monotonic()``) before which none is taken."""

    failures: int = 0
    wait_until: float = 0.0

    def check(self, now: float, what: str = "code") -> None:
        """Raise :class:`TooManyTries` while the wait after the last wrong try is not over."""
        check_wait(self.wait_until - now, what)

    def failed(self, now: float) -> Throttle:
        """The throttle after one more wrong try."""
        failures = self.failures + 1
        return Throttle(failures, now + delay_after(failures))

    def succeeded(self) -> Throttle:
        """A right try starts the count again."""
        return Throttle()
