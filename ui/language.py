"""The language frame of every page (issue 17; docs/decisions/languages.md): the language picker,
the choice kept in the address, right to left in Arabic, and the benchmark's translation notice
with the English original one click away.

The session's language itself is :func:`ui.i18n.language` (``?lang=``, else the session, else the
browser); this module only draws the controls that change it and what follows from it.
"""

from __future__ import annotations

import json

import streamlit as st

from cpss.i18n import LANGUAGES, N_, RIGHT_TO_LEFT
from cpss.model.framework import Framework, Subdomain
from cpss.model.translation_file import MASTER_LANGUAGE
from ui import resources
from ui.i18n import LANGUAGE_KEY, _, language, shown_as
from ui.widgets import phase_columns, plain

NO_SECOND = ""  # the projector's second language when there is none

# Arabic reads right to left: the whole app (sidebar on the right, columns mirrored, so the phase
# texts run from Building on the right), but a slider's track keeps its left-to-right order (its
# thumb breaks under rtl: ENGINEERING-NOTES). Never ``unicode-bidi: bidi-override``: it reverses
# Latin text and digits. Our own constant CSS.
RTL_CSS = """<style>
[data-testid="stApp"] {direction: rtl;}
[data-testid="stSlider"] {direction: ltr;}
</style>"""

# Streamlit writes ``<html lang="en">`` whatever the language: screen readers would read French
# with English sounds and the page's own ``dir`` would stay ltr. st.html's public
# ``unsafe_allow_javascript`` lets the page set both on its root element; the script is our own
# constant with the language code (one of LANGUAGES, JSON-quoted) filled in.
_ROOT_SCRIPT = (
    "<script>document.documentElement.lang = {lang}; "
    "document.documentElement.dir = {direction};</script>"
)


def remember(chosen: str) -> None:
    """Make ``chosen`` the session's language and put it in the address (a widget callback)."""
    st.session_state[LANGUAGE_KEY] = chosen
    st.query_params["lang"] = chosen


def _picked(key: str) -> None:
    remember(st.session_state[key] or language())


def picker(key: str) -> None:
    """A select box of the languages, each named in itself; a change reruns the page once."""
    st.session_state[key] = language()  # another picker or the address may have changed it
    st.selectbox(
        # The globe, so that someone who cannot read the current language still finds the box;
        # "Language" itself in that language.
        "🌐 " + _("Language"),
        list(LANGUAGES),
        key=key,
        format_func=LANGUAGES.__getitem__,
        on_change=_picked,
        args=(key,),
    )


def language_frame() -> str:
    """Once per run, before anything else: the session's language kept in the address (a page
    switch drops query parameters, so a refresh or a shared link keeps it), the page's root
    ``lang`` and ``dir``, and the right-to-left styles in Arabic; returns the language."""
    chosen = language()
    st.query_params["lang"] = chosen
    rtl = chosen in RIGHT_TO_LEFT
    direction = "rtl" if rtl else "ltr"
    script = _ROOT_SCRIPT.format(lang=json.dumps(chosen), direction=json.dumps(direction))
    st.html((RTL_CSS if rtl else "") + script, unsafe_allow_javascript=True)
    return chosen


def sidebar_picker() -> None:
    """The language picker at the top of the sidebar, for the app's users (participants, who have
    no sidebar, get :func:`ballot_picker` on the join page)."""
    with st.sidebar:
        picker("language_picker")


def ballot_picker() -> None:
    """The language picker on the join page and the ballot: each participant's own language,
    whatever the projector shows."""
    picker("ballot_language")


def english() -> Framework:
    """The framework's English master (the original of every translation)."""
    return resources.framework(MASTER_LANGUAGE)


def translation_notice(framework: Framework) -> None:
    """The line that says the benchmark's texts are a working translation (nothing in English)."""
    if framework.working_translation:
        notice = framework.translation_notice or _(
            "Working translation, not an official UNICEF text."
        )
        st.caption(f":material/translate: {plain(notice)}")


def texts_in(framework: Framework, subdomain_id: str, key: str) -> None:
    """``subdomain_id``'s phase texts from ``framework`` (another language than the page's), in a
    container ``key`` that reads in that language's direction: English stays left to right on an
    Arabic page, Arabic right to left on an English one."""
    key = key.replace(".", "_")  # a subdomain id in a key: a class name for the style rule
    direction = "rtl" if framework.language in RIGHT_TO_LEFT else "ltr"
    st.html(f"<style>.st-key-{key} {{direction: {direction};}}</style>")
    phase_columns(framework, framework.subdomain(subdomain_id), key=key)


def english_original(framework: Framework, subdomain: Subdomain, key: str) -> None:
    """The translation's notice and a toggle ``key`` that shows the English original of
    ``subdomain``'s phase texts below the translation (nothing when the texts are English)."""
    if not framework.working_translation:
        return
    translation_notice(framework)
    if st.toggle(_("English original"), key=key):
        texts_in(english(), subdomain.id, f"{key}_texts")


def second_language_picker() -> None:
    """The facilitator's choice of a second language for the projector's phase texts (none at
    first): the room's language above, this one below, e.g. Russian for the room and English for
    the regional office."""
    st.selectbox(
        _("Second language on the projector"),
        [NO_SECOND, *LANGUAGES],
        key="projector_second_language",
        format_func=shown_as(lambda code: LANGUAGES.get(code) or N_("No second language")),
    )


def second_language_texts(framework: Framework, subdomain: Subdomain) -> None:
    """On the projector, under the room's phase texts: the notice when either is a working
    translation, and the texts in the second language when the facilitator chose one."""
    second = st.session_state.get("projector_second_language") or NO_SECOND
    shown = resources.framework(second) if second not in (NO_SECOND, framework.language) else None
    if framework.working_translation or (shown is not None and shown.working_translation):
        translation_notice(framework if framework.working_translation else shown)
    if shown is not None:
        texts_in(shown, subdomain.id, f"projector_{second}")
