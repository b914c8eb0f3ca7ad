"""Issue 22 on the newer forms, in storage on both engines: a budget's donor, a spending note and
a document's title and note saved after the personal-data warning note the override in the same
write (where, which field, what kinds, who, when; never the text), and a refused save notes none."""

from datetime import date
from decimal import Decimal

import pytest

from cpss.db import assessments, documents, investment, plans
from cpss.db.personal_data import ACTION, ANSWER, overrides, place
from cpss.model.documents import NewDocument
from cpss.model.errors import UserError
from cpss.model.investment import DONOR, Budget, Spend
from cpss.model.plans import ActionItem
from tests.document_support import PDF
from tests.test_privacy import KENYA, PHONE


@pytest.fixture
def assessment_id(db) -> str:
    return assessments.create(db, KENYA, "v1", by="Amina")


@pytest.fixture
def item_id(db, assessment_id) -> str:
    return plans.add_item(db, assessment_id, ActionItem("Train staff", subdomain_id="1.1"), "Amina")


def never_the_text(noted) -> bool:
    return "+254" not in " ".join(noted.astype(str).to_numpy().ravel())


def test_a_donor_and_a_spending_note_note_their_override_at_the_action(db, assessment_id, item_id):
    budget = Budget(Decimal("5000.00"), "USD", DONOR, f"Mr Otieno {PHONE}")
    investment.set_budget(db, item_id, budget, "Amina", overridden={"donor": ["phone"]})
    spend = Spend(date(2026, 2, 1), Decimal("100.00"), "USD", "Paid to a.b@example.org")
    investment.add_spend(db, item_id, spend, "Bo", overridden={"note": ["email"]})
    investment.add_spend(db, item_id, Spend(date(2026, 2, 2), Decimal("1.00"), "USD"), "Bo")
    noted = overrides(db, assessment_id, place(ACTION, item_id))
    assert list(zip(noted["field"], noted["kinds"], noted["recorded_by"])) == [
        ("note", "email", "Bo"),
        ("donor", "phone", "Amina"),
    ]
    assert noted["recorded_at"].notna().all() and never_the_text(noted)
    assert investment.budget(db, item_id)[0].donor == budget.donor


def test_a_refused_budget_or_spending_notes_no_override(db, assessment_id, item_id):
    with pytest.raises(UserError):
        investment.set_budget(
            db,
            "no such item",
            Budget(Decimal("1.00"), "USD", DONOR, PHONE),
            "Amina",
            overridden={"donor": ["phone"]},
        )
    with pytest.raises(UserError):  # no such item: the check runs inside the write
        spend = Spend(date(2026, 2, 1), Decimal("1.00"), "USD", PHONE)
        investment.add_spend(db, "no such item", spend, "Amina", overridden={"note": ["phone"]})
    assert overrides(db, assessment_id, place(ACTION, item_id)).empty


def test_a_document_notes_its_override_at_the_subdomain(db, assessment_id):
    new = NewDocument("law.pdf", PDF, f"Call {PHONE}", "case CP-2023-00451")
    kinds = {"document_title": ["phone"], "document_note": ["id_number"]}
    documents.attach(db, assessment_id, "1.2", new, "Amina", overridden=kinds)
    documents.attach(db, assessment_id, "1.3", NewDocument("act.pdf", PDF, "Act"), "Amina")
    noted = overrides(db, assessment_id, place(ANSWER, "1.2"))
    assert sorted(zip(noted["field"], noted["kinds"])) == [
        ("document_note", "id_number"),
        ("document_title", "phone"),
    ]
    assert set(noted["recorded_by"]) == {"Amina"} and never_the_text(noted)
    assert overrides(db, assessment_id, place(ANSWER, "1.3")).empty


def test_a_refused_document_notes_no_override(db, assessment_id):
    new = NewDocument("law.pdf", b"only words", f"Call {PHONE}")
    with pytest.raises(UserError):
        documents.attach(db, assessment_id, "1.2", new, "Amina", overridden={"title": ["phone"]})
    assert overrides(db, assessment_id, place(ANSWER, "1.2")).empty
