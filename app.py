"""Entry point: page config, the framework and database checks, and the navigation between pages."""

import streamlit as st

from cpss.errors import UserError
from ui import resources

st.set_page_config(page_title="CPSS self-assessment", page_icon=":material/explore:", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Assessments", icon=":material/folder_open:", default=True),
    st.Page("pages/assess.py", title="Walk-through", icon=":material/edit_note:", url_path="assess"),
    st.Page("pages/results.py", title="Results", icon=":material/insights:", url_path="results"),
    st.Page("pages/exchange.py", title="Reports & data", icon=":material/download:", url_path="exchange"),
    st.Page("pages/benchmark.py", title="The benchmark", icon=":material/menu_book:", url_path="benchmark"),
]

try:
    # Both are cached for the process: after the first run these are dictionary look-ups.
    resources.ensure_ready()
except UserError as problem:
    st.error(str(problem))
    st.stop()

st.navigation(PAGES).run()
