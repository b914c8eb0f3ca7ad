"""History and undo, accounts, share links, sign-in settings and the guessing brake."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from cpss.db import accounts, assessments, dashboard, documents, lifecycle, share_links
from cpss.db.accounts import AccountError
from cpss.db.core import connect
from cpss.model.access import EDIT, SIGNED_OUT, AccessDenied, Actor
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentError
from cpss.model.documents import NewDocument
from cpss.model.team import SettingsError, team_settings
from cpss.model.throttle import Throttle, TooManyTries
from cpss.model.times import utc_now
from tests.document_support import PDF
from tests.trust_support import KENYA, PASSWORD, acting, populate


@pytest.fixture
def world(db, framework):
    return populate(db, framework)


def test_restoring_an_earlier_answer_adds_a_version(db, world):
    history = assessments.answer_history(db, world.assessment_id, "1.1")
    first = int(history["seq"].iloc[-1])
    restored = lifecycle.restore_answer(db, world.assessment_id, "1.1", first, "Amina")
    assert (restored.phase, restored.evidence) == (1, "first")
    after = assessments.answer_history(db, world.assessment_id, "1.1")
    assert after["source"].tolist() == ["restore", "solo", "solo"]
    assert after["evidence"].tolist() == ["first", "second", "first"]
    assert assessments.current_answers(db, world.assessment_id)["1.1"].phase == 1
    with pytest.raises(AssessmentError, match="not in this subdomain's history"):
        lifecycle.restore_answer(db, world.assessment_id, "2.1", first, "Amina")


def test_details_are_edited_with_history_and_the_country_stays(db, world):
    lifecycle.edit_details(
        db, world.assessment_id, replace(KENYA, title="Baseline, revised", unit="Marsabit"), "Amina"
    )
    assert assessments.assessment(db, world.assessment_id).details.title == "Baseline, revised"
    history = lifecycle.details_history(db, world.assessment_id)
    assert history["title"].tolist() == ["Baseline, revised", "Baseline 2026"]
    with pytest.raises(AssessmentError, match="too long: 201 characters, at most 200"):
        lifecycle.edit_details(db, world.assessment_id, replace(KENYA, title="x" * 201), "Amina")
    with pytest.raises(AssessmentError, match="country of an assessment cannot be changed"):
        lifecycle.edit_details(
            db, world.assessment_id, replace(KENYA, country_code="UGA", country="Uganda"), "Amina"
        )
    assert len(lifecycle.details_history(db, world.assessment_id)) == 2


def test_deleting_hides_everywhere_and_can_be_undone(db, world):
    lifecycle.delete(db, world.assessment_id, "Amina")
    assert assessments.list_all(db).empty
    assert dashboard.places(db).empty
    assert dashboard.latest_assessment(db) is None
    with pytest.raises(AssessmentError, match="No assessment"):
        assessments.assessment(db, world.assessment_id)
    with pytest.raises(AssessmentError, match="may have been removed"):
        share_links.resolve(db, world.share_token)  # a share link shows nothing either
    assert [row.id for row in lifecycle.deleted(db)] == [world.assessment_id]
    lifecycle.undo_delete(db, world.assessment_id, "Amina")
    assert assessments.assessment(db, world.assessment_id).details.title == "Baseline 2026"
    assert len(assessments.answer_history(db, world.assessment_id, "1.1")) == 2  # nothing was lost


def test_undo_is_refused_after_30_days_and_purge_removes_every_row(db, world):
    documents.attach(db, world.assessment_id, "1.1", NewDocument("act.pdf", PDF, "Act"), "Amina")
    share_links.create(db, world.assessment_id, "Amina", shows=["documents"])
    noted = Answer("phase", 2, evidence="call +254 712 345 678")
    assessments.save_answer(
        db, world.assessment_id, "2.2", noted, "Ana", overridden={"evidence": ["phone"]}
    )
    db.write(
        EDIT,
        lambda tx: tx.run(
            "INSERT INTO assessment_deletions (assessment_id, deleted, recorded_at, "
            "recorded_by) VALUES (:p0, true, :p1, 'Amina')",
            {"p0": world.assessment_id, "p1": utc_now() - timedelta(days=31)},
        ),
    )
    assert not lifecycle.deleted(db)[0].can_undo
    with pytest.raises(AssessmentError, match="more than 30 days ago"):
        lifecycle.undo_delete(db, world.assessment_id, "Amina")
    with pytest.raises(AccessDenied):
        lifecycle.purge(acting(db, Actor("eve", "editor")), world.assessment_id, confirmed=True)
    for unconfirmed in (False, None, "yes"):  # only a ticked box: True
        with pytest.raises(AssessmentError, match="Nothing was purged: tick"):
            lifecycle.purge(db, world.assessment_id, confirmed=unconfirmed)
    assert db.value("SELECT count(*) FROM ratings") > 0
    removed = lifecycle.purge(db, world.assessment_id, confirmed=True)
    assert removed > 15
    # Every table holding an assessment's rows is empty: the one assessment is gone, with its
    # documents' files; what is not an assessment's (accounts, frameworks, the retention settings,
    # the audit trails) stays.
    not_its_rows = {
        "user_accounts",
        "sign_in_failures",
        "frameworks",
        "framework_translations",
        "retention_settings",
        "retention_lock",
        "data_events",
        "access_log",
        "schema_migrations",
    }
    for table in set(every_table(db)) - not_its_rows:
        assert db.value(f"SELECT count(*) FROM {table}") == 0, table
    assert accounts.count(db) == 3  # accounts are not an assessment's rows


def every_table(db) -> list[str]:
    """The database's tables, as its catalogue lists them (on either engine)."""
    return [
        row[0]
        for row in db.rows(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    ]


def test_only_a_deleted_assessment_can_be_purged(db, world):
    with pytest.raises(AssessmentError, match="not deleted"):
        lifecycle.purge(db, world.assessment_id, confirmed=True)


def test_share_links_open_one_assessment_until_revoked_by_their_maker(db, world):
    assert share_links.resolve(db, world.share_token) == world.assessment_id
    assert len(world.share_token) >= 32
    eve, ada = acting(db, Actor("eve", "editor")), acting(db, Actor("ada", "admin"))
    token = share_links.create(eve, world.assessment_id, "x")
    with pytest.raises(AccessDenied, match="only Amina, who made this link"):
        share_links.revoke(eve, world.share_token, "x")
    share_links.revoke(ada, world.share_token, "x")
    share_links.revoke(eve, token, "x")
    for gone in (world.share_token, token, "guess", ""):
        with pytest.raises(Exception, match="does not work"):
            share_links.resolve(db, gone)
    assert share_links.links(db, world.assessment_id).empty


def test_passwords_are_salted_hashes_checked_in_constant_time(db, world):
    assert accounts.verify(db, "vic", PASSWORD) == Actor("vic", "viewer")
    rows = db.rows("SELECT salt, password_hash FROM user_accounts")
    assert len({bytes(r[0]) for r in rows}) == 3  # one salt each
    assert all(PASSWORD.encode() not in bytes(r[1]) for r in rows)
    for name, password in (("vic", "wrong password"), ("nobody", PASSWORD), ("vic", "")):
        with pytest.raises(AccountError, match="Wrong name or password"):
            accounts.verify(db, name, password)
    accounts.set_active(db, "vic", False)
    with pytest.raises(AccountError, match="disabled"):
        accounts.verify(db, "vic", PASSWORD)
    with pytest.raises(AccountError, match="too short: at least 10"):
        accounts.add(db, "zed", "viewer", "short")
    with pytest.raises(AccountError, match="name is too long"):
        accounts.add(db, "z" * 81, "viewer", PASSWORD)
    with pytest.raises(AccountError, match="line breaks"):
        accounts.add(db, "z\nq", "viewer", PASSWORD)


def test_team_settings_and_the_roles_of_openid_addresses():
    assert not team_settings({}, {}).team
    assert team_settings({}, {"CPSS_MODE": "team"}).team
    settings = team_settings(
        {
            "auth": {"client_id": "x"},
            "cpss": {
                "oidc_roles": {
                    "Ana@Example.org": "admin",
                    "*@example.org": "viewer",
                    "bo@ngo.org": "facilitator",
                }
            },
        },
        {},
    )
    assert settings.team and settings.oidc
    assert settings.oidc_actor("ana@example.org") == Actor("ana@example.org", "admin")
    assert settings.oidc_actor("Zoe@Example.org").role == "viewer"
    assert settings.oidc_actor("bo@ngo.org").role == "editor"
    assert settings.oidc_actor("eve@elsewhere.org") is None
    assert settings.oidc_actor(None) is None
    with pytest.raises(SettingsError, match=re.escape("x@y.org: Unknown role 'boss'")):
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


def test_wrong_passwords_slow_down_per_account_however_the_guesser_reconnects(database, world):
    for attempt in range(5):  # the free tries, each from a new connection (a reconnect)
        con = connect(database)
        with pytest.raises(AccountError):
            accounts.sign_in(con.db(SIGNED_OUT), "ada", f"guess {attempt}", None)
        con.close()
    con = connect(database)
    with pytest.raises(TooManyTries, match="wait 2 s"):  # even the right password waits
        accounts.sign_in(con.db(SIGNED_OUT), "ada", PASSWORD, None)
    assert accounts.sign_in(con.db(SIGNED_OUT), "eve", PASSWORD, None).name == "eve"
    con.close()


def test_wrong_passwords_slow_down_per_client_address_across_accounts(db, world):
    guesser = db.as_actor(SIGNED_OUT)
    for name in ("ada", "eve", "vic", "x1", "x2"):
        with pytest.raises(AccountError):
            accounts.sign_in(guesser, name, "wrong password", "203.0.113.9")
    with pytest.raises(TooManyTries):
        accounts.sign_in(guesser, "someone", "another guess", "203.0.113.9")
    assert accounts.sign_in(guesser, "ada", PASSWORD, "198.51.100.1").name == "ada"  # elsewhere
    assert db.value("SELECT count(*) FROM sign_in_failures") == 5  # the refused try is not one
