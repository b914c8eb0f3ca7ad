"""Read-only share links: an unguessable token that opens one assessment's dashboard and nothing else.

A link is a row of ``share_links`` (migration 4); revoking it is a later row. Only people who may
edit can make one; only the person who made it (or an administrator) can revoke it.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from cpss.model.access import EDIT, AccessDenied
from cpss.model.errors import UserError
from cpss.db.migrations import utc_now
from cpss.db.assessments import Store

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

TOKEN_BYTES = 24  # 192 random bits: guessing one is out of reach however fast the server answers
MAX_TOKEN_CHARS = 64


class ShareLinks:
    """Making, revoking and resolving share links, on a :class:`Store`'s cursor."""

    def __init__(self, store: Store):
        self.store = store
        self.cur = store.cur

    def create(self, assessment_id: str, by: str) -> str:
        """A new share link token for the assessment."""
        self.store.assessment(assessment_id)  # raises when unknown or deleted
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self.store.transaction(lambda: self._append(token, assessment_id, False, by))
        return token

    def revoke(self, token: str, by: str) -> None:
        """End a link: it opens nothing from now on. Only its maker or an administrator may."""
        self.store.actor.require(EDIT)
        row = self.cur.execute(
            "SELECT assessment_id, recorded_by FROM share_links WHERE token = ? ORDER BY seq LIMIT 1",
            [token]).fetchone()
        if row is None:
            raise UserError("No such share link.")
        actor = self.store.actor
        if not (actor.is_admin or actor.solo or row[1] == actor.name):
            raise AccessDenied(f"Not allowed: only {row[1]}, who made this link, or an "
                               "administrator may revoke it. Nothing was changed.")
        self.store.transaction(lambda: self._append(token, row[0], True, by))

    def _append(self, token: str, assessment_id: str, revoked: bool, by: str) -> None:
        self.cur.execute("INSERT INTO share_links (token, assessment_id, revoked, recorded_at, "
                         "recorded_by) VALUES (?, ?, ?, ?, ?)",
                         [token, assessment_id, revoked, utc_now(), self.store.author(by)])

    def resolve(self, token: str) -> str:
        """The assessment a live link opens; :class:`UserError` when the link is unknown or revoked."""
        token = (token or "")[:MAX_TOKEN_CHARS]
        row = self.cur.execute("SELECT assessment_id, revoked FROM current_share_links "
                               "WHERE token = ?", [token]).fetchone()
        if row is None or row[1]:
            raise UserError("This share link does not work (any more): it was revoked or is "
                            "incomplete. Ask the person who sent it for a new one.")
        self.store.assessment(row[0])  # a deleted assessment is not shown either
        return row[0]

    def links(self, assessment_id: str) -> pd.DataFrame:
        """The assessment's live links: token, when and by whom they were made."""
        return self.cur.execute(
            """SELECT c.token, f.recorded_at AS created_at, f.recorded_by AS created_by
               FROM current_share_links c
               JOIN (SELECT token, recorded_at, recorded_by FROM share_links
                     QUALIFY row_number() OVER (PARTITION BY token ORDER BY seq) = 1) f USING (token)
               WHERE c.assessment_id = ? AND NOT c.revoked ORDER BY created_at""",
            [assessment_id]).df()
