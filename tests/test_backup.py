"""Backups: backup then restore gives back every row; the command line works while the app runs."""

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from cpss.db import accounts, assessments, documents, lifecycle
from cpss.db.accounts import AccountError
from cpss.db.backup import TABLES, BackupError, backup, restore
from cpss.db.core import connect
from cpss.model.answers import Answer
from cpss.model.documents import NewDocument
from tests.cli_support import cpss_cli, held_by_another_process
from tests.document_support import PDF
from tests.exchange_support import rich_assessment
from tests.trust_support import KENYA, populate, retained_workshop

ROOT = Path(__file__).resolve().parent.parent


def every_row(db) -> dict[str, list]:
    """Every row of every table, in a fixed order."""
    return {t: db.rows(f"SELECT * FROM {t} ORDER BY ALL") for t in TABLES}


def cli(*args, db: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return cpss_cli(*args, env={"CPSS_DB": str(db)}, timeout=timeout)


@pytest.fixture
def filled(db, framework):
    world = populate(db, framework)
    rich_assessment(db, framework)
    other = assessments.create(db, KENYA, framework.version, "x")
    lifecycle.delete(db, other, "x")  # a deletion is history too
    new = NewDocument("law.pdf", PDF, "Child Act")
    documents.attach(db, world.assessment_id, "1.1", new, "Amina")  # a file, stored once
    with pytest.raises(AccountError):  # so is a wrong password
        accounts.sign_in(db, "ada", "not the password", "192.0.2.7")
    retained_workshop(db, world.assessment_id)  # the retention tables too
    return world


def test_backup_then_restore_gives_back_every_row(db, connection, filled, tmp_path):
    original = every_row(db)
    assert all(original[t] for t in TABLES if t != "positions")  # something in every table
    counts = backup(connection, tmp_path / "copy.duckdb", db.actor)
    assert counts["workshop_votes"] == 1 and counts["action_items"] >= 3
    restored_counts = restore(tmp_path / "copy.duckdb", tmp_path / "restored.duckdb")
    assert restored_counts == counts
    con = connect(tmp_path / "restored.duckdb")
    try:
        assert every_row(con.db()) == original
        # the history sequence goes on after the restored rows: new versions are still the latest
        again = con.db()
        assessments.save_answer(
            again, filled.assessment_id, "1.1", Answer("phase", 4), "after restore"
        )
        assert assessments.current_answers(again, filled.assessment_id)["1.1"].phase == 4
    finally:
        con.close()


def test_restore_goes_into_an_empty_database_only(db, connection, filled, tmp_path, db_path):
    backup(connection, tmp_path / "copy.duckdb", db.actor)
    with pytest.raises(BackupError, match="already holds data: a restore goes into an empty"):
        restore(tmp_path / "copy.duckdb", db_path)
    with pytest.raises(BackupError, match="exists already"):
        backup(connection, tmp_path / "copy.duckdb", db.actor)
    (tmp_path / "junk.duckdb").write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not a backup this app can read"):
        restore(tmp_path / "junk.duckdb", tmp_path / "new.duckdb")
    empty = connect(tmp_path / "empty.duckdb")  # migrated, but no data: may be restored into
    empty.close()
    assert restore(tmp_path / "copy.duckdb", tmp_path / "empty.duckdb")["ratings"] > 0


HOLD_AND_SERVE = """
import sys, time
from cpss.db.core import connect
from cpss.db.backup_requests import BackupService
con = connect(sys.argv[1])
service = BackupService(con, sys.argv[1]); service.start()
print("ready", flush=True)
time.sleep(60)
"""


def test_the_command_line_backs_up_a_running_app_and_restores(tmp_path, framework):
    db = tmp_path / "app.duckdb"
    con = connect(db)
    populate(con.db(), framework)
    original = every_row(con.db())
    con.close()
    app = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_SERVE, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert app.stdout.readline().strip() == "ready"
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(db), read_only=True)  # the app holds the file...
        done = cli("backup", str(tmp_path / "while-running.duckdb"), db=db)
        assert done.returncode == 0, done.stderr  # ...and made the backup for the command line
        assert (
            "The running app wrote the backup" in done.stdout and "1 workshop_votes" in done.stdout
        )
        refused = cli("backup", str(tmp_path / "while-running.duckdb"), db=db)
        assert refused.returncode == 1 and "exists already" in refused.stderr
    finally:
        app.kill()
        app.wait()
    restored = tmp_path / "restored.duckdb"
    done = cli("restore", str(tmp_path / "while-running.duckdb"), db=restored)
    assert done.returncode == 0, done.stderr
    con = connect(restored)
    assert every_row(con.db()) == original
    con.close()


def test_the_command_line_says_when_no_app_answers(tmp_path):
    db = tmp_path / "held.duckdb"
    with held_by_another_process(db):
        started = time.monotonic()
        done = cli("backup", str(tmp_path / "b.duckdb"), "--timeout", "2", db=db)
        assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert "no CPSS app answered the backup request within 2 s" in done.stderr
    assert "Traceback" not in done.stderr


def test_add_user_from_the_command_line(tmp_path):
    db = tmp_path / "users.duckdb"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cpss",
            "add-user",
            "root admin",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input="a long enough password\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CPSS_DB": str(db)},
    )
    assert done.returncode == 0, done.stderr
    assert "Account 'root admin' (Administrator) saved" in done.stdout
    short = subprocess.run(
        [sys.executable, "-m", "cpss", "add-user", "x", "--role", "viewer", "--password-stdin"],
        input="short\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CPSS_DB": str(db)},
    )
    assert short.returncode == 1 and "too short" in short.stderr and "Traceback" not in short.stderr
    con = connect(db)
    assert accounts.verify(con.db(), "root admin", "a long enough password").role == "admin"
    con.close()
