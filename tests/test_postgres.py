"""The PostgreSQL engine: its parameters, its table of errors (each entry met for real where a test
server can produce it), the messages of a database that cannot be used (never with the password),
and writes at the same time from several connections, as from several app servers, on both engines.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import psycopg
import pytest
import streamlit as st
from psycopg import errors as pg_errors
from streamlit.testing.v1 import AppTest

from cpss.db import assessments, plans, workshop_votes, workshops
from cpss.db.conn_postgres import CLASSES, MESSAGES, cause_of, engine_sql, mapped, scrubbed
from cpss.db.core import connect, database_target
from cpss.db.errors import (
    CannotCreateSchema,
    ServerUnreachable,
    StorageError,
    WriteConflict,
    WrongDatabaseUrl,
)
from cpss.db.migrations import MIGRATIONS
from cpss.model.answers import Answer
from cpss.model.plans import ActionItem
from cpss.model.workshops import WorkshopState
from tests.conftest import ROOT
from tests.test_storage import KENYA

SECRET = "s3cr3t-Pw"


def with_password(url: str, user: str = "postgres") -> str:
    """The test database's URL, with a user and a password (the test server trusts any)."""
    return url.replace("postgresql://postgres@", f"postgresql://{user}:{SECRET}@")


# -- parameters -----------------------------------------------------------------------------------


def test_named_parameters_become_psycopg_ones_and_casts_and_percent_stay():
    sql = "SELECT :a::VARCHAR[], x::INTEGER, '50%' LIKE 'a%', '10:30' WHERE y = :b_2"
    assert engine_sql(sql) == (
        "SELECT %(a)s::VARCHAR[], x::INTEGER, '50%%' LIKE 'a%%', '10:30' WHERE y = %(b_2)s"
    )


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_casts_lists_and_a_literal_percent_run_on_the_server(db):
    found = db.row(
        "SELECT :ids::VARCHAR[], 'b' = ANY(:ids::VARCHAR[]), '50%', :none::DATE IS NULL",
        {"ids": ["a", "b"], "none": None, "unused": 1},
    )
    assert found == (["a", "b"], True, "50%", True)


# -- the table of errors: one real (or, where a test server cannot produce it, worded) case each ---

# libpq's wording of failures to connect, for the entries a trusting local server cannot produce.
WORDED = {
    "auth": 'connection failed: FATAL:  password authentication failed for user "cpss"',
}


def _connect_error(url: str) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as caught:
        psycopg.connect(url, connect_timeout=5).close()
    return caught.value


def test_each_message_entry_finds_its_cause(pg_url):
    real = {
        "no_database": _connect_error(pg_url.rsplit("/", 1)[0] + "/no_such_db"),
        "unreachable": _connect_error("postgresql://postgres@127.0.0.1:1/x"),
    }
    role = _connect_error(pg_url.replace("postgres@", "nobody@"))
    assert cause_of(role) == "auth"  # an unknown user is the same mistake as a wrong password
    for cause, exc in real.items():
        assert cause_of(exc) == cause
    for cause, text in WORDED.items():
        assert cause_of(psycopg.OperationalError(text)) == cause
    assert {cause for _, cause in MESSAGES} == {*real, *WORDED}


def test_each_class_entry_gives_its_cause_when_the_message_says_nothing():
    for code, cause in CLASSES:
        exc_class = pg_errors.lookup(code) if len(code) == 5 else None
        if exc_class is None:  # a whole class (53, 08, 57P, 28): one of its codes
            exc_class = next(c for s, c in _SOME_CODES.items() if s.startswith(code))
        assert cause_of(exc_class("something went wrong")) == cause


_SOME_CODES = {
    "53300": pg_errors.TooManyConnections,
    "08006": pg_errors.ConnectionFailure,
    "57P01": pg_errors.AdminShutdown,
    "28000": pg_errors.InvalidAuthorizationSpecification,
}


def test_a_programming_error_is_a_bug_not_a_storage_error():
    assert mapped(pg_errors.UndefinedColumn("column x does not exist"), "db") is None


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_real_conflict_is_retried_as_one(connection):
    setup = connection.engine.cursor()
    setup.rows("CREATE TABLE counter (n INTEGER)")
    setup.rows("INSERT INTO counter VALUES (0)")
    first, second = connection.engine.cursor(), connection.engine.cursor()
    first.begin()
    second.begin()
    second.rows("SELECT n FROM counter")  # its snapshot starts here
    first.rows("UPDATE counter SET n = n + 1")
    first.commit()
    with pytest.raises(WriteConflict):  # 40001: the row changed since the snapshot
        second.rows("UPDATE counter SET n = n + 1")
    second.rollback()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_read_only_server_says_so(connection):
    cursor = connection.engine.cursor()
    cursor.begin()
    cursor.rows("SET TRANSACTION READ ONLY")
    with pytest.raises(StorageError, match="only reads"):
        cursor.rows(
            "INSERT INTO positions (assessment_id, subdomain_id, recorded_at) "
            "VALUES ('a', 'b', now())"
        )
    cursor.rollback()


# -- a database that cannot be used: which, what to do, and never the password ---------------------


def _refusal(url: str) -> StorageError:
    with pytest.raises(StorageError) as caught:
        connect(url)
    message = caught.value
    for text in (str(message), message.public):
        assert SECRET not in text
    return message


def test_a_wrong_url_says_what_is_wrong_without_the_password():
    assert "does not start with postgresql://" in str(_refusal(f"postgresq://u:{SECRET}@h/db"))
    spaced = _refusal(f"postgresql://u:{SECRET} x@h/db")
    assert isinstance(spaced, WrongDatabaseUrl) and "spaces" in str(spaced)


def test_a_server_that_is_down_says_so():
    down = _refusal(f"postgresql://cpss:{SECRET}@127.0.0.1:1/cpss")
    assert isinstance(down, ServerUnreachable) and down.cause == "unreachable"
    assert "cannot be reached" in str(down) and "127.0.0.1:1/cpss" in str(down)


def test_a_wrong_user_or_missing_database_says_which(pg_url):
    nobody = _refusal(with_password(pg_url, user="nobody"))
    assert isinstance(nobody, ServerUnreachable) and nobody.cause == "auth"
    assert "user name or password" in str(nobody)
    missing = _refusal(with_password(pg_url.rsplit("/", 1)[0] + "/no_such_db"))
    assert missing.cause == "no_database" and "createdb" in str(missing)


def test_a_user_without_the_right_to_create_the_tables_is_told_what_to_grant(pg_url):
    admin = psycopg.connect(pg_url, autocommit=True)
    admin.execute("DROP ROLE IF EXISTS cpss_reader")
    admin.execute("CREATE ROLE cpss_reader LOGIN")
    fresh = f"fresh_{threading.get_ident()}"
    admin.execute(f"CREATE DATABASE {fresh}")  # empty: the migrations must create the tables
    try:
        url = with_password(pg_url.rsplit("/", 1)[0] + f"/{fresh}", user="cpss_reader")
        refused = _refusal(url)
        assert isinstance(refused, CannotCreateSchema)
        assert "GRANT" in str(refused) or "OWNER" in str(refused)
    finally:
        admin.execute(f"DROP DATABASE {fresh} WITH (FORCE)")
        admin.execute("DROP ROLE cpss_reader")
        admin.close()


def test_a_password_in_a_driver_message_is_scrubbed():
    assert scrubbed(f"bad postgresql://u:{SECRET}@h/db and password={SECRET} x") == (
        "bad postgresql://u:***@h/db and password=*** x"
    )


# -- several connections (as several app servers) writing at once, on both engines ----------------


def test_two_editors_saving_the_same_subdomain_lose_nothing(database):
    servers = [connect(database), connect(database)]
    assessment_id = assessments.create(servers[0].db(), KENYA, "v1", by="Amina")
    start = threading.Barrier(2)

    def edit(index: int) -> None:
        db = servers[index].db()
        start.wait()
        for phase in (1, 2, 3, 4) * 3:
            answer = Answer(status="phase", phase=phase, rationale=f"editor {index}")
            assessments.save_answer(db, assessment_id, "2.1", answer, by=f"editor{index}")

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(edit, range(2)))
    db = servers[1].db()
    history = assessments.answer_history(db, assessment_id, "2.1")
    assert len(history) == 24  # both editors' saves, every one
    latest = history.sort_values("seq").iloc[-1]
    assert assessments.current_answers(db, assessment_id)["2.1"].rationale == latest["rationale"]
    for server in servers:
        server.close()


def test_a_consensus_recorded_while_votes_arrive_loses_no_vote(database):
    facilitator, room = connect(database), connect(database)
    db = facilitator.db()
    workshop = workshops.start(db, assessments.create(db, KENYA, "v1", by="A"), False, by="A")
    workshops.open_subdomain(db, workshop.id, "3.1", by="A")
    tokens = [workshop_votes.join(db, workshop.id) for _ in range(12)]
    accepted = []

    def vote(index: int) -> None:
        workshop_votes.vote(room.db(), workshop.id, tokens[index], "3.1", 1 + index % 4)
        accepted.append(index)

    with ThreadPoolExecutor(max_workers=6) as pool:
        voting = [pool.submit(vote, i) for i in range(12)]
        agreed = Answer(status="phase", phase=2, rationale="agreed")
        workshops.record_consensus(facilitator.db(), workshop.id, "3.1", agreed, by="A")
        for done in voting:
            done.result()  # no vote refused, none failed for a busy database
    stored = db.value(
        "SELECT count(*) FROM workshop_votes WHERE workshop_id = :id", {"id": workshop.id}
    )
    assert stored == len(accepted) == 12
    assert workshops.agreed(db, workshop.id) == {"3.1": 2}
    assert assessments.current_answers(db, workshop.assessment_id)["3.1"].phase == 2
    facilitator.close()
    room.close()


# What server B runs: a state change in another process, whose memory server A cannot see.
OTHER_SERVER = """
import sys
from cpss.db import workshops
from cpss.db.core import connect
con = connect(sys.argv[1])
workshops.open_subdomain(con.db(), sys.argv[2], sys.argv[3], by="B")
con.close()
"""


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_workshop_state_changed_on_another_server_is_seen_at_the_next_poll(database):
    """Server A's participants poll through ``cached_state``; server B (another process) opens a
    subdomain. A's memory cannot know of it, so on PostgreSQL every poll reads the database."""
    server_a = connect(database)
    db_a = server_a.db()
    workshop = workshops.start(db_a, assessments.create(db_a, KENYA, "v1", by="A"), False, by="A")

    def poll() -> WorkshopState:
        return workshops.cached_state(workshop.id, server_a.db, server_a.single_writer)

    assert poll().subdomain_id is None
    for subdomain in ("4.2", "5.1"):
        other = [sys.executable, "-c", OTHER_SERVER, database, workshop.id, subdomain]
        subprocess.run(other, cwd=ROOT, check=True, timeout=60)
        assert poll().subdomain_id == subdomain
    server_a.close()


def test_a_plan_edit_from_a_stale_read_keeps_the_other_servers_newer_version(database):
    """A reads an item, B saves a newer version, A saves its edit of what it read: A's save is
    current (the later one), and B's version stays in the item's history, nothing dropped."""
    server_a, server_b = connect(database), connect(database)
    db_a, db_b = server_a.db(), server_b.db()
    assessment_id = assessments.create(db_a, KENYA, "v1", by="A")
    item_id = plans.add_item(db_a, assessment_id, ActionItem("Map the services"), by="A")
    seen_on_a = plans.items(db_a, assessment_id)[0].item  # A's form is filled from this
    plans.update_item(db_b, item_id, replace(seen_on_a, status="done"), by="B")
    plans.update_item(db_a, item_id, replace(seen_on_a, notes="Started in May"), by="A")
    history = plans.item_history(server_b.db(), item_id)
    assert history["recorded_by"].tolist() == ["A", "B", "A"]
    assert history["status"].tolist() == ["planned", "done", "planned"]
    assert plans.items(server_b.db(), assessment_id)[0].item.notes == "Started in May"
    server_a.close()
    server_b.close()


# -- configuration: the environment or .streamlit/secrets.toml --------------------------------------


def test_the_url_comes_from_the_app_or_the_environment_else_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("CPSS_DB", str(tmp_path / "a.duckdb"))
    monkeypatch.delenv("CPSS_DATABASE_URL", raising=False)
    assert database_target() == str(tmp_path / "a.duckdb")  # nothing set: the file, as before
    monkeypatch.setenv("CPSS_DATABASE_URL", "postgresql://u@h/env")
    assert database_target() == "postgresql://u@h/env"
    assert database_target("postgresql://u@h/secrets") == "postgresql://u@h/secrets"


def _app_on(url: str) -> AppTest:
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["CPSS_DATABASE_URL"] = url
    at.run()
    return at


def test_the_app_runs_on_the_postgresql_url_in_its_secrets(pg_url, db_path):
    at = _app_on(pg_url)
    assert not at.exception, at.exception
    at.button(key="load_demo").click().run()
    assert "**Your assessments** (2)" in [m.value for m in at.markdown]
    server = connect(pg_url)
    assert server.db().value("SELECT count(*) FROM assessments") == 2  # stored on the server
    server.close()
    assert not db_path.exists()  # and not in the DuckDB file
    st.cache_resource.clear()  # closes the app's pool before the database is dropped


def test_the_app_says_its_database_setting_is_wrong_without_the_password(db_path):
    at = _app_on(f"postgresql://cpss:{SECRET}@127.0.0.1:1/cpss")
    assert not at.exception, at.exception
    shown = " ".join(str(e.value) for e in [*at.error, *at.markdown])
    assert "database" in shown and SECRET not in shown


def test_app_servers_starting_together_migrate_once(pg_url):
    admin = psycopg.connect(pg_url, autocommit=True)
    fresh = f"fresh_{threading.get_ident()}"
    admin.execute(f"CREATE DATABASE {fresh}")
    url = pg_url.rsplit("/", 1)[0] + f"/{fresh}"
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            servers = list(pool.map(lambda _: connect(url), range(3)))
        versions = servers[0].db().rows("SELECT version FROM schema_migrations ORDER BY version")
        assert [v for (v,) in versions] == [m.version for m in MIGRATIONS]
        for server in servers:
            server.close()
    finally:
        admin.execute(f"DROP DATABASE {fresh} WITH (FORCE)")
        admin.close()
