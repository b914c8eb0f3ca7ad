"""Command line: ``python -m cpss add-user|backup|restore|schema`` on the app's database: the
PostgreSQL server of ``$CPSS_DATABASE_URL`` when set, else the DuckDB file ``$CPSS_DB``; and
``copy-to URL``, which moves the DuckDB file (``$CPSS_DB`` or ``--from PATH``) into PostgreSQL.

On PostgreSQL ``backup`` and ``restore`` print the ``pg_dump`` and ``pg_restore`` commands to use
instead, and ``schema`` (the DuckDB form that docs/schema.sql holds) says it reads a file.

The command line acts as the single-user administrator: whoever can run it can read the database
file anyway. ``add-user`` is how the first administrator of a team installation is made.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from cpss.db import accounts
from cpss.db.backup import backup, restore
from cpss.db.backup_requests import request_backup
from cpss.db.copy_to import CountsDiffer, copy_to
from cpss.db.core import connect, database_path, database_target, is_url
from cpss.db.errors import StorageError
from cpss.db.server_backup import backup_advice, restore_advice
from cpss.model.access import ACCOUNT_ROLES, ROLE_SYNONYMS, SOLO
from cpss.model.errors import UserError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cpss", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser(
        "add-user", help="add an account, or give one a new role and password"
    )
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[*ACCOUNT_ROLES, *ROLE_SYNONYMS])
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking for it",
    )
    save = commands.add_parser("backup", help="write a complete copy of the database to PATH")
    save.add_argument("path")
    save.add_argument(
        "--timeout",
        type=float,
        default=120,
        help="seconds to wait for a running app to make the backup",
    )
    load = commands.add_parser("restore", help="restore the backup PATH into an empty $CPSS_DB")
    load.add_argument("path")
    commands.add_parser("schema", help="print the database schema (as docs/schema.sql holds it)")
    move = commands.add_parser(
        "copy-to",
        help="copy every row of the DuckDB file into an empty PostgreSQL database URL",
    )
    move.add_argument("url", help="postgresql://user:password@host:5432/database")
    move.add_argument(
        "--from",
        dest="source",
        help="the DuckDB file to copy (default: $CPSS_DB, else cpss.duckdb); it is only read",
    )
    return parser


def _copy_to(url: str, source: str | None) -> int:
    """Copy the file into PostgreSQL and print the counts of both sides; 1 when they differ."""
    try:
        report = copy_to(source or database_path(), url)
    except CountsDiffer as differ:
        report = differ.report
    print("\n".join(report.lines()))
    return 0 if report.matched else 1


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Same password again: "):
        raise UserError("The two passwords differ: nothing was changed.")
    return first


def _summary(found: dict[str, int]) -> str:
    parts = [f"{n} {table}" for table, n in found.items() if n and table != "schema_migrations"]
    return ", ".join(parts) or "no rows"


SCHEMA_ON_SERVER = (
    "The database is on a PostgreSQL server; `schema` prints the DuckDB form of the schema "
    "(docs/schema.sql). Unset CPSS_DATABASE_URL to print it from a DuckDB file, or use "
    "pg_dump --schema-only for the server's own form. Nothing was changed."
)


def _on_server(args: argparse.Namespace) -> bool:
    """On PostgreSQL, backup and restore are pg_dump's and pg_restore's: say how, and say that
    nothing was done (the exit status is 1, so that a scheduled backup does not pass for made)."""
    url = database_target()
    if not is_url(url) or args.command not in ("backup", "restore", "schema"):
        return False
    if args.command == "schema":
        print(SCHEMA_ON_SERVER, file=sys.stderr)
        return True
    advice = backup_advice if args.command == "backup" else restore_advice
    print(advice(url, args.path), file=sys.stderr)
    return True


def run(argv: list[str] | None = None) -> int:
    """Run one command; print what was done, or the problem, and return the exit status."""
    args = _parser().parse_args(argv)
    if _on_server(args):
        return 1
    path = database_target()
    try:
        if args.command == "copy-to":
            return _copy_to(args.url, args.source)
        if args.command == "restore":
            print(f"Restored {args.path} into {path}: {_summary(restore(args.path, path))}.")
            return 0
        try:
            con = connect(path)
        except StorageError:
            if args.command != "backup":
                raise
            found = request_backup(path, args.path, args.timeout)  # the running app makes it
            print(f"The running app wrote the backup {args.path}: {_summary(found)}.")
            return 0
        try:
            if args.command == "backup":
                found = backup(con, args.path, SOLO)
                print(f"Wrote the backup {args.path}: {_summary(found)}.")
            elif args.command == "schema":
                print(con.schema(), end="")
            else:
                account = accounts.add(
                    con.db(),
                    args.name,
                    args.role,
                    _password(args.password_stdin),
                    by="command line",
                )
                print(
                    f"Account {account.name!r} ({ACCOUNT_ROLES[account.role]}) saved in {con.path}."
                )
        finally:
            con.close()
    except UserError as problem:
        print(f"Error: {problem}", file=sys.stderr)  # in full: the command line is the admin's
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(run())
