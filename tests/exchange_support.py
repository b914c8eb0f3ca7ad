"""Test data for reports and exchange: an assessment with history, notes in several languages and
an action plan, and helpers to edit an exported workbook the way a person would."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.db.demo import load_demo
from cpss.model.plans import ActionItem, PlanStore, Review
from cpss.db.assessments import Store

COUNTRY = "Côte d'Ivoire"
NOTES = {"1.1": "Loi n° 2010-272 portant interdiction de la traite des enfants, élève, Ministère.",
         "1.2": "Закон о защите прав детей (2019): проверка выполнения.",
         "2.1": "تقرير وزارة التضامن عن حماية الطفل",
         "2.2": "Ley de protección integral de niñas, niños y adolescentes."}
TABLES = ("assessments", "assessment_details", "ratings", "action_items", "priority_reviews")


def rich_assessment(store: Store, framework) -> str:
    """An assessment of Côte d'Ivoire with all 19 answers, a changed answer, notes in four
    languages, action items with two versions, and a priority review; returns its id."""
    details = AssessmentDetails("CIV", COUNTRY, "Évaluation nationale 2026", date(2026, 3, 10),
                                unit="Région des Savanes", assessor="Aïcha Koné")
    assessment_id = store.create_assessment(details, framework.version, "Aïcha Koné")
    choices = [1, 2, 3, 4, "dont_know", 2, 1]
    for index, sub in enumerate(framework.subdomains):
        choice = choices[index % len(choices)]
        answer = Answer(confidence="low" if index % 3 == 0 else "high",
                        evidence=NOTES.get(sub.id, f"Evidence for {sub.id}"),
                        rationale=f"Rationale {sub.id}").with_choice(choice)
        store.save_answer(assessment_id, sub.id, answer, "Aïcha Koné")
    store.save_answer(assessment_id, "1.1", Answer("phase", 2, 3, "medium", NOTES["1.1"], "Revu"), "Jean")
    plan = PlanStore(store)
    item = plan.add_item(assessment_id, ActionItem("Adopter le décret d’application", "Ministère",
                                                   date(2026, 12, 31), subdomain_id="1.2"), "Jean")
    plan.update_item(item, ActionItem("Adopter le décret d’application", "Ministère",
                                      date(2026, 12, 31), "in_progress", "Projet soumis", "1.2"), "Jean")
    plan.add_item(assessment_id, ActionItem("Cartographie des services"), "Jean")
    plan.save_review(assessment_id, Review(("2.3", "1.1"), ("7.1",)), "Jean")
    return assessment_id


def everything(store: Store) -> list[str]:
    """The rich assessment and the two demo assessments; their ids."""
    from cpss.model.framework import load_framework
    framework = load_framework()
    return [rich_assessment(store, framework), *load_demo(store, framework)]


def row_counts(store: Store) -> dict[str, int]:
    """How many rows each history table holds."""
    return {t: store.cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


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
