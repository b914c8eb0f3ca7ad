"""A PostgreSQL server of our own, as the tests start it: Debian's binaries through
tools/pg_ctl.sh (as root, run as the ``postgres`` user) and pytest-postgresql's executor.

The tests' session server is pytest-postgresql's ``postgresql_proc`` fixture (tests/conftest.py),
built from :data:`PG_CTL` and :data:`THROWAWAY`; :func:`pg_server` starts the same server outside
pytest, for the benchmarks, and removes it after.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from port_for import get_port
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor

ROOT = Path(__file__).resolve().parent.parent
PG_CTL = ROOT / "tools" / "pg_ctl.sh"
# A throwaway server need not survive a crash: no fsync makes each test's CREATE DATABASE quick.
# The benchmarks leave these out: they time a server set up as an operator would.
THROWAWAY = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
USER = "postgres"


@contextlib.contextmanager
def pg_server(postgres_options: str = "") -> Iterator[PostgreSQLExecutor]:
    """A new PostgreSQL server on a temporary data folder and a free port on 127.0.0.1, stopped
    and its folder removed on exit."""
    folder = Path(tempfile.mkdtemp(prefix="cpss-pg-server-"))
    port = get_port(None)
    assert port is not None
    server = PostgreSQLExecutor(
        executable=str(PG_CTL),
        host="127.0.0.1",
        port=port,
        datadir=str(folder / "data"),
        unixsocketdir=tempfile.gettempdir(),
        logfile=str(folder / "postgresql.log"),
        startparams="-w",
        dbname="cpss",
        user=USER,
        postgres_options=postgres_options,
    )
    server.start()
    try:
        server.wait_for_postgres()
        yield server
    finally:
        server.stop()
        server.clean_directory()
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server: PostgreSQLExecutor, name: str) -> str:
    """A new, empty database ``name`` on ``server``; its URL (the app migrates it when it opens)."""
    DatabaseJanitor(user=server.user, host=server.host, port=server.port, dbname=name).init()
    return server_url(server, name)


def server_url(server: PostgreSQLExecutor, name: str) -> str:
    """The URL of database ``name`` on ``server``."""
    return f"postgresql://{server.user}@{server.host}:{server.port}/{name}"
