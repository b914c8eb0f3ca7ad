"""The session's language, for the pages: ``_("Saved at {time}", time=...)`` and ``ngettext``.

The language is kept in the session and in the address (``?lang=fr``); a first visit follows the
browser (``st.context.locale``) when it is one of :data:`cpss.i18n.LANGUAGES`. Each call looks the
language up in the session: sessions run as threads of one process, so nothing process-wide (like
``gettext.install``) may hold it. The translations are loaded once per process (:func:`text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import streamlit as st

from cpss.i18n import SOURCE_LANGUAGE, Text, format_date, format_datetime, language_of, text
from cpss.model.assessments import AssessmentDetails, place_name
from cpss.model.countries import country_name

if TYPE_CHECKING:  # pandas only where a page has a table
    import pandas as pd

LANGUAGE_KEY = "language"  # the session's language, in st.session_state


def language() -> str:
    """This session's interface language: the address's ``?lang=``, else the one chosen before in
    this session, else the browser's when the app has it, else English."""
    chosen = language_of(st.query_params.get("lang")) or st.session_state.get(LANGUAGE_KEY)
    if chosen is None:
        chosen = language_of(st.context.locale) or SOURCE_LANGUAGE
    st.session_state[LANGUAGE_KEY] = chosen
    return chosen


def tr() -> Text:
    """This session's words, to pass to ``cpss`` code that writes text (charts, reports)."""
    return text(st.session_state.get(LANGUAGE_KEY) or language())


def _(message: str, /, **values: object) -> str:
    """``message`` (an English message id) in the session's language, placeholders filled."""
    return tr()(message, **values)


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the session's language."""
    return tr().plural(singular, plural, count, **values)


def shown_as(label: Callable[[Any], str]) -> Callable[[Any], str]:
    """A widget's ``format_func``: the message id ``label(option)`` in this session's language.

    The language is bound now, while the page runs: Streamlit keeps ``format_func`` and may call
    it after the run (AppTest does, to match a value with its option), where the session's
    language can no longer be looked up and a lazy ``_`` would answer in English."""
    words = tr()
    return lambda option: words(label(option))


def place(country_code: str, country: str, unit: str) -> str:
    """Where an assessment is: its country named in the session's language, then the unit as the
    user typed it ("Allemagne — Bayern"); ``country`` (the stored name) for a code that is not a
    country, such as the demo's."""
    return place_name(country_name(country_code, tr(), country), unit)


def place_of(details: AssessmentDetails) -> str:
    """:func:`place` of an assessment's details."""
    return details.place_in(tr())


def moments(column: pd.Series, seconds: bool = False) -> pd.Series:
    """A table's column of timestamps as the session's language writes them ("5 mars 2026 14:05")."""
    words = tr()
    return column.map(lambda moment: format_datetime(moment, words, seconds))


def days(column: pd.Series) -> pd.Series:
    """A table's column of dates as the session's language writes them ("5 mars 2026"); blank
    where there is none (an action item with no due date)."""
    import pandas as pd  # a page with a table has it loaded already

    words = tr()
    return column.map(lambda day: format_date(day, words, "medium") if pd.notna(day) else "")
