"""Test data for reports and exchange: an assessment with history, notes in several languages and
an action plan, and helpers to edit an exported workbook the way a person would."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from cpss.db import assessments, plans
from cpss.db.core import Db
from cpss.db.demo import load_demo
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.plans import ActionItem, Review

COUNTRY = "Côte d'Ivoire"
NOTES = {
    "1.1": "Loi n° 2010-272 portant interdiction de la traite des enfants, élève, Ministère.",
    "1.2": "Закон о защите прав детей (2019): проверка выполнения.",
    "2.1": "تقرير وزارة التضامن عن حماية الطفل",
    "2.2": "Ley de protección integral de niñas, niños y adolescentes.",
}
TABLES = (
    "assessments",
    "assessment_details",
    "ratings",
    "action_items",
    "priority_reviews",
    "action_budgets",
    "action_shares",
    "spend_entries",
)


def rich_assessment(db: Db, framework) -> str:
    """An assessment of Côte d'Ivoire with all 19 answers, a changed answer, notes in four
    languages, action items with two versions, and a priority review; returns its id."""
    details = AssessmentDetails(
        "CIV",
        COUNTRY,
        "Évaluation nationale 2026",
        date(2026, 3, 10),
        unit="Région des Savanes",
        assessor="Aïcha Koné",
    )
    assessment_id = assessments.create(db, details, framework.version, "Aïcha Koné")
    choices = [1, 2, 3, 4, "dont_know", 2, 1]
    for index, sub in enumerate(framework.subdomains):
        choice = choices[index % len(choices)]
        answer = Answer(
            confidence="low" if index % 3 == 0 else "high",
            evidence=NOTES.get(sub.id, f"Evidence for {sub.id}"),
            rationale=f"Rationale {sub.id}",
        ).with_choice(choice)
        assessments.save_answer(db, assessment_id, sub.id, answer, "Aïcha Koné")
    assessments.save_answer(
        db, assessment_id, "1.1", Answer("phase", 2, 3, "medium", NOTES["1.1"], "Revu"), "Jean"
    )
    item = plans.add_item(
        db,
        assessment_id,
        ActionItem(
            "Adopter le décret d’application", "Ministère", date(2026, 12, 31), subdomain_id="1.2"
        ),
        "Jean",
    )
    plans.update_item(
        db,
        item,
        ActionItem(
            "Adopter le décret d’application",
            "Ministère",
            date(2026, 12, 31),
            "in_progress",
            "Projet soumis",
            "1.2",
        ),
        "Jean",
    )
    plans.add_item(db, assessment_id, ActionItem("Cartographie des services"), "Jean")
    plans.save_review(db, assessment_id, Review(("2.3", "1.1"), ("7.1",)), "Jean")
    return assessment_id


def everything(db: Db) -> list[str]:
    """The rich assessment and the two demo assessments; their ids."""
    from cpss.model.framework_file import load_framework

    framework = load_framework()
    return [rich_assessment(db, framework), *load_demo(db, framework)]


def row_counts(db: Db) -> dict[str, int]:
    """How many rows each history table holds."""
    return {t: db.value(f"SELECT count(*) FROM {t}") for t in TABLES}


def edit_workbook(data: bytes, edits) -> bytes:
    """The workbook with ``edits(book)`` applied, saved again as a person's Excel would."""
    book = load_workbook(io.BytesIO(data))
    edits(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def set_cell(book, sheet: str, row: int, header: str, value) -> None:
    """Set the cell of ``sheet`` in ``row`` under the column headed ``header``."""
    headers = [cell.value for cell in book[sheet][1]]
    book[sheet].cell(row, headers.index(header) + 1, value)
