"""Pages show the framework version an assessment was made on, after a newer one is published."""

from cpss.db import frameworks
from cpss.db.core import connect
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
