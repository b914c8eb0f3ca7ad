"""Workshop votes in exports: a sheet and a JSON key of their own (tables of migration 3).

Votes are exported, not imported: they belong to a workshop and its participants, which an import
does not recreate. Only each participant's current vote is exported; an anonymous participant's
name is empty.
"""

from __future__ import annotations

from cpss.exchange.tables import ASSESSMENT_ID, Column, Table
from cpss.storage import Store

VOTES = Table("workshop_votes", "Workshop votes", (
    ASSESSMENT_ID,
    Column("workshop_id", "Workshop ID"),
    Column("participant", "Participant"),
    Column("subdomain_id", "Subdomain"),
    Column("answer", "Vote"),
    Column("phase", "Phase", "int", required=False),
    Column("comment", "Comment"),
    Column("recorded_at", "Recorded at (UTC)", "timestamp")), ("workshop_id", "participant", "subdomain_id"))


def workshop_votes(store: Store, assessment_ids: list[str]) -> list[dict]:
    """The current vote of every participant of the workshops of these assessments."""
    rows = store.cur.execute(
        """SELECT w.assessment_id, v.workshop_id, p.name, v.subdomain_id, v.answer, v.phase,
                  v.comment, v.recorded_at
           FROM current_workshop_votes v
           JOIN workshops w ON w.id = v.workshop_id
           JOIN workshop_participants p ON p.id = v.participant_id
           WHERE w.assessment_id IN (SELECT unnest(?::VARCHAR[]))
           ORDER BY v.seq""", [list(assessment_ids)]).fetchall()
    return [dict(zip(VOTES.fields, row)) for row in rows]
