"""History and undo, accounts, share links, sign-in settings and the guessing brake."""

from dataclasses import replace
from datetime import timedelta

import pytest

from cpss import dashboard
from cpss.access import AccessDenied, Actor
from cpss.assessments import AssessmentError
from cpss.lifecycle import Lifecycle
from cpss.migrations import utc_now
from cpss.sharing import ShareLinks
from cpss.team import SettingsError, team_settings
from cpss.throttle import Throttle, TooManyTries
from cpss.users import AccountError, Accounts
from tests.trust_support import KENYA, PASSWORD, acting, populate


@pytest.fixture
def world(store, framework):
    return populate(store, framework)


def test_restoring_an_earlier_answer_adds_a_version(store, world):
    history = store.answer_history(world.assessment_id, "1.1")
    first = int(history["seq"].iloc[-1])
    restored = Lifecycle(store).restore_answer(world.assessment_id, "1.1", first, "Amina")
    assert (restored.phase, restored.evidence) == (1, "first")
    after = store.answer_history(world.assessment_id, "1.1")
    assert after["source"].tolist() == ["restore", "solo", "solo"]
    assert after["evidence"].tolist() == ["first", "second", "first"]
    assert store.current_answers(world.assessment_id)["1.1"].phase == 1
    with pytest.raises(AssessmentError, match="not in this subdomain's history"):
        Lifecycle(store).restore_answer(world.assessment_id, "2.1", first, "Amina")


def test_details_are_edited_with_history_and_the_country_stays(store, world):
    lifecycle = Lifecycle(store)
    lifecycle.edit_details(world.assessment_id, replace(KENYA, title="Baseline, revised",
                                                        unit="Marsabit"), "Amina")
    assert store.assessment(world.assessment_id).details.title == "Baseline, revised"
    history = lifecycle.details_history(world.assessment_id)
    assert history["title"].tolist() == ["Baseline, revised", "Baseline 2026"]
    with pytest.raises(AssessmentError, match="too long: 201 characters, at most 200"):
        lifecycle.edit_details(world.assessment_id, replace(KENYA, title="x" * 201), "Amina")
    with pytest.raises(AssessmentError, match="country of an assessment cannot be changed"):
        lifecycle.edit_details(world.assessment_id, replace(KENYA, country_code="UGA",
                                                            country="Uganda"), "Amina")
    assert len(lifecycle.details_history(world.assessment_id)) == 2


def test_deleting_hides_everywhere_and_can_be_undone(store, world):
    lifecycle = Lifecycle(store)
    lifecycle.delete(world.assessment_id, "Amina")
    assert store.list_assessments().empty
    assert dashboard.places(store).empty
    assert dashboard.latest_assessment(store) is None
    with pytest.raises(AssessmentError, match="No assessment"):
        store.assessment(world.assessment_id)
    with pytest.raises(AssessmentError, match="may have been removed"):
        ShareLinks(store).resolve(world.share_token)  # a share link shows nothing either
    assert [row.id for row in lifecycle.deleted()] == [world.assessment_id]
    lifecycle.undo_delete(world.assessment_id, "Amina")
    assert store.assessment(world.assessment_id).details.title == "Baseline 2026"
    assert len(store.answer_history(world.assessment_id, "1.1")) == 2  # nothing was lost


def test_undo_is_refused_after_30_days_and_purge_removes_every_row(store, world):
    lifecycle = Lifecycle(store)
    store.cur.execute("INSERT INTO assessment_deletions (assessment_id, deleted, recorded_at, "
                      "recorded_by) VALUES (?, true, ?, 'Amina')",
                      [world.assessment_id, utc_now() - timedelta(days=31)])
    assert not lifecycle.deleted()[0].can_undo
    with pytest.raises(AssessmentError, match="more than 30 days ago"):
        lifecycle.undo_delete(world.assessment_id, "Amina")
    with pytest.raises(AccessDenied):
        Lifecycle(acting(store, Actor("eve", "editor"))).purge(world.assessment_id, confirmed=True)
    for unconfirmed in (False, None, "yes"):  # only a ticked box: True
        with pytest.raises(AssessmentError, match="Nothing was purged: tick"):
            lifecycle.purge(world.assessment_id, confirmed=unconfirmed)
    assert store.cur.execute("SELECT count(*) FROM ratings").fetchone()[0] > 0
    removed = lifecycle.purge(world.assessment_id, confirmed=True)
    assert removed > 15
    for table in ("assessments", "assessment_details", "ratings", "positions", "action_items",
                  "workshops", "workshop_states", "workshop_votes", "workshop_participants",
                  "workshop_consensus", "share_links", "assessment_deletions"):
        assert store.cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert Accounts(store).count() == 3  # accounts are not an assessment's rows


def test_only_a_deleted_assessment_can_be_purged(store, world):
    with pytest.raises(AssessmentError, match="not deleted"):
        Lifecycle(store).purge(world.assessment_id, confirmed=True)


def test_share_links_open_one_assessment_until_revoked_by_their_maker(store, world):
    links = ShareLinks(store)
    assert links.resolve(world.share_token) == world.assessment_id
    assert len(world.share_token) >= 32
    eve, ada = acting(store, Actor("eve", "editor")), acting(store, Actor("ada", "admin"))
    token = ShareLinks(eve).create(world.assessment_id, "x")
    with pytest.raises(AccessDenied, match="only Amina, who made this link"):
        ShareLinks(eve).revoke(world.share_token, "x")
    ShareLinks(ada).revoke(world.share_token, "x")
    ShareLinks(eve).revoke(token, "x")
    for gone in (world.share_token, token, "guess", ""):
        with pytest.raises(Exception, match="does not work"):
            links.resolve(gone)
    assert links.links(world.assessment_id).empty


def test_passwords_are_salted_hashes_checked_in_constant_time(store, world):
    accounts = Accounts(store)
    assert accounts.verify("vic", PASSWORD) == Actor("vic", "viewer")
    rows = store.cur.execute("SELECT salt, password_hash FROM user_accounts").fetchall()
    assert len({bytes(r[0]) for r in rows}) == 3  # one salt each
    assert all(PASSWORD.encode() not in bytes(r[1]) for r in rows)
    for name, password in (("vic", "wrong password"), ("nobody", PASSWORD), ("vic", "")):
        with pytest.raises(AccountError, match="Wrong name or password"):
            accounts.verify(name, password)
    accounts.set_active("vic", False)
    with pytest.raises(AccountError, match="disabled"):
        accounts.verify("vic", PASSWORD)
    with pytest.raises(AccountError, match="too short: at least 10"):
        accounts.add("zed", "viewer", "short")
    with pytest.raises(AccountError, match="name is too long"):
        accounts.add("z" * 81, "viewer", PASSWORD)
    with pytest.raises(AccountError, match="line breaks"):
        accounts.add("z\nq", "viewer", PASSWORD)


def test_team_settings_and_the_roles_of_openid_addresses():
    assert not team_settings({}, {}).team
    assert team_settings({}, {"CPSS_MODE": "team"}).team
    settings = team_settings({"auth": {"client_id": "x"}, "cpss": {"oidc_roles": {
        "Ana@Example.org": "admin", "*@example.org": "viewer", "bo@ngo.org": "facilitator"}}}, {})
    assert settings.team and settings.oidc
    assert settings.oidc_actor("ana@example.org") == Actor("ana@example.org", "admin")
    assert settings.oidc_actor("Zoe@Example.org").role == "viewer"
    assert settings.oidc_actor("bo@ngo.org").role == "editor"
    assert settings.oidc_actor("eve@elsewhere.org") is None
    assert settings.oidc_actor(None) is None
    with pytest.raises(SettingsError, match="x@y.org: Unknown role 'boss'"):
        team_settings({"cpss": {"oidc_roles": {"x@y.org": "boss"}}}, {})
    with pytest.raises(SettingsError, match="is 'teams'"):
        team_settings({}, {"CPSS_MODE": "teams"})


def test_wrong_tries_are_slowed_down_after_five():
    throttle, now = Throttle(), 100.0
    for _ in range(4):
        throttle = throttle.failed(now)
        throttle.check(now)  # the first wrong tries cost nothing
    throttle = throttle.failed(now)
    with pytest.raises(TooManyTries, match="wait 3 s before trying another code"):
        throttle.check(now)
    throttle.check(now + 2.1)
    throttle = throttle.failed(now + 2.1)
    with pytest.raises(TooManyTries, match="wait 5 s"):
        throttle.check(now + 2.1)
    assert throttle.succeeded() == Throttle()
    for _ in range(30):
        throttle = throttle.failed(now)
    assert throttle.wait_until - now == 300  # capped at five minutes
