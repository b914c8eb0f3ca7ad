"""Test data for the trust tests: a database with an assessment, a workshop with votes, an action
item, a share link and an account; and stores acting as other people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpss.model.access import Actor
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.plans import ActionItem, PlanStore
from cpss.db.share_links import ShareLinks
from cpss.db.assessments import Store
from cpss.db.accounts import Accounts
from cpss.db.workshops import Workshops

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


def populate(store: Store, framework) -> World:
    """An assessment with answers (two versions of 1.1), a workshop with a vote and a consensus,
    an action item with two versions, a share link and an account of each role."""
    assessment_id = store.create_assessment(KENYA, framework.version, "Amina")
    store.save_answer(assessment_id, "1.1", Answer("phase", 1, evidence="first"), "Amina")
    store.save_answer(assessment_id, "1.1", Answer("phase", 2, evidence="second"), "Amina")
    store.save_answer(assessment_id, "2.1", Answer("dont_know"), "Amina")
    workshops = Workshops(store)
    workshop = workshops.start(assessment_id, False, "Amina")
    workshops.open(workshop.id, "3.1", "Amina")
    token = workshops.join(workshop.id)
    workshops.vote(workshop.id, token, "3.1", 2, "agreed with the room")
    workshops.record_consensus(workshop.id, "3.1", Answer("phase", 2, rationale="room"), "Amina")
    plan = PlanStore(store)
    item_id = plan.add_item(assessment_id, ActionItem("Draft the law", owner="MoJ"), "Amina")
    plan.update_item(item_id, ActionItem("Draft the law", owner="MoJ", status="in_progress"), "Amina")
    share = ShareLinks(store).create(assessment_id, "Amina")
    accounts = Accounts(store)
    for name, role in (("ada", "admin"), ("eve", "editor"), ("vic", "viewer")):
        accounts.add(name, role, PASSWORD)
    return World(assessment_id, workshop.id, token, item_id, share)


def acting(store: Store, actor: Actor) -> Store:
    """The same database, with another actor."""
    return Store(store.cur, actor)
