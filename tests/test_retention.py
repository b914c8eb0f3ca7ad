"""Retention rules with a fixed clock: names removed, votes reduced to tallies, deleted assessments
purged, the access log trimmed; each removal an event; the dry run equals the run; one runner."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from cpss.db import (
    access_log,
    assessments,
    lifecycle,
    retention,
    retention_rules,
    workshop_votes,
    workshops,
)
from cpss.db.retention_rules import Removal
from cpss.model.access import EDIT
from cpss.model.errors import UserError
from cpss.model.retention import ACCESS_LOG, NAMES, PURGE, VOTES
from cpss.model.retention_defaults import DEFAULT_ACCESS_LOG_DAYS, DEFAULT_NAME_DAYS
from cpss.model.times import utc_now
from tests.trust_support import KENYA

START = utc_now()


def held_workshop(db, framework, names=("Ruth", "Omar", "")):
    """An assessment with an ended workshop in which ``names`` voted on 4.1 (phases 1, 2, 3...)
    and the first also on 4.2 with a change of mind; its workshop id."""
    assessment_id = assessments.create(db, KENYA, framework.version, "Amina")
    held = workshops.start(db, assessment_id, True, "Amina")
    workshops.open_subdomain(db, held.id, "4.1", "Amina")
    tokens = [workshop_votes.join(db, held.id, name) for name in names]
    for phase, token in enumerate(tokens, start=1):
        workshop_votes.vote(db, held.id, token, "4.1", phase, "a comment")
    workshops.open_subdomain(db, held.id, "4.2", "Amina")
    workshop_votes.vote(db, held.id, tokens[0], "4.2", 4, "")
    workshop_votes.vote(db, held.id, tokens[0], "4.2", "dont_know", "changed my mind")
    workshops.end(db, held.id, "Amina")
    return held.id


def events_of(db, kind):
    found = retention.events(db)
    return found[found["kind"] == kind]


def test_defaults_are_protective_and_saved_values_are_in_force(db):
    rules = retention.settings(db)
    assert (rules[NAMES].days, rules[NAMES].enabled) == (DEFAULT_NAME_DAYS, True)
    assert (rules[ACCESS_LOG].days, rules[ACCESS_LOG].enabled) == (DEFAULT_ACCESS_LOG_DAYS, True)
    assert not rules[VOTES].enabled and not rules[PURGE].enabled
    retention.save_setting(db, NAMES, 30, True)
    assert retention.settings(db)[NAMES].days == 30
    with pytest.raises(UserError, match="whole number from 1 to 36500; 0 is not"):
        retention.save_setting(db, NAMES, 0, True)
    assert retention.settings(db)[NAMES].days == 30  # nothing changed


def test_names_go_after_the_set_days_and_the_votes_stay(db, framework):
    workshop_id = held_workshop(db, framework)
    retention.save_setting(db, NAMES, 90, True)
    before = workshop_votes.votes_tally(db, workshop_id, "4.1", 1)
    assert retention.run(db, START + timedelta(days=89))[0] == Removal(NAMES, (), 0)
    assert sorted(workshop_votes.participant_names(db, workshop_id)) == ["", "Omar", "Ruth"]
    done = retention.run(db, START + timedelta(days=91))
    assert done[0].rule == NAMES and done[0].rows == 2
    assert workshop_votes.participant_names(db, workshop_id) == ["", "", ""]
    assert workshop_votes.votes_tally(db, workshop_id, "4.1", 1) == before
    assert workshop_votes.voted_count(db, workshop_id, "4.1") == 3
    names_left = db.value("SELECT count(*) FROM workshop_participants WHERE name <> ''")
    assert names_left == 0  # erased where stored, not only hidden
    event = events_of(db, "names_removed")
    assert event["removed"].tolist() == [2] and event["rule"].tolist() == [NAMES]
    assert event["recorded_by"].tolist() == ["retention rule"]


def test_votes_reduced_to_tallies_leave_the_tallies_unchanged(db, framework):
    workshop_id = held_workshop(db, framework)
    retention.save_setting(db, VOTES, 30, True)
    before = {s: workshop_votes.votes_tally(db, workshop_id, s, 1) for s in ("4.1", "4.2")}
    counts = {s: workshop_votes.voted_count(db, workshop_id, s) for s in ("4.1", "4.2")}
    done = retention.run(db, START + timedelta(days=31))
    assert [r for r in done if r.rule == VOTES] == [Removal(VOTES, (workshop_id,), 5)]
    assert db.value("SELECT count(*) FROM workshop_votes") == 0  # every vote row went
    assert {s: workshop_votes.votes_tally(db, workshop_id, s, 1) for s in before} == before
    assert {s: workshop_votes.voted_count(db, workshop_id, s) for s in counts} == counts
    assert events_of(db, "votes_reduced")["removed"].tolist() == [5]


def test_deleted_assessments_are_purged_after_the_set_days(db, framework):
    workshop_id = held_workshop(db, framework)
    gone = db.value("SELECT assessment_id FROM workshops WHERE id = :id", {"id": workshop_id})
    kept = assessments.create(db, KENYA, framework.version, "Amina")
    lifecycle.delete(db, gone, "Amina")
    retention.save_setting(db, PURGE, 10, True)
    assert not [r for r in retention.run(db, START + timedelta(days=9)) if r.rows]
    retention.run(db, START + timedelta(days=11))
    assert db.value("SELECT count(*) FROM assessments WHERE id = :id", {"id": gone}) == 0
    assert db.value("SELECT count(*) FROM workshop_participants") == 0
    assert [row[0] for row in db.rows("SELECT id FROM assessments")] == [kept]
    assert events_of(db, "assessments_purged")["detail"].tolist() == [gone]


def test_the_dry_run_lists_exactly_what_the_run_removes(db, framework):
    held_workshop(db, framework)
    other = held_workshop(db, framework, names=("Lea",))
    lifecycle.delete(
        db, db.value("SELECT assessment_id FROM workshops WHERE id = :id", {"id": other}), "x"
    )
    access_log.record(db, access_log.OPENED, "a1", now=START)
    for rule, days in ((NAMES, 5), (VOTES, 5), (PURGE, 5), (ACCESS_LOG, 5)):
        retention.save_setting(db, rule, days, True)
    now = START + timedelta(days=6)
    planned = retention.dry_run(db, now)
    assert all(found.rows for found in planned)
    assert retention.run(db, now) == planned
    assert not [found for found in retention.dry_run(db, now) if found.rows]


def test_a_rule_never_confirmed_waits_when_it_would_remove_something(db, framework):
    workshop_id = held_workshop(db, framework)
    later = START + timedelta(days=DEFAULT_NAME_DAYS + 1)
    named = sorted(p[0] for p in workshop_votes.participants(db, workshop_id) if p[1])
    assert retention.waiting(db, later) == [Removal(NAMES, tuple(named), 2)]
    retention.run(db, later)
    assert sorted(workshop_votes.participant_names(db, workshop_id)) == ["", "Omar", "Ruth"]
    retention.save_setting(db, NAMES, DEFAULT_NAME_DAYS, True)  # the administrator confirms
    retention.run(db, later)
    assert workshop_votes.participant_names(db, workshop_id) == ["", "", ""]


def test_the_access_log_is_kept_for_its_days_and_addresses_for_a_day(db):
    access_log.record(db, access_log.SHARE_LINK_OPENED, "a1", "tok", "192.0.2.9", now=START)
    access_log.record(db, access_log.EXPORTED, "a1", now=START + timedelta(days=300))
    retention.save_setting(db, ACCESS_LOG, 365, True)
    retention.run(db, START + timedelta(hours=22))
    assert access_log.entries(db)["address"].notna().tolist() == [False, True]
    retention.run(db, START + timedelta(hours=24))
    assert access_log.entries(db)["address"].isna().all()
    retention.run(db, START + timedelta(days=366))
    assert access_log.entries(db)["action"].tolist() == ["exported"]
    kinds = retention.events(db)["kind"].tolist()
    assert kinds == ["access_log_trimmed", "addresses_erased"]


def test_run_due_runs_at_most_once_an_hour(db):
    assert retention.run_due(db, START) is not None
    assert retention.run_due(db, START + timedelta(minutes=59)) is None
    assert retention.run_due(db, START + timedelta(minutes=61)) is not None


@pytest.mark.parametrize("first_run", [True, False])
def test_only_one_of_two_servers_runs(connection, first_run):
    """Two runners at once, each on its own Db (as two servers would be): one runs, on the very
    first run (no lock row yet) and on a later one (the lease on the row)."""
    at = START if first_run else START + timedelta(hours=2)
    if not first_run:
        retention.run_due(connection.db(), START)
    results: list = []
    start = threading.Barrier(2)

    def runner():
        mine = connection.db()
        start.wait()
        results.append(retention.run_due(mine, at))

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result is None for result in results) == [False, True]


def test_names_erased_on_request_are_those_asked_for_only(db, framework):
    workshop_id = held_workshop(db, framework)
    ruth = next(p[0] for p in workshop_votes.participants(db, workshop_id) if p[1] == "Ruth")
    erased = db.write(EDIT, lambda tx: retention_rules.erase_names(tx, [ruth, ruth]))
    assert erased == 1
    assert sorted(workshop_votes.participant_names(db, workshop_id)) == ["", "", "Omar"]
    assert workshop_votes.voted_count(db, workshop_id, "4.1") == 3  # the votes stay
