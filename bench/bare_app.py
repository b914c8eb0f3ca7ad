"""The floor for "cold start": a bare Streamlit page (a title and one line of text)."""

import streamlit as st

st.title("Bare")
st.markdown("The smallest page Streamlit draws.")
