"""The storage layer's one table of DuckDB errors: each entry maps a real cause to our message."""

import duckdb
import pytest

from cpss.db.conn_duckdb import CLASSES, MESSAGES, cause_of, mapped
from cpss.db.errors import DatabaseDamaged, DatabaseInUse, WriteConflict, WriteFailed

# One message per entry of MESSAGES, worded as DuckDB 2.0 words it. The real driver's wording is
# pinned by the fault tests: a second process (test_storage), a read-only file, a full disk and a
# damaged file (test_faults) all reach these causes.
WORDED = {
    "in_use": duckdb.IOException(
        'IO Error: Could not set lock on file "/d/cpss.duckdb": '
        "Conflicting lock is held in python (PID 4242)"
    ),
    "disk_full": duckdb.IOException("IO Error: Could not write file: No space left on device"),
    "not_writable": duckdb.IOException(
        'IO Error: Cannot open file "/d/cpss.duckdb": Permission denied'
    ),
    "damaged": duckdb.IOException(
        'IO Error: The file "/d/cpss.duckdb" exists, but it is not a valid DuckDB database file!'
    ),
    "write_failed": duckdb.IOException("IO Error: Could not write all bytes to file"),
}


def test_every_message_entry_has_a_worded_case():
    assert sorted(WORDED) == sorted(cause for _, cause in MESSAGES)


@pytest.mark.parametrize("cause", sorted(WORDED))
def test_each_message_pattern_finds_its_cause(cause):
    assert cause_of(WORDED[cause]) == cause


def test_each_class_entry_gives_its_cause_when_the_message_says_nothing():
    for cls, cause in CLASSES:
        assert cause_of(cls("something went wrong")) == cause


@pytest.mark.parametrize(
    "exc, ours, words",
    [
        (WORDED["in_use"], DatabaseInUse, "in use by another program"),
        (WORDED["disk_full"], WriteFailed, "the disk is full"),
        (WORDED["not_writable"], WriteFailed, "cannot be written to"),
        (WORDED["damaged"], DatabaseDamaged, "not a database this app can read"),
        (
            duckdb.TransactionException("TransactionContext Error: Conflict on update"),
            WriteConflict,
            "too busy",
        ),
    ],
)
def test_each_cause_becomes_a_message_that_says_what_to_do(exc, ours, words):
    error = mapped(exc, "/d/cpss.duckdb")
    assert isinstance(error, ours) and words in str(error)


def test_the_visitors_message_of_a_held_database_names_no_path_or_process():
    error = mapped(WORDED["in_use"], "/d/cpss.duckdb")
    assert "/d/" not in error.public and "4242" not in error.public
    # the full message is for the server's log and the administrator's command line
    assert "/d/cpss.duckdb" in str(error) and "process 4242" in str(error)


def test_a_programming_error_is_a_bug_not_a_user_message():
    assert mapped(duckdb.ParserException("Parser Error: syntax error"), "/d/x") is None
