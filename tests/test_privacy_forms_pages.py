"""Issue 22 on the newer forms (AppTest): a phone number, an e-mail address or a case number in a
budget's donor, a spending note or a document's title or note shows the personal-data warning;
nothing is saved until *Save anyway*, which saves and notes the override where its history shows
it (the action's, the subdomain's)."""

from datetime import date

from cpss.db import documents, investment
from cpss.db.personal_data import ACTION, ANSWER, overrides, place
from tests.document_support import PDF
from tests.test_documents_pages import open_documents
from tests.test_pages import app_db, start_assessment
from tests.test_plan_money_pages import open_plan_with_an_action
from tests.test_privacy_pages import warning_texts
from tests.test_trust_pages import all_text

PHONE = "Mr Otieno, +254 712 345 678"
WARNED = "This looks like personal data"


def warned(app) -> str:
    return "\n".join(w for w in warning_texts(app) if WARNED in w)


def seen_table(app):
    """The "saved anyway" table the page shows (the only one with the column)."""
    (table,) = [t.value for t in app.dataframe if "What was seen" in t.value.columns]
    return table


def spend_in_page(app, note: str) -> tuple[str, str, str]:
    """Open the plan with an action and add spending on it with ``note``; the assessment, the
    action and the money forms' key."""
    assessment_id, item_id = open_plan_with_an_action(app)
    key = f"money_{item_id}"
    app.date_input(key=f"{key}_on").set_value(date(2026, 4, 2))
    app.text_input(key=f"{key}_spent").input("12.50")
    app.text_input(key=f"{key}_note").input(note)
    app.button(key=f"{key}_spend_add").click().run()
    return assessment_id, item_id, key


def test_a_phone_number_as_the_donor_waits_for_save_anyway(app):
    assessment_id, item_id = open_plan_with_an_action(app)
    key = f"money_{item_id}"
    app.text_input(key=f"{key}_amount").input("100")
    app.selectbox(key=f"{key}_funder").set_value("donor")
    app.text_input(key=f"{key}_donor").input(PHONE)
    app.button(key=f"{key}_budget_save").click().run()
    assert not app.exception, app.exception
    assert "Donor's name: a phone number" in warned(app) and "+254 712 345 678" in warned(app)
    assert investment.budget(app_db(), item_id) is None

    app.button(key=f"{key}_budget_save_anyway").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert investment.budget(app_db(), item_id)[0].donor == PHONE
    assert not warned(app)
    noted = overrides(app_db(), assessment_id, place(ACTION, item_id))
    assert list(zip(noted["field"], noted["kinds"])) == [("donor", "phone")]
    table = seen_table(app)
    assert list(table["Field"]) == ["Donor's name"]
    assert list(table["What was seen"]) == ["a phone number"]


def test_an_email_in_a_spending_note_waits_and_edit_saves_nothing(app):
    assessment_id, item_id, key = spend_in_page(app, "Refund to a.b@example.org")
    assert "Note: an e-mail address" in warned(app)
    assert investment.spend_entries(app_db(), item_id).empty

    app.button(key=f"{key}_spend_edit").click().run()
    assert not warned(app) and investment.spend_entries(app_db(), item_id).empty
    assert app.text_input(key=f"{key}_note").value == "Refund to a.b@example.org"  # to change
    app.button(key=f"{key}_spend_add").click().run()
    app.button(key=f"{key}_spend_save_anyway").click().run()
    assert not app.exception and not app.error
    [entry] = investment.spend_entries(app_db(), item_id).itertuples()
    assert entry.note == "Refund to a.b@example.org"
    noted = overrides(app_db(), assessment_id, place(ACTION, item_id))
    assert list(zip(noted["field"], noted["kinds"])) == [("note", "email")]
    assert list(seen_table(app)["Field"]) == ["Note"]


def test_an_ordinary_note_is_added_without_a_warning(app):
    assessment_id, item_id, _ = spend_in_page(app, "Training hall, 2 days")
    assert not warned(app) and len(investment.spend_entries(app_db(), item_id)) == 1
    assert overrides(app_db(), assessment_id, place(ACTION, item_id)).empty


def test_a_case_number_in_a_document_waits_for_save_anyway(app):
    assessment_id = start_assessment(app, assessor="Ana")
    open_documents(app)
    app.get("file_uploader")[0].set_value(("law.pdf", PDF, "application/pdf"))
    app.text_input(key="document_title").input("Court order")
    app.text_input(key="document_note").input("Case CP-2023-00451, the family's file")
    app.button(key="attach_document").click().run()
    assert not app.exception, app.exception
    assert "Document note: a case or ID number" in warned(app)
    assert documents.listed(app_db(), assessment_id) == []

    app.button(key="document_save_anyway").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    [stored] = documents.listed(app_db(), assessment_id)
    assert (stored.title, stored.note) == ("Court order", "Case CP-2023-00451, the family's file")
    assert "Attached: Court order" in all_text(app) and not warned(app)
    noted = overrides(app_db(), assessment_id, place(ANSWER, "1.1"))
    assert list(zip(noted["field"], noted["kinds"])) == [("document_note", "id_number")]
    app.toggle(key="show_history").set_value(True).run()
    assert list(seen_table(app)["Field"]) == ["Document note"]


def test_the_document_warning_closes_on_another_subdomain(app):
    assessment_id = start_assessment(app)
    open_documents(app)
    app.get("file_uploader")[0].set_value(("law.pdf", PDF, "application/pdf"))
    app.text_input(key="document_title").input("Write to a.b@example.org")
    app.button(key="attach_document").click().run()
    assert "Document title: an e-mail address" in warned(app)
    app.button(key="next").click().run()
    assert not app.exception and not warned(app)
    assert documents.listed(app_db(), assessment_id) == []
