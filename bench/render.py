"""Full renders of the result pages through ``app.py`` with Streamlit's AppTest."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.timing import median_ms

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
PAGES = {"dashboard render": "pages/dashboard.py", "compare render": "pages/compare.py"}


@contextlib.contextmanager
def app_database(path: Path) -> Iterator[None]:
    """The app's database is ``path`` (``CPSS_DB``) with a connection of its own, closed after."""
    before = os.environ.get("CPSS_DB")
    os.environ["CPSS_DB"] = str(path)
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()  # closes the app's connection, so the file can be removed
        if before is None:
            os.environ.pop("CPSS_DB", None)
        else:
            os.environ["CPSS_DB"] = before


def _run(at: AppTest, assessment_id: str) -> None:
    """One run of the current page, opened on ``assessment_id``; fails loudly on any error."""
    at.query_params["assessment"] = assessment_id
    at.run()
    if at.exception:
        raise RuntimeError(f"The page failed: {at.exception}")
    if at.query_params.get("assessment") not in (assessment_id, [assessment_id]):
        raise RuntimeError("The page did not open the known assessment.")


def render_times(path: Path, assessment_id: str, repeats: int) -> dict[str, float]:
    """The median time (ms) of a full run of each result page on ``path``, opened on
    ``assessment_id``, after one warm-up run; the app's first run (its start page) is not timed."""
    with app_database(path):
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.run()
        times = {}
        for name, page in PAGES.items():
            at.switch_page(page)
            times[name] = median_ms(lambda: _run(at, assessment_id), repeats)
        return times
