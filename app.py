"""Entry point: page config, the framework and database checks, and the navigation between pages."""

import streamlit as st

from cpss.errors import UserError
from ui import resources

st.set_page_config(page_title="CPSS self-assessment", page_icon=":material/explore:", layout="wide")

# Each page's url_path is its file name: on a session's first run Streamlit resolves a deep link
# against the pages/ folder's file names before st.navigation runs, and shows "Page not found"
# for a path that matches no file (seen with /workshop when the page was pages/facilitate.py).
PAGES = {
    "Assess": [
        st.Page("pages/home.py", title="Assessments", icon=":material/folder_open:", default=True),
        st.Page("pages/assess.py", title="Walk-through", icon=":material/edit_note:",
                url_path="assess"),
    ],
    "Workshop": [
        st.Page("pages/workshop.py", title="Run a workshop", icon=":material/groups:",
                url_path="workshop"),
        st.Page("pages/join.py", title="Join a workshop", icon=":material/how_to_vote:",
                url_path="join"),
    ],
    "Results": [
        st.Page("pages/dashboard.py", title="Dashboard", icon=":material/insights:",
                url_path="dashboard"),
        st.Page("pages/plan.py", title="Priorities and plan", icon=":material/checklist:",
                url_path="plan"),
        st.Page("pages/change.py", title="Change over time", icon=":material/compare_arrows:",
                url_path="change"),
        st.Page("pages/compare.py", title="Compare", icon=":material/stacked_bar_chart:",
                url_path="compare"),
        st.Page("pages/exchange.py", title="Reports & data", icon=":material/download:",
                url_path="exchange"),
    ],
    "Reference": [
        st.Page("pages/benchmark.py", title="The benchmark", icon=":material/menu_book:",
                url_path="benchmark"),
    ],
}
# A participant's session (a join code in the address, once or since) gets the join page only, as
# its default page and without navigation: no way to the assessments or other workshops.
PARTICIPANT_PAGES = [st.Page("pages/join.py", title="Workshop", icon=":material/how_to_vote:",
                             url_path="join", default=True)]

try:
    # Both are cached for the process: after the first run these are dictionary look-ups.
    resources.ensure_ready()
except UserError as problem:
    st.error(str(problem))
    st.stop()

if st.query_params.get("join") or st.session_state.get("participant"):
    st.session_state.participant = True
    st.navigation(PARTICIPANT_PAGES, position="hidden").run()
else:
    st.navigation(PAGES).run()
