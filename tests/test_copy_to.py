"""``python -m cpss copy-to URL``: a DuckDB file moved into PostgreSQL, every version of every row."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import duckdb
import pandas as pd
import pytest

from cpss.db import (
    accounts,
    assessments,
    dashboard,
    lifecycle,
    listing,
    plans,
    share_links,
    workshop_votes,
    workshops,
)
from cpss.db.accounts import AccountError
from cpss.db.copy_to import MIGRATIONS_TABLE, CopyRefused, CopyReport, copy_to, tables
from cpss.db.core import connect
from cpss.db.demo import load_demo
from cpss.db.errors import DatabaseInUse, ServerUnreachable, WrongDatabaseUrl
from cpss.model.answers import Answer
from tests.cli_support import cpss_cli, held_by_another_process
from tests.exchange_support import rich_assessment
from tests.trust_support import KENYA, PASSWORD, populate


def cli(*args: str, source) -> subprocess.CompletedProcess:
    """``python -m cpss ARGS`` with ``CPSS_DB`` set to the file ``source``."""
    return cpss_cli(*args, env={"CPSS_DB": str(source)}, timeout=120)


def fill(db, framework) -> dict:
    """The demo, plus a workshop with votes, a removal and a reveal, accounts, a share link,
    deleted and restored assessments, several versions of answers and a wrong password."""
    world = populate(db, framework)
    share_links.create(db, world.assessment_id, "Amina", shows=["documents"])
    demo = load_demo(db, framework)
    rich = rich_assessment(db, framework)
    for phase in (1, 3, 4):  # three more versions of one answer
        assessments.save_answer(db, world.assessment_id, "1.2", Answer("phase", phase), "Ana")
    assessments.record_position(db, rich, "2.1")
    second = workshop_votes.join(db, world.workshop_id, "twice")
    workshops.open_subdomain(db, world.workshop_id, "3.2", "Amina")
    workshop_votes.vote(db, world.workshop_id, world.participant_token, "3.2", 3, "")
    workshop_votes.vote(db, world.workshop_id, second, "3.2", "dont_know", "unsure")
    workshop_votes.set_revealed(db, world.workshop_id, True, "Amina", threshold=1)
    joined = workshop_votes.participants(db, world.workshop_id)
    workshop_votes.remove_participant(db, world.workshop_id, joined[-1][0], "Amina")
    gone = assessments.create(db, KENYA, framework.version, "x")
    lifecycle.delete(db, gone, "x")
    lifecycle.delete(db, rich, "x")
    lifecycle.undo_delete(db, rich, "x")  # deleted, then restored
    with pytest.raises(AccountError):
        accounts.sign_in(db, "ada", "not the password", "192.0.2.7")
    return {"world": world, "demo": demo, "rich": rich, "gone": gone}


@pytest.fixture(scope="module")
def filled_file(tmp_path_factory, framework):
    """A DuckDB file holding something in every table (made once: the demo takes seconds)."""
    path = tmp_path_factory.mktemp("copy-to") / "filled.duckdb"
    con = connect(path)
    made = fill(con.db(), framework)
    con.close()
    return path, made


@pytest.fixture
def source(filled_file, tmp_path):
    """The test's own copy of the filled file; its path and what :func:`fill` made."""
    path, made = filled_file
    own = tmp_path / "office.duckdb"
    shutil.copyfile(path, own)
    return own, made


def _exact(column: str, kind: str) -> str:
    """A column to select: an exact decimal as its text (PostgreSQL's driver here gives NUMERIC
    as a float, DuckDB's a Decimal: the text is the same on both)."""
    return f"{column}::VARCHAR" if kind.upper().startswith(("DECIMAL", "NUMERIC")) else column


def every_row(db) -> dict[str, list]:
    """Every row of every table, in the order it was recorded (``seq``, else the id); the
    migrations record by version and name (its times are each database's own)."""
    found = {
        table: db.rows(
            f"SELECT {', '.join(_exact(c, kind) for c, kind in columns)} FROM {table} "
            f"ORDER BY {'seq' if ('seq', 'BIGINT') in columns else columns[0][0]}"
        )
        for table, columns in tables(db).items()
    }
    found[MIGRATIONS_TABLE] = db.rows(f"SELECT version, name FROM {MIGRATIONS_TABLE} ORDER BY 1")
    return found


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def copied(source, pg_url):
    """The source copied into the test's PostgreSQL database: (file, server) connections."""
    path, made = source
    before = sha256(path)
    report = copy_to(path, pg_url)
    assert report.matched and sha256(path) == before  # the file was only read
    file, server = connect(path), connect(pg_url)
    yield file.db(), server.db(), made
    file.close()
    server.close()


def test_every_version_of_every_row_is_copied(copied):
    file, server, _ = copied
    rows = every_row(file)
    assert all(rows.values()), [t for t, found in rows.items() if not found]
    assert len(rows) == 22  # every table of the schema, the migrations record among them
    assert every_row(server) == rows


def test_the_apps_views_read_the_same_on_both(copied, framework):
    file, server, made = copied
    ids = [made["rich"], *made["demo"], made["world"].assessment_id]
    for view in (
        lambda db: dashboard.outcome_summary(db, framework, ids),
        lambda db: assessments.answer_history(db, made["world"].assessment_id, "1.2"),
        lambda db: lifecycle.details_history(db, made["rich"]),
        lambda db: plans.item_history(db, made["world"].item_id),
        lambda db: share_links.links(db, made["world"].assessment_id),
        lambda db: accounts.listing(db),
    ):
        # values, not dtypes: DuckDB gives a nullable int column as Int32, psycopg as float
        pd.testing.assert_frame_equal(view(server), view(file), check_dtype=False)
    for view in (
        lambda db: listing.recent_assessments(db),
        lambda db: lifecycle.deleted(db),
        lambda db: workshop_votes.votes_tally(db, made["world"].workshop_id, "3.2", 1),
        lambda db: assessments.current_answers(db, made["world"].assessment_id),
        lambda db: share_links.resolve(db, made["world"].share_token),
    ):
        assert view(server) == view(file)
    assert [gone.id for gone in lifecycle.deleted(server)] == [made["gone"]]  # rich: restored
    assert accounts.verify(server, "ada", PASSWORD).role == "admin"  # the password hash came too


def test_a_change_on_the_server_is_later_than_every_copied_version(copied):
    _, server, made = copied
    draft = made["world"].assessment_id
    assessments.save_answer(server, draft, "1.2", Answer("phase", 2), "after the move")
    assert assessments.current_answers(server, draft)["1.2"].phase == 2


def test_a_database_holding_data_is_refused_and_left_as_it_was(source, pg_url):
    path, _ = source
    copy_to(path, pg_url)
    server = connect(pg_url)
    before = every_row(server.db())
    with pytest.raises(CopyRefused, match=r"already holds assessments \(\d+\): copy-to goes"):
        copy_to(path, pg_url)
    assert every_row(server.db()) == before
    server.close()


def test_a_database_with_only_an_account_is_refused_too(source, pg_url):
    server = connect(pg_url)
    accounts.add(server.db(), "root", "admin", PASSWORD)
    server.close()
    with pytest.raises(CopyRefused, match=r"already holds data \(1 user_accounts\)"):
        copy_to(source[0], pg_url)


def test_a_failure_part_way_leaves_the_target_empty(source, pg_url):
    path, _ = source
    con = duckdb.connect(str(path))  # text PostgreSQL cannot hold (NUL), stored long ago
    con.execute("UPDATE ratings SET evidence = 'a\x00b' WHERE seq = (SELECT max(seq) FROM ratings)")
    con.close()
    with pytest.raises(CopyRefused, match="The rows of ratings could not be written") as refused:
        copy_to(path, pg_url)
    assert "Nothing was written" in str(refused.value)
    server = connect(pg_url)
    assert all(not rows for t, rows in every_row(server.db()).items() if t != MIGRATIONS_TABLE)
    server.close()


def test_wrong_urls_get_their_message_without_the_password(source):
    path, _ = source
    with pytest.raises(ServerUnreachable) as down:
        copy_to(path, "postgresql://cpss:s3cret-word@127.0.0.1:9/cpss")
    assert "cpss@127.0.0.1:9/cpss" in str(down.value) and "s3cret" not in str(down.value)
    with pytest.raises(WrongDatabaseUrl, match="does not start with postgresql://"):
        copy_to(path, "mysql://cpss:s3cret-word@host/cpss")
    with pytest.raises(CopyRefused, match="is not a database URL"):
        copy_to(path, "elsewhere.duckdb")
    done = cli("copy-to", "postgresql://cpss:s3cret-word@127.0.0.1:9/cpss", source=path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "s3cret" not in done.stderr + done.stdout and "127.0.0.1:9/cpss" in done.stderr


def test_a_file_the_running_app_holds_gets_the_in_use_message(source, pg_url):
    path, _ = source
    with (
        held_by_another_process(path),
        pytest.raises(DatabaseInUse, match="is in use by another program"),
    ):
        copy_to(path, pg_url)
    with pytest.raises(CopyRefused, match="There is no DuckDB file at"):
        copy_to(path.with_name("missing.duckdb"), pg_url)


def test_the_command_prints_both_sides_counts(source, pg_url):
    path, _ = source
    done = cli("copy-to", pg_url, "--from", str(path), source=path.with_name("not-this.duckdb"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    where = pg_url.removeprefix("postgresql://")
    assert lines[0] == f"Rows per table in {path} and {where}:"
    assert lines[1].split() == ["table", "DuckDB", "file", "PostgreSQL"]
    file = connect(path)
    expected = {t: n for t, n in _counts(file.db()).items()}
    file.close()
    shown = {line.split()[0]: line.split()[1:] for line in lines[2:-1]}
    assert shown == {t: [f"{n:,}", f"{n:,}"] for t, n in expected.items()}
    rows = sum(n for t, n in expected.items() if t != MIGRATIONS_TABLE)
    assert lines[-1] == f"Every table matches: {rows:,} rows copied into {where}."


def _counts(db) -> dict[str, int]:
    return {t: len(rows) for t, rows in every_row(db).items()}


def test_counts_that_differ_are_named_and_the_copy_said_undone():
    report = CopyReport("a.duckdb", "u@h:5432/d", {"ratings": (5, 4), "assessments": (2, 2)})
    assert not report.matched
    assert report.lines()[2].endswith("<- differs") and "<-" not in report.lines()[3]
    assert report.lines()[-1] == (
        "The counts differ in ratings: the copy was undone and nothing was kept in u@h:5432/d. "
        "Keep the file and report this."
    )
