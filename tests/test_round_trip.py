"""Every export imports back: an assessment made through any of the app's features (answers,
reordered and dismissed priorities, action items, workshops, history, deletions), exported as JSON
or Excel, imports into an empty database with nothing lost and nothing called a conflict."""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpss.db import assessments, investment, lifecycle, plans, workshop_votes, workshops
from cpss.db.core import connect
from cpss.exchange.export import gather, to_excel, to_json
from cpss.exchange.importing import apply_import, read_file
from cpss.exchange.money_tables import EXCHANGED_TABLES
from cpss.model.answers import Answer
from cpss.model.assessments import FINAL
from cpss.model.errors import UserError
from cpss.model.investment import Budget, Spend
from cpss.model.plans import ActionItem, Review
from tests.trust_support import KENYA

WRITERS = {"export.json": to_json, "export.xlsx": to_excel}
SUBDOMAINS = ("1.1", "1.2", "2.3", "3.1", "7.1")
CHOICES = st.sampled_from([1, 2, 3, 4, "dont_know"])
_files = itertools.count()


def history(db, ids: list[str]) -> dict:
    """The history tables of these assessments, as an export reads them (votes are not imported)."""
    bundle = gather(db, ids)
    return {t.name: bundle[t.name] for t in EXCHANGED_TABLES}


def round_trip(framework, tmp_path, source, ids: list[str], name: str):
    """Import the export of ``ids`` into an empty database: no conflict, nothing lost, and the
    same file a second time finds everything already here."""
    data = WRITERS[name](framework, gather(source, ids))
    target = connect(tmp_path / f"target-{next(_files)}.duckdb")
    try:
        db = target.db()
        plan = read_file(name, data, framework)(db)
        assert not plan.conflicts
        apply_import(db, plan)
        assert history(db, ids) == history(source, ids)
        assert read_file(name, data, framework)(db).is_known
    finally:
        target.close()


@pytest.mark.parametrize("name", list(WRITERS))
def test_reordered_priorities_with_none_dismissed(db, framework, tmp_path, name):
    """The unedited Excel export of an assessment whose priorities were only reordered imports
    (an empty "Dismissed priorities" cell is no dismissed priority, not a missing value)."""
    assessment_id = assessments.create(db, KENYA, framework.version, "Amina")
    plans.save_review(db, assessment_id, Review(("2.3", "1.1"), ()), "Amina")
    plans.save_review(db, assessment_id, Review((), ("1.1",)), "Amina")
    round_trip(framework, tmp_path, db, [assessment_id], name)


def _answer(db, a, data):
    choice = data.draw(CHOICES)
    answer = Answer(rationale="why", confidence="high").with_choice(choice)
    assessments.save_answer(db, a, data.draw(st.sampled_from(SUBDOMAINS)), answer, "Amina")


def _review(db, a, data):
    ordering = data.draw(st.lists(st.sampled_from(SUBDOMAINS), unique=True, max_size=3))
    dismissed = data.draw(st.lists(st.sampled_from(SUBDOMAINS), unique=True, max_size=2))
    plans.save_review(db, a, Review(tuple(ordering), tuple(dismissed)), "Amina")


def _item(db, a, data):
    item = plans.add_item(db, a, ActionItem("Train staff", "Ministry", date(2026, 9, 1)), "Jo")
    if data.draw(st.booleans()):
        status = data.draw(st.sampled_from(["in_progress", "done", "dropped"]))
        plans.update_item(db, item, ActionItem("Train staff", "Ministry", None, status), "Jo")


def _money(db, a, data):
    item = plans.add_item(db, a, ActionItem("Fund the unit", subdomain_id="2.3"), "Jo")
    amount = data.draw(st.sampled_from([D("0.01"), D("1250.50"), D("9999999999999.99")]))
    investment.set_budget(db, item, Budget(amount, "XOF", "donor", "Fonds Ü"), "Jo")
    investment.set_shares(db, item, {"2.3": D("0.333333"), "1.1": D("0.666667")}, "Jo")
    entry = investment.add_spend(db, item, Spend(date(2026, 2, 3), D("0.10"), "EUR", "=1+1"), "Jo")
    if data.draw(st.booleans()):
        investment.remove_spend(db, entry, "Jo")


def _workshop(db, a, data):
    workshop = workshops.start(db, a, True, "Facilitator")
    workshops.open_subdomain(db, workshop.id, "1.1", "Facilitator")
    token = workshop_votes.join(db, workshop.id, data.draw(st.sampled_from(["", "Ana", "Бо"])))
    workshop_votes.vote(db, workshop.id, token, "1.1", data.draw(CHOICES), "a comment")
    agreed = Answer(rationale="the room agreed").with_choice(data.draw(CHOICES))
    workshops.record_consensus(db, workshop.id, "1.1", agreed, "Facilitator")


def _details(db, a, data):
    title = data.draw(st.sampled_from(["Revised", "Évaluation 2", "=see annex 3"]))
    details = replace(assessments.assessment(db, a).details, title=title)
    lifecycle.edit_details(db, a, details, "Jo")


def _restore(db, a, data):
    seq = db.value("SELECT min(seq) FROM ratings WHERE assessment_id = :id", {"id": a})
    if seq is not None:
        sub = db.value("SELECT subdomain_id FROM ratings WHERE seq = :seq", {"seq": seq})
        lifecycle.restore_answer(db, a, sub, seq, "Jo")


def _status(db, a, data):
    assessments.set_status(db, a, data.draw(st.sampled_from([FINAL, "draft"])), "Jo")


def _delete(db, a, data):
    lifecycle.delete(db, a, "Jo")
    lifecycle.undo_delete(db, a, "Jo")


STEPS = [_answer, _review, _item, _money, _workshop, _details, _restore, _status, _delete]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_export_imports_back(framework, tmp_path, data):
    source = connect(tmp_path / f"source-{next(_files)}.duckdb")
    try:
        db = source.db()
        ids = [assessments.create(db, KENYA, framework.version, "Amina") for _ in range(2)]
        for step in data.draw(st.lists(st.sampled_from(STEPS), min_size=1, max_size=10)):
            with contextlib.suppress(UserError):  # e.g. a change to a final assessment
                step(db, data.draw(st.sampled_from(ids)), data)
        round_trip(framework, tmp_path, db, ids, data.draw(st.sampled_from(list(WRITERS))))
    finally:
        source.close()


@pytest.mark.parametrize("name", list(WRITERS))
def test_budgets_shares_and_spending_import_back_exactly(db, framework, tmp_path, name):
    """Money goes out as exact decimal text in JSON ("1250.50") and as numbers in Excel, and
    comes back to the cent; its history (a removed entry, an unlinked subdomain) with it."""
    assessment_id = assessments.create(db, KENYA, framework.version, "Amina")
    item = plans.add_item(db, assessment_id, ActionItem("Fund the unit", subdomain_id="2.3"), "Jo")
    investment.set_budget(db, item, Budget(D("1250.50"), "USD", "unicef"), "Jo")
    investment.set_shares(db, item, {"2.3": None, "1.1": None}, "Jo")
    investment.set_shares(db, item, {"2.3": None}, "Jo")
    entry = investment.add_spend(db, item, Spend(date(2026, 2, 3), D("0.10"), "EUR", "tea"), "Jo")
    investment.add_spend(db, item, Spend(date(2026, 2, 4), D("0.20"), "EUR"), "Jo")
    investment.remove_spend(db, entry, "Jo")
    data = WRITERS[name](framework, gather(db, [assessment_id]))
    if name.endswith(".json"):
        assert '"amount": "1250.50"' in data.decode("utf-8")
    round_trip(framework, tmp_path, db, [assessment_id], name)


def test_a_budget_changed_on_both_sides_is_a_conflict(db, framework, tmp_path):
    """As for answers: the budget recorded here stays unless the user takes the file's."""
    assessment_id = assessments.create(db, KENYA, framework.version, "Amina")
    item = plans.add_item(db, assessment_id, ActionItem("Fund the unit"), "Jo")
    investment.set_budget(db, item, Budget(D("100.00"), "USD"), "Jo")
    first = to_json(framework, gather(db, [assessment_id]))
    target = connect(tmp_path / "office.duckdb")
    try:
        here = target.db()
        apply_import(here, read_file("a.json", first, framework)(here))
        investment.set_budget(db, item, Budget(D("150.00"), "USD"), "Jo")  # in the file
        investment.set_budget(here, item, Budget(D("120.00"), "USD"), "Ana")  # here, newer
        second = to_json(framework, gather(db, [assessment_id]))
        plan = read_file("b.json", second, framework)(here)
        [conflict] = plan.conflicts
        assert conflict.here.startswith("120.00 USD") and conflict.incoming.startswith("150.00")
        apply_import(here, plan)
        assert investment.budget(here, item)[0].amount == D("120.00")  # the local one stays
        plan = read_file("b.json", second, framework)(here)
        apply_import(here, plan, take_file={plan.conflicts[0].key})
        assert investment.budget(here, item)[0].amount == D("150.00")
    finally:
        target.close()
