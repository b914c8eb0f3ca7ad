"""The CPSS benchmark framework's model: phases, outcomes and subdomains, in framework order.

A :class:`Framework` is built from a YAML data file by :mod:`cpss.model.framework_file`, which
checks the file and reports any problem with its place.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from cpss.model.ranking import DEFAULT_RANKING, Ranking

# The CPSS data contract: four phases, always (docs/decisions/four-phases.md). Every framework file
# has exactly these; code names the top phase as TOP_PHASE, never as a literal.
PHASE_NUMBERS = (1, 2, 3, 4)
TOP_PHASE = PHASE_NUMBERS[-1]


@dataclass(frozen=True, eq=False)
class Phase:
    """One of the four phases of the maturity model, numbered 1 to 4."""

    number: int
    name: str

    @property
    def label(self) -> str:
        """The phase as users read it, e.g. ``"2 · System Enhancement"``."""
        return f"{self.number} · {self.name}"


@dataclass(frozen=True, eq=False)
class Subdomain:
    """A subdomain such as "3.1", with one criterion text per phase."""

    id: str
    title: str
    outcome_id: str
    criteria: Mapping[int, str]
    drafted_phases: frozenset[int]
    # Ids of an earlier version of the framework this subdomain renames, splits or merges.
    replaces: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``"3.1 Modelling, testing and scaling of child protection services"``."""
        return f"{self.id} {self.title}"

    def is_drafted(self, phase: int) -> bool:
        """True when the text for ``phase`` was drafted by us, not taken from the source."""
        return phase in self.drafted_phases


@dataclass(frozen=True, eq=False)
class Outcome:
    """An intermediate outcome with its subdomains in framework order."""

    id: str
    title: str
    subdomains: tuple[Subdomain, ...]

    @property
    def label(self) -> str:
        """``"1. Legal and policy framework"``."""
        return f"{self.id}. {self.title}"


@dataclass(frozen=True, eq=False)
class Framework:
    """The whole benchmark: phases, outcomes and subdomains, all in framework order.

    A translation (see :mod:`cpss.model.translation_file`) is a Framework of the same ids and
    numbers with its texts in ``language``; ``working_translation`` marks a text that is not an
    official UNICEF one, and ``translation_notice`` is the line to show beside its texts.
    """

    name: str
    version: str
    source: str
    drafted_note: str
    purposes: str
    reading_rules: tuple[str, ...]
    phases: tuple[Phase, ...]
    outcomes: tuple[Outcome, ...]
    subdomains: tuple[Subdomain, ...]
    language: str = "en"
    key: str = ""  # the framework's lasting id across versions, e.g. "unicef-cpss"
    content_hash: str = ""  # SHA-256 of the English file's YAML, when read from the database
    ranking: Ranking = DEFAULT_RANKING  # what the priority ranking weighs (``ranking:``)
    working_translation: bool = False
    translation_notice: str = ""

    def subdomain(self, subdomain_id: str) -> Subdomain:
        """The subdomain with this id; ``KeyError`` when there is none."""
        return self._subdomains_by_id[subdomain_id]

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with this id; ``KeyError`` when there is none."""
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        raise KeyError(outcome_id)

    def phase_name(self, number: int) -> str:
        """The name of phase ``number`` (1 to 4)."""
        return self.phases[number - 1].name

    @functools.cached_property
    def _subdomains_by_id(self) -> dict[str, Subdomain]:
        return {s.id: s for s in self.subdomains}
