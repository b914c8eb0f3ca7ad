"""Shared fixtures: a temporary database per test, never the user's file."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from playwright.sync_api import Page, sync_playwright
from streamlit.testing.v1 import AppTest

from cpss.db.core import Connection, Db, connect
from cpss.model.framework_file import load_framework
from tests.browser_support import TIMEOUT_MS, ServerError, launch_chromium, serve

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "003_456755f65268c9f7.txt"


@pytest.fixture(scope="session")
def framework():
    """The bundled framework."""
    return load_framework()


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A fresh database file, set as the app's database for this test."""
    path = tmp_path / "test.duckdb"
    monkeypatch.setenv("CPSS_DB", str(path))
    yield path
    st.cache_resource.clear()  # closes the app's connection to this file


@pytest.fixture
def connection(db_path) -> Connection:
    """A connection to the test's own database."""
    con = connect(db_path)
    yield con
    con.close()


@pytest.fixture
def db(connection) -> Db:
    """A ``Db`` on the test's own database, as the single-user administrator."""
    return connection.db()


@pytest.fixture
def app(db_path) -> AppTest:
    """The whole app through ``app.py``, on the test's database, after its first run."""
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """The app under ``streamlit run`` on a free port and a temporary database; its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    try:
        with serve(ROOT / "app.py", folder / "test.duckdb", folder / "server.log") as url:
            yield url
    except ServerError as problem:
        pytest.fail(str(problem))


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium; fails (never skips) when it is not installed."""
    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except FileNotFoundError as problem:
            pytest.fail(str(problem))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    """A fresh tab in its own context (own cookies, own Streamlit session)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()
