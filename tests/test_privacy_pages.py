"""Issue 22 part A on the pages: the personal-data warning before saving (walk-through), the
override in the subdomain's history, the join notice before the name box, the privacy page."""

from cpss.db import assessments
from cpss.db.personal_data import ANSWER, overrides, place
from tests.test_pages import app_db, start_assessment

PHONE = "Confirmed by the district officer on +254 712 345 678."


def warning_texts(app) -> list[str]:
    return [w.value for w in app.warning]


def test_a_phone_number_in_the_evidence_is_not_saved_before_save_anyway(app):
    assessment_id = start_assessment(app)
    app.text_area(key="evidence").input(PHONE).run()
    assert not app.exception, app.exception
    shown = "\n".join(warning_texts(app))
    assert "This looks like personal data" in shown and "+254 712 345 678" in shown
    assert "a phone number" in shown
    assert "1.1" not in assessments.current_answers(app_db(), assessment_id)

    app.button(key="answer_save_anyway").click().run()
    assert not app.exception, app.exception
    assert assessments.current_answers(app_db(), assessment_id)["1.1"].evidence == PHONE
    noted = overrides(app_db(), assessment_id, place(ANSWER, "1.1"))
    assert list(noted["field"]) == ["evidence"] and list(noted["kinds"]) == ["phone"]
    assert not any("This looks like personal data" in w for w in warning_texts(app))

    app.toggle(key="show_history").set_value(True).run()
    (table,) = [t.value for t in app.dataframe if "What was seen" in t.value.columns]
    assert list(table["Field"]) == ["Evidence or means of verification"]
    assert list(table["What was seen"]) == ["a phone number"]


def test_edit_closes_the_warning_and_saves_nothing(app):
    assessment_id = start_assessment(app)
    app.text_area(key="evidence").input("Case CP-2023-00451 was reviewed.").run()
    app.button(key="answer_edit").click().run()
    assert not any("This looks like personal data" in w for w in warning_texts(app))
    assert "1.1" not in assessments.current_answers(app_db(), assessment_id)
    app.text_area(key="evidence").input("Case files reviewed in 4 counties.").run()
    assert assessments.current_answers(app_db(), assessment_id)["1.1"].evidence.startswith("Case")
    assert overrides(app_db(), assessment_id, place(ANSWER, "1.1")).empty


def test_ordinary_evidence_saves_without_a_warning(app):
    assessment_id = start_assessment(app)
    app.text_area(key="evidence").input("Children Act 2022, section 9; budget KES 2,450,000").run()
    assert not any("personal data" in w for w in warning_texts(app))
    assert "2,450,000" in assessments.current_answers(app_db(), assessment_id)["1.1"].evidence
