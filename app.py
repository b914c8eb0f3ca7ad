"""Entry point: page config, the framework and database checks, and the navigation between pages."""

import streamlit as st

from cpss.errors import UserError
from ui import resources

st.set_page_config(page_title="CPSS self-assessment", page_icon=":material/explore:", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Assessments", icon=":material/folder_open:", default=True),
    st.Page("pages/assess.py", title="Walk-through", icon=":material/edit_note:", url_path="assess"),
    st.Page("pages/results.py", title="Results", icon=":material/insights:", url_path="results"),
    st.Page("pages/benchmark.py", title="The benchmark", icon=":material/menu_book:", url_path="benchmark"),
    st.Page("pages/facilitate.py", title="Workshop", icon=":material/groups:", url_path="workshop"),
    st.Page("pages/join.py", title="Join a workshop", icon=":material/how_to_vote:", url_path="join"),
]
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
