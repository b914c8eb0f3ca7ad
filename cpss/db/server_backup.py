"""Backups of a database on a PostgreSQL server: the server's own tools, not this app.

``python -m cpss backup`` and ``restore`` copy a DuckDB file. On PostgreSQL they print the exact
``pg_dump`` and ``pg_restore`` commands for the configured database instead, with the password
taken out of the address (the tools read it from ``PGPASSWORD`` or ``~/.pgpass``).
"""

from __future__ import annotations

import shlex
from urllib.parse import urlsplit, urlunsplit


def without_password(url: str) -> str:
    """``url`` with its password (if any) removed; the rest (user, host, port, database) kept."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}"))


def dump_command(url: str, path: str) -> str:
    """The ``pg_dump`` command that backs the database ``url`` up to ``path`` (no password)."""
    return (
        f"pg_dump --format=custom --file={shlex.quote(path)} {shlex.quote(without_password(url))}"
    )


def backup_advice(url: str, path: str) -> str:
    """What to run instead of ``python -m cpss backup PATH`` on the PostgreSQL database ``url``."""
    return (
        "The database is on a PostgreSQL server: back it up with PostgreSQL's pg_dump (this "
        "command copies a DuckDB file). Nothing was written. Run:\n"
        f"  {dump_command(url, path)}\n"
        "It takes a consistent copy while the app runs. Give the password in PGPASSWORD or "
        "~/.pgpass. Restore it with: python -m cpss restore PATH (it prints the command)."
    )


def restore_advice(url: str, path: str) -> str:
    """What to run instead of ``python -m cpss restore PATH`` into the PostgreSQL database ``url``."""
    address = shlex.quote(without_password(url))
    return (
        "The database is on a PostgreSQL server: restore a pg_dump backup with PostgreSQL's "
        "pg_restore (this command restores a DuckDB file). Nothing was changed. Stop the app "
        "servers, create an empty database (createdb), set it in CPSS_DATABASE_URL, then run:\n"
        f"  pg_restore --no-owner --exit-on-error --dbname={address} {shlex.quote(path)}\n"
        "Start the app servers again: they bring an older backup's schema up to date."
    )
