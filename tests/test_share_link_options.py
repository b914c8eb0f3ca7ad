"""What a share link shows beyond the dashboard: chosen by its maker, off by default, on both
engines; a participant never sees those parts."""

import pytest

from cpss.db import share_links
from cpss.model.access import Actor, may_see, participant, share_viewer
from cpss.model.errors import UserError
from tests.test_trust_pages import all_text, fresh
from tests.trust_support import populate


def test_a_link_shows_nothing_more_unless_its_maker_ticks_it(db, framework):
    world = populate(db, framework)
    plain_link = share_links.create(db, world.assessment_id, by="Amina")
    money_link = share_links.create(db, world.assessment_id, by="Amina", shows=["investment"])
    assert share_links.shows(db, plain_link) == frozenset()
    assert share_links.shows(db, money_link) == {"investment"}
    listed = share_links.links(db, world.assessment_id).set_index("token")["shows"]
    assert listed[plain_link] == "" and listed[money_link] == "investment"


def test_an_unknown_scope_is_refused_and_no_link_is_made(db, framework):
    world = populate(db, framework)
    before = len(share_links.links(db, world.assessment_id))
    with pytest.raises(UserError, match=r"A share link cannot show addresses\."):
        share_links.create(db, world.assessment_id, by="Amina", shows=["addresses"])
    assert len(share_links.links(db, world.assessment_id)) == before


@pytest.mark.parametrize(
    ("actor", "investment", "documents"),
    [
        (Actor("vic", "viewer"), True, True),
        (Actor("Amina", "admin"), True, True),
        (share_viewer("a1"), False, False),
        (share_viewer("a1", frozenset({"documents"})), False, True),
        (participant("w1"), False, False),
    ],
)
def test_who_may_see_the_parts_a_link_hides(actor, investment, documents):
    assert may_see(actor, "investment") is investment
    assert may_see(actor, "documents") is documents


def test_the_maker_ticks_what_a_new_link_shows_and_the_link_says_so(app, framework):
    from tests.test_pages import app_db

    world = populate(app_db(), framework)
    app.query_params["assessment"] = world.assessment_id
    app.switch_page("app_pages/assess.py").run()
    app.toggle(key="manage_assessment").set_value(True).run()
    app.checkbox(key="share_shows_documents").check()
    app.button(key="share_make").click().run()
    newest = share_links.links(app_db(), world.assessment_id).iloc[-1]
    assert newest["shows"] == "documents"
    assert "Also shows: evidence documents" in all_text(app)
    opened = fresh(query={"share": newest["token"]})
    assert opened.session_state["actor"].shows == {"documents"}
