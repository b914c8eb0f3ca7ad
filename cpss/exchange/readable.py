"""Readable views of an export's history tables: current details, current answers, current plan.

They are computed from the history rows (the latest row per key), so the Excel sheets and the CSV
for people always agree with the history sheets that an import reads back.
"""

from __future__ import annotations

from cpss.exchange.tables import ACTION_ITEMS, ASSESSMENTS, DETAILS, RATINGS, Table, write_cell
from cpss.model.answers import Answer
from cpss.model.framework import Framework
from cpss.model.plans import ITEM_STATUSES
from cpss.model.scoring import answer_label

Bundle = dict[str, list[dict]]  # table name -> rows (field -> value), oldest first


def latest(rows: list[dict], table: Table) -> dict[tuple, dict]:
    """The latest row per group key of ``table`` (rows are oldest first)."""
    return {tuple(row[f] for f in table.group): row for row in rows}


def assessment_rows(bundle: Bundle) -> list[dict]:
    """One row per assessment: its record and its current details and status (Excel headers)."""
    details = latest(bundle[DETAILS.name], DETAILS)
    rows = []
    for record in bundle[ASSESSMENTS.name]:
        current = details.get((record["id"],), {})
        row = {c.header: write_cell(c, record[c.field], True) for c in ASSESSMENTS.columns}
        for column in DETAILS.columns[1:-2]:  # the details themselves, not who recorded them
            row[column.header] = write_cell(column, current.get(column.field), True)
        rows.append(row)
    return rows


ANSWER_HEADERS = (
    "Assessment ID",
    "Country",
    "Unit",
    "Title",
    "Date",
    "Subdomain",
    "Subdomain title",
    "Answer",
    "Phase number",
    "Phase name",
    "Target number",
    "Target name",
    "Confidence",
    "Evidence",
    "Rationale",
    "Last changed (UTC)",
    "Changed by",
)


def answer_rows(framework: Framework, bundle: Bundle) -> list[dict]:
    """One row per assessment and subdomain (answered or not): the tidy long shape of the CSV."""
    details = latest(bundle[DETAILS.name], DETAILS)
    ratings = latest(bundle[RATINGS.name], RATINGS)
    rows = []
    for record in bundle[ASSESSMENTS.name]:
        place = details[(record["id"],)]
        for sub in framework.subdomains:
            rating = ratings.get((record["id"], sub.id))
            answer = (
                Answer(
                    *(
                        rating[f]
                        for f in (
                            "answer",
                            "phase",
                            "target",
                            "confidence",
                            "evidence",
                            "rationale",
                        )
                    )
                )
                if rating
                else None
            )
            phase = answer.phase if answer else None
            target = answer.target if answer else None
            values = (
                record["id"],
                place["country"],
                place["unit"],
                place["title"],
                place["assessment_date"],
                sub.id,
                sub.title,
                answer_label(framework, answer),
                phase,
                framework.phase_name(phase) if phase else None,
                target,
                framework.phase_name(target) if target else None,
                answer.confidence if answer else None,
                answer.evidence if answer else "",
                answer.rationale if answer else "",
                rating["recorded_at"].isoformat(sep=" ") if rating else None,
                rating["recorded_by"] if rating else None,
            )
            rows.append(dict(zip(ANSWER_HEADERS, values)))
    return rows


PLAN_HEADERS = (
    "Assessment ID",
    "Item ID",
    "Subdomain",
    "Action",
    "Owner",
    "Due date",
    "Status",
    "Notes",
    "Last changed (UTC)",
    "Changed by",
)


def plan_rows(bundle: Bundle) -> list[dict]:
    """The current version of every action item, in the order they were added."""
    rows = []
    for item in latest(bundle[ACTION_ITEMS.name], ACTION_ITEMS).values():
        values = (
            item["assessment_id"],
            item["item_id"],
            item["subdomain_id"],
            item["what"],
            item["owner"],
            item["due_date"],
            ITEM_STATUSES[item["status"]],
            item["notes"],
            item["recorded_at"].isoformat(sep=" "),
            item["recorded_by"],
        )
        rows.append(dict(zip(PLAN_HEADERS, values)))
    return rows
