"""Read-only share links: an unguessable token that opens one assessment's dashboard and nothing else.

A link is a row of ``share_links`` (migration 4); revoking it is a later row. What it shows beyond
the dashboard (the investment figures, the evidence documents) is ``share_link_options``
(migration 9), ticked by its maker, off by default. Only people who may
edit can make one; only the person who made it (or an administrator) can revoke it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cpss.db import assessments
from cpss.db.core import Db, Tx
from cpss.db.history import latest_rows
from cpss.model.access import EDIT, AccessDenied
from cpss.model.errors import UserError
from cpss.model.times import utc_now

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

TOKEN_BYTES = 24  # 192 random bits: guessing one is out of reach however fast the server answers
MAX_TOKEN_CHARS = 64


# What a link may show beyond the dashboard, when its maker ticks it (off by default: the money
# and the documents behind a rating can say more than the maturity picture).
SCOPES = ("investment", "documents")


def create(db: Db, assessment_id: str, by: str, shows: Iterable[str] = ()) -> str:
    """A new share link token for the assessment, showing the ``shows`` scopes (of
    :data:`SCOPES`) beyond the dashboard."""
    assessments.assessment(db, assessment_id)  # raises when unknown or deleted
    scopes = sorted(set(shows))
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown:
        raise UserError("A share link cannot show {scope}.", scope=unknown[0])
    token = secrets.token_urlsafe(TOKEN_BYTES)

    def work(tx: Tx) -> None:
        _append(tx, token, assessment_id, False)
        for scope in scopes:
            tx.run(
                "INSERT INTO share_link_options (token, scope, shown, recorded_at, recorded_by) "
                "VALUES (:token, :scope, true, :now, :by)",
                {"token": token, "scope": scope, "now": utc_now(), "by": tx.author},
            )

    db.write(EDIT, work, by)
    return token


def shows(db: Db, token: str) -> frozenset[str]:
    """The scopes a link shows beyond the dashboard (none unless its maker ticked them)."""
    rows = db.rows(
        "SELECT scope FROM current_share_link_options WHERE token = :token AND shown",
        {"token": (token or "")[:MAX_TOKEN_CHARS]},
    )
    return frozenset(row[0] for row in rows)


def revoke(db: Db, token: str, by: str) -> None:
    """End a link: it opens nothing from now on. Only its maker or an administrator may."""
    actor = db.actor

    def work(tx: Tx) -> None:
        row = tx.row(
            "SELECT assessment_id, recorded_by FROM share_links WHERE token = :token "
            "ORDER BY seq LIMIT 1",
            {"token": token},
        )
        if row is None:
            raise UserError("No such share link.")
        if not (actor.is_admin or actor.solo or row[1] == actor.name):
            raise AccessDenied(
                "Not allowed: only {row}, who made this link, or an administrator may revoke "
                "it. Nothing was changed.",
                row=row[1],
            )
        _append(tx, token, row[0], True)

    db.write(EDIT, work, by)


def _append(tx: Tx, token: str, assessment_id: str, revoked: bool) -> None:
    tx.run(
        "INSERT INTO share_links (token, assessment_id, revoked, recorded_at, recorded_by) "
        "VALUES (:token, :id, :revoked, :now, :by)",
        {
            "token": token,
            "id": assessment_id,
            "revoked": revoked,
            "now": utc_now(),
            "by": tx.author,
        },
    )


def resolve(db: Db, token: str) -> str:
    """The assessment a live link opens; :class:`UserError` when the link is unknown or revoked."""
    row = db.row(
        "SELECT assessment_id, revoked FROM current_share_links WHERE token = :token",
        {"token": (token or "")[:MAX_TOKEN_CHARS]},
    )
    if row is None or row[1]:
        raise UserError(
            "This share link does not work (any more): it was revoked or is "
            "incomplete. Ask the person who sent it for a new one."
        )
    assessments.assessment(db, row[0])  # a deleted assessment is not shown either
    return row[0]


def links(db: Db, assessment_id: str) -> pd.DataFrame:
    """The assessment's live links: token, when and by whom they were made, and what they show
    beyond the dashboard (``shows``: scopes joined by commas, empty for none)."""
    return db.frame(
        f"""SELECT c.token, f.recorded_at AS created_at, f.recorded_by AS created_by,
                   coalesce((SELECT string_agg(o.scope, ',' ORDER BY o.scope)
                             FROM current_share_link_options o
                             WHERE o.token = c.token AND o.shown), '') AS shows
            FROM current_share_links c
            JOIN ({latest_rows("share_links", "token", earliest=True)}) f USING (token)
            WHERE c.assessment_id = :id AND NOT c.revoked ORDER BY created_at""",
        {"id": assessment_id},
    )
