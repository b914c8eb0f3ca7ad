"""Full renders of the result pages through ``app.py`` with Streamlit's AppTest.

Each (database, page) pair has its own AppTest session; ``CPSS_DB`` is set before each run, and
the app keeps one cached connection per database path, as it does for one path in production.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.timing import interleaved_ms

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
# The pages timed, by name: their file and their title (a page that cannot even start shows none).
PAGES = {
    "dashboard render": ("app_pages/dashboard.py", "Dashboard"),
    "compare render": ("app_pages/compare.py", "Compare assessments"),
}


@contextlib.contextmanager
def app_connections() -> Iterator[None]:
    """The app's cached connections are opened afresh inside, and closed after (so that the files
    can be removed); ``CPSS_DB`` is restored."""
    before = os.environ.get("CPSS_DB")
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()  # its on_release closes each connection
        if before is None:
            os.environ.pop("CPSS_DB", None)
        else:
            os.environ["CPSS_DB"] = before


def page_run(path: Path, page: str, title: str, assessment_id: str) -> Callable[[], None]:
    """A new session on ``path`` switched to ``page``: a call that reruns the page opened on
    ``assessment_id`` and fails loudly unless it shows ``title``, no error, and the assessment.
    The app's first run (the start page) is done here, untimed."""
    os.environ["CPSS_DB"] = str(path)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page(page)

    def run() -> None:
        os.environ["CPSS_DB"] = str(path)
        at.query_params["assessment"] = assessment_id
        at.run()
        if at.exception or title not in [t.value for t in at.title]:
            raise RuntimeError(f"{page} did not run to the end on {path}: {at.exception}")
        if at.query_params.get("assessment") not in (assessment_id, [assessment_id]):
            raise RuntimeError(f"{page} did not keep the known assessment on {path}.")

    return run


def render_times(
    databases: dict[int, tuple[Path, str]], repeats: int
) -> dict[tuple[int, str], float]:
    """The median time (ms) of a full run of each result page, by (size, page name), on each
    size's (database path, known assessment id); runs interleaved, after a warm-up run each."""
    with app_connections():
        runs = {
            (size, name): page_run(path, page, title, assessment_id)
            for size, (path, assessment_id) in databases.items()
            for name, (page, title) in PAGES.items()
        }
        return interleaved_ms(runs, repeats)
