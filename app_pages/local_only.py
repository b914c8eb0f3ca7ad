"""The page another device gets in single-user mode: why the app turns it away, the way to a
workshop, and what the operator can set. (A share link opens its dashboard as usual.)"""

import streamlit as st

from ui.i18n import _
from ui.privacy import privacy_link


def join() -> None:
    """Become a participant before a code: the next run shows the join page's code form."""
    st.session_state.participant = True


st.title(_("This app answers only the computer it runs on"))
st.markdown(
    _(
        "It is in single-user mode: no sign-in, and everything may be changed, so from another "
        "device it opens only workshops and share links."
    )
)
st.button(
    _("Join a workshop with its code"),
    key="local_only_join",
    type="primary",
    icon=":material/how_to_vote:",
    on_click=join,
)
st.markdown(_("A share link you were given opens its dashboard as usual."))
st.caption(
    _(
        "To use the whole app from other devices, ask the operator to switch on team mode "
        "(`CPSS_MODE=team`: everyone signs in, each with a role) or open mode "
        "(`CPSS_MODE=open`: anyone who can reach this address can change everything)."
    )
)
privacy_link()
