"""The action plan: arranging suggestions, items with history, follow-up in the next assessment."""

from datetime import date

import pytest

from cpss.db import assessments, plans
from cpss.model.answers import Answer
from cpss.model.assessments import FINAL
from cpss.model.plans import (
    DONE,
    IN_PROGRESS,
    ActionItem,
    PlanError,
    Review,
    arrange,
    dismiss,
    move,
    restore,
)
from cpss.model.priorities import rank_priorities
from tests.test_dashboard import assess


def suggestions(framework):
    """1.1 at phase 1 (foundation, 2 points behind profile), 4.1 at 1, 5.1 at 3 (no gap bonus)."""
    answers = {
        "1.1": Answer(status="phase", phase=1),
        "4.1": Answer(status="phase", phase=1),
        "5.1": Answer(status="phase", phase=3, target=4),
    }
    return rank_priorities(framework, answers)


def ids(priorities):
    return [p.subdomain_id for p in priorities]


def test_arrange_follows_the_users_order_then_the_ranking(framework):
    ranked = suggestions(framework)
    assert ids(ranked) == ["1.1", "4.1", "5.1"]
    shown, dismissed = arrange(ranked, Review(ordering=("5.1",)))
    assert ids(shown) == ["5.1", "1.1", "4.1"] and dismissed == []
    shown, dismissed = arrange(ranked, Review(ordering=("5.1", "gone"), dismissed=("1.1",)))
    assert ids(shown) == ["5.1", "4.1"] and ids(dismissed) == ["1.1"]


def test_move_dismiss_and_restore():
    review = move(Review(), ["a", "b", "c"], "c", -1)
    assert review.ordering == ("a", "c", "b")
    assert move(review, ["a", "c", "b"], "a", -1).ordering == ("a", "c", "b")  # already first
    review = dismiss(dismiss(review, "b"), "b")
    assert review.dismissed == ("b",)
    assert restore(review, "b").dismissed == ()


def test_reviews_are_kept_as_history(db):
    assessment_id = assess(db, {})
    assert plans.review(db, assessment_id) == Review()
    plans.save_review(db, assessment_id, Review(("4.1",), ()), by="a")
    plans.save_review(db, assessment_id, Review(("4.1", "1.1"), ("5.1",)), by="b")
    assert plans.review(db, assessment_id) == Review(("4.1", "1.1"), ("5.1",))
    count = db.value("SELECT count(*) FROM priority_reviews")
    assert count == 2


def test_items_keep_every_version(db):
    assessment_id = assess(db, {})
    first = plans.add_item(
        db,
        assessment_id,
        ActionItem(
            "  Draft the child protection bill ",
            owner="Ministry of Justice",
            due_date=date(2027, 6, 30),
            subdomain_id="1.2",
        ),
        by="Amina",
    )
    second = plans.add_item(db, assessment_id, ActionItem("Map coordination bodies"), by="Amina")
    plans.update_item(
        db,
        first,
        ActionItem(
            "Draft the child protection bill",
            owner="Ministry of Justice",
            status=IN_PROGRESS,
            notes="Consultation held",
        ),
        by="Jo",
    )
    items = plans.items(db, assessment_id)
    assert [i.item_id for i in items] == [first, second]  # the order they were added
    assert items[0].item.what == "Draft the child protection bill"
    assert items[0].item.status == IN_PROGRESS and items[0].recorded_by == "Jo"
    history = plans.item_history(db, first)
    assert list(history["status"]) == ["in_progress", "planned"]
    assert list(history["recorded_by"]) == ["Jo", "Amina"]


def test_the_plan_stays_editable_on_a_final_assessment(db):
    assessment_id = assess(db, {})
    assessments.set_status(db, assessment_id, FINAL, by="t")
    plans.add_item(db, assessment_id, ActionItem("Follow up"), by="t")
    assert len(plans.items(db, assessment_id)) == 1


@pytest.mark.parametrize(
    "item, message",
    [
        (ActionItem("   "), "the action is required"),
        (ActionItem("x" * 501), "The what is too long: 501 characters, at most 500."),
        (ActionItem("x", owner="o" * 121), "The owner is too long"),
        (ActionItem("x", status="late"), "Unknown status 'late'"),
    ],
)
def test_bad_items_are_refused_and_nothing_is_stored(db, item, message):
    assessment_id = assess(db, {})
    with pytest.raises(PlanError, match=message):
        plans.add_item(db, assessment_id, item, by="t")
    assert plans.items(db, assessment_id) == []


def test_open_items_are_carried_into_the_next_assessment_of_the_same_place(db):
    baseline = assess(db, {}, day=date(2023, 1, 1))
    elsewhere = assess(db, {}, unit="Turkana", day=date(2023, 1, 1))
    open_item = plans.add_item(db, baseline, ActionItem("Adopt the policy"), by="t")
    plans.add_item(db, baseline, ActionItem("Already done", status=DONE), by="t")
    plans.add_item(db, elsewhere, ActionItem("Other place"), by="t")
    follow_up = assess(db, {}, day=date(2026, 1, 1))
    carried = plans.carried_items(db, follow_up)
    assert [c.item_id for c in carried] == [open_item]
    # Marked done during the follow-up: still shown there, and the version says where it was done.
    plans.update_item(
        db, open_item, ActionItem("Adopt the policy", status=DONE), by="t", reviewed_in=follow_up
    )
    carried = plans.carried_items(db, follow_up)
    assert [(c.item_id, c.item.status, c.reviewed_in) for c in carried] == [
        (open_item, DONE, follow_up)
    ]
    assert plans.items(db, baseline)[0].item.status == DONE
    later = assess(db, {}, day=date(2028, 1, 1))
    assert plans.carried_items(db, later) == []  # done: nothing left to follow up
