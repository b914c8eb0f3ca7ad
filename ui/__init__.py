"""Streamlit helpers shared by the pages: cached resources and small widgets.

The domain logic lives in ``cpss/``; this package only connects it to Streamlit.
"""
