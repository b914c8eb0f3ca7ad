"""CPSS self-assessment: the domain package (framework, answers, storage, scoring, charts).

Never imports streamlit, so that everything here can be used and tested without a UI.
"""
