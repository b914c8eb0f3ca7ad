"""The floor page inside a multipage navigation like the app's: Streamlit's own cost of the sidebar.

The same radio and one-row save as ``bench/floor_app.py`` (its code, run as the page opened
first), with a sidebar navigation of as many pages, sections and icons as the app's editor sees.
The suite times a click here too: the difference to the floor is what Streamlit's multipage
navigation costs every click, whatever the page; the rest of the walk-through's time is ours.
"""

from pathlib import Path

import streamlit as st

FLOOR = Path(__file__).resolve().parent / "floor_app.py"
SECTIONS = {
    "Assess": ["Assessments", "Walk-through"],
    "Workshop": ["Run a workshop", "Join a workshop"],
    "Results": [
        "Dashboard",
        "Priorities and plan",
        "Change over time",
        "Compare",
        "Reports & data",
    ],
    "Reference": ["The benchmark"],
    "Administration": ["Accounts and backups"],
}


def placeholder(title: str):
    """A page that only shows its title (never opened by the suite)."""
    return lambda: st.title(title)


st.set_page_config(page_title="Floor in a navigation", layout="wide")
pages = {
    section: [
        st.Page(FLOOR, title=title, icon=":material/edit_note:", default=True)
        if title == "Walk-through"
        else st.Page(
            placeholder(title),
            title=title,
            icon=":material/article:",
            url_path=title.lower().replace(" ", "_").replace("&", "and"),
        )
        for title in titles
    ]
    for section, titles in SECTIONS.items()
}
st.sidebar.caption("Single-user mode: a caption in the sidebar, as in the app.")
st.navigation(pages).run()
