"""Workshop votes in exports: a sheet and a JSON key of their own (tables of migration 3).

Votes are exported, not imported: they belong to a workshop and its participants, which an import
does not recreate. Only each participant's current vote is exported, as anonymously as the
workshop shows it: no names (the join page promises comments without names), a participant number
per workshop (1, 2, 3 in the order they joined) instead, and no votes at all on a subdomain where
fewer than :func:`cpss.model.workshops.min_votes_to_show` people voted (their spread is withheld there).
"""

from __future__ import annotations

from cpss.db import transfer
from cpss.db.core import Reader
from cpss.exchange.tables import ASSESSMENT_ID, Column, Table
from cpss.model.workshops import min_votes_to_show

VOTES = Table(
    "workshop_votes",
    "Workshop votes",
    (
        ASSESSMENT_ID,
        Column("workshop_id", "Workshop ID"),
        Column("participant", "Participant number", "int"),
        Column("subdomain_id", "Subdomain"),
        Column("answer", "Vote"),
        Column("phase", "Phase", "int", required=False),
        Column("comment", "Comment"),
        Column("recorded_at", "Recorded at (UTC)", "timestamp"),
    ),
    ("workshop_id", "participant", "subdomain_id"),
)


def workshop_votes(db: Reader, assessment_ids: list[str]) -> list[dict]:
    """The current vote of every participant of the workshops of these assessments, by participant
    number, leaving out the subdomains of a workshop with fewer votes than the privacy threshold."""
    return transfer.workshop_votes(db, VOTES.fields, assessment_ids, min_votes_to_show())
