"""Workshops: join codes, the tally of votes (hand-checked), and their storage in DuckDB."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from cpss.db import assessments, workshop_votes, workshops
from cpss.db.core import Db, connect
from cpss.db.workshops import cached_state
from cpss.model.answers import DONT_KNOW, Answer
from cpss.model.assessments import FINAL, AssessmentDetails, AssessmentError
from cpss.model.workshops import (
    CODE_ALPHABET,
    WorkshopError,
    WorkshopState,
    changed_votes,
    min_votes_to_show,
    new_code,
    normalise_code,
    reveal_wait,
    tally,
)

KENYA = AssessmentDetails("KEN", "Kenya", "Workshop 2026", date(2026, 3, 1), "", "Amina")


# -- join codes ---------------------------------------------------------------------------------


def test_codes_are_six_unambiguous_characters():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200  # random, not a counter
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("0O1I") & set(CODE_ALPHABET)


def test_typed_codes_are_normalised_or_explained():
    assert normalise_code(" k7m-2xq ") == "K7M2XQ"
    assert normalise_code("k7m 2xq") == "K7M2XQ"
    with pytest.raises(WorkshopError, match="Type the join code"):
        normalise_code("  ")
    with pytest.raises(WorkshopError, match=r"'K7M2X' is not a join code: a code is 6 letters"):
        normalise_code("K7M2X")
    with pytest.raises(WorkshopError, match=r"it has '0', never used in codes"):
        normalise_code("K7M20Q")


# -- the tally, checked by hand -----------------------------------------------------------------


def test_counts_mode_median_and_no_split_for_neighbouring_phases():
    counted = tally([2, 3, 2, DONT_KNOW, 2, 3], threshold=3)
    assert counted.counts == {1: 0, 2: 3, 3: 2, 4: 0, DONT_KNOW: 1}
    assert counted.votes == 6 and counted.shown
    assert counted.most_common == [2]
    assert counted.median == 2  # phases 2 2 2 3 3: the middle one
    assert counted.spread == (2, 3) and not counted.split


def test_votes_two_phases_apart_split_the_room():
    counted = tally([1, 3, 3, 2], threshold=3)
    assert counted.spread == (1, 3) and counted.split
    assert counted.median == 2  # 1 2 3 3: the lower of the two middle votes
    assert counted.most_common == [3]


def test_ties_and_dont_know_never_count_as_a_phase():
    counted = tally([4, DONT_KNOW, DONT_KNOW, 4], threshold=3)
    assert counted.most_common == [4, DONT_KNOW]
    assert counted.median == 4 and counted.spread == (4, 4) and not counted.split
    only_unknown = tally([DONT_KNOW] * 3, threshold=3)
    assert only_unknown.median is None and only_unknown.spread is None and not only_unknown.split


def test_threshold_hides_the_spread():
    assert not tally([1, 4], threshold=3).shown
    assert tally([1, 4, 4], threshold=3).shown
    assert not tally([], threshold=1).shown and tally([], threshold=1).most_common == []
    with pytest.raises(ValueError):
        tally([5], threshold=3)


def test_threshold_setting(monkeypatch):
    monkeypatch.delenv("CPSS_WORKSHOP_MIN_VOTES", raising=False)
    assert min_votes_to_show() == 3
    monkeypatch.setenv("CPSS_WORKSHOP_MIN_VOTES", "5")
    assert min_votes_to_show() == 5
    monkeypatch.setenv("CPSS_WORKSHOP_MIN_VOTES", "zero")
    with pytest.raises(WorkshopError, match="CPSS_WORKSHOP_MIN_VOTES must be a whole number"):
        min_votes_to_show()


# -- storage ------------------------------------------------------------------------------------


# -- a second reveal, checked by hand ------------------------------------------------------------


def test_changed_votes_count_changes_new_votes_and_withdrawn_ones():
    shown = {"a": (2, ""), "b": (3, ""), "c": (3, "law")}
    assert changed_votes(shown, shown) == 0
    assert changed_votes(shown, {**shown, "a": (3, "")}) == 1  # a changed the phase
    assert changed_votes(shown, {**shown, "c": (3, "")}) == 1  # c changed only the comment
    assert changed_votes(shown, {**shown, "d": (1, "")}) == 1  # d is new
    assert changed_votes(shown, {"a": (2, ""), "b": (3, "")}) == 1  # c was removed


def test_a_second_reveal_waits_until_enough_votes_changed():
    shown = {p: (2, "") for p in "abcd"}
    assert reveal_wait(None, shown, 3) is None  # a first reveal: the tally's threshold decides
    assert reveal_wait(shown, dict(shown), 3) is None  # nothing changed: the same tally again
    one = {**shown, "a": (4, "")}
    assert reveal_wait(shown, one, 3) == (
        "Waiting: only 1 vote changed since the last reveal; showing them would single people "
        "out (at least 3 needed). Reopen the vote so that more can change theirs, or move on."
    )
    two = {**one, "e": (1, "")}
    assert reveal_wait(shown, two, 3).startswith("Waiting: only 2 votes changed")
    assert reveal_wait(shown, {**two, "b": (1, "")}, 3) is None  # three changed: shown
    assert reveal_wait(shown, one, 1) is None


def started(db: Db, ask_names=False):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    return workshops.start(db, assessment_id, ask_names=ask_names, by="Amina")


def test_start_join_and_follow(db: Db):
    workshop = started(db, ask_names=True)
    assert workshops.by_code(db, workshop.code.lower()) == workshop
    assert workshops.state(db, workshop.id) == WorkshopState()
    workshop_votes.join(db, workshop.id, " Juma ")
    workshop_votes.join(db, workshop.id, "")
    assert workshop_votes.participant_names(db, workshop.id) == ["Juma", ""]
    workshops.open_subdomain(db, workshop.id, "2.1", by="Amina")
    workshops.set_locked(db, workshop.id, True, by="Amina")
    assert workshops.state(db, workshop.id) == WorkshopState("2.1", locked=True)
    workshops.open_subdomain(
        db, workshop.id, "2.1", by="Amina"
    )  # reopening unlocks and hides the votes
    assert workshops.state(db, workshop.id) == WorkshopState("2.1")


def test_votes_keep_their_history_and_the_latest_counts(db: Db):
    workshop = started(db)
    tokens = [workshop_votes.join(db, workshop.id) for _ in range(3)]
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    workshop_votes.vote(db, workshop.id, tokens[0], "1.1", 1, "new law")
    workshop_votes.vote(db, workshop.id, tokens[1], "1.1", 3)
    workshop_votes.vote(db, workshop.id, tokens[0], "1.1", 2, " changed my mind ")
    assert workshop_votes.voted_count(db, workshop.id, "1.1") == 2
    assert workshop_votes.my_vote(db, workshop.id, tokens[0], "1.1") == (2, "changed my mind")
    assert workshop_votes.my_vote(db, workshop.id, tokens[2], "1.1") is None
    workshop_votes.vote(db, workshop.id, tokens[2], "1.1", DONT_KNOW)
    counted = workshop_votes.votes_tally(db, workshop.id, "1.1", threshold=3)
    assert counted.counts == {1: 0, 2: 1, 3: 1, 4: 0, DONT_KNOW: 1}
    assert workshop_votes.comments(db, workshop.id, "1.1") == ["changed my mind"]
    history = db.rows("SELECT phase FROM workshop_votes ORDER BY seq")
    assert history == [(1,), (3,), (2,), (None,)]


def test_revealing_locks_voting_and_unlocking_hides_again(db: Db):
    workshop = started(db)
    token = workshop_votes.join(db, workshop.id)
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    workshop_votes.set_revealed(db, workshop.id, True, by="Amina", threshold=1)
    assert workshops.state(db, workshop.id) == WorkshopState("1.1", locked=True, revealed=True)
    with pytest.raises(WorkshopError, match="locked"):
        workshop_votes.vote(db, workshop.id, token, "1.1", 2)
    workshops.set_locked(db, workshop.id, False, by="Amina")
    assert workshops.state(db, workshop.id) == WorkshopState("1.1")


def reveal(db: Db, workshop_id: str) -> str | None:
    """Reveal the open subdomain (threshold 3) and say why its tally waits, if it does."""
    workshop_votes.set_revealed(db, workshop_id, True, by="Amina", threshold=3)
    return workshop_votes.reveal_wait_reason(db, workshop_id, "1.1", 3)


def test_a_reveal_after_a_reopen_waits_while_fewer_than_the_threshold_changed(db: Db):
    workshop = started(db)
    tokens = [workshop_votes.join(db, workshop.id) for _ in range(5)]
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    for token in tokens[:4]:
        workshop_votes.vote(db, workshop.id, token, "1.1", 2)
    assert reveal(db, workshop.id) is None
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")  # reopen
    workshop_votes.vote(db, workshop.id, tokens[0], "1.1", 4)
    assert reveal(db, workshop.id).startswith("Waiting: only 1 vote changed")
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    workshop_votes.vote(db, workshop.id, tokens[4], "1.1", 1)  # a late vote counts as a change too
    assert reveal(db, workshop.id).startswith("Waiting: only 2 votes changed")
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    workshop_votes.vote(db, workshop.id, tokens[1], "1.1", 3)
    assert reveal(db, workshop.id) is None  # three changed since the shown reveal
    assert reveal(db, workshop.id) is None  # revealed again without change: the same tally
    participant = workshop_votes.participants(db, workshop.id)[2][0]
    workshop_votes.remove_participant(db, workshop.id, participant, by="Amina")
    assert reveal(db, workshop.id).startswith("Waiting: only 1 vote changed")


def test_a_removed_participant_neither_counts_nor_votes(db: Db):
    workshop = started(db, ask_names=True)
    first, twice, again = (
        workshop_votes.join(db, workshop.id, n) for n in ("Juma", "Juma", "Amina")
    )
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    for token in (first, twice, again):
        workshop_votes.vote(db, workshop.id, token, "1.1", 3, "same")
    duplicate = [
        p for p, name, _ in workshop_votes.participants(db, workshop.id) if name == "Juma"
    ][1]
    workshop_votes.remove_participant(db, workshop.id, duplicate, by="Amina")
    assert workshop_votes.participant_names(db, workshop.id) == ["Juma", "Amina"]
    assert workshop_votes.voted_count(db, workshop.id, "1.1") == 2
    assert workshop_votes.votes_tally(db, workshop.id, "1.1", 1).counts[3] == 2
    assert workshop_votes.comments(db, workshop.id, "1.1") == ["same", "same"]
    with pytest.raises(WorkshopError, match="The facilitator removed this participant"):
        workshop_votes.vote(db, workshop.id, twice, "1.1", 2)
    with pytest.raises(WorkshopError, match="removed already"):
        workshop_votes.remove_participant(db, workshop.id, duplicate, by="Amina")
    assert db.value("SELECT count(*) FROM workshop_votes") == 3  # history, not a deletion


def test_votes_are_refused_when_closed_or_from_elsewhere(db: Db):
    workshop = started(db)
    other = started(db)
    token = workshop_votes.join(db, workshop.id)
    stranger = workshop_votes.join(db, other.id)
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    with pytest.raises(WorkshopError, match="does not belong to a participant of this workshop"):
        workshop_votes.vote(db, workshop.id, stranger, "1.1", 2)
    with pytest.raises(WorkshopError, match="no longer open"):
        workshop_votes.vote(db, workshop.id, token, "1.2", 2)
    workshops.set_locked(db, workshop.id, True, by="Amina")
    with pytest.raises(WorkshopError, match="locked"):
        workshop_votes.vote(db, workshop.id, token, "1.1", 2)
    with pytest.raises(WorkshopError, match="Choose a phase from 1 to 4"):
        workshop_votes.vote(db, workshop.id, token, "1.1", 7)
    for not_a_vote in (1.0, True):  # equal to 1 in Python, yet not a phase (found by hypothesis)
        with pytest.raises(WorkshopError, match="Choose a phase from 1 to 4"):
            workshop_votes.vote(db, workshop.id, token, "1.1", not_a_vote)
    assert workshop_votes.voted_count(db, workshop.id, "1.1") == 0


def test_wrong_and_ended_codes_get_clear_messages(db: Db):
    workshop = started(db)
    unused = next(c for c in iter(new_code, None) if c != workshop.code)
    with pytest.raises(WorkshopError, match=f"No workshop has the code {unused[:3]} {unused[3:]}"):
        workshops.by_code(db, unused)
    token = workshop_votes.join(db, workshop.id)
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    workshops.end(db, workshop.id, by="Amina")
    with pytest.raises(WorkshopError, match="has ended: votes are no longer taken"):
        workshops.by_code(db, workshop.code)
    with pytest.raises(WorkshopError, match="ended"):
        workshop_votes.vote(db, workshop.id, token, "1.1", 2)
    with pytest.raises(WorkshopError, match="ended"):
        workshop_votes.join(db, workshop.id)


def test_consensus_becomes_the_rating_and_the_votes_stay(db: Db):
    workshop = started(db)
    assessments.save_answer(
        db,
        workshop.assessment_id,
        "3.1",
        Answer(status="phase", phase=1, target=2, confidence="low"),
        by="Amina",
    )
    token = workshop_votes.join(db, workshop.id)
    workshops.open_subdomain(db, workshop.id, "3.1", by="Amina")
    workshop_votes.vote(db, workshop.id, token, "3.1", 3)
    with pytest.raises(WorkshopError, match="rationale is required"):
        workshops.record_consensus(
            db, workshop.id, "3.1", Answer(status="phase", phase=3), by="Amina"
        )
    agreed = Answer(
        status="phase",
        phase=3,
        target=3,
        confidence="low",
        evidence="Minutes",
        rationale="Services piloted in 3 districts",
    )
    workshops.record_consensus(db, workshop.id, "3.1", agreed, by="Amina")
    assert assessments.current_answers(db, workshop.assessment_id)["3.1"] == agreed
    assert assessments.answer_history(db, workshop.assessment_id, "3.1")["source"].tolist() == [
        "workshop",
        "solo",
    ]
    assert workshops.agreed(db, workshop.id) == {"3.1": 3}
    assert workshop_votes.votes_tally(db, workshop.id, "3.1", threshold=1).counts[3] == 1


def test_no_workshop_starts_on_a_final_assessment(db: Db):
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    assessments.set_status(db, assessment_id, FINAL, by="Amina")
    with pytest.raises(WorkshopError, match="final and read-only: reopen it"):
        workshops.start(db, assessment_id, ask_names=False, by="Amina")
    assert workshops.of_assessment(db, assessment_id) == []


def test_consensus_on_a_final_assessment_is_refused(db: Db):
    workshop = started(db)
    assessments.set_status(db, workshop.assessment_id, FINAL, by="Amina")
    with pytest.raises(AssessmentError, match="final and read-only"):
        workshops.record_consensus(
            db, workshop.id, "1.1", Answer(status="phase", phase=2, rationale="agreed"), by="Amina"
        )
    assert workshops.agreed(db, workshop.id) == {}


class FailingConsensusCursor:
    """A cursor (of either engine) that fails on the workshop's note of a consensus, as a full
    disk might."""

    def __init__(self, inner):
        self._inner = inner

    def rows(self, sql, params=None):
        if "INSERT INTO workshop_consensus" in sql:
            raise OSError("No space left on device")
        return self._inner.rows(sql, params)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def test_a_consensus_is_stored_whole_or_not_at_all(db: Db, connection):
    workshop = started(db)
    failing = Db(FailingConsensusCursor(connection.engine.cursor()))
    with pytest.raises(OSError):
        workshops.record_consensus(
            failing,
            workshop.id,
            "1.1",
            Answer(status="phase", phase=2, rationale="agreed"),
            by="Amina",
        )
    assert assessments.current_answers(db, workshop.assessment_id) == {}  # no rating alone
    assert workshops.agreed(db, workshop.id) == {}


def test_a_restart_loses_nothing(database):
    con = connect(database)
    db = con.db()
    workshop = started(db, ask_names=True)
    token = workshop_votes.join(db, workshop.id, "Juma")
    workshops.open_subdomain(db, workshop.id, "4.2", by="Amina")
    workshop_votes.vote(db, workshop.id, token, "4.2", 4, "budget line exists")
    workshop_votes.set_revealed(db, workshop.id, True, by="Amina")
    con.close()

    con = connect(database)  # the server restarted: the same file, a new connection
    db = con.db()
    assert workshops.by_code(db, workshop.code) == workshop
    assert workshops.state(db, workshop.id) == WorkshopState("4.2", locked=True, revealed=True)
    assert workshop_votes.my_vote(db, workshop.id, token, "4.2") == (4, "budget line exists")
    assert workshop_votes.participant_names(db, workshop.id) == ["Juma"]
    con.close()


def test_concurrent_votes_from_many_participants_are_all_stored(database):
    con = connect(database)
    db = con.db()
    workshop = started(db)
    tokens = [workshop_votes.join(db, workshop.id) for _ in range(40)]
    workshops.open_subdomain(db, workshop.id, "5.1", by="Amina")

    def vote_twice(index: int) -> None:
        mine = con.db()  # a cursor per thread, as per script run in the app
        workshop_votes.vote(mine, workshop.id, tokens[index], "5.1", 1 + index % 4)
        workshop_votes.vote(
            mine, workshop.id, tokens[index], "5.1", [1, 2, 3, 4, DONT_KNOW][index % 5]
        )

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(vote_twice, range(40)))
    counted = workshop_votes.votes_tally(db, workshop.id, "5.1", threshold=3)
    assert counted.counts == {1: 8, 2: 8, 3: 8, 4: 8, DONT_KNOW: 8}
    stored = db.value("SELECT count(*) FROM workshop_votes")
    assert stored == 80
    con.close()


def test_the_polled_state_is_read_again_only_after_a_change(db: Db):
    workshop = started(db)
    opened = []

    def open_db():
        opened.append(1)
        return db

    assert cached_state(workshop.id, open_db) == WorkshopState()
    assert cached_state(workshop.id, open_db) == WorkshopState() and len(opened) == 1
    workshops.open_subdomain(db, workshop.id, "6.2", by="Amina")
    assert cached_state(workshop.id, open_db) == WorkshopState("6.2") and len(opened) == 2
    workshop_votes.set_revealed(db, workshop.id, True, by="Amina")
    assert cached_state(workshop.id, open_db).revealed and len(opened) == 3
