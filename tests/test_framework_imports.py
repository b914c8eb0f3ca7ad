"""Imports of files made on a framework version this installation does not have: the JSON, zip and
Excel exports are read against the version they name, or refused naming it; on the import page an
administrator may add the framework a JSON or zip file carries and read the file again."""

import dataclasses
import io
import json
import uuid
import zipfile
from datetime import date

import pytest

from cpss.db import assessments, frameworks
from cpss.exchange.documents_zip import JSON_NAME, to_zip
from cpss.exchange.export import gather, to_excel, to_json
from cpss.exchange.file_framework import FrameworkNotHere
from cpss.exchange.importing import read_file
from cpss.model.access import Actor
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.framework_texts import content_hash, parse_framework
from tests.framework_support import rename_and_split, revised
from tests.test_pages import app_db
from tests.test_trust_pages import fresh, team  # noqa: F401 (the fixture: accounts of each role)

ELSEWHERE = revised(rename_and_split)  # a version published on another installation only
ELSEWHERE_VERSION = "UNICEF 2030-01"
PAGE = "app_pages/exchange.py"
REFUSED = (
    "The file's assessments were made on the framework Child Protection Systems Strengthening "
    "Benchmarks, version UNICEF 2030-01, which this installation does not have: nothing was "
    "imported. "
)
CARRIED = (
    "The file includes that framework: an administrator can add it from the import preview, "
    "then import the file again."
)
ADD_BUTTON = (
    "Add this framework (Child Protection Systems Strengthening Benchmarks, UNICEF 2030-01) "
    "and read the file again"
)


def made_elsewhere(db):
    """The framework of another installation, and a bundle of one assessment as if made on it."""
    details = AssessmentDetails("KEN", "Kenya", "A", date(2026, 3, 1), "")
    found = assessments.create(db, details, "x", by="t")
    assessments.save_answer(db, found, "3.1", Answer("phase", 2), by="t")
    pinned = frameworks.framework_for(db, found)
    parsed = parse_framework(ELSEWHERE, "elsewhere.yaml")
    other = dataclasses.replace(parsed, content_hash=content_hash(ELSEWHERE))
    bundle = gather(db, [found])
    moved = uuid.uuid4().hex  # an assessment this installation does not have
    for rows in bundle.values():
        for row in rows:
            for field in ("id", "assessment_id"):
                if row.get(field) == found:
                    row[field] = moved
    for row in bundle["assessments"]:
        row["framework_version"] = ELSEWHERE_VERSION
    return pinned, other, bundle


def elsewhere_json(db) -> tuple:
    """The pinned framework here, and a JSON export made elsewhere (carrying its framework)."""
    pinned, other, bundle = made_elsewhere(db)
    return pinned, to_json(other, bundle, ELSEWHERE)


def find_in(db):
    return lambda digest: frameworks.find(db, digest)


def test_a_zip_made_on_a_framework_not_here_is_refused_then_read_against_it(db):
    pinned, other, bundle = made_elsewhere(db)
    document = json.loads(to_json(other, bundle, ELSEWHERE))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:  # the zip export, made elsewhere
        archive.writestr(JSON_NAME, json.dumps(document))
        with zipfile.ZipFile(io.BytesIO(to_zip(pinned, bundle, db, []))) as here:
            for name in here.namelist():
                if name != JSON_NAME:
                    archive.writestr(name, here.read(name))
    data = out.getvalue()
    with pytest.raises(FrameworkNotHere) as caught:
        read_file("x.zip", data, pinned, find_in(db))(db)
    assert str(caught.value) == REFUSED + CARRIED
    assert caught.value.framework_text == ELSEWHERE
    frameworks.publish(db, ELSEWHERE)
    plan = read_file("x.zip", data, pinned, find_in(db))(db)
    assert plan.framework_hash == content_hash(ELSEWHERE)


def test_an_excel_export_is_read_against_its_framework_or_refused_naming_it(db):
    pinned, other, bundle = made_elsewhere(db)
    data = to_excel(other, bundle)
    before = len(frameworks.frameworks(db))
    with pytest.raises(FrameworkNotHere) as caught:
        read_file("x.xlsx", data, pinned, find_in(db))(db)
    assert str(caught.value) == (
        REFUSED + "Ask an administrator to add that framework version first."
    )
    assert caught.value.framework_text == ""  # a workbook does not carry the framework
    assert len(frameworks.frameworks(db)) == before
    frameworks.publish(db, ELSEWHERE)
    plan = read_file("x.xlsx", data, pinned, find_in(db))(db)
    assert plan.framework_hash == content_hash(ELSEWHERE)


def upload(at, data: bytes):
    """The Reports & data page's Import tab with ``data`` uploaded as an export."""
    at.switch_page(PAGE).run()
    at.file_uploader(key="import_file").set_value(("x.json", data, "application/json")).run()
    assert not at.exception, at.exception
    return at


def errors(at) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def test_an_administrator_adds_the_files_framework_and_sees_the_preview(app):
    _, data = elsewhere_json(app_db())
    at = upload(app, data)
    assert errors(at) == ["Not imported: " + REFUSED + CARRIED]
    button = at.button(key="import_add_framework")
    assert button.label.replace("\\", "") == ADD_BUTTON
    assert frameworks.find(app_db(), content_hash(ELSEWHERE)) is None  # nothing before a click
    button.click().run()
    assert not at.exception and not at.error
    assert frameworks.find(app_db(), content_hash(ELSEWHERE)).version == ELSEWHERE_VERSION
    assert len(at.dataframe) == 1  # the file read again: the preview, and its Import button
    at.button(key="import_apply").click().run()
    assert not at.error and at.success[-1].value.startswith("Imported:")


def test_an_editor_gets_the_refusal_naming_the_framework_and_no_button(team):  # noqa: F811
    _, data = elsewhere_json(app_db())
    at = upload(fresh(Actor("eve", "editor")), data)
    assert errors(at) == ["Not imported: " + REFUSED + CARRIED]
    assert not [b for b in at.button if b.key == "import_add_framework"]
    assert frameworks.find(app_db(), content_hash(ELSEWHERE)) is None
