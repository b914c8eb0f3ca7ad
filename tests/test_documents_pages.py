"""Evidence documents on the pages (AppTest): the walk-through's part, the dashboard's read-only
list for viewers and for share links that show documents, and never for a workshop participant."""

import pytest
import streamlit as st

from cpss.db import documents, share_links, workshops
from cpss.model.access import Actor
from cpss.model.documents import NewDocument
from tests.document_support import PDF
from tests.test_pages import app_db, start_assessment
from tests.test_trust_pages import all_text, fresh
from tests.test_workshop_pages import participant
from tests.trust_support import populate


def open_documents(app):
    app.toggle(key="show_documents").set_value(True).run()
    assert not app.exception, app.exception


def attach_in_page(app, name, data, title=""):
    round_ = app.session_state["document_round"]
    app.get("file_uploader")[0].set_value((name, data, "application/octet-stream"))
    assert app.get("file_uploader")[0].key == f"document_file_{round_}"
    app.text_input(key="document_title").input(title)
    app.button(key="attach_document").click().run()
    assert not app.exception, app.exception


def downloads(at):
    return [b for b in at.get("download_button") if b.key.startswith("download_document_")]


def test_the_walk_through_attaches_lists_removes_and_restores(app):
    assessment_id = start_assessment(app, assessor="Ana")
    assert "Evidence documents (0)" in app.toggle(key="show_documents").label
    open_documents(app)
    assert "No document attached to this subdomain yet." in all_text(app)
    app.get("file_uploader")[0].set_value(("Child Act 2022.pdf", PDF, "application/pdf")).run()
    assert f"Ready to attach: Child Act 2022\\.pdf ({len(PDF)} bytes)" in all_text(app)
    attach_in_page(app, "Child Act 2022.pdf", PDF, title="The <b>law</b>")
    assert "Attached: The <b>law</b>" in all_text(app)
    stored = documents.listed(app_db(), assessment_id)
    assert [(d.title, d.file_name, d.recorded_by) for d in stored] == [
        ("The <b>law</b>", "Child Act 2022.pdf", "Ana")
    ]
    text = all_text(app)
    assert "**The \\<b\\>law\\</b\\>**" in text  # shown as typed, never as HTML
    assert f"Child Act 2022\\.pdf · PDF document · {len(PDF)} bytes · added by Ana on" in text
    (download,) = downloads(app)
    assert app.toggle(key="show_documents").label == "Evidence documents (1)"
    assert download.proto.label == "Download"
    assert app.get("file_uploader")[0].key == "document_file_1"  # a fresh, empty uploader

    app.button(key=f"remove_document_{stored[0].document_id}").click().run()
    assert not downloads(app) and documents.listed(app_db(), assessment_id) == []
    assert app.toggle(key="show_documents").label == "Evidence documents (0)"
    app.button(key=f"restore_document_{stored[0].document_id}").click().run()
    assert len(downloads(app)) == 1
    assert [d.removed for d in documents.history(app_db(), stored[0].document_id)] == [
        False,
        True,
        False,
    ]
    app.button(key="next").click().run()  # another subdomain: its own (empty) list, no message
    assert "Attached:" not in all_text(app) and not downloads(app)
    assert app.toggle(key="show_documents").label == "Evidence documents (0)"


def test_a_refused_file_says_why_and_stores_nothing(app):
    assessment_id = start_assessment(app)
    open_documents(app)
    attach_in_page(app, "law.pdf", b"only words")
    assert [e.value for e in app.error] == [
        "law.pdf is not what its name says: the name ends in “.pdf”, but its content is of the "
        "type “plain text”. Attach the right file, or give it a name ending in “.txt”. Nothing "
        "was stored."
    ]
    assert documents.listed(app_db(), assessment_id) == []


@pytest.fixture
def world(app_database, monkeypatch, framework):
    """Team mode with a populated assessment holding one document on 3.1."""
    monkeypatch.setenv("CPSS_MODE", "team")
    st.cache_resource.clear()
    made = populate(app_db(), framework)
    new = NewDocument("budget.pdf", PDF, "Costed plan")
    documents.attach(app_db(), made.assessment_id, "3.1", new, "Amina")
    return made


def test_a_viewer_reads_and_downloads_but_does_not_remove(world):
    at = fresh(Actor("vic", "viewer"), {"assessment": world.assessment_id})
    at.switch_page("app_pages/dashboard.py").run()
    assert not at.exception, at.exception
    assert "**Costed plan**" in all_text(at) and len(downloads(at)) == 1
    assert not [b for b in at.button if b.key.startswith("remove_document_")]


@pytest.mark.parametrize(("shows", "listed"), [((), False), (("documents",), True)])
def test_a_share_link_lists_documents_only_when_its_maker_ticked_it(world, shows, listed):
    token = share_links.create(app_db(), world.assessment_id, "Amina", shows=shows)
    at = fresh(query={"share": token})
    assert not at.exception and not at.error
    assert ("Costed plan" in all_text(at)) == listed
    assert len(downloads(at)) == listed


def test_a_workshop_participant_never_sees_documents(world):
    code = workshops.workshop(app_db(), world.workshop_id).code
    at = participant(code, world.participant_token)
    text = all_text(at)
    assert "Join the workshop" in [t.value for t in at.title] or text
    assert "Costed plan" not in text and "budget.pdf" not in text
    assert not downloads(at) and "Evidence documents" not in text


def test_the_export_offers_the_json_with_documents_as_a_zip(app):
    from tests.test_exchange_page import open_page

    open_page(app)
    app.button(key="export_build").click().run()
    assert "export_json" in [b.key for b in app.get("download_button")]
    app.toggle(key="export_with_documents").set_value(True).run()
    assert not app.exception, app.exception
    keys = [b.key for b in app.get("download_button")]
    assert "export_zip" in keys and "export_json" not in keys
