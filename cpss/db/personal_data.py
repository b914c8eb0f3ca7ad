"""Saves that went on after the personal-data warning (migration 14): which kinds of personal data
were seen in which field, by whom and when. The text itself is never copied here: the note says
that the warning was shown and overridden, the saved version holds what was typed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from cpss.db.core import Db, Tx
from cpss.model.times import utc_now

if TYPE_CHECKING:  # pandas comes with the first table read, not with the first page
    import pandas as pd

# Where in an assessment a text was saved: a subdomain's answer, an action, a workshop's vote.
ANSWER, ACTION, VOTE_COMMENT = "answer", "action", "vote"


def place(kind: str, key: str) -> str:
    """The ``place`` column of an override: ``"answer:<subdomain id>"``, ``"action:<item id>"``."""
    return f"{kind}:{key}"


def note_override(
    tx: Tx, assessment_id: str, where: str, overridden: Mapping[str, Sequence[str]]
) -> None:
    """Record inside the caller's write that the warning on ``overridden`` (field: kinds seen) was
    shown and the text saved anyway, by ``tx.author`` now."""
    now = utc_now()
    for field, kinds in overridden.items():
        tx.run(
            "INSERT INTO personal_data_overrides (assessment_id, place, field, kinds, "
            "recorded_at, recorded_by) VALUES (:id, :place, :field, :kinds, :now, :by)",
            {
                "id": assessment_id,
                "place": where,
                "field": field,
                "kinds": ",".join(sorted(set(kinds))),
                "now": now,
                "by": tx.author,
            },
        )


def overrides(db: Db, assessment_id: str, where: str) -> pd.DataFrame:
    """The overrides recorded at one place of an assessment, newest first (``recorded_at``,
    ``recorded_by``, ``field``, ``kinds`` as a comma-separated list of kinds)."""
    return db.frame(
        "SELECT recorded_at, recorded_by, field, kinds FROM personal_data_overrides "
        "WHERE assessment_id = :id AND place = :place ORDER BY seq DESC",
        {"id": assessment_id, "place": where},
    )
