"""The access log (team mode): who opened, exported or downloaded a report of which assessment,
and share links' openings, counted per link.

A share link is named by :func:`link_id`, a digest of its token: the log shows which link was used
without holding the token, which would open the dashboard to whoever reads the log. A visitor's
address, when the app knows one, is kept for a day at most: the hourly retention run erases it
(cpss.db.retention). Entries older than the access-log rule's days are removed by that run too.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from cpss.db.core import Db, Tx
from cpss.model.access import RECORD
from cpss.model.times import utc_now

if TYPE_CHECKING:
    import pandas as pd

OPENED, EXPORTED, DOWNLOADED_REPORT, SHARE_LINK_OPENED = (
    "opened",
    "exported",
    "downloaded_report",
    "share_link_opened",
)
ACTIONS = (OPENED, EXPORTED, DOWNLOADED_REPORT, SHARE_LINK_OPENED)


def link_id(token: str) -> str:
    """The share link's name in the log: the first 12 hex digits of its token's SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def record(
    db: Db,
    action: str,
    assessment_id: str,
    token: str | None = None,
    address: str | None = None,
    now: datetime | None = None,
) -> None:
    """Note that this session's person did ``action`` on the assessment (through the share link
    ``token``, from ``address`` when known)."""
    if action not in ACTIONS:
        raise ValueError(f"No access-log action {action!r}")
    values = {
        "person": db.actor.name,
        "role": db.actor.role,
        "action": action,
        "assessment": assessment_id,
        "link": link_id(token) if token else None,
        "address": address,
        "now": now or utc_now(),
    }
    db.write(RECORD, lambda tx: _insert(tx, values))


def _insert(tx: Tx, values: dict) -> None:
    tx.run(
        "INSERT INTO access_log (person, role, action, assessment_id, link_id, address, "
        "recorded_at) VALUES (:person, :role, :action, :assessment, :link, :address, :now)",
        values,
    )


def entries(
    db: Db, assessment_id: str | None = None, person: str | None = None, limit: int = 5000
) -> pd.DataFrame:
    """The latest entries, newest first, of one assessment and/or one person when given."""
    return db.frame(
        """SELECT recorded_at, person, role, action, assessment_id, link_id, address
           FROM access_log
           WHERE (CAST(:assessment AS VARCHAR) IS NULL OR assessment_id = :assessment)
             AND (CAST(:person AS VARCHAR) IS NULL OR person = :person)
           ORDER BY seq DESC LIMIT :limit""",
        {"assessment": assessment_id, "person": person, "limit": limit},
    )


def people(db: Db) -> list[str]:
    """Everyone the log names, sorted."""
    return [name for (name,) in db.rows("SELECT DISTINCT person FROM access_log ORDER BY 1")]


def link_openings(db: Db) -> pd.DataFrame:
    """Share-link openings counted per link: the link, its assessment, how many, the last."""
    return db.frame(
        """SELECT link_id, assessment_id, count(*) AS openings, max(recorded_at) AS last_opened
           FROM access_log WHERE action = 'share_link_opened'
           GROUP BY link_id, assessment_id ORDER BY last_opened DESC"""
    )
