"""The Frameworks page with AppTest: the list, the template round trip (change three cells, upload,
preview, publish, start an assessment on it and see the new text), refusals, and who may come."""

import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from cpss.db import assessments, frameworks
from cpss.model.access import Actor
from cpss.model.answers import Answer
from cpss.model.framework_excel import template_bytes
from cpss.model.framework_file import load_framework
from tests.conftest import ROOT
from tests.test_pages import app_db, start_assessment
from tests.test_trust_pages import team  # noqa: F401 (the fixture: accounts of each role)

PAGE = "app_pages/frameworks.py"
NEW_TITLE = "Understanding and articulation of the national child protection system (adapted)"
NEW_TEXT = "Child protection is understood as a system by a few policymakers only (adapted)."
NEW_VERSION = "Kenya adaptation 2027"


def adapted_template() -> bytes:
    """The bundled framework's template, as the page offers it, with three cells changed."""
    book = load_workbook(io.BytesIO(template_bytes(load_framework())))
    book["Framework"]["B4"] = NEW_VERSION
    book["Subdomains"]["D2"] = NEW_TITLE
    book["Subdomains"]["G2"] = NEW_TEXT
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def on_page(app) -> AppTest:
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def upload(at, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="fw_upload").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


def shown(at) -> str:
    """Every text on the page, as read (the escapes that keep user text plain taken out)."""
    return "\n".join(
        str(e.value).replace("\\", "")
        for kind in ("markdown", "caption", "error", "info", "success", "title", "header", "text")
        for e in getattr(at, kind)
    )


def listed(at):
    """The list of frameworks as read (the escapes that keep user text plain taken out)."""
    table = at.table[0].value
    return table.map(lambda cell: cell.replace("\\", "") if isinstance(cell, str) else cell)


def test_the_list_shows_the_bundled_framework(app):
    at = on_page(app)
    table = listed(at)
    assert list(table["Name"]) == ["Child Protection Systems Strengthening Benchmarks"]
    assert list(table["Version"]) == ["UNICEF 2021-09"]
    assert list(table["Kind"]) == ["bundled"]
    assert list(table["Assessments"]) == [0]
    assert at.get("download_button")  # the template of the chosen framework


def test_template_round_trip_publish_and_start_an_assessment_on_it(app):
    at = upload(on_page(app), "kenya.xlsx", adapted_template())
    text = shown(at)
    assert "**3 differences**" in text
    assert "Version: changed" in text and "UNICEF 2021-09" in text
    assert "Subdomain 1.1: title: changed" in text
    assert "Subdomain 1.1: phase 1: changed" in text
    assert len(frameworks.frameworks(app_db())) == 1  # nothing stored before Publish
    at.radio(key="fw_kind").set_value("adaptation")
    at.button(key="fw_publish").click().run()
    assert not at.exception and not at.error
    assert (
        f"Published: Child Protection Systems Strengthening Benchmarks, version {NEW_VERSION}."
        in [s.value.replace("\\", "") for s in at.success]
    )
    assert list(listed(at)["Version"]) == [NEW_VERSION, "UNICEF 2021-09"]
    bundled = frameworks.frameworks(app_db())[1].content_hash
    assert at.selectbox(key="fw_template_pick").value == bundled  # its template by default
    at.switch_page("app_pages/home.py").run()
    chosen = at.selectbox(key="new_framework").value
    assert chosen == frameworks.frameworks(app_db())[0].content_hash  # the newest
    assessment_id = start_assessment(at)
    assert frameworks.pinned_hash(app_db(), assessment_id) == chosen
    at.switch_page("app_pages/assess.py").run()
    assert NEW_TEXT in shown(at)


def test_a_broken_template_is_refused_with_its_cell_and_nothing_is_stored(app):
    book = load_workbook(io.BytesIO(template_bytes(load_framework())))
    book["Subdomains"]["H7"] = None
    out = io.BytesIO()
    book.save(out)
    at = upload(on_page(app), "kenya.xlsx", out.getvalue())
    assert [e.value.replace("\\", "") for e in at.error] == [
        "kenya.xlsx, sheet Subdomains, cell H7: the text for phase 2 (System Enhancement) of "
        "subdomain 3.1 is empty."
    ]
    assert not [b for b in at.button if b.key == "fw_publish"]
    assert len(frameworks.frameworks(app_db())) == 1


def test_a_yaml_file_with_five_phases_is_refused(app):
    text = load_framework.__globals__["BUNDLED_FRAMEWORK"].read_text(encoding="utf-8")
    five = text.replace(
        "  name: System Maturity\n", "  name: System Maturity\n- number: 5\n  name: Beyond\n", 1
    )
    at = upload(on_page(app), "five.yaml", five.encode())
    assert len(at.error) == 1
    assert "five.yaml, line" in at.error[0].value
    assert "4 phases" in at.error[0].value


def test_only_administrators_reach_the_page(team):  # noqa: F811 (the imported fixture)
    for actor in (Actor("vic", "viewer"), Actor("eve", "editor")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["actor"] = actor
        at.run()
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(PAGE)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["actor"] = Actor("ada", "admin")
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception and [t.value for t in at.title] == ["Frameworks"]


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar"])
def test_the_page_in_another_language_shows_no_english(db_path, language):
    from tests.test_languages_pages import english_on_screen, in_language

    at = in_language(language, PAGE, demo=False)
    assert not english_on_screen(at, language)
    assert at.table  # the list, with the framework's name in the language


def template_with(changes: dict) -> bytes:
    """The bundled template with cells changed ("Framework!B4" names the other sheet)."""
    book = load_workbook(io.BytesIO(template_bytes(load_framework())))
    for place, value in changes.items():
        sheet, cell = place.split("!") if "!" in place else ("Subdomains", place)
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_version_that_drops_an_answered_subdomain_is_refused_until_it_says_what_replaces_it(
    app,
):
    assessment_id = start_assessment(app)
    assessments.save_answer(app_db(), assessment_id, "7.3", Answer("phase", 2), "Amina")
    renamed = {"Framework!B4": "UNICEF 2027", "C20": "7.4"}  # 7.3 is now 7.4
    at = upload(on_page(app), "v2.xlsx", template_with(renamed))
    at.button(key="fw_publish").click().run()
    assert [e.value.replace("\\", "") for e in at.error] == [
        "Child Protection Systems Strengthening Benchmarks UNICEF 2027 drops subdomains that "
        "assessments answered, and no subdomain replaces them: 7.3 (1). Keep them, or add "
        "'replaces: [...]' to the subdomain that takes their place."
    ]
    assert len(frameworks.frameworks(app_db())) == 1  # nothing stored
    upload(at, "v2.xlsx", template_with(renamed | {"E20": "7.3"}))
    assert "Subdomain 7.4: replaces: added" in shown(at)
    at.button(key="fw_publish").click().run()
    assert not at.error and [f.version for f in frameworks.frameworks(app_db())] == [
        "UNICEF 2027",
        "UNICEF 2021-09",
    ]
