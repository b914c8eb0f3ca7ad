"""Test data for the trust tests: a database with an assessment, a workshop with votes, an action
item, a share link and an account; and stores acting as other people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cpss.db import (
    access_log,
    accounts,
    assessments,
    plans,
    retention,
    share_links,
    workshop_votes,
    workshops,
)
from cpss.db.core import Db
from cpss.model.access import Actor
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.plans import ActionItem
from cpss.model.retention import NAMES, VOTES
from cpss.model.times import utc_now

KENYA = AssessmentDetails("KEN", "Kenya", "Baseline 2026", date(2026, 3, 1), "Turkana", "Amina")
PASSWORD = "correct horse battery"


@dataclass
class World:
    """Ids of what :func:`populate` made."""

    assessment_id: str
    workshop_id: str
    participant_token: str
    item_id: str
    share_token: str


def populate(db: Db, framework) -> World:
    """An assessment with answers (two versions of 1.1), a workshop with a vote and a consensus,
    an action item with two versions, a share link and an account of each role."""
    assessment_id = assessments.create(db, KENYA, framework.version, "Amina")
    assessments.save_answer(db, assessment_id, "1.1", Answer("phase", 1, evidence="first"), "Amina")
    assessments.save_answer(
        db, assessment_id, "1.1", Answer("phase", 2, evidence="second"), "Amina"
    )
    assessments.save_answer(db, assessment_id, "2.1", Answer("dont_know"), "Amina")
    workshop = workshops.start(db, assessment_id, False, "Amina")
    workshops.open_subdomain(db, workshop.id, "3.1", "Amina")
    token = workshop_votes.join(db, workshop.id)
    workshop_votes.vote(db, workshop.id, token, "3.1", 2, "agreed with the room")
    workshops.record_consensus(
        db, workshop.id, "3.1", Answer("phase", 2, rationale="room"), "Amina"
    )
    item_id = plans.add_item(db, assessment_id, ActionItem("Draft the law", owner="MoJ"), "Amina")
    plans.update_item(
        db, item_id, ActionItem("Draft the law", owner="MoJ", status="in_progress"), "Amina"
    )
    share = share_links.create(db, assessment_id, "Amina")
    for name, role in (("ada", "admin"), ("eve", "editor"), ("vic", "viewer")):
        accounts.add(db, name, role, PASSWORD)
    return World(assessment_id, workshop.id, token, item_id, share)


def acting(db: Db, actor: Actor) -> Db:
    """The same database, with another actor."""
    return db.as_actor(actor)


def retained_workshop(db, assessment_id: str) -> None:
    """A workshop whose votes and names the retention rules reduced and removed, an access-log
    entry, and the retention run's lock row."""
    held = workshops.start(db, assessment_id, True, "Amina")
    workshops.open_subdomain(db, held.id, "4.1", "Amina")
    workshop_votes.vote(db, held.id, workshop_votes.join(db, held.id, "Ruth"), "4.1", 2, "")
    workshops.end(db, held.id, "Amina")
    access_log.record(db, access_log.OPENED, assessment_id)
    for rule in (NAMES, VOTES):
        retention.save_setting(db, rule, 1, True)
    retention.run_due(db, utc_now() + timedelta(days=2))
