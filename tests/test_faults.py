"""Faults: a database held, unwritable, full or damaged is explained, never a traceback, and what
was stored before is kept; a writer killed mid-write leaves a consistent database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cpss.db import assessments
from cpss.db.core import Db, connect
from cpss.db.errors import StorageError
from cpss.db.migrations import MIGRATIONS
from cpss.model.answers import Answer
from tests.test_trust_pages import all_text
from tests.trust_support import KENYA

ROOT = Path(__file__).resolve().parent.parent
# As root, file permissions do not apply: drop the capabilities that bypass them.
AS_USER = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if os.geteuid() == 0
    else []
)


def python(script: str, *args, limit_bytes: int | None = None, timeout: float = 120):
    """Run ``script`` in a fresh Python (as an ordinary user, optionally with a file size limit)."""
    prefix = AS_USER if limit_bytes is None else []
    if limit_bytes is not None:  # the write past the limit fails with EFBIG, like a full disk
        script = (
            "import resource, signal\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, {limit_bytes}))\n" + script
        )
    return subprocess.run(
        [*prefix, sys.executable, "-c", script, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


TRY_TO_SAVE = """
import sys
from cpss.model.answers import Answer
from cpss.model.errors import UserError
from cpss.db import assessments
from cpss.db.core import connect
try:
    db = connect(sys.argv[1]).db()
    assessment_id = assessments.list_all(db)["id"][0]
    for n in range(2000):
        assessments.save_answer(db, assessment_id, "1.2", Answer("phase", 3, evidence="e" * 3900), "x")
except UserError as problem:
    print("MESSAGE:", problem)
"""


@pytest.fixture
def stored(tmp_path, framework):
    """A database file with one assessment and an answer; returns (path, what was stored)."""
    path = tmp_path / "data" / "cpss.duckdb"
    path.parent.mkdir()
    con = connect(path)
    db = con.db()
    assessment_id = assessments.create(db, KENYA, framework.version, "Amina")
    assessments.save_answer(db, assessment_id, "1.1", Answer("phase", 2, evidence="kept"), "Amina")
    before = rows(db)
    con.close()
    return path, before


def rows(db: Db):
    return (
        db.rows("SELECT * FROM ratings ORDER BY seq"),
        db.rows("SELECT * FROM assessment_details ORDER BY seq"),
    )


def unchanged(path: Path, before) -> bool:
    con = connect(path)
    try:
        return rows(con.db()) == before
    finally:
        con.close()


def test_a_read_only_file_is_explained_and_kept(stored):
    path, before = stored
    path.chmod(0o444)
    try:
        done = python(TRY_TO_SAVE, path)
    finally:
        path.chmod(0o644)
    assert "Traceback" not in done.stderr, done.stderr
    assert (
        "cannot be written to by this app. Give the user running the app write access"
        in done.stdout
    )
    assert unchanged(path, before)


def test_an_unwritable_folder_is_explained_and_nothing_is_lost(stored):
    path, before = stored
    path.chmod(0o666)
    path.parent.chmod(0o555)  # the file may be written, but no write-ahead log can be made
    try:
        done = python(TRY_TO_SAVE, path)
    finally:
        path.parent.chmod(0o755)
    assert "Traceback" not in done.stderr, done.stderr
    assert "MESSAGE:" in done.stdout and "cannot be written to" in done.stdout
    assert unchanged(path, before)


def test_a_full_disk_refuses_the_write_and_keeps_what_was_stored(stored):
    path, before = stored
    done = python(TRY_TO_SAVE, path, limit_bytes=path.stat().st_size + 400_000)
    assert "Traceback" not in done.stderr, done.stderr
    assert "MESSAGE: Not saved: the disk is full" in done.stdout
    assert "what was stored before is kept" in done.stdout
    con = connect(path)
    try:
        db = con.db()
        ratings, details = rows(db)
        assert ratings[:1] == before[0] and details == before[1]
        assert all(r[7] == "e" * 3900 for r in ratings[1:])  # every stored version is whole
    finally:
        con.close()


@pytest.mark.parametrize("damage", ["half", "zeroed header", "flipped bytes", "not duckdb"])
def test_a_damaged_file_is_explained_and_left_as_it_is(stored, damage):
    path, _ = stored
    data = path.read_bytes()
    broken = {
        "half": data[: len(data) // 2],
        "zeroed header": data[:4096] + bytes(8192) + data[12288:],
        "flipped bytes": data[:20000] + bytes(b ^ 0xFF for b in data[20000:40000]) + data[40000:],
        "not duckdb": b"<html>this is not a database</html>" * 100,
    }[damage]
    path.write_bytes(broken)
    with pytest.raises(
        StorageError,
        match=r"not a database this app can read .*restore the latest backup into a new file",
    ):
        connect(path)
    assert path.read_bytes() == broken  # nothing was written over it


HOLD = """
import sys
from cpss.db.core import connect
con = connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()  # until the test closes our input
"""


@pytest.fixture
def held(tmp_path):
    """A database file held by another process; (path, that process's id)."""
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert holder.stdout.readline() == "holding\n"
    yield path, holder.pid
    holder.stdin.close()
    holder.wait(timeout=60)


def app_on(path, monkeypatch) -> AppTest:
    """The app's first page on the database ``path``, for a visitor who has not signed in."""
    monkeypatch.setenv("CPSS_DB", str(path))
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    return at


def test_the_app_shows_a_damaged_database_as_a_plain_line(tmp_path, monkeypatch, caplog):
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"not a database" * 500)
    at = app_on(path, monkeypatch)
    assert [e.value for e in at.error] == [
        "The app cannot read its database; the administrator has the details in the server's log."
    ]
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "cpss")
    assert f"The file {path} is not a database this app can read" in logged
    assert "python -m cpss restore BACKUP" in logged
    st.cache_resource.clear()


def test_a_held_database_shows_visitors_no_path_and_no_process_id(held, monkeypatch, caplog):
    """The path and the holder's process id are the administrator's: in the server's log and on
    the command line, not on a page anyone can open."""
    path, pid = held
    at = app_on(path, monkeypatch)
    assert [e.value for e in at.error] == [
        "The database is in use by another program; the "
        "administrator has the details in the server's log."
    ]
    page = all_text(at)
    assert str(path) not in page and str(pid) not in page and "held.duckdb" not in page
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "cpss")
    assert f"The database file {path} is in use by another program (process {pid})" in logged
    done = subprocess.run(
        [sys.executable, "-m", "cpss", "add-user", "ana", "--role", "admin", "--password-stdin"],
        input="a long enough password\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CPSS_DB": str(path)},
    )
    assert done.returncode == 1  # the command line is the administrator: it keeps the details
    assert f"The database file {path} is in use by another program (process {pid})" in done.stderr
    st.cache_resource.clear()


WRITER = """
import sys
from cpss.model.answers import Answer
from cpss.db import assessments
from cpss.db.core import connect
db = connect(sys.argv[1]).db()
assessment_id = sys.argv[2]
for n in range(100000):
    evidence = f"{n}:" + "x" * (n % 3000)
    assessments.save_answer(db, assessment_id, f"{n % 7 + 1}.1", Answer("phase", n % 4 + 1,
                      evidence=evidence, rationale=str(len(evidence))), "writer")
    if n % 50 == 0:
        print(n, flush=True)
"""


def test_a_writer_killed_mid_write_leaves_a_consistent_database(tmp_path, framework):
    path = tmp_path / "killed.duckdb"
    con = connect(path)
    assessment_id = assessments.create(con.db(), KENYA, framework.version, "Amina")
    con.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), assessment_id],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    while int(writer.stdout.readline() or -1) < 300:  # well into its writing
        assert writer.poll() is None
    time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    con = connect(path)  # replays the write-ahead log
    try:
        db = con.db()
        applied = [r[0] for r in db.rows("SELECT version FROM schema_migrations ORDER BY 1")]
        assert applied == [m.version for m in MIGRATIONS]
        saved = db.rows("SELECT evidence, rationale, recorded_by FROM ratings")
        assert len(saved) >= 300
        assert all(
            rationale == str(len(evidence)) and by == "writer" for evidence, rationale, by in saved
        )  # every stored answer is whole
        numbers = sorted(int(evidence.split(":")[0]) for evidence, _, _ in saved)
        assert numbers == list(
            range(len(numbers))
        )  # no gap: the commits before the kill are all there
        for subdomain in (f"{w}.1" for w in range(1, 8)):
            assert len(assessments.answer_history(db, assessment_id, subdomain)) >= 40
        assessments.save_answer(
            db, assessment_id, "1.1", Answer("phase", 4), "after"
        )  # still writable
        assert assessments.current_answers(db, assessment_id)["1.1"].phase == 4
    finally:
        con.close()
