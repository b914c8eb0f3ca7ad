"""Timing helpers: the median wall time of a call, after one warm-up call."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(call: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``call()`` in milliseconds over ``repeats`` runs, after a warm-up."""
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def seconds(call: Callable[[], object]) -> tuple[object, float]:
    """The result of ``call()`` and how many seconds it took."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start
