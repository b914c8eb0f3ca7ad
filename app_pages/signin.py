"""Sign in (team mode): name and password set by an administrator, or the identity provider."""

import streamlit as st

from cpss.db.accounts import MAX_NAME_CHARS, MAX_PASSWORD_CHARS
from cpss.model.errors import UserError
from ui import auth, resources
from ui.i18n import _
from ui.privacy import privacy_link
from ui.widgets import message, plain

st.title(_("Sign in"))
if problem := st.session_state.pop("share_problem", None):
    st.error(message(problem))
    st.query_params.pop("share", None)
if refused := st.session_state.pop("oidc_refused", None):
    st.error(
        _(
            "{address} has no role in this app: ask an administrator to add your "
            "address, or sign in with a name and password.",
            address=plain(refused),
        )
    )
    st.button(_("Sign out of that account"), key="signin_oidc_out", on_click=st.logout)
settings = auth.settings()
privacy_link()
if not settings.team:
    st.button(_("Open the app"), key="signin_open_app", on_click=st.query_params.clear)
    st.stop()

st.caption(
    _(
        "This app is used by a team: sign in with the name and password an administrator "
        "gave you. Workshop participants need no account: open the join link instead."
    )
)
with st.form("sign_in", border=True):
    name = st.text_input(_("Name"), key="signin_name", max_chars=MAX_NAME_CHARS)
    password = st.text_input(
        _("Password"), type="password", key="signin_password", max_chars=MAX_PASSWORD_CHARS
    )
    submitted = st.form_submit_button(
        _("Sign in"), type="primary", key="signin_go", icon=":material/login:"
    )
if submitted:
    try:
        auth.sign_in(resources.db(), name, password)
    except UserError as wrong:
        st.error(message(wrong))
    else:
        st.rerun()
if settings.oidc:
    st.divider()
    st.button(
        _("Sign in with your organisation's account"),
        key="signin_oidc",
        on_click=st.login,
        icon=":material/key:",
    )
