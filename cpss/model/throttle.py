"""Slowing down guessing: after a few wrong tries, each new try waits longer.

Used for join codes and passwords, per browser session (the caller keeps the :class:`Throttle` in
the session). A code of 6 characters from 32 has about a billion values; at one try per growing
delay, a session cannot walk through them.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpss.model.errors import UserError

FREE_TRIES = 5
FIRST_DELAY = 2.0  # seconds after the 5th wrong try; doubled after each further one
MAX_DELAY = 300.0


class TooManyTries(UserError):
    """A try made before the wait is over; the message says how long to wait."""


@dataclass(frozen=True)
class Throttle:
    """How many wrong tries in a row, and the time (``time.monotonic()``) before which none is taken."""

    failures: int = 0
    wait_until: float = 0.0

    def check(self, now: float, what: str = "code") -> None:
        """Raise :class:`TooManyTries` while the wait after the last wrong try is not over."""
        if now < self.wait_until:
            seconds = int(self.wait_until - now) + 1
            raise TooManyTries(f"Too many wrong tries: wait {seconds} s before trying another "
                               f"{what}. Each further wrong try makes the wait longer.")

    def failed(self, now: float) -> "Throttle":
        """The throttle after one more wrong try."""
        failures = self.failures + 1
        if failures < FREE_TRIES:
            return Throttle(failures, 0.0)
        delay = min(FIRST_DELAY * 2 ** (failures - FREE_TRIES), MAX_DELAY)
        return Throttle(failures, now + delay)

    def succeeded(self) -> "Throttle":
        """A right try starts the count again."""
        return Throttle()
