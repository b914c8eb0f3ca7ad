"""Full renders of the result pages through ``app.py`` with Streamlit's AppTest.

Each (database, page) pair has its own AppTest session; ``CPSS_DB`` (a DuckDB file) or
``CPSS_DATABASE_URL`` (PostgreSQL) is set before each run, and the app keeps one cached connection
per database, as it does for one database in production.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.timing import interleaved_ms
from cpss.db.core import is_url
from cpss.i18n import text

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
# The pages timed, by name: their file and their title (a page that cannot even start shows none).
PAGES = {
    "dashboard render": ("app_pages/dashboard.py", "Dashboard"),
    "compare render": ("app_pages/compare.py", "Compare assessments"),
}
TARGETS = {False: "CPSS_DB", True: "CPSS_DATABASE_URL"}  # by whether the database is a URL


@contextlib.contextmanager
def app_connections() -> Iterator[None]:
    """The app's cached connections are opened afresh inside, and closed after (so that the files
    can be removed); ``CPSS_DB`` and ``CPSS_DATABASE_URL`` are restored."""
    before = {name: os.environ.get(name) for name in TARGETS.values()}
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()  # its on_release closes each connection
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def use_database(target: Path | str) -> None:
    """Point the app at ``target``: a DuckDB file or a PostgreSQL URL."""
    for name in TARGETS.values():
        os.environ.pop(name, None)
    os.environ[TARGETS[is_url(target)]] = str(target)


def page_run(
    path: Path | str, page: str, title: str, assessment_id: str, lang: str = "en"
) -> Callable[[], None]:
    """A new session on ``path`` (a DuckDB file or a PostgreSQL URL) switched to ``page`` in
    ``lang`` (``?lang=``): a call that reruns the page opened on ``assessment_id`` and fails loudly
    unless it shows ``title`` (in ``lang``), no error, and the assessment. The app's first run (the
    start page) is done here, untimed."""
    use_database(path)
    title = text(lang)(title)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page)

    def run() -> None:
        use_database(path)
        at.query_params.update(assessment=assessment_id, lang=lang)
        at.run()
        if at.exception or title not in [t.value for t in at.title]:
            raise RuntimeError(f"{page} did not run to the end on {path}: {at.exception}")
        if at.query_params.get("assessment") not in (assessment_id, [assessment_id]):
            raise RuntimeError(f"{page} did not keep the known assessment on {path}.")

    return run


def render_times(
    databases: Mapping[Hashable, tuple[Path | str, str]], repeats: int
) -> dict[tuple[Hashable, str], float]:
    """The median time (ms) of a full run of each result page, by (size, page name), on each
    size's (database file or URL, known assessment id); runs interleaved, after a warm-up run each."""
    with app_connections():
        runs = {
            (size, name): page_run(path, page, title, assessment_id)
            for size, (path, assessment_id) in databases.items()
            for name, (page, title) in PAGES.items()
        }
        return interleaved_ms(runs, repeats)


def language_render_times(
    path: Path | str, assessment_id: str, languages: tuple[str, ...], repeats: int
) -> dict[str, float]:
    """The median time (ms) of a full run of the dashboard in each of ``languages`` on one
    database, runs interleaved, after a warm-up run each."""
    page, title = PAGES["dashboard render"]
    with app_connections():
        runs = {lang: page_run(path, page, title, assessment_id, lang) for lang in languages}
        return interleaved_ms(runs, repeats)
