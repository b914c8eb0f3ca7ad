"""Timing helpers. The machine is shared, and its load drifts over a run: calls that are compared
with each other are timed interleaved (one round over all of them, repeated), so that a busy minute
slows them all alike instead of one size or one variant."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Hashable, Mapping


def seconds(call: Callable[[], object]) -> tuple[object, float]:
    """The result of ``call()`` and how many seconds it took."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def interleaved_ms(
    calls: Mapping[Hashable, Callable[[], object]], repeats: int
) -> dict[Hashable, float]:
    """The median wall time in ms of each call over ``repeats`` rounds, each round running every
    call once in turn, after one untimed warm-up round."""
    for call in calls.values():
        call()
    times: dict[Hashable, list[float]] = {key: [] for key in calls}
    for _ in range(repeats):
        for key, call in calls.items():
            times[key].append(seconds(call)[1])
    return {key: statistics.median(values) * 1000 for key, values in times.items()}
