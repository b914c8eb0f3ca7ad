"""What differs between a candidate framework and an existing one, cell by cell.

The Frameworks page shows it before anything is published: the old text beside the new one for
every field, phase name, outcome, subdomain title and phase text that was added, removed or changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpss.model.errors import Phrase
from cpss.model.framework import PHASE_NUMBERS, Framework, Subdomain

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Difference:
    """One place that differs: ``kind`` is ADDED, REMOVED or CHANGED, ``place`` says where (words
    translated where shown), ``old`` and ``new`` the texts ("" for the side that has none)."""

    kind: str
    place: Phrase
    old: str
    new: str


def differences(old: Framework, new: Framework) -> list[Difference]:
    """Everything that differs from ``old`` to ``new``, in framework order: the fields, the
    phases' names, the outcomes, then each subdomain (old order, added ones after)."""
    found = [
        _compare(Phrase("Framework key"), old.key, new.key),
        _compare(Phrase("Framework name"), old.name, new.name),
        _compare(Phrase("Version"), old.version, new.version),
        _compare(Phrase("Source"), old.source, new.source),
    ]
    for number in PHASE_NUMBERS:
        found.append(
            _compare(
                Phrase("Name of phase {number}", number=number),
                old.phase_name(number),
                new.phase_name(number),
            )
        )
    found += _outcomes(old, new)
    new_ids = {s.id for s in new.subdomains}
    for subdomain in old.subdomains:
        if subdomain.id in new_ids:
            found += _subdomain_changes(subdomain, new.subdomain(subdomain.id))
        else:
            found += _whole(subdomain, REMOVED)
    old_ids = {s.id for s in old.subdomains}
    for subdomain in new.subdomains:
        if subdomain.id not in old_ids:
            found += _whole(subdomain, ADDED)
    return [d for d in found if d is not None]


def _compare(place: Phrase, old: str, new: str) -> Difference | None:
    """The difference at ``place``, or None when both texts are the same."""
    if old == new:
        return None
    kind = ADDED if not old else REMOVED if not new else CHANGED
    return Difference(kind, place, old, new)


def _outcomes(old: Framework, new: Framework) -> list[Difference | None]:
    olds = {o.id: o.title for o in old.outcomes}
    news = {o.id: o.title for o in new.outcomes}
    return [
        _compare(
            Phrase("Outcome {outcome_id}", outcome_id=key), olds.get(key, ""), news.get(key, "")
        )
        for key in [*olds, *(k for k in news if k not in olds)]
    ]


def _subdomain_changes(old: Subdomain, new: Subdomain) -> list[Difference | None]:
    """The changed title, outcome, mapping and phase texts of a subdomain in both versions."""
    sub_id = old.id
    return [
        _compare(Phrase("Subdomain {sub_id}: title", sub_id=sub_id), old.title, new.title),
        _compare(
            Phrase("Subdomain {sub_id}: outcome", sub_id=sub_id), old.outcome_id, new.outcome_id
        ),
        _compare(
            Phrase("Subdomain {sub_id}: replaces", sub_id=sub_id),
            ", ".join(old.replaces),
            ", ".join(new.replaces),
        ),
        *(_compare(_cell(sub_id, n), old.criteria[n], new.criteria[n]) for n in PHASE_NUMBERS),
    ]


def _whole(subdomain: Subdomain, kind: str) -> list[Difference | None]:
    """Every text of a subdomain that only one side has, as added or removed."""
    texts = [
        (Phrase("Subdomain {sub_id}: title", sub_id=subdomain.id), subdomain.title),
        (
            Phrase("Subdomain {sub_id}: replaces", sub_id=subdomain.id),
            ", ".join(subdomain.replaces),
        ),
        *((_cell(subdomain.id, n), subdomain.criteria[n]) for n in PHASE_NUMBERS),
    ]
    return [
        Difference(kind, place, "" if kind == ADDED else text, text if kind == ADDED else "")
        for place, text in texts
        if text
    ]


def _cell(sub_id: str, number: int) -> Phrase:
    return Phrase("Subdomain {sub_id}: phase {number}", sub_id=sub_id, number=number)
