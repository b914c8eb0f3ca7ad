"""Backups while the app runs: the command line asks the app's process, which holds the database.

DuckDB lets one process open the file (a second cannot even read it), so ``python -m cpss backup``
cannot copy the database of a running app itself, and copying the file underneath DuckDB could
catch it mid-checkpoint. Instead the command drops a request (a small JSON file) in the folder
``<database>.requests/`` and waits; the app runs :class:`BackupService`, a thread that looks there
every second, makes the backup on its own connection (a consistent snapshot) and writes the answer
beside the request. Whoever may write in the database's folder may already copy the database, so
the folder's permissions are the access check.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from pathlib import Path

from cpss.db.backup import BackupError, backup
from cpss.db.core import Connection
from cpss.model.access import SOLO

POLL_SECONDS = 1.0


def requests_folder(database: str | Path) -> Path:
    """Where requests for the app holding ``database`` are dropped."""
    return Path(f"{Path(database).resolve()}.requests")


def _write_json(path: Path, content: dict) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(content), encoding="utf-8")
    os.replace(temporary, path)  # the reader never sees half a file


def request_backup(database: str | Path, target: str | Path, timeout: float = 120) -> dict:
    """Ask the running app to back ``database`` up to ``target``; return its row counts.

    Raises :class:`BackupError` with the app's message, or when no app answered in ``timeout`` s.
    """
    folder = requests_folder(database)
    folder.mkdir(exist_ok=True)
    name = uuid.uuid4().hex
    _write_json(folder / f"{name}.request", {"target": str(Path(target).resolve())})
    answer = folder / f"{name}.answer"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answer.exists():
            result = json.loads(answer.read_text(encoding="utf-8"))
            answer.unlink()
            if "error" in result:
                raise BackupError(result["error"])
            return result["counts"]
        time.sleep(0.2)
    (folder / f"{name}.request").unlink(missing_ok=True)
    raise BackupError(
        "The database {database} is held by another program, and no CPSS app answered "
        "the backup request within {timeout:.0f} s. If the CPSS app holds it, use the "
        "Backup button on its Administration page; otherwise stop the other program "
        "and run the backup again.",
        database=database,
        timeout=timeout,
    )


class BackupService(threading.Thread):
    """The app's side: answers backup requests for its database until :meth:`stop`."""

    def __init__(self, connection: Connection, database: str | Path):
        super().__init__(name="cpss-backup-requests", daemon=True)
        self.connection = connection
        self.folder = requests_folder(database)
        self._halt = threading.Event()

    def stop(self) -> None:
        """End the thread (before the connection is closed)."""
        self._halt.set()
        self.join(timeout=5)

    def run(self) -> None:
        """Look for requests every second; answer each one."""
        while not self._halt.wait(POLL_SECONDS):
            for request in sorted(self.folder.glob("*.request")) if self.folder.is_dir() else []:
                self.answer(request)

    def answer(self, request: Path) -> None:
        """Make the backup one request asks for and write the answer beside it."""
        try:
            target = json.loads(request.read_text(encoding="utf-8"))["target"]
            result: dict[str, object] = {"counts": backup(self.connection, target, SOLO)}
        except BackupError as problem:
            result = {"error": str(problem)}
        except (OSError, ValueError, KeyError, TypeError) as problem:
            result = {"error": f"The backup request could not be read: {problem}"}
        request.unlink(missing_ok=True)
        _write_json(request.with_suffix(".answer"), result)
