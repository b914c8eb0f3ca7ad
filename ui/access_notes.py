"""The access log's notes from the pages (team mode only), and the retention check of each run.

A dashboard's opening is noted once per session and assessment (not on every rerun); a report or
an export when it is built; a share link's opening once per session, with the visitor's address
(erased after a day by the retention run). See cpss.db.access_log.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import streamlit as st

from cpss.db import access_log, retention
from cpss.db.core import Db
from cpss.model.access import SHARE
from cpss.model.errors import UserError
from cpss.model.times import utc_now
from ui import auth

LOG = logging.getLogger("cpss")


def note(db: Db, action: str, assessment_ids: list[str], once: bool = False) -> None:
    """Record ``action`` on each assessment in team mode (``once``: once per session)."""
    if not auth.settings().team:
        return
    seen = st.session_state.setdefault("access_noted", set())
    token = st.query_params.get("share") if action == access_log.SHARE_LINK_OPENED else None
    for assessment_id in assessment_ids:
        if once and (action, assessment_id) in seen:
            continue
        address = auth.client_address() if token else None
        access_log.record(db, action, assessment_id, token, address)
        seen.add((action, assessment_id))


def opened(db: Db, assessment_id: str) -> None:
    """A dashboard shown: its opening (through a share link, for a share link's visitor)."""
    shared = db.actor.role == SHARE
    action = access_log.SHARE_LINK_OPENED if shared else access_log.OPENED
    note(db, action, [assessment_id], once=True)


CHECK_EVERY = timedelta(minutes=1)  # how often a process reads whether retention is due


@st.cache_resource(show_spinner=False)
def _next_check_one_process() -> dict[str, datetime]:
    # When this process next reads the lock row: page loads in between cost no query. Listed in
    # docs/caches.md: the row's next_due only moves later, so skipping a minute misses nothing.
    return {"at": datetime.min}


def retention_check(db: Db) -> None:
    """Run the retention rules when due: a process reads the lock row at most once a minute (one
    read by its key). A failure is logged for the server's operator and never stops the page:
    the next check tries again."""
    now = utc_now()
    memo = _next_check_one_process()
    if now < memo["at"]:
        return
    memo["at"] = now + CHECK_EVERY
    try:
        retention.run_due(db, now)
    except UserError as problem:
        LOG.log(logging.ERROR, "Retention run failed: %s", problem)  # not a message id
