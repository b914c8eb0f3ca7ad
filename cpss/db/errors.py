"""The database's failures as user errors whose messages say what happened and what to do.

Each engine module maps its driver's exceptions to these classes (by class first, by message only
where the driver gives one class two causes), so nothing above ``cpss.db`` catches a driver error.
"""

from __future__ import annotations

import re

from cpss.i18n import N_, Text
from cpss.model.errors import Phrase, UserError


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
            "Not saved: {cause}. Nothing of this change was stored, and what was stored before is "
            "kept. Free some space or fix the file's permissions, then restart the app (the "
            "database stops taking changes after a failed write).",
            cause=cause,
        )


class ServerProblem(StorageError):
    """A problem of the server's set-up: the full message (file path, process) is for the
    administrator and the server's log; visitors read :attr:`public`, a plain line.

    Both are message ids: ``message`` with the named ``values``, ``public`` a whole sentence."""

    def __init__(self, message: str, public: str, /, **values: object):
        super().__init__(message, **values)
        self._public = Phrase(public)

    @property
    def public(self) -> str:
        """The plain line, without the server's details."""
        return str(self._public)

    def public_translated(self, tr: Text) -> str:
        """:attr:`public` in ``tr``'s language."""
        return self._public.translated(tr)


class DatabaseInUse(ServerProblem):
    """Another process holds the database file."""

    def __init__(self, path: str, detail: str):
        holder = re.search(r"PID (\d+)", detail)
        public = N_(
            "The database is in use by another program; the administrator has the details in the server's log."
        )
        if holder:
            super().__init__(
                "The database file {path} is in use by another program (process {process}). Only "
                "one CPSS app can use a database file at a time: stop the other one, or set "
                "CPSS_DB to another file.",
                public,
                path=path,
                process=holder.group(1),
            )
            return
        super().__init__(
            "The database file {path} is in use by another program. Only one CPSS app can use a "
            "database file at a time: stop the other one, or set CPSS_DB to another file.",
            public,
            path=path,
        )


class NotWritable(ServerProblem):
    """The database file or its folder cannot be written by this app."""

    def __init__(self, path: str):
        super().__init__(
            "The database file {path} (or its folder) cannot be written to by this app. Give the "
            "user running the app write access to the file and its folder, or set CPSS_DB to a "
            "file in a writable folder. Nothing in the file was changed.",
            N_(
                "The app cannot write to its database; the administrator has the details in the server's log."
            ),
            path=path,
        )


class DatabaseDamaged(ServerProblem):
    """The file is not (or no longer) a database this app can read."""

    def __init__(self, path: str, detail: str):
        super().__init__(
            "The file {path} is not a database this app can read ({detail}). It may be damaged: "
            "keep it as it is, restore the latest backup into a new file (python -m cpss restore "
            "BACKUP, with CPSS_DB set to the new file) and point CPSS_DB at it.",
            N_(
                "The app cannot read its database; the administrator has the details in the server's log."
            ),
            path=path,
            detail=detail[:200],
        )


class WrongDatabaseUrl(ServerProblem):
    """CPSS_DATABASE_URL is not a PostgreSQL URL the driver can read (its password never shown)."""

    def __init__(self, what: str):
        super().__init__(
            "The database URL cannot be used: {what}. Set CPSS_DATABASE_URL (in the environment "
            "or in .streamlit/secrets.toml) to postgresql://USER:PASSWORD@HOST:PORT/DATABASE, or "
            "unset it to use the DuckDB file.",
            N_(
                "The app's database setting is wrong; the administrator has the details in the server's log."
            ),
            what=what,
        )


# What went wrong and what to do, by cause: translated with the message that names them.
_SERVER_CAUSES = {
    "unreachable": (
        N_("the server cannot be reached"),
        N_(
            "check that PostgreSQL is running and that the host and port in CPSS_DATABASE_URL "
            "are right"
        ),
    ),
    "auth": (
        N_("the server refused the user name or password"),
        N_(
            "check the user and password in CPSS_DATABASE_URL (the server's pg_hba.conf must let "
            "this user in from this machine)"
        ),
    ),
    "no_database": (
        N_("the database does not exist on the server"),
        N_(
            "create it (createdb NAME, owned by the app's user) or fix its name in "
            "CPSS_DATABASE_URL"
        ),
    ),
    "busy": (
        N_("the server has no room for another connection"),
        N_("raise max_connections on the server or run fewer app servers"),
    ),
}


class ServerUnreachable(ServerProblem):
    """The PostgreSQL server cannot be used: down, wrong password, no such database, full."""

    def __init__(self, where: str, cause: str, detail: str):
        what, todo = _SERVER_CAUSES.get(cause, _SERVER_CAUSES["unreachable"])
        message = (
            "The PostgreSQL database {where} cannot be used: {what} ({detail}). To fix: {todo}."
            if detail
            else "The PostgreSQL database {where} cannot be used: {what}. To fix: {todo}."
        )
        super().__init__(
            message,
            N_(
                "The app cannot reach its database; the administrator has the details in the server's log."
            ),
            where=where,
            what=Phrase(what),
            detail=detail,
            todo=Phrase(todo),
        )
        self.cause = cause


class CannotCreateSchema(ServerProblem):
    """The app's user may not create (or write) the tables in the PostgreSQL database."""

    def __init__(self, where: str, detail: str):
        super().__init__(
            "The app's user may not create or change its tables in the PostgreSQL database "
            "{where} ({detail}). Make the user the owner of the database (ALTER DATABASE ... "
            "OWNER TO ...) or grant it CREATE on the schema public, then restart the app.",
            N_(
                "The app may not set up its database; the administrator has the details in the server's log."
            ),
            where=where,
            detail=detail,
        )
