"""Entry point: page config, the framework and database checks, and the navigation between pages."""

import streamlit as st

from cpss.errors import UserError
from ui import resources

st.set_page_config(page_title="CPSS self-assessment", page_icon=":material/explore:", layout="wide")

# The pages live in app_pages/, not pages/: while no session has called st.navigation yet (the
# first request after the server starts), Streamlit treats a pages/ folder beside app.py as a
# legacy multipage app and runs a deep-linked page file directly, skipping this script (page
# config, database checks, the participant gate, sign-in). Each url_path is the file's name.
PAGES = {
    "Assess": [
        st.Page("app_pages/home.py", title="Assessments", icon=":material/folder_open:", default=True),
        st.Page("app_pages/assess.py", title="Walk-through", icon=":material/edit_note:",
                url_path="assess"),
    ],
    "Workshop": [
        st.Page("app_pages/workshop.py", title="Run a workshop", icon=":material/groups:",
                url_path="workshop"),
        st.Page("app_pages/join.py", title="Join a workshop", icon=":material/how_to_vote:",
                url_path="join"),
    ],
    "Results": [
        st.Page("app_pages/dashboard.py", title="Dashboard", icon=":material/insights:",
                url_path="dashboard"),
        st.Page("app_pages/plan.py", title="Priorities and plan", icon=":material/checklist:",
                url_path="plan"),
        st.Page("app_pages/change.py", title="Change over time", icon=":material/compare_arrows:",
                url_path="change"),
        st.Page("app_pages/compare.py", title="Compare", icon=":material/stacked_bar_chart:",
                url_path="compare"),
        st.Page("app_pages/exchange.py", title="Reports & data", icon=":material/download:",
                url_path="exchange"),
    ],
    "Reference": [
        st.Page("app_pages/benchmark.py", title="The benchmark", icon=":material/menu_book:",
                url_path="benchmark"),
    ],
}
# A participant's session (a join code in the address, once or since) gets the join page only, as
# its default page and without navigation: no way to the assessments or other workshops.
PARTICIPANT_PAGES = [st.Page("app_pages/join.py", title="Workshop", icon=":material/how_to_vote:",
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
