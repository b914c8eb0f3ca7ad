"""Roles: every write path checks the actor on the server side, whatever calls it."""

from dataclasses import replace

import pytest

from cpss.model.access import (SIGNED_OUT, SOLO, AccessDenied, Actor, participant, parse_role,
                         share_viewer)
from cpss.model.answers import Answer
from cpss.db.backup import backup
from cpss.db.demo import load_demo
from cpss.exchange.export import gather, to_json
from cpss.exchange.importing import apply_import, read_file
from cpss.db.lifecycle import Lifecycle
from cpss.model.plans import ActionItem, PlanStore, Review
from cpss.db.share_links import ShareLinks
from cpss.db.accounts import Accounts
from cpss.db.workshops import Workshops
from tests.exchange_support import rich_assessment
from tests.trust_support import KENYA, PASSWORD, acting, populate

VIEWER = Actor("vic", "viewer")
EDITOR = Actor("eve", "editor")
ADMIN = Actor("ada", "admin")


def write_paths(framework, world, tmp_path, other_export):
    """Every write the app can make, as (name, what it needs, call on a store)."""
    a, w = world.assessment_id, world.workshop_id
    return [
        ("create_assessment", "edit", lambda s: s.create_assessment(KENYA, framework.version, "x")),
        ("save_answer", "edit", lambda s: s.save_answer(a, "1.2", Answer("phase", 3), "x")),
        ("record_position", "edit", lambda s: s.record_position(a, "1.2")),
        ("plan.add_item", "edit", lambda s: PlanStore(s).add_item(a, ActionItem("More"), "x")),
        ("plan.update_item", "edit",
         lambda s: PlanStore(s).update_item(world.item_id, ActionItem("Changed"), "x")),
        ("plan.save_review", "edit", lambda s: PlanStore(s).save_review(a, Review(("1.1",)), "x")),
        ("workshop.start", "edit", lambda s: Workshops(s).start(a, False, "x")),
        ("workshop.open", "edit", lambda s: Workshops(s).open(w, "4.1", "x")),
        ("workshop.join", "vote", lambda s: Workshops(s).join(w)),
        ("workshop.vote", "vote", lambda s: Workshops(s).vote(w, world.participant_token, "4.1", 3)),
        ("workshop.lock", "edit", lambda s: Workshops(s).set_locked(w, True, "x")),
        ("workshop.reveal", "edit", lambda s: Workshops(s).set_revealed(w, True, "x")),
        ("workshop.consensus", "edit", lambda s: Workshops(s).record_consensus(
            w, "4.1", Answer("phase", 1, rationale="r"), "x")),
        ("workshop.end", "edit", lambda s: Workshops(s).end(w, "x")),
        ("import", "edit", lambda s: apply_import(s, read_file("x.json", other_export, framework)(s))),
        ("demo", "edit", lambda s: load_demo(s, framework)),
        ("edit_details", "edit", lambda s: Lifecycle(s).edit_details(a, replace(KENYA, title="New"), "x")),
        ("restore_answer", "edit", lambda s: Lifecycle(s).restore_answer(
            a, "1.1", int(s.answer_history(a, "1.1")["seq"].iloc[-1]), "x")),
        ("share.create", "edit", lambda s: ShareLinks(s).create(a, "x")),
        ("share.revoke", "edit", lambda s: ShareLinks(s).revoke(world.share_token, "x")
         if not s.actor.can_edit else ShareLinks(s).revoke(ShareLinks(s).create(a, "x"), "x")),
        ("set_status", "edit", lambda s: s.set_status(a, "final", "x")),
        ("delete", "edit", lambda s: Lifecycle(s).delete(a, "x")),
        ("accounts.add", "manage", lambda s: Accounts(s).add("newbie", "viewer", PASSWORD)),
        ("accounts.password", "manage", lambda s: Accounts(s).set_password("vic", PASSWORD + "!")),
        ("accounts.disable", "manage", lambda s: Accounts(s).set_active("vic", False)),
        ("backup", "manage", lambda s: backup(s.cur, tmp_path / f"b{id(s)}.duckdb", s.actor)),
    ]


def table_counts(store) -> dict:
    tables = [r[0] for r in store.cur.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()]
    return {t: store.cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def world(store, framework):
    return populate(store, framework)


@pytest.fixture
def other_export(tmp_path, framework):
    """A JSON export of another database, to import."""
    from cpss.db.assessments import Store, connect
    con = connect(tmp_path / "other.duckdb")
    other = Store(con.cursor())
    rich_assessment(other, framework)
    data = to_json(framework, gather(other, list(other.list_assessments()["id"])))
    con.close()
    return data


@pytest.mark.parametrize("actor", [VIEWER, share_viewer("any"), SIGNED_OUT, participant("other")],
                         ids=["viewer", "share link", "signed out", "other workshop's participant"])
def test_every_write_path_refuses_those_without_the_role(store, framework, world, tmp_path,
                                                         other_export, actor):
    before = table_counts(store)
    refused = []
    for name, need, call in write_paths(framework, world, tmp_path, other_export):
        with pytest.raises(AccessDenied, match=r"Not allowed: .* may not .*Nothing was changed"):
            call(acting(store, actor))
        refused.append(name)
    assert table_counts(store) == before  # not one row anywhere
    assert list(tmp_path.glob("b*.duckdb")) == []  # and no backup file
    assert len(refused) == 26


def test_editors_may_edit_and_vote_but_not_manage(store, framework, world, tmp_path, other_export):
    for name, need, call in write_paths(framework, world, tmp_path, other_export):
        if need == "manage":
            with pytest.raises(AccessDenied, match="manage accounts"):
                call(acting(store, EDITOR))
        elif name not in ("workshop.consensus", "workshop.vote"):  # need an open, unended workshop
            call(acting(store, EDITOR))


def test_administrators_may_do_everything(store, framework, world, tmp_path, other_export):
    for name, need, call in write_paths(framework, world, tmp_path, other_export):
        call(acting(store, ADMIN))


def test_a_participant_may_join_and_vote_in_their_own_workshop_only(store, framework, world):
    mine = acting(store, participant(world.workshop_id))
    token = Workshops(mine).join(world.workshop_id)
    Workshops(mine).vote(world.workshop_id, token, "3.1", 4)
    with pytest.raises(AccessDenied):
        mine.save_answer(world.assessment_id, "1.1", Answer("phase", 4), "x")
    with pytest.raises(AccessDenied):
        Workshops(mine).open(world.workshop_id, "1.1", "x")
    before_join = participant(None)  # before the code was accepted: nothing
    with pytest.raises(AccessDenied):
        Workshops(acting(store, before_join)).join(world.workshop_id)


def test_changes_are_recorded_under_the_signed_in_name_not_the_one_passed(store, framework, world):
    eve = acting(store, EDITOR)
    eve.save_answer(world.assessment_id, "1.2", Answer("phase", 3), by="someone else")
    assert store.answer_history(world.assessment_id, "1.2")["recorded_by"][0] == "eve"
    item = PlanStore(eve).add_item(world.assessment_id, ActionItem("Hire"), by="Amina")
    assert PlanStore(store).item_history(item)["recorded_by"][0] == "eve"
    # single-user mode keeps the page's name (the assessor), as before sign-in existed
    store.save_answer(world.assessment_id, "1.2", Answer("phase", 4), by="Amina")
    assert store.answer_history(world.assessment_id, "1.2")["recorded_by"][0] == "Amina"


def test_roles_from_configuration():
    assert parse_role(" Facilitator ") == "editor"
    assert parse_role("ADMIN") == "admin"
    with pytest.raises(Exception, match="Unknown role 'owner'"):
        parse_role("owner")
    assert SOLO.can_edit and SOLO.is_admin and not VIEWER.can_edit and not EDITOR.is_admin
