"""The floor for "click to saved": the smallest Streamlit page that saves a click to DuckDB.

One radio whose change callback appends one row to a DuckDB table, then shows "Saved" in a
container keyed like the walk-through's (``save_state``), so that the suite measures both pages
the same way. Run by ``bench/suite.py`` under ``streamlit run`` on a temporary ``$CPSS_DB``.
"""

import os
from datetime import datetime

import duckdb
import streamlit as st

CHOICES = [
    "1 · System Building",
    "2 · System Enhancement",
    "3 · System Integration",
    "4 · System Maturity",
]


@st.cache_resource(show_spinner=False)
def connection():
    """One connection per process, like the app's (DuckDB lets one process hold the file)."""
    con = duckdb.connect(os.environ["CPSS_DB"])
    con.execute("CREATE TABLE IF NOT EXISTS clicks (choice VARCHAR, saved_at TIMESTAMP)")
    return con


def save() -> None:
    """Append the choice (the widget callback, as in the walk-through)."""
    connection().cursor().execute(
        "INSERT INTO clicks VALUES (?, ?)", [st.session_state.choice, datetime.now()]
    )
    st.session_state.saved = datetime.now().strftime("%H:%M:%S")


st.title("Floor")
st.radio("Which phase fits best?", CHOICES, key="choice", index=None, on_change=save)
with st.container(key="save_state"):
    if "saved" in st.session_state:
        st.success(f"Saved at {st.session_state.saved}")
