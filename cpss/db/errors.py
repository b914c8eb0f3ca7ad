"""The database's failures as user errors whose messages say what happened and what to do.

Each engine module maps its driver's exceptions to these classes (by class first, by message only
where the driver gives one class two causes), so nothing above ``cpss.db`` catches a driver error.
"""

from __future__ import annotations

import re

from cpss.model.errors import LOG_HINT, UserError


class StorageError(UserError):
    """The database cannot be used; the message says why and what to do."""


class WriteConflict(StorageError):
    """Another transaction changed the same rows first: :meth:`cpss.db.core.Db.write` retries."""

    def __init__(self, detail: str = ""):
        super().__init__("The database was too busy to save this change; try again.")
        self.detail = detail


class DatabaseBusy(StorageError):
    """Conflicts went on past the last retry."""

    def __init__(self) -> None:
        super().__init__("The database was too busy to save this change; try again.")


class WriteFailed(StorageError):
    """The database could not write (disk full, file not writable); nothing of the change is kept."""

    def __init__(self, cause: str):
        super().__init__(
            f"Not saved: {cause}. Nothing of this change was stored, and what was "
            "stored before is kept. Free some space or fix the file's permissions, "
            "then restart the app (the database stops taking changes after a failed "
            "write)."
        )


class ServerProblem(StorageError):
    """A problem of the server's set-up: the full message (file path, process) is for the
    administrator and the server's log; visitors read :attr:`public`, a plain line."""

    def __init__(self, message: str, public: str):
        super().__init__(message)
        self._public = public

    @property
    def public(self) -> str:
        """The plain line, without the server's details."""
        return self._public


class DatabaseInUse(ServerProblem):
    """Another process holds the database file."""

    def __init__(self, path: str, detail: str):
        holder = re.search(r"PID (\d+)", detail)
        by = f" (process {holder.group(1)})" if holder else ""
        super().__init__(
            f"The database file {path} is in use by another program{by}. Only one CPSS app can use "
            "a database file at a time: stop the other one, or set CPSS_DB to another file.",
            f"The database is in use by another program; {LOG_HINT}",
        )


class NotWritable(ServerProblem):
    """The database file or its folder cannot be written by this app."""

    def __init__(self, path: str):
        super().__init__(
            f"The database file {path} (or its folder) cannot be written to by this app. Give "
            "the user running the app write access to the file and its folder, or set "
            "CPSS_DB to a file in a writable folder. Nothing in the file was changed.",
            f"The app cannot write to its database; {LOG_HINT}",
        )


class DatabaseDamaged(ServerProblem):
    """The file is not (or no longer) a database this app can read."""

    def __init__(self, path: str, detail: str):
        super().__init__(
            f"The file {path} is not a database this app can read ({detail[:200]}). "
            "It may be damaged: keep it as it is, restore the latest backup into a new file "
            "(python -m cpss restore BACKUP, with CPSS_DB set to the new file) and point CPSS_DB "
            "at it.",
            f"The app cannot read its database; {LOG_HINT}",
        )


_URL_HINT = (
    "Set CPSS_DATABASE_URL (in the environment or in .streamlit/secrets.toml) to "
    "postgresql://USER:PASSWORD@HOST:PORT/DATABASE, or unset it to use the DuckDB file"
)


class WrongDatabaseUrl(ServerProblem):
    """CPSS_DATABASE_URL is not a PostgreSQL URL the driver can read (its password never shown)."""

    def __init__(self, what: str):
        super().__init__(
            f"The database URL cannot be used: {what}. {_URL_HINT}.",
            f"The app's database setting is wrong; {LOG_HINT}",
        )


_SERVER_CAUSES = {
    "unreachable": (
        "the server cannot be reached",
        "check that PostgreSQL is running and that the host and port in CPSS_DATABASE_URL are right",
    ),
    "auth": (
        "the server refused the user name or password",
        "check the user and password in CPSS_DATABASE_URL (the server's pg_hba.conf must let "
        "this user in from this machine)",
    ),
    "no_database": (
        "the database does not exist on the server",
        "create it (createdb NAME, owned by the app's user) or fix its name in CPSS_DATABASE_URL",
    ),
    "busy": (
        "the server has no room for another connection",
        "raise max_connections on the server or run fewer app servers",
    ),
}


class ServerUnreachable(ServerProblem):
    """The PostgreSQL server cannot be used: down, wrong password, no such database, full."""

    def __init__(self, where: str, cause: str, detail: str):
        what, todo = _SERVER_CAUSES.get(cause, _SERVER_CAUSES["unreachable"])
        detail = f" ({detail})" if detail else ""
        super().__init__(
            f"The PostgreSQL database {where} cannot be used: {what}{detail}. To fix: {todo}.",
            f"The app cannot reach its database; {LOG_HINT}",
        )
        self.cause = cause


class CannotCreateSchema(ServerProblem):
    """The app's user may not create (or write) the tables in the PostgreSQL database."""

    def __init__(self, where: str, detail: str):
        super().__init__(
            f"The app's user may not create or change its tables in the PostgreSQL database "
            f"{where} ({detail}). Make the user the owner of the database (ALTER DATABASE ... "
            "OWNER TO ...) or grant it CREATE on the schema public, then restart the app.",
            f"The app may not set up its database; {LOG_HINT}",
        )
