"""What the app keeps about people, in words: the short notice a participant reads before joining a
workshop, and the *Data and privacy* page everyone can reach (issue 22, the RD4C principles:
purpose-driven, proportional, accountable). The retention periods shown are those in force."""

from __future__ import annotations

import streamlit as st

from cpss.db import retention
from cpss.model.access import NOBODY, PARTICIPANT, REMOTE, SHARE
from cpss.model.retention import ACCESS_LOG, NAMES
from ui import resources
from ui.i18n import _, ngettext

PRIVACY_PAGE = "app_pages/privacy.py"
# The one page of each role without a menu (app.py ONE_PAGE): the privacy page links back to it.
HOME_OF = {
    PARTICIPANT: "app_pages/join.py",
    SHARE: "app_pages/dashboard.py",
    NOBODY: "app_pages/signin.py",
    REMOTE: "app_pages/local_only.py",
}


def privacy_link() -> None:
    """A link to the *Data and privacy* page that keeps the address's join code, participant
    token, share link and language (a session with one page has no menu to come back by)."""
    st.page_link(
        PRIVACY_PAGE,
        label=_("Data and privacy"),
        icon=":material/shield:",
        query_params=dict(st.query_params),
    )


def retention_days() -> tuple[int | None, int | None]:
    """The periods in force (the administrators' retention settings): days a participant's name
    is kept after a workshop ends, days the access log is kept; None for a rule switched off."""
    rules = retention.settings(resources.db())
    names, log = rules[NAMES], rules[ACCESS_LOG]
    # A rule nobody confirmed waits while it would remove something (cpss.db.retention): only a
    # confirmed rule is a promise; the access log's default trims only the log itself.
    name_days = names.days if names.enabled and names.confirmed else None
    return name_days, (log.days if log.enabled else None)


def in_days(count: int) -> str:
    """A number of days in words ("90 days")."""
    return ngettext("{count} day", "{count} days", count)


def join_notice() -> None:
    """What joining keeps, shown on the join page before the name box."""
    name_days, _log_days = retention_days()
    with st.container(key="join_notice", border=True):
        if name_days is None:
            st.markdown(
                _(
                    "**What is kept.** Your vote and your comment on each subdomain, and your "
                    "name if you give one. The facilitator sees how many chose each phase and "
                    "the comments, never who chose what; only the facilitator's list of "
                    "participants shows names. Names are kept until an administrator removes "
                    "them; votes and comments stay in the assessment. Nothing is sent outside "
                    "this app's server."
                )
            )
        else:
            st.markdown(
                _(
                    "**What is kept.** Your vote and your comment on each subdomain, and your name "
                    "if you give one. The facilitator sees how many chose each phase and the "
                    "comments, never who chose what; only the facilitator's list of participants "
                    "shows names. Names are removed {days} after the workshop ends; votes and "
                    "comments stay, without a name, in the assessment. Nothing is sent outside "
                    "this app's server.",
                    days=in_days(name_days),
                )
            )
        privacy_link()


def privacy_page(role: str) -> None:
    """The *Data and privacy* page: what is stored, where, for how long, who sees it, and how to
    have a name removed; for a ``role`` without a menu, a link back to its page."""
    name_days, log_days = retention_days()
    if role in HOME_OF:
        st.page_link(
            HOME_OF[role],
            label=_("Back"),
            icon=":material/arrow_back:",
            query_params=dict(st.query_params),
        )
    st.title(_("Data and privacy"))
    st.markdown(
        _(
            "This app assesses a child protection system, not children: it asks for no data "
            "about any child or family, and warns before saving typed text that looks like "
            "personal data (an e-mail address, a phone number, a date of birth, a case number)."
        )
    )
    st.header(_("What the app stores"))
    st.markdown(
        _(
            "- Assessments: answers, evidence, rationales and action plans, each change with "
            "who made it and when.\n"
            "- Workshops: each participant's votes and comments, and their name if they gave "
            "one.\n"
            "- Accounts (when people sign in): names, roles and password hashes; share links; "
            "who opened, exported or downloaded an assessment (the access log).\n"
            "- When someone saved text after the personal-data warning: who, when, and what "
            "kind of data was seen."
        )
    )
    st.header(_("Where"))
    st.markdown(
        _(
            "In this app's database on its server, and in the backups its administrators "
            "make. Nothing is sent elsewhere: no analytics, and no fonts or services from other "
            "servers."
        )
    )
    retention_section(name_days, log_days)
    readers_section()
    st.header(_("Having a name removed"))
    st.markdown(
        _(
            "Ask an administrator of this app (the office that runs it). They remove the name "
            "from every workshop in one step; the votes stay, without it. The removal is "
            "recorded (when and by whom), never the name."
        )
    )


def retention_section(name_days: int | None, log_days: int | None) -> None:
    """How long each kind of data is kept (the values in force; None: that rule is off)."""
    st.header(_("For how long"))
    names = (
        _("Participants' names: kept until an administrator removes them.")
        if name_days is None
        else _(
            "Participants' names: {days} after the workshop ends; the votes and comments stay, "
            "without a name.",
            days=in_days(name_days),
        )
    )
    log = (
        _("The access log: kept until an administrator removes it.")
        if log_days is None
        else _("The access log: {days}.", days=in_days(log_days))
    )
    kept = _(
        "Assessments: until someone deletes them; a deleted assessment can be restored for a "
        "while, then an administrator removes it for good."
    )
    st.markdown("\n".join(f"- {line}" for line in (names, log, kept)))


def readers_section() -> None:
    """Who can see what."""
    st.header(_("Who can see it"))
    st.markdown(
        _(
            "- Viewers read assessments, editors also change them, administrators also manage "
            "accounts, backups and removals.\n"
            "- A share link shows one assessment's dashboard, and only what its maker chose to "
            "show with it.\n"
            "- A workshop participant sees only their own ballot. The facilitator sees how "
            "many chose each phase and the comments, never who chose what."
        )
    )
