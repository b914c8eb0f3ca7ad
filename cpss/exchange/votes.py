"""Workshop votes in exports: a sheet and a JSON key of their own (tables of migrations 3 and 6).

Votes are exported, not imported: they belong to a workshop and its participants, which an import
does not recreate (an import reads past them, in this shape or the older one with a participant
number and exact times). Only each participant's current vote is exported, and as anonymously as
the room saw it: per subdomain, with no name and no participant identifier (a number that ran
across subdomains linked the first arrival, or a late joiner everyone saw, to every vote they
gave), sorted by subdomain, vote and comment (an order that says nothing), with the day only, and
no votes at all on a subdomain of a workshop where fewer than
:func:`cpss.model.workshops.min_votes_to_show` people voted (their spread is withheld there).
Participants the facilitator removed are left out, as in the tally.
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
        Column("subdomain_id", "Subdomain"),
        Column("answer", "Vote"),
        Column("phase", "Phase", "int", required=False),
        Column("comment", "Comment"),
        Column("voted_on", "Voted on (UTC date)", "date"),
    ),
    ("workshop_id", "subdomain_id"),
)


def workshop_votes(db: Reader, assessment_ids: list[str]) -> list[dict]:
    """The current votes in the workshops of these assessments, per subdomain and without who gave
    them, leaving out the subdomains of a workshop with fewer votes than the privacy threshold."""
    return transfer.workshop_votes(db, VOTES.fields, assessment_ids, min_votes_to_show())
