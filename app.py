"""Entry point: page config, the framework and database checks, who is signing in, and the
navigation between the pages this session may use."""

import duckdb
import streamlit as st

from cpss.access import NOBODY, PARTICIPANT, SHARE
from cpss.errors import UserError
from cpss.storage import damaged, database_path
from ui import auth, resources
from ui.widgets import message

st.set_page_config(page_title="CPSS self-assessment", page_icon=":material/explore:", layout="wide")


def page(path: str, title: str, icon: str, url_path: str | None = None, default: bool = False):
    """One page of the navigation (a short form of ``st.Page``)."""
    return st.Page(path, title=title, icon=f":material/{icon}:", url_path=url_path, default=default)


HOME = page("pages/home.py", "Assessments", "folder_open", default=True)
WALK = page("pages/assess.py", "Walk-through", "edit_note", "assess")
FACILITATE = page("pages/facilitate.py", "Run a workshop", "groups", "workshop")
JOIN = page("pages/join.py", "Join a workshop", "how_to_vote", "join")
RESULTS = [page("pages/dashboard.py", "Dashboard", "insights", "dashboard"),
           page("pages/plan.py", "Priorities and plan", "checklist", "plan"),
           page("pages/change.py", "Change over time", "compare_arrows", "change"),
           page("pages/compare.py", "Compare", "stacked_bar_chart", "compare"),
           page("pages/exchange.py", "Reports & data", "download", "exchange")]
REFERENCE = [page("pages/benchmark.py", "The benchmark", "menu_book", "benchmark")]
ADMIN = [page("pages/admin.py", "Accounts and backups", "admin_panel_settings", "admin")]


def pages_for(actor) -> dict:
    """The navigation a role may use: a page left out cannot be reached at all."""
    if not actor.can_edit:  # viewers: read dashboards and reports only
        return {"Assess": [HOME], "Results": RESULTS, "Reference": REFERENCE}
    pages = {"Assess": [HOME, WALK], "Workshop": [FACILITATE, JOIN], "Results": RESULTS,
             "Reference": REFERENCE}
    return pages | ({"Administration": ADMIN} if actor.is_admin else {})


try:
    # Both are cached for the process: after the first run these are dictionary look-ups.
    resources.ensure_ready()
    actor = auth.session_actor(resources.store)
except UserError as problem:
    st.error(message(problem))
    st.stop()

auth.sidebar(actor)
if actor.role == PARTICIPANT:
    # A participant's session (a join code in the address, once or since) gets the join page only,
    # as its default page and without navigation: no way to the assessments or other workshops.
    chosen = st.navigation([page("pages/join.py", "Workshop", "how_to_vote", "join", True)],
                           position="hidden")
elif actor.role == SHARE:  # a share link: that assessment's dashboard, nothing else
    chosen = st.navigation([page("pages/dashboard.py", "Dashboard", "insights", "dashboard", True)],
                           position="hidden")
elif actor.role == NOBODY:
    chosen = st.navigation([page("pages/signin.py", "Sign in", "login", "signin", True)],
                           position="hidden")
else:
    chosen = st.navigation(pages_for(actor))
try:
    chosen.run()
except UserError as problem:  # e.g. a write refused or failed: a message, never a traceback
    st.error(message(problem))
except duckdb.Error as problem:  # a database damaged after it was opened
    st.error(message(damaged(database_path(), problem)))
