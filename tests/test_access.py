"""Roles: every write path checks the actor on the server side, whatever calls it."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from cpss.db import (
    accounts,
    assessments,
    documents,
    frameworks,
    investment,
    lifecycle,
    plans,
    retention,
    share_links,
    workshop_votes,
    workshops,
)
from cpss.db.backup import BackupError, backup
from cpss.db.demo import load_demo
from cpss.exchange.export import gather, to_json
from cpss.exchange.importing import apply_import, read_file
from cpss.model.access import (
    SIGNED_OUT,
    SOLO,
    AccessDenied,
    Actor,
    parse_role,
    participant,
    share_viewer,
)
from cpss.model.answers import Answer
from cpss.model.documents import NewDocument
from cpss.model.investment import Budget, Spend
from cpss.model.plans import ActionItem, Review
from cpss.model.times import utc_now
from tests.document_support import PDF
from tests.exchange_support import rich_assessment
from tests.framework_support import rename_and_split, revised
from tests.trust_support import KENYA, PASSWORD, acting, populate

VIEWER = Actor("vic", "viewer")
EDITOR = Actor("eve", "editor")
ADMIN = Actor("ada", "admin")
NEW_VERSION = revised(rename_and_split)


SPEND = Spend(date(2026, 5, 1), D("2.50"), "EUR")


def write_paths(framework, world, tmp_path, other_export, connection):
    """Every write the app can make, as (name, what it needs, call on a db)."""
    a, w = world.assessment_id, world.workshop_id
    return [
        (
            "create_assessment",
            "edit",
            lambda s: assessments.create(s, KENYA, framework.version, "x"),
        ),
        (
            "save_answer",
            "edit",
            lambda s: assessments.save_answer(s, a, "1.2", Answer("phase", 3), "x"),
        ),
        ("record_position", "edit", lambda s: assessments.record_position(s, a, "1.2")),
        ("plan.add_item", "edit", lambda s: plans.add_item(s, a, ActionItem("More"), "x")),
        (
            "plan.update_item",
            "edit",
            lambda s: plans.update_item(s, world.item_id, ActionItem("Changed"), "x"),
        ),
        ("plan.save_review", "edit", lambda s: plans.save_review(s, a, Review(("1.1",)), "x")),
        ("workshop.start", "edit", lambda s: workshops.start(s, a, False, "x")),
        ("workshop.open", "edit", lambda s: workshops.open_subdomain(s, w, "4.1", "x")),
        ("workshop.join", "vote", lambda s: workshop_votes.join(s, w)),
        (
            "workshop.vote",
            "vote",
            lambda s: workshop_votes.vote(s, w, world.participant_token, "4.1", 3),
        ),
        ("workshop.lock", "edit", lambda s: workshops.set_locked(s, w, True, "x")),
        ("workshop.reveal", "edit", lambda s: workshop_votes.set_revealed(s, w, True, "x")),
        (
            "workshop.consensus",
            "edit",
            lambda s: workshops.record_consensus(
                s, w, "4.1", Answer("phase", 1, rationale="r"), "x"
            ),
        ),
        ("workshop.end", "edit", lambda s: workshops.end(s, w, "x")),
        (
            "import",
            "edit",
            lambda s: apply_import(s, read_file("x.json", other_export, framework)(s)),
        ),
        ("demo", "edit", lambda s: load_demo(s, framework)),
        (
            "edit_details",
            "edit",
            lambda s: lifecycle.edit_details(s, a, replace(KENYA, title="New"), "x"),
        ),
        (
            "restore_answer",
            "edit",
            lambda s: lifecycle.restore_answer(
                s, a, "1.1", int(assessments.answer_history(s, a, "1.1")["seq"].iloc[-1]), "x"
            ),
        ),
        ("share.create", "edit", lambda s: share_links.create(s, a, "x")),
        (
            "share.revoke",
            "edit",
            lambda s: (
                share_links.revoke(s, world.share_token, "x")
                if not s.actor.can_edit
                else share_links.revoke(s, share_links.create(s, a, "x"), "x")
            ),
        ),
        (
            "money.budget",
            "edit",
            lambda s: investment.set_budget(s, world.item_id, Budget(D("1.00"), "USD"), "x"),
        ),
        (
            "money.shares",
            "edit",
            lambda s: investment.set_shares(s, world.item_id, {"1.1": None}, "x"),
        ),
        (
            "money.spend",
            "edit",
            lambda s: investment.add_spend(s, world.item_id, SPEND, "x"),
        ),
        (
            "money.remove_spend",
            "edit",
            lambda s: investment.remove_spend(
                s,
                investment.add_spend(s, world.item_id, SPEND, "x")
                if s.actor.can_edit
                else "0" * 32,
                "x",
            ),
        ),
        (
            "documents.attach",
            "edit",
            lambda s: documents.attach(s, a, "1.2", NewDocument("law.pdf", PDF, "Law"), "x"),
        ),
        ("documents.remove", "edit", lambda s: documents.remove(s, _first_document(s, a), "x")),
        ("documents.restore", "edit", lambda s: documents.restore(s, _first_document(s, a), "x")),
        ("set_status", "edit", lambda s: assessments.set_status(s, a, "final", "x")),
        ("delete", "edit", lambda s: lifecycle.delete(s, a, "x")),
        ("accounts.add", "manage", lambda s: accounts.add(s, "newbie", "viewer", PASSWORD)),
        ("accounts.password", "manage", lambda s: accounts.set_password(s, "vic", PASSWORD + "!")),
        ("accounts.disable", "manage", lambda s: accounts.set_active(s, "vic", False)),
        ("frameworks.publish", "manage", lambda s: frameworks.publish(s, NEW_VERSION)),
        ("backup", "manage", lambda s: backup(connection, tmp_path / f"b{id(s)}.duckdb", s.actor)),
        (
            "retention.save_setting",
            "manage",
            lambda s: retention.save_setting(s, "names", 30, True),
        ),
        ("retention.run", "manage", lambda s: retention.run(s, utc_now())),
    ]


def _first_document(db, assessment_id: str) -> str:
    """The id of the assessment's first document, listed or removed (the world attaches one)."""
    found = documents.listed(db, assessment_id) + documents.listed(db, assessment_id, removed=True)
    return found[0].document_id


def table_counts(db) -> dict:
    tables = [
        r[0]
        for r in db.rows(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    ]
    return {t: db.value(f"SELECT count(*) FROM {t}") for t in tables}


@pytest.fixture
def world(db, framework):
    made = populate(db, framework)
    documents.attach(db, made.assessment_id, "1.1", NewDocument("act.pdf", PDF, "Act"), "Amina")
    return made


@pytest.fixture
def other_export(tmp_path, framework):
    """A JSON export of another database, to import."""
    from cpss.db.core import connect

    con = connect(tmp_path / "other.duckdb")
    other = con.db()
    rich_assessment(other, framework)
    data = to_json(framework, gather(other, list(assessments.list_all(other)["id"])))
    con.close()
    return data


@pytest.mark.parametrize(
    "actor",
    [VIEWER, share_viewer("any"), SIGNED_OUT, participant("other")],
    ids=["viewer", "share link", "signed out", "other workshop's participant"],
)
def test_every_write_path_refuses_those_without_the_role(
    db, connection, framework, world, tmp_path, other_export, actor
):
    before = table_counts(db)
    refused = []
    for name, _need, call in write_paths(framework, world, tmp_path, other_export, connection):
        with pytest.raises(AccessDenied, match=r"Not allowed: .* may not .*Nothing was changed"):
            call(acting(db, actor))
        refused.append(name)
    assert table_counts(db) == before  # not one row anywhere
    assert list(tmp_path.glob("b*.duckdb")) == []  # and no backup file
    assert len(refused) == 36


def test_editors_may_edit_and_vote_but_not_manage(
    db, connection, framework, world, tmp_path, other_export
):
    for name, need, call in write_paths(framework, world, tmp_path, other_export, connection):
        if need == "manage":
            with pytest.raises(AccessDenied, match="manage accounts"):
                call(acting(db, EDITOR))
        elif name not in ("workshop.consensus", "workshop.vote"):  # need an open, unended workshop
            call(acting(db, EDITOR))


def test_administrators_may_do_everything(db, connection, framework, world, tmp_path, other_export):
    for name, _need, call in write_paths(framework, world, tmp_path, other_export, connection):
        if name == "backup" and connection.kind == "postgresql":  # pg_dump's job there
            with pytest.raises(BackupError, match="pg_dump"):
                call(acting(db, ADMIN))
        else:
            call(acting(db, ADMIN))


def test_a_participant_may_join_and_vote_in_their_own_workshop_only(db, framework, world):
    mine = acting(db, participant(world.workshop_id))
    token = workshop_votes.join(mine, world.workshop_id)
    workshop_votes.vote(mine, world.workshop_id, token, "3.1", 4)
    with pytest.raises(AccessDenied):
        assessments.save_answer(mine, world.assessment_id, "1.1", Answer("phase", 4), "x")
    with pytest.raises(AccessDenied):
        workshops.open_subdomain(mine, world.workshop_id, "1.1", "x")
    before_join = participant(None)  # before the code was accepted: nothing
    with pytest.raises(AccessDenied):
        workshop_votes.join(acting(db, before_join), world.workshop_id)


def test_changes_are_recorded_under_the_signed_in_name_not_the_one_passed(db, framework, world):
    eve = acting(db, EDITOR)
    assessments.save_answer(eve, world.assessment_id, "1.2", Answer("phase", 3), by="someone else")
    assert assessments.answer_history(db, world.assessment_id, "1.2")["recorded_by"][0] == "eve"
    item = plans.add_item(eve, world.assessment_id, ActionItem("Hire"), by="Amina")
    assert plans.item_history(db, item)["recorded_by"][0] == "eve"
    # single-user mode keeps the page's name (the assessor), as before sign-in existed
    assessments.save_answer(db, world.assessment_id, "1.2", Answer("phase", 4), by="Amina")
    assert assessments.answer_history(db, world.assessment_id, "1.2")["recorded_by"][0] == "Amina"


def test_roles_from_configuration():
    assert parse_role(" Facilitator ") == "editor"
    assert parse_role("ADMIN") == "admin"
    with pytest.raises(Exception, match="Unknown role 'owner'"):
        parse_role("owner")
    assert SOLO.can_edit and SOLO.is_admin and not VIEWER.can_edit and not EDITOR.is_admin
