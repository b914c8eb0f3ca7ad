"""Pages show the framework version an assessment was made on, after a newer one is published."""

from datetime import date

from cpss.db import assessments, frameworks
from cpss.db.core import connect
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from tests.framework_support import rename_and_split, revised
from tests.test_pages import start_assessment, texts

V1_TITLE = "3.1 Modelling, testing and scaling of child protection services"
V2_TITLE = "3.1 Services modelled and scaled (revised)"


def shown(app):
    """The walk-through's headings as read (markdown escapes taken out)."""
    return [h.replace("\\", "") for h in texts(app, "markdown")]


def jump_to(app, subdomain_id):
    app.query_params["subdomain"] = subdomain_id
    app.switch_page("app_pages/assess.py").run()
    assert not app.exception, app.exception


def test_the_walk_through_keeps_v1_texts_after_v2_is_published(app, app_database):
    old = start_assessment(app, title="On v1")
    connection = connect(app_database)  # an administrator publishes, as another process would
    try:
        frameworks.publish(connection.db(), revised(rename_and_split))
    finally:
        connection.close()
    app.query_params["assessment"] = old
    jump_to(app, "3.1")
    headings = shown(app)
    assert any(V1_TITLE in h for h in headings), headings
    assert not any("revised" in h for h in headings)
    app.switch_page("app_pages/home.py").run()
    new = start_assessment(app, title="On v2")
    assert new != old
    jump_to(app, "3.1")
    headings = shown(app)
    assert any(V2_TITLE in h for h in headings), headings


def test_change_over_time_across_a_rename_and_a_split(app):
    from ui.resources import db

    baseline = new_assessment(db(), date(2023, 3, 1), [("1.1", 2), ("2.1", 3), ("3.1", 1)])
    frameworks.publish(db(), revised(rename_and_split))
    newest = frameworks.newest(db(), "unicef-cpss")
    answers = [("1.9", 3), ("2.1a", 3), ("2.1b", 4), ("3.1", 1)]
    followup = new_assessment(db(), date(2026, 3, 1), answers, newest)
    app.query_params.update(baseline=baseline, followup=followup)
    app.switch_page("app_pages/change.py").run()
    assert not app.exception, app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert (metrics["Moved up"], metrics["No change"]) == ("2", "2")
    assert metrics["Answered in neither"] == "16"  # the 20 subdomains of v2, each once
    assert texts(app, "info")[0].startswith("The baseline was made on version UNICEF 2021\\-09")
    assert [c.replace("\\", "") for c in texts(app, "caption") if "baseline's answer" in c] == [
        "1.9 Understanding and articulation of national child protection systems: the "
        "baseline's answer to 1.1 (renamed, split or merged).",
        "2.1a First half: the baseline's answer to 2.1 (renamed, split or merged).",
        "2.1b Second half: the baseline's answer to 2.1 (renamed, split or merged).",
    ]
    assert texts(app, "warning") == []  # every v1 subdomain has a counterpart


def new_assessment(db, day, answers, framework_hash=None):
    """An assessment of Kenya on ``day`` answering ``answers`` (subdomain id, phase)."""
    details = AssessmentDetails("KEN", "Kenya", f"On {day}", day, "")
    found = assessments.create(db, details, "x", by="t", framework_hash=framework_hash)
    for subdomain_id, phase in answers:
        assessments.save_answer(db, found, subdomain_id, Answer("phase", phase), by="t")
    return found
