"""Who is using this session: single-user mode (the full app on this computer, the join page and
share links from other devices), open mode, a signed-in account, a workshop participant, or a
share link; the sign-in form and the sidebar line that says which.

The actor is kept in ``st.session_state.actor`` and given to every ``Db`` by
:func:`ui.resources.db`, so that the server-side checks in ``cpss`` apply to every write.
"""

from __future__ import annotations

import os

import streamlit as st

from cpss.db import accounts, share_links
from cpss.db.accounts import AccountError
from cpss.db.core import Db
from cpss.i18n import N_
from cpss.model.access import (
    NOBODY,
    PARTICIPANT,
    REMOTE,
    SHARE,
    SIGNED_OUT,
    Actor,
    participant,
    role_label,
    share_viewer,
)
from cpss.model.access import may_see as access_may_see
from cpss.model.errors import UserError
from cpss.model.team import OPEN, SINGLE_USER, TeamSettings, is_local, team_settings, visitor
from ui.i18n import _
from ui.widgets import plain, problem_text


def settings() -> TeamSettings:
    """Team mode's settings from ``st.secrets`` and the environment (read on every run: cheap)."""
    try:
        secrets = {key: st.secrets[key] for key in ("cpss", "auth") if key in st.secrets}
    except FileNotFoundError:
        secrets = {}  # no secrets.toml: single-user mode unless the environment says otherwise
    return team_settings(secrets, os.environ)


def client_address() -> str | None:
    """The client's network address, or None when it is this computer (see
    :func:`cpss.model.team.is_local`; under AppTest there is no address: this computer)."""
    address = st.context.ip_address
    return None if is_local(address) else address


def default_actor() -> Actor | None:
    """Who this session is without a join code, share link or sign-in (None: team mode, sign in)."""
    return visitor(settings().mode, client_address() is None)


def session_actor(open_db) -> Actor:
    """Work out who this session is, store it in the session, and return it.

    ``open_db()`` gives a ``Db`` (for share links and account checks). A session opened with
    ``?join=`` is a participant (scoped to the workshop once the code is accepted); one opened with
    ``?share=`` reads one assessment; otherwise the mode decides (:func:`default_actor`): the full
    app, another device turned away, or the signed-in person.
    """
    state = st.session_state
    if st.query_params.get("join") or state.get("participant"):
        state.participant = True
        actor = participant(state.get("participant_workshop"))
    elif st.query_params.get("share") or state.get("shared_assessment"):
        actor = _share_actor(open_db)
    else:
        actor = default_actor() or _signed_in(open_db)
    state.actor = actor
    return actor


def _share_actor(open_db) -> Actor:
    token = st.query_params.get("share")
    state = st.session_state
    if token:  # checked on every run: a revoked link stops working at once
        try:
            db = open_db()
            state.shared_assessment = share_links.resolve(db, token)
            state.shared_shows = share_links.shows(db, token)
        except UserError as problem:
            state.pop("shared_assessment", None)
            state.share_problem = problem_text(problem)  # in the session's language
            return SIGNED_OUT
    return share_viewer(state.shared_assessment, state.get("shared_shows", frozenset()))


def may_see(scope: str) -> bool:
    """Whether this session may read ``scope`` ("investment", "documents") of an assessment:
    everyone signed in; a share link only when its maker ticked it; a participant never."""
    actor = st.session_state.get("actor")
    return actor is not None and access_may_see(actor, scope)


def _signed_in(open_db) -> Actor:
    """The identity provider's person (mapped to a role), else the account signed in with a
    password in this session, checked again on every run: an account disabled or given another
    role since takes effect at once."""
    team = settings()
    if team.oidc and getattr(st.user, "is_logged_in", False):
        mapped = team.oidc_actor(st.user.get("email"))
        if mapped is not None:
            st.session_state.oidc_email = mapped.name
            return mapped
        st.session_state.oidc_refused = st.user.get("email") or _("(no e-mail address)")
        return SIGNED_OUT
    actor = st.session_state.get("actor")
    if actor is None or actor.solo or actor.role in (PARTICIPANT, SHARE, NOBODY, REMOTE):
        return SIGNED_OUT
    try:
        account = accounts.account(open_db(), actor.name)
    except AccountError:
        return SIGNED_OUT
    return Actor(account.name, account.role) if account.active else SIGNED_OUT


def sign_in(db: Db, name: str, password: str) -> Actor:
    """Check a name and password, slowed down after wrong tries for this account or from this
    client address (kept in the database, so a reconnect changes nothing); the actor, or a
    UserError."""
    actor = accounts.sign_in(db, name, password, client_address())
    st.session_state.actor = actor
    return actor


def sign_out() -> None:
    """Forget the signed-in person (a button callback); OpenID sessions also log out there."""
    st.session_state.actor = SIGNED_OUT
    if st.session_state.pop("oidc_email", None):
        st.logout()


# Marked for translation here, translated where shown.
OPEN_WARNING = N_("Open mode: anyone who can reach this address can change everything.")
SINGLE_USER_LINE = N_(
    ":material/person: Single-user mode: no sign-in, everything is allowed, on this computer "
    "only. Other devices get the join page and share links."
)


def sidebar(actor: Actor) -> None:
    """The line that says which mode the app is in and who is signed in; in open mode, a warning
    at the top of every page of the full app."""
    open_mode = settings().mode == OPEN
    if actor.solo and open_mode:  # on every page: the operator chose it, everyone should know
        st.warning(_(OPEN_WARNING), icon=":material/warning:")
    with st.sidebar:
        if actor.solo:
            st.caption(f":material/public: {_(OPEN_WARNING)}" if open_mode else _(SINGLE_USER_LINE))
        elif actor.role in (PARTICIPANT, SHARE, NOBODY, REMOTE):
            return
        else:
            st.caption(
                _(
                    ":material/badge: Signed in as {name} ({role})",
                    name=plain(actor.name),
                    role=_(role_label(actor.role)),
                )
            )
            st.button(_("Sign out"), key="sign_out", on_click=sign_out, icon=":material/logout:")


def devices_caption() -> None:
    """On *Start a workshop*, in single-user mode: what participants' phones will get."""
    if settings().mode == SINGLE_USER:
        st.caption(
            _(
                ":material/smartphone: Single-user mode: participants' phones get only the join "
                "page (and share links); the rest of the app answers only this computer."
            )
        )
