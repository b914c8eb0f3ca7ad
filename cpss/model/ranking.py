"""The priority ranking's weights and foundation outcomes: data of the framework file.

A framework file may carry a ``ranking:`` block (the bundled one does, with the values below); a
national adaptation changes what the ranking weighs without code. Each key is optional; a missing
one takes the default. :func:`read_ranking` checks the block with the loader's precise messages.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpss.model.framework_file import FileValidator
    from cpss.model.yaml_places import Located


@dataclass(frozen=True)
class Ranking:
    """What :func:`cpss.model.priorities.rank_priorities` weighs (see its ``method``)."""

    foundation_outcomes: tuple[str, ...] = ("1", "2")  # legal and policy; governance
    gap_weight: float = 1.0  # points per phase between the current phase and the target
    lag_weight: float = 1.0  # points per phase behind the mean phase of the assessment
    lag_threshold: float = 0.5  # smaller lags are noise: ratings are whole phases
    foundation_bonus: float = 0.75
    evidence_score: float = 2.5  # "don't know": above a one- or two-phase gap: data comes first
    low_confidence_bonus: float = 0.5


DEFAULT_RANKING = Ranking()
_WEIGHTS = [f.name for f in fields(Ranking) if f.name != "foundation_outcomes"]


def read_ranking(reader: FileValidator, node: Located | None, outcome_ids: list[str]) -> Ranking:
    """The file's ``ranking:`` block (the defaults when it has none), checked: weights are
    numbers from 0 to 100, foundation outcomes are ids of the file's outcomes."""
    if node is None:
        return DEFAULT_RANKING
    keys = dict.fromkeys(["foundation_outcomes", *_WEIGHTS], False)
    found = reader.mapping(node, "ranking", keys)
    values: dict[str, object] = {}
    for name in _WEIGHTS:
        if name in found:
            values[name] = _weight(reader, found[name], f"ranking {name}")
    if "foundation_outcomes" in found:
        values["foundation_outcomes"] = _outcomes(reader, found["foundation_outcomes"], outcome_ids)
    return Ranking(**values)  # type: ignore[arg-type]  # each value checked above


def _weight(reader: FileValidator, node: Located, place: str) -> float:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise reader.fail(
            node, place, "expected a number from 0 to 100, found {value!r}.", value=value
        )
    return float(value)


def _outcomes(reader: FileValidator, node: Located, outcome_ids: list[str]) -> tuple[str, ...]:
    place = "ranking foundation_outcomes"
    items = reader.sequence(node, place)
    ids = tuple(reader.text(item, f"{place}[{n}]") for n, item in enumerate(items))
    for item, outcome_id in zip(items, ids):
        if outcome_id not in outcome_ids:
            raise reader.fail(
                item,
                place,
                "unknown outcome '{outcome_id}' (outcomes are: {items}).",
                outcome_id=outcome_id,
                items=", ".join(outcome_ids),
            )
    return ids
