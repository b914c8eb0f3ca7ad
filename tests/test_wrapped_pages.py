"""Every word of the frame, the ui helpers and the assessment, workshop and sign-in pages goes
through the translation layer (issue 17): under a pseudo-translation that marks each message
(«...»), nothing a user reads on these pages is left unmarked, except what users typed and the
benchmark's own texts. The catalogue is made here from Babel's extraction of the app's files, so
the test needs no translator and fails on any string left unwrapped."""

from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po
from streamlit.testing.v1 import AppTest

import cpss.i18n
from cpss.db import assessments, workshop_votes, workshops
from cpss.model.assessments import AssessmentDetails
from cpss.model.framework_file import load_framework
from tests.conftest import ROOT
from tests.test_pages import app_db
from ui.widgets import plain

# The files whose strings are checked here (the other pages have their own engineer's tests).
FILES = [
    "app.py",
    *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "ui").glob("*.py")),
    *(f"app_pages/{name}.py" for name in ("home", "assess", "workshop", "join", "signin")),
    "app_pages/frameworks.py",
    "app_pages/local_only.py",
]
KEYWORDS = {"_": None, "N_": None, "tr": None, "ngettext": (1, 2)}
KENYA = AssessmentDetails("KEN", "Kenya", "Baseline 2026", date(2026, 3, 1), "", "Amina")
USER_TEXT = ("Kenya", "Baseline 2026", "Amina")  # what the test typed: never translated
REFUSAL = "Not allowed: {who} may not vote."  # a cpss message id, as a UserError carries it


def pseudo(message: str) -> str:
    return f"«{message}»"


@pytest.fixture
def pseudo_french(tmp_path, monkeypatch):
    """French is every extracted message of :data:`FILES` between « and »."""
    catalogue = Catalog(locale="fr")
    for name in FILES:
        for _line, message, _comments, _context in extract_from_file(
            "python", ROOT / name, keywords=KEYWORDS
        ):
            if isinstance(message, tuple):
                # Every plural form French has (three: 1, a million, others), marked.
                forms = range(catalogue.num_plurals)
                catalogue.add(message, tuple(pseudo(message[min(n, 1)]) for n in forms))
            else:
                catalogue.add(message, pseudo(message))
    catalogue.add(REFUSAL, pseudo(REFUSAL))
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "cpss.po").open("wb") as po:
        write_po(po, catalogue)
    monkeypatch.setattr(cpss.i18n, "LOCALES", tmp_path / "locales")
    cpss.i18n.text.cache_clear()
    yield catalogue
    cpss.i18n.text.cache_clear()


def french_app(db_path: Path, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(lang="fr", **params)
    at.run()
    assert not at.exception, at.exception
    return at


def benchmark_texts() -> set[str]:
    """The framework's own words (phase names, outcome and subdomain titles, the working
    translation's notice), in English and in the French working translation: they come from the
    framework files, not from the interface's catalogue (tests/test_translations.py)."""
    from cpss.model.translation_file import load_translation

    words = set()
    for bench in (load_translation("en"), load_translation("fr")):
        words |= {phase.label for phase in bench.phases} | {bench.translation_notice} - {""}
        words |= {outcome.label for outcome in bench.outcomes}
        words |= {subdomain.label for subdomain in bench.subdomains}
    return words


TEXT_KINDS = ("title", "markdown", "caption", "info", "warning", "error", "success")
WIDGET_KINDS = (
    "button", "text_input", "text_area", "selectbox", "radio", "toggle", "checkbox", "date_input"
)  # fmt: skip


def unmarked(at: AppTest, *codes: str) -> list[str]:
    """What the page shows that is neither marked as translated, nor typed, nor the framework's,
    nor holds one of ``codes`` (a join code, a link: no words)."""
    shown = [element.value for kind in TEXT_KINDS for element in getattr(at, kind)]
    shown += [widget.label for kind in WIDGET_KINDS for widget in getattr(at, kind)]
    shown += [widget.placeholder for widget in at.text_input if widget.placeholder]
    shown += [expander.label for expander in at.expander]
    bench = {plain(text) for text in benchmark_texts()}
    return [
        text
        for text in shown
        if "«" not in text
        and not any(own in text for own in (*USER_TEXT, *bench, *codes))
        and text.strip("·✓○▸ ")
    ]


def test_the_assessments_page_has_no_unwrapped_word(db_path, pseudo_french):
    at = french_app(db_path)
    assert at.title[0].value == "«CPSS self-assessment»"
    assert unmarked(at) == []
    assessments.create(app_db(), KENYA, "v1", by="Amina")
    at.run()
    assert unmarked(at) == []
    assert at.button(key="load_demo").label == "«Load the demo assessments (fictional country)»"


def test_the_walk_through_has_no_unwrapped_word(db_path, pseudo_french):
    assessment_id = assessments.create(app_db(), KENYA, "v1", by="Amina")
    at = french_app(db_path, assessment=assessment_id, subdomain="1.1")
    at.switch_page("app_pages/assess.py").run()
    at.toggle(key="manage_assessment").set_value(True).run()
    at.radio(key="choice").set_value(2).run()
    at.toggle(key="show_history").set_value(True).run()
    assert not at.exception, at.exception
    assert unmarked(at) == []
    assert at.radio(key="confidence").options == ["«Low»", "«Medium»", "«High»"]


def test_the_workshop_pages_have_no_unwrapped_word(db_path, pseudo_french):
    db = app_db()
    assessment_id = assessments.create(db, KENYA, "v1", by="Amina")
    workshop = workshops.start(db, assessment_id, True, by="Amina")
    at = french_app(db_path, assessment=assessment_id, workshop=workshop.id)
    at.switch_page("app_pages/workshop.py").run()
    code = workshop.code
    assert unmarked(at, code, code[:3]) == []  # the code, and spaced out for the room
    token = workshop_votes.join(db, workshop.id, "Ana")
    workshops.open_subdomain(db, workshop.id, "1.1", by="Amina")
    workshop_votes.vote(db, workshop.id, token, "1.1", 2, "")
    at.run()
    assert unmarked(at, code, code[:3]) == []
    participant = french_app(db_path, join=workshop.code, p=token)
    assert unmarked(participant) == []
    assert participant.success[0].value.startswith("«Your vote is saved")


def test_the_frameworks_page_has_no_unwrapped_word(db_path, pseudo_french):
    from tests.test_frameworks_page import NEW_TEXT, NEW_TITLE, NEW_VERSION, adapted_template

    at = french_app(db_path)
    at.switch_page("app_pages/frameworks.py").run()
    at.file_uploader(key="fw_upload").upload("kenya.xlsx", adapted_template()).run()
    assert not at.exception, at.exception
    bundled = load_framework()
    texts = (NEW_TEXT, NEW_TITLE, NEW_VERSION, bundled.version, bundled.subdomain("1.1").title)
    old_text = bundled.subdomain("1.1").criteria[1]
    assert unmarked(at, *(plain(text) for text in (*texts, old_text))) == []
    assert at.button(key="fw_publish").label == "«Publish»"


def refusal_page() -> None:
    """A page that shows a refusal quoting what someone typed (markup included)."""
    import streamlit as st

    from cpss.model.errors import UserError
    from ui.widgets import message

    st.error(message(UserError("Not allowed: {who} may not vote.", who="a_b")))


def test_a_refusal_is_shown_in_the_session_language_and_escaped(pseudo_french):
    at = AppTest.from_function(refusal_page)
    at.query_params["lang"] = "fr"
    at.run()
    assert [error.value for error in at.error] == ["«Not allowed: a\\_b may not vote.»"]
    at = AppTest.from_function(refusal_page)
    at.query_params["lang"] = "en"
    at.run()
    assert [error.value for error in at.error] == ["Not allowed: a\\_b may not vote."]


def test_the_sign_in_page_has_no_unwrapped_word(db_path, pseudo_french, monkeypatch):
    monkeypatch.setenv("CPSS_MODE", "team")
    at = french_app(db_path)
    assert at.title[0].value == "«Sign in»"
    assert unmarked(at) == []
