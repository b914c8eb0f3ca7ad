"""Subdomains across versions of one framework: which new ids stand for which old ones.

A subdomain id that persists maps to itself; a subdomain of the newer version with ``replaces:
[ids]`` stands for those ids of an earlier version (renamed, split or merged). Answers of an
assessment on the old version are mapped onto the new ids: a split gives every new subdomain the
old phase; a merge takes the lowest phase of those merged; both are marked as mapped. An old
subdomain without a counterpart is reported as such, never dropped or counted as a phase.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from cpss.model.answers import Answer
from cpss.model.errors import UserError
from cpss.model.framework import Framework


class IncompatibleVersion(UserError):
    """A new version that would leave answered subdomains without a counterpart."""


def sources(
    target: Framework, source_ids: Collection[str], source: Framework | None = None
) -> dict[str, tuple[str, ...]]:
    """Target subdomain id -> the ids of ``source_ids`` it stands for: itself, the ids it
    ``replaces`` (target newer), and the ``source`` subdomains that replace it (target older)."""
    found: dict[str, tuple[str, ...]] = {}
    for sub in target.subdomains:
        back = [s.id for s in source.subdomains if sub.id in s.replaces] if source else []
        ids = [i for i in (sub.id, *sub.replaces, *back) if i in source_ids]
        found[sub.id] = tuple(dict.fromkeys(ids))
    return found


def without_counterpart(
    source_ids: Collection[str], target: Framework, source: Framework | None = None
) -> list[str]:
    """Ids of ``source_ids`` that no subdomain of ``target`` stands for, in the given order."""
    covered = {i for found in sources(target, source_ids, source).values() for i in found}
    return [i for i in source_ids if i not in covered]


def check_successor(new: Framework, used: Mapping[str, int]) -> None:
    """Refuse ``new`` when it drops subdomains that assessments answered (``used``: id -> how
    many assessments) without a ``replaces`` mapping; the message names them."""
    dropped = sorted(without_counterpart(list(used), new))
    if dropped:
        raise IncompatibleVersion(
            "{name} {version} drops subdomains that assessments answered, and no subdomain "
            "replaces them: {cells}. Keep them, or add 'replaces: [...]' to the subdomain that "
            "takes their place.",
            name=new.name,
            version=new.version,
            cells=", ".join(f"{i} ({used[i]})" for i in dropped),
        )


@dataclass(frozen=True)
class Mapped:
    """An answer carried onto a newer version's subdomain; ``mapped`` when it came from another
    id (a rename, split or merge), ``from_ids`` the old ids it came from."""

    answer: Answer
    mapped: bool
    from_ids: tuple[str, ...]


def map_answers(answers: Mapping[str, Answer], old: Framework, new: Framework) -> dict[str, Mapped]:
    """The answers of an assessment on ``old`` as they read on ``new``'s subdomain ids (``new``
    newer or older than ``old``). Subdomains with no answered source are left out."""
    old_ids = [s.id for s in old.subdomains]
    result: dict[str, Mapped] = {}
    for new_id, from_ids in sources(new, old_ids, old).items():
        carried = [answers[i] for i in from_ids if i in answers and answers[i].is_answered]
        if not carried:
            continue
        mapped = from_ids != (new_id,)
        result[new_id] = Mapped(_lowest(carried), mapped, from_ids)
    return result


def _lowest(answers: list[Answer]) -> Answer:
    """One answer for merged ones: the lowest rated phase, else the first answer."""
    rated = [a for a in answers if a.rated_phase is not None]
    return min(rated, key=lambda a: a.rated_phase or 0) if rated else answers[0]


def no_counterpart(old: Framework, new: Framework) -> list[str]:
    """Subdomain ids of ``old`` that have no counterpart in ``new``, in ``old``'s order."""
    return without_counterpart([s.id for s in old.subdomains], new, old)
