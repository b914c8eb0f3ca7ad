"""The command line as an operator runs it: ``python -m cpss`` in a process of its own, and a
DuckDB file held by another process, as a running app holds it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT


def cpss_cli(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m cpss ARGS`` with ``env`` over the test's environment; output captured."""
    return subprocess.run(
        [sys.executable, "-m", "cpss", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env},
    )


HOLD = (
    "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
    "time.sleep(60)"
)


@contextlib.contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """Inside, the DuckDB file ``path`` is open in another process (no CPSS app answers there)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.kill()
        holder.wait()
