"""Pages through ``app.py`` with AppTest: what a user sees and what ends up stored."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from cpss.db import assessments
from cpss.db.core import Db
from cpss.model.answers import Answer
from tests.conftest import ROOT

PAGES = [
    "app_pages/home.py",
    "app_pages/assess.py",
    "app_pages/dashboard.py",
    "app_pages/plan.py",
    "app_pages/investment.py",
    "app_pages/change.py",
    "app_pages/compare.py",
    "app_pages/map.py",
    "app_pages/exchange.py",
    "app_pages/benchmark.py",
    "app_pages/privacy.py",
]


def texts(at, kind="markdown"):
    return [element.value for element in getattr(at, kind)]


def start_assessment(at, country="KEN", title="National baseline 2026", assessor=""):
    at.selectbox(key="new_country").set_value(country)
    at.text_input(key="new_title").input(title)
    at.text_input(key="new_assessor").input(assessor)
    at.button(key="new_start").click().run()
    assert not at.exception, at.exception
    return at.query_params["assessment"]


DEMO_TITLE = "Demoland (fictional country) · DEMO · Follow-up 2026 (fictional data)"
NO_ASSESSMENT = "No assessment yet: start one, or load the demo, on the Assessments page."
# Per page, on an empty database and then with the demo loaded: its heading (element kind, text)
# and one thing it must show (element kind, the start of the text).
PAGE_SHOWS = {
    "app_pages/home.py": (
        [("title", "CPSS self-assessment"), ("caption", "None yet. Start one, or load the demo")],
        [("title", "CPSS self-assessment"), ("markdown", "**Your assessments** (2)")],
    ),
    "app_pages/assess.py": (
        [("title", "Walk-through"), ("info", "Choose or start an assessment first.")],
        [("header", DEMO_TITLE), ("markdown", "**1 · System Building**")],
    ),
    "app_pages/dashboard.py": (
        [("title", "Dashboard"), ("info", NO_ASSESSMENT)],
        [
            ("title", "Dashboard"),
            ("caption", "Previous: DEMO · National baseline 2023 (fictional data)"),
        ],
    ),
    "app_pages/investment.py": (
        [("title", "Investment"), ("info", NO_ASSESSMENT)],
        [("title", "Investment"), ("markdown", "## Value of investment")],
    ),
    "app_pages/plan.py": (
        [("title", "Priorities and action plan"), ("info", NO_ASSESSMENT)],
        [
            ("title", "Priorities and action plan"),
            ("markdown", "**1. 2.3 Availability of intra- and"),
        ],
    ),
    "app_pages/change.py": (
        [("title", "Change over time"), ("info", NO_ASSESSMENT)],
        [
            ("title", "Change over time"),
            ("warning", "Some subdomains moved back to a lower phase."),
        ],
    ),
    "app_pages/compare.py": (
        [("title", "Compare assessments"), ("info", "No assessment matches these filters.")],
        [("title", "Compare assessments"), ("caption", "2 assessments match.")],
    ),
    "app_pages/map.py": (  # the demo's country is fictional: never on the map
        [("title", "Map"), ("markdown", "0 of 250 countries have a final assessment.")],
        [("title", "Map"), ("markdown", "0 of 250 countries have a final assessment.")],
    ),
    "app_pages/exchange.py": (
        [
            ("title", "Reports & data"),
            ("info", "No assessment yet: start one on the Assessments page"),
        ],
        [("title", "Reports & data"), ("caption", "The report of this assessment: cover, summary")],
    ),
    "app_pages/benchmark.py": (
        [
            ("title", "Child Protection Systems Strengthening Benchmarks"),
            ("markdown", "## How to read the benchmarks"),
        ],
        [
            ("title", "Child Protection Systems Strengthening Benchmarks"),
            ("markdown", "## How to read the benchmarks"),
        ],
    ),
    "app_pages/privacy.py": (
        [
            ("title", "Data and privacy"),
            ("markdown", "This app assesses a child protection system"),
        ],
        [
            ("title", "Data and privacy"),
            ("markdown", "This app assesses a child protection system"),
        ],
    ),
}


def unescaped(at, kind):
    """The texts of ``kind`` elements as a reader sees them (Markdown's backslash escapes removed)."""
    return [re.sub(r"\\(.)", r"\1", text) for text in texts(at, kind)]


def assert_shows(at, expected):
    """``at`` shows the heading (first element of its kind, whole) and the text (some element of
    its kind starts with it) of ``expected``, and no error."""
    (heading_kind, heading), (kind, start) = expected
    assert not at.exception and not at.error
    assert unescaped(at, heading_kind)[:1] == [heading]
    assert [text for text in unescaped(at, kind) if text.startswith(start)], (
        start,
        unescaped(at, kind),
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_empty_and_with_the_demo(app, page):
    empty, with_demo = PAGE_SHOWS[page]
    app.switch_page(page).run()
    assert_shows(app, empty)
    app.switch_page("app_pages/home.py").run()
    app.button(key="load_demo").click().run()
    app.switch_page(page).run()
    assert_shows(app, with_demo)


def test_home_lists_the_demo_clearly_labelled(app):
    app.button(key="load_demo").click().run()
    assert "**Your assessments** (2)" in texts(app)
    titles = [t for t in texts(app) if t.startswith("Demoland")]
    assert titles == [
        "Demoland \\(fictional country\\) · DEMO · Follow\\-up 2026 \\(fictional data\\)",
        "Demoland \\(fictional country\\) · DEMO · National baseline 2023 \\(fictional data\\)",
    ]


def test_full_solo_walkthrough_stores_19_answers(app, framework):
    assessment_id = start_assessment(app, assessor="Amina")
    assert app.query_params["subdomain"] == "1.1"
    choices = [1, 2, 3, 4, "dont_know"]
    for index, subdomain in enumerate(framework.subdomains):
        assert app.query_params["subdomain"] == subdomain.id
        app.radio(key="choice").set_value(choices[index % len(choices)]).run()
        app.radio(key="confidence").set_value("high").run()
        assert [s.value for s in app.success][-1].startswith("✓ Saved at")
        if subdomain is not framework.subdomains[-1]:
            app.button(key="next").click().run()
    assert app.get("progress")[0].proto.text == "19 of 19 subdomains answered"
    db = app_db()
    answers = assessments.current_answers(db, assessment_id)
    assert len(answers) == 19 and all(
        a.is_answered and a.confidence == "high" for a in answers.values()
    )
    assert answers["1.1"].phase == 1 and answers["2.3"].status == "dont_know"


def app_db() -> Db:
    """A ``Db`` on the app's own process-wide connection, as the single-user administrator."""
    from ui.resources import connection

    return connection().db()


def test_the_answered_count_follows_answers_given_elsewhere(app):
    assessment_id = start_assessment(app)
    assert app.get("progress")[0].proto.text == "0 of 19 subdomains answered"
    assessments.save_answer(app_db(), assessment_id, "1.1", Answer("phase", 2), by="another tab")
    app.toggle(key="show_history").set_value(True).run()  # redraws the editor, saves nothing
    assert app.get("progress")[0].proto.text == "1 of 19 subdomains answered"


def test_the_four_phase_texts_of_the_open_subdomain_are_shown_as_typed(app, framework):
    """The open subdomain's four criteria, as plain text, each under its phase's name (3.1's
    drafted text with its note); the choice offers the phases, "Don't know", "Not applicable"."""
    start_assessment(app)
    app.selectbox(key="jump").set_value("3.1").run()
    sub = framework.subdomain("3.1")
    assert [element.value for element in app.text] == [
        sub.criteria[p.number] for p in framework.phases
    ]
    for phase in framework.phases:
        assert f"**{phase.number} · {phase.name}**" in texts(app)
    assert any(
        "Drafted text, not from the UNICEF source" in caption for caption in texts(app, "caption")
    )
    assert app.radio(key="choice").options == [p.label for p in framework.phases] + [
        "Don't know",
        "Not applicable",
    ]


def test_not_applicable_needs_a_reason(app):
    assessment_id = start_assessment(app)
    app.radio(key="choice").set_value("not_applicable").run()
    assert texts(app, "error") == [
        'Not saved: "Not applicable" needs a reason: write it in the rationale, then it is saved.'
    ]
    assert app.text_area(key="rationale").label == "Rationale (needed for Not applicable)"
    app.text_area(key="rationale").input("No sub-national level in this country").run()
    assert not app.error
    assert assessments.current_answers(app_db(), assessment_id)["1.1"].status == "not_applicable"


def test_target_stays_at_or_above_the_current_phase(app):
    assessment_id = start_assessment(app)
    app.radio(key="choice").set_value(2).run()
    app.selectbox(key="target").set_value(3).run()
    app.radio(key="choice").set_value(4).run()
    assert app.selectbox(key="target").value == 4
    assert app.selectbox(key="target").options == [
        "Not set (next phase assumed)",
        "4 · System Maturity",
    ]
    answer = assessments.current_answers(app_db(), assessment_id)["1.1"]
    assert (answer.phase, answer.target) == (4, 4)


def test_resume_opens_where_the_user_stopped(app):
    assessment_id = start_assessment(app)
    app.selectbox(key="jump").set_value("5.2").run()
    app.radio(key="choice").set_value(3).run()
    later = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # a new browser tab
    later.run()
    later.button(key=f"open_{assessment_id}").click().run()
    assert later.query_params["subdomain"] == "5.2"
    assert later.radio(key="choice").value == 3


def test_user_text_is_shown_as_typed(app):
    start_assessment(app, title="**Bold** <b>html</b> [link](http://x)")
    header = next(iter(texts(app, "header")))
    assert "\\*\\*Bold\\*\\* \\<b\\>html\\</b\\> \\[link\\]\\(http\\:" in header


def test_final_assessment_is_read_only(app):
    start_assessment(app)
    app.button(key="mark_final").click().run()
    assert app.radio(key="choice").disabled and app.text_area(key="evidence").disabled
    assert "read-only until it is reopened" in texts(app, "warning")[0]
    app.button(key="reopen").click().run()
    assert not app.radio(key="choice").disabled


def test_the_walkthrough_from_the_menu_opens_the_latest_work(app):
    """Opened without an assessment in the address, the walk-through continues the most recently
    changed assessment (with none, it says to choose or start one)."""
    app.switch_page("app_pages/assess.py").run()
    assert texts(app, "info") == ["Choose or start an assessment first."]
    app.switch_page("app_pages/home.py").run()
    app.button(key="load_demo").click().run()
    from ui.resources import db

    demo = assessments.list_all(db())["id"].tolist()
    baseline = min(demo, key=lambda i: assessments.assessment(db(), i).created_at)
    assessments.set_status(db(), baseline, "draft", by="test")  # reopened: the one changed last
    app.switch_page("app_pages/assess.py").run()
    assert not app.exception and "Choose or start an assessment first." not in texts(app, "info")
    assert app.query_params["assessment"] in ([baseline], baseline)
    subdomain = app.query_params["subdomain"]
    subdomain = subdomain[0] if isinstance(subdomain, list) else subdomain
    stored = assessments.current_answers(db(), baseline)[
        subdomain
    ]  # the demo's answer, in the editor
    assert stored.is_answered and app.radio(key="choice").value == stored.choice


def test_marking_final_shows_the_stored_answers_not_a_stale_choice(app):
    """Another tab answered the open subdomain since this page drew it: once the assessment is
    final (read-only), the page shows the stored answer, not the one this page last had."""
    assessment_id = start_assessment(app)
    app.radio(key="choice").set_value(1).run()
    from ui.resources import db

    assessments.save_answer(db(), assessment_id, "1.1", Answer().with_choice(3), by="another tab")
    app.button(key="mark_final").click().run()
    assert app.radio(key="choice").value == 3


def test_a_broken_framework_file_is_reported_not_raised(db_path, tmp_path, monkeypatch, caplog):
    bad = tmp_path / "national.yaml"
    bad.write_text("name: X\nversion: '1'\n", encoding="utf-8")
    monkeypatch.setenv("CPSS_FRAMEWORK", str(bad))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    # visitors read a plain line; the file's path and the fault are the administrator's (the log)
    assert texts(at, "error") == [
        "The app cannot read its assessment framework file; the "
        "administrator has the details in the server's log."
    ]
    assert [r.getMessage() for r in caplog.records if r.name == "cpss"] == [
        f"{bad}, line 1, top level: missing key 'source'."
    ]
