"""Streamlit pieces of the workshop pages: projector styles, the join panel, the tally."""

from __future__ import annotations

import json
import os

import streamlit as st

from cpss.model.framework import Framework
from cpss.model.scoring import choice_label
from cpss.model.workshops import Tally, Workshop, spaced
from cpss.present.qr import app_base_url, join_link, qr_png
from ui.i18n import _, ngettext
from ui.widgets import plain

# How often participants' and the facilitator's screens read the shared state (each read is a
# fragment rerun, about 30-50 ms of the server's one Python process: see bench/workshop_load.py).
POLL_SECONDS = float(os.environ.get("CPSS_WORKSHOP_POLL_SECONDS") or 3)

# Our own constant CSS (never user text): a code and phase texts that read from the back of a room.
_PROJECTOR_CSS = """<style>
.st-key-join_code p {font-size: clamp(2.5rem, 6.5vw, 7.5rem); font-weight: 700; line-height: 1.1;
  white-space: nowrap;
  font-family: monospace; letter-spacing: 0.12em; margin: 0;}
.st-key-join_link p {font-size: 1.5rem; word-break: break-all;}
.st-key-projector [data-testid="stColumn"] :is(p, [data-testid="stText"]) {font-size: 1.2rem; line-height: 1.45;}
.st-key-voted_count p {font-size: 2rem;}
.st-key-tally :is(p, [data-testid="stText"]) {font-size: 1.5rem; line-height: 1.4;}
.st-key-join_qr :is([data-testid="stImageContainer"], img) {max-width: 100%; height: auto;}
</style>"""


# A phone that lost the server keeps its last screen: a banner says so, so that nobody votes on a
# stale screen. Keyed on the connection state Streamlit writes on its app element (public DOM).
_OFFLINE_CSS = """<style>
[data-testid="stApp"][data-test-connection-state]:not([data-test-connection-state="CONNECTED"])::before {
  content: %(banner)s;
  position: fixed; top: 0; left: 0; right: 0; z-index: 1000000; padding: 0.8rem 1rem;
  background: #b3261e; color: #fff; font-weight: 700; font-size: 1.1rem; text-align: center;}
</style>"""


def offline_banner() -> None:
    """A red "Reconnecting…" banner across the top while the connection to the server is lost."""
    # A CSS string: JSON's quoting of " and \\ is CSS's too.
    banner = _("Reconnecting… this screen may be out of date: wait before voting.")
    st.html(_OFFLINE_CSS % {"banner": json.dumps(banner, ensure_ascii=False)})


def projector_styles() -> None:
    """Large type for the join code, the link, the phase texts and the vote count."""
    st.html(_PROJECTOR_CSS)


def join_panel(workshop: Workshop) -> None:
    """The join code, the join link and its QR code, large enough for the back of a room."""
    link = join_link(app_base_url(st.context.url or "http://localhost:8501/"), workshop.code)
    words, picture = st.columns([3, 2], vertical_alignment="center")
    with words:
        st.markdown(
            _(
                "Join on your phone or laptop: scan the code, open the link, or type the code "
                "on the app's *Join a workshop* page."
            )
        )
        with st.container(key="join_code"):
            st.markdown(spaced(workshop.code))
        with st.container(key="join_link"):
            st.markdown(plain(link))
        names = (
            _("Participants are asked for a name (they may leave it empty).")
            if workshop.ask_names
            else _("Anonymous: participants are not asked for a name.")
        )
        st.caption(names)
    # 320 px where there is room; narrower on a phone or a zoomed screen, not wider than its column
    # (a 320 px picture in a 288 px column made the page scroll sideways: WCAG 1.4.10).
    with picture.container(key="join_qr"):
        st.image(qr_png(link), caption=_("Scan to join"), width=320)


def tally_view(framework: Framework, counted: Tally, comments: list[str]) -> None:
    """Counts per answer, the most common one, the spread with a split signal, and the comments.

    Nothing but the number of votes is shown while fewer than the threshold have voted. All of it
    in projector type (see :func:`projector_styles`), as large as the phase texts or larger.
    """
    with st.container(key="tally"):
        tally_lines(framework, counted, comments)


def tally_lines(framework: Framework, counted: Tally, comments: list[str]) -> None:
    """The lines of :func:`tally_view`."""
    if not counted.shown:
        st.info(
            ngettext(
                "{count} voted. The votes are shown from {threshold} votes on, so that no one's "
                "vote can be singled out.",
                "{count} voted. The votes are shown from {threshold} votes on, so that no one's "
                "vote can be singled out.",
                counted.votes,
                threshold=counted.threshold,
            ),
            icon=":material/visibility_off:",
        )
        return
    for choice, count in counted.counts.items():
        st.progress(
            count / counted.votes,
            text=_(
                "{choice}: {count} of {votes}",
                choice=_(choice_label(framework, choice)),
                count=count,
                votes=counted.votes,
            ),
        )
    st.markdown(most_common_line(framework, counted))
    spread_line(framework, counted)
    if comments:
        st.markdown(_("**Comments** (without names)"))
        for comment in comments:
            st.text(f"• {comment}")


def most_common_line(framework: Framework, counted: Tally) -> str:
    """``**Most common:** 2 · System Enhancement (3 votes)``, or the tied answers with their
    count each."""
    top = counted.most_common
    count = counted.counts[top[0]]
    names = [_(choice_label(framework, choice)) for choice in top]
    if len(top) == 1:
        return ngettext(
            "**Most common:** {choice} ({count} votes)",
            "**Most common:** {choice} ({count} votes)",
            count,
            choice=names[0],
        )
    # Ties join their names with "and" (a word of its own, so the list reads in every language).
    separator = " " + _("and") + " "
    return ngettext(
        "**Most common:** {choices} ({count} each)",
        "**Most common:** {choices} ({count} each)",
        count,
        choices=separator.join(names),
    )


def spread_line(framework: Framework, counted: Tally) -> None:
    """The range of phase votes, with a clear warning when the room is split."""
    if counted.spread is None:
        st.caption(_('No phase was voted: only "don\'t know".'))
        return
    low, high = (_(choice_label(framework, p)) for p in counted.spread)
    if counted.split:
        st.warning(
            _(
                "**The room is split:** votes range from {low} to {high}. Discuss before agreeing.",
                low=low,
                high=high,
            ),
            icon=":material/call_split:",
        )
    elif low == high:
        st.success(_("Every phase vote is {phase}.", phase=low), icon=":material/check_circle:")
    else:
        st.info(
            _("Votes range from {low} to {high} (neighbouring phases).", low=low, high=high),
            icon=":material/linear_scale:",
        )
