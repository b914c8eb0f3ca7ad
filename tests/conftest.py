"""Shared fixtures: a temporary database per test, never the user's file."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from playwright.sync_api import Page, sync_playwright
from pytest_postgresql import factories
from pytest_postgresql.janitor import DatabaseJanitor
from streamlit.testing.v1 import AppTest

from cpss.db.core import Connection, Db, connect, is_url
from cpss.model.framework_file import load_framework
from tests.browser_support import TIMEOUT_MS, ServerError, launch_chromium, serve
from tests.pg_support import PG_CTL, THROWAWAY

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "003_456755f65268c9f7.txt"

# The test modules whose `connection`/`db` run on both engines (one `engine` parameter); the
# others, and any test that also drives the app (`app`), run on the DuckDB file only.
BOTH_ENGINES = {
    "test_storage",
    "test_dashboard",
    "test_plan",
    "test_investment",
    "test_investment_reports",
    "test_workshops",
    "test_lifecycle",
    "test_access",
    "test_exchange",
    "test_round_trip",
    "test_priorities",
    "test_postgres",
    "test_privacy",
    "test_privacy_forms",
    "test_retention",
    "test_documents",
    "test_documents_exchange",
    "test_frameworks",
    "test_framework_imports",
}
# The page tests (AppTest through app.py) that run on PostgreSQL too: the app reads the test's
# database URL from CPSS_DATABASE_URL, as an operator would set it.
PAGES_ON_BOTH_ENGINES = {
    "test_dashboard_pages",
    "test_workshop_pages",
    "test_exchange_page",
    "test_trust_pages",
    "test_retention_pages",
    "test_plan_money_pages",
    "test_frameworks_page",
    "test_investment_pages",
    "test_map_page",
}


def pytest_generate_tests(metafunc):
    """Give the storage tests the `engine` parameter: ["duckdb", "postgresql"]."""
    marks = metafunc.definition.iter_markers("parametrize")
    if "engine" not in metafunc.fixturenames or any(m.args[0] == "engine" for m in marks):
        return  # no database, or the test names its engine itself
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    both = module in PAGES_ON_BOTH_ENGINES or (
        module in BOTH_ENGINES and "app" not in metafunc.fixturenames
    )
    metafunc.parametrize("engine", ["duckdb", "postgresql"] if both else ["duckdb"], indirect=True)


def _migrate_template(host, port, user, dbname, password=None, **_):
    """Give the template database the schema once: each test's database is a copy of it."""
    connect(f"postgresql://{user}@{host}:{port}/{dbname}").close()


# One PostgreSQL server for the session (Debian's, on a temporary folder and a free port; as root
# run as the postgres user by tools/pg_ctl.sh), started only when a test asks for it.
# The same server as tests/pg_support.pg_server starts for the benchmarks.
pg_server = factories.postgresql_proc(
    executable=str(PG_CTL), load=[_migrate_template], postgres_options=THROWAWAY
)
_numbers = itertools.count()


@pytest.fixture
def engine(request) -> str:
    """Which engine the test's database runs on: "duckdb" or "postgresql"."""
    return getattr(request, "param", "duckdb")


@contextlib.contextmanager
def fresh_database(server) -> Iterator[str]:
    """A new database on the test server (a copy of the migrated template): its URL; dropped
    on exit, its connections ended first."""
    janitor = DatabaseJanitor(
        user=server.user,
        host=server.host,
        port=server.port,
        dbname=f"test_{next(_numbers)}",
        template_dbname=server.template_dbname,
    )
    janitor.init()
    try:
        yield f"postgresql://{server.user}@{server.host}:{server.port}/{janitor.dbname}"
    finally:
        janitor.drop()


@pytest.fixture
def pg_url(request) -> str:
    """A fresh PostgreSQL database for this test (a copy of the migrated template); its URL."""
    with fresh_database(request.getfixturevalue("pg_server")) as url:
        yield url


@pytest.fixture(scope="module")
def module_pg_url(pg_server) -> str:
    """One PostgreSQL database for a test module's app servers to share; its URL."""
    with fresh_database(pg_server) as url:
        yield url


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
def database(engine, db_path, request) -> str:
    """The test's own database on the test's engine: a DuckDB file path or a PostgreSQL URL (for
    tests that open it more than once, as a restart or several processes would)."""
    return str(db_path) if engine == "duckdb" else request.getfixturevalue("pg_url")


@pytest.fixture
def connection(database) -> Connection:
    """A connection to the test's own database, on the test's engine."""
    con = connect(database)
    yield con
    con.close()


@pytest.fixture
def db(connection) -> Db:
    """A ``Db`` on the test's own database, as the single-user administrator."""
    return connection.db()


@pytest.fixture
def app_database(database, monkeypatch) -> str:
    """The test's database set as the app's (``CPSS_DATABASE_URL`` for PostgreSQL, else the
    ``CPSS_DB`` file); the app's connection or pool to it is closed after the test, before the
    PostgreSQL database is dropped."""
    if is_url(database):
        monkeypatch.setenv("CPSS_DATABASE_URL", database)
    else:
        monkeypatch.delenv("CPSS_DATABASE_URL", raising=False)
    st.cache_resource.clear()
    yield database
    st.cache_resource.clear()


@pytest.fixture
def app(app_database) -> AppTest:
    """The whole app through ``app.py``, on the test's database, after its first run."""
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
