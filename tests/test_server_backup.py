"""``python -m cpss backup`` and ``restore`` on PostgreSQL print the pg_dump and pg_restore
commands to use, with no password and no traceback, and touch nothing."""

from __future__ import annotations

import os
import subprocess
import sys

from cpss.db import accounts
from cpss.db.core import connect
from cpss.db.server_backup import without_password
from tests.cli_support import cpss_cli
from tests.conftest import ROOT

URL = "postgresql://ada:s3cret%21@db.example.org:5433/cpss"


def cli(*args: str, tmp_path) -> subprocess.CompletedProcess:
    return cpss_cli(*args, env={"CPSS_DATABASE_URL": URL, "CPSS_DB": str(tmp_path / "x.duckdb")})


def test_backup_on_postgresql_gives_the_pg_dump_command_and_writes_nothing(tmp_path):
    target = tmp_path / "cpss backup.dump"
    done = cli("backup", str(target), tmp_path=tmp_path)
    assert done.returncode == 1 and done.stdout == ""  # a scheduled backup must not pass for made
    assert (
        f"  pg_dump --format=custom --file='{target}' postgresql://ada@db.example.org:5433/cpss\n"
        in done.stderr
    )
    assert "s3cret" not in done.stderr and "Traceback" not in done.stderr
    assert not target.exists() and not (tmp_path / "x.duckdb").exists()


def test_restore_on_postgresql_gives_the_pg_restore_command_and_changes_nothing(tmp_path):
    done = cli("restore", "/backups/cpss.dump", tmp_path=tmp_path)
    assert done.returncode == 1
    assert (
        "  pg_restore --no-owner --exit-on-error "
        "--dbname=postgresql://ada@db.example.org:5433/cpss /backups/cpss.dump\n" in done.stderr
    )
    assert "s3cret" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_the_password_is_taken_out_of_the_address_and_the_rest_kept():
    assert without_password(URL) == "postgresql://ada@db.example.org:5433/cpss"
    assert without_password("postgresql://db/cpss?sslmode=require") == (
        "postgresql://db/cpss?sslmode=require"
    )
    assert without_password("postgres://ada:p@ss@h/d") == "postgres://ada@h/d"


def test_add_user_on_postgresql_makes_the_account_on_the_server(tmp_path, pg_url):
    environment = {**os.environ, "CPSS_DATABASE_URL": pg_url, "CPSS_DB": str(tmp_path / "x.db")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cpss",
            "add-user",
            "Amina Yusuf",
            "--role",
            "admin",
            "--password-stdin",
        ],
        cwd=ROOT,
        input="a long enough password\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    assert "Account 'Amina Yusuf' (Administrator) saved in " in done.stdout
    assert not (tmp_path / "x.db").exists()  # the server, not a file
    con = connect(pg_url)
    try:
        assert accounts.account(con.db(), "Amina Yusuf").role == "admin"
    finally:
        con.close()


def test_schema_on_postgresql_says_it_prints_the_duckdb_form(tmp_path):
    done = cli("schema", tmp_path=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert "pg_dump --schema-only" in done.stderr and "Traceback" not in done.stderr
