"""Entry point: page config, the framework and database checks, who is signing in, and the
navigation between the pages this session may use."""

import logging

import streamlit as st

from cpss.model.access import NOBODY, PARTICIPANT, REMOTE, SHARE
from cpss.model.errors import UserError
from ui import auth, resources
from ui.access_notes import retention_check
from ui.i18n import _
from ui.language import language_frame, sidebar_picker
from ui.styles import page_styles
from ui.widgets import message

# The tab icon is an emoji, which the browser draws itself: a ":material/...:" page icon makes every
# browser fetch it from Google's font servers on each page load (the app contacts nobody), and an
# image file makes Streamlit import NumPy for the first page (tests/test_first_page_imports.py).
st.set_page_config(page_title=_("CPSS self-assessment"), page_icon="🧭", layout="wide")
page_styles()
language_frame()  # before anything shows words: the language, kept in the address

# The pages live in app_pages/, not pages/: while no session has called st.navigation yet (the
# first request after the server starts), Streamlit treats a pages/ folder beside app.py as a
# legacy multipage app and runs a deep-linked page file directly, skipping this script (page
# config, database checks, the participant gate, sign-in). Each url_path is the file's name.


def page(path: str, title: str, icon: str, url_path: str | None = None, default: bool = False):
    """One page of the navigation (a short form of ``st.Page``)."""
    return st.Page(path, title=title, icon=f":material/{icon}:", url_path=url_path, default=default)


HOME = page("app_pages/home.py", _("Assessments"), "folder_open", default=True)
WALK = page("app_pages/assess.py", _("Walk-through"), "edit_note", "assess")
FACILITATE = page("app_pages/workshop.py", _("Run a workshop"), "groups", "workshop")
JOIN = page("app_pages/join.py", _("Join a workshop"), "how_to_vote", "join")
RESULTS = [
    page("app_pages/dashboard.py", _("Dashboard"), "insights", "dashboard"),
    page("app_pages/plan.py", _("Priorities and plan"), "checklist", "plan"),
    page("app_pages/investment.py", _("Investment"), "payments", "investment"),
    page("app_pages/change.py", _("Change over time"), "compare_arrows", "change"),
    page("app_pages/compare.py", _("Compare"), "stacked_bar_chart", "compare"),
    page("app_pages/map.py", _("Map"), "public", "map"),
    page("app_pages/exchange.py", _("Reports & data"), "download", "exchange"),
]
PRIVACY = page("app_pages/privacy.py", _("Data and privacy"), "shield", "privacy")
REFERENCE = [page("app_pages/benchmark.py", _("The benchmark"), "menu_book", "benchmark"), PRIVACY]
ADMIN = [
    page("app_pages/admin.py", _("Accounts and backups"), "admin_panel_settings", "admin"),
    page("app_pages/retention.py", _("Data and retention"), "auto_delete", "retention"),
    page("app_pages/frameworks.py", _("Frameworks"), "library_books", "frameworks"),
]
# Roles that get one page, as the default page and without navigation: whatever address is typed,
# that page answers. A participant (a join code in the address, once or since) gets the join page:
# no way to the assessments or other workshops; a share link that assessment's dashboard; team
# mode before sign-in the sign-in page; another device in single-user mode the page that says why
# it is turned away (from there it may join a workshop; a share link works too). Each of them
# may also open the *Data and privacy* page (a link on its page; no menu).
ONE_PAGE = {
    PARTICIPANT: page("app_pages/join.py", _("Workshop"), "how_to_vote", "join", True),
    SHARE: page("app_pages/dashboard.py", _("Dashboard"), "insights", "dashboard", True),
    NOBODY: page("app_pages/signin.py", _("Sign in"), "login", "signin", True),
    REMOTE: page("app_pages/local_only.py", _("This computer only"), "block", "local-only", True),
}


def pages_for(actor) -> dict:
    """The navigation a role may use: a page left out cannot be reached at all."""
    if not actor.can_edit:  # viewers: read dashboards and reports only
        return {_("Assess"): [HOME], _("Results"): RESULTS, _("Reference"): REFERENCE}
    pages = {
        _("Assess"): [HOME, WALK],
        _("Workshop"): [FACILITATE, JOIN],
        _("Results"): RESULTS,
        _("Reference"): REFERENCE,
    }
    return pages | ({_("Administration"): ADMIN} if actor.is_admin else {})


LOG = logging.getLogger("cpss")


def show_problem(problem: UserError, actor=None) -> None:
    """Show ``problem``; a problem of the server's set-up goes in full to the server's log and to
    an administrator, anyone else reads its plain line (no file paths, no process ids)."""
    private = problem.public != str(problem)
    if private:
        LOG.error("%s", problem)
    if private and not (actor is not None and actor.is_admin):
        st.error(message(_(problem.public)))  # the plain line for visitors: a message id of its own
    else:
        st.error(message(problem))  # in the session's language (see ui.widgets.message)


try:
    # Both are cached for the process: after the first run these are dictionary look-ups.
    resources.ensure_ready()
    actor = auth.session_actor(resources.db)
    retention_check(resources.db())  # at start, then at most once an hour (one read when not due)
except UserError as problem:  # nobody is known yet: a visitor, maybe not signed in
    show_problem(problem)
    sidebar_picker()  # a broken translation file: back to English from here
    st.stop()

if actor.role != PARTICIPANT:  # participants have no sidebar: the join page has their picker
    sidebar_picker()
auth.sidebar(actor)
if actor.role in ONE_PAGE:
    chosen = st.navigation([ONE_PAGE[actor.role], PRIVACY], position="hidden")
else:
    # Every page listed: folded, the list hid Map, Data and privacy and the administration pages
    # behind "View 6 more", which on a phone sat below the sidebar's visible part.
    chosen = st.navigation(pages_for(actor), expanded=True)
try:
    chosen.run()
except UserError as problem:  # a write refused or failed, a damaged database: a message
    show_problem(problem, actor)
