"""The queries the dashboard and compare pages run for the known assessment, as named calls."""

from __future__ import annotations

from collections.abc import Callable

from bench.fill import Known
from cpss.db import assessments, dashboard, plans
from cpss.db.core import Db
from cpss.db.dashboard import Filters
from cpss.model.framework import Framework

COMPARE_COLUMNS = 12  # app_pages/compare.py: MAX_COLUMNS
COMPARE_RADAR = 3  # app_pages/compare.py: the radar's default picks


def page_queries(db: Db, framework: Framework, known: Known) -> dict[str, Callable[[], object]]:
    """Every query of one dashboard render of the known follow-up (its previous assessment is the
    known baseline), then those of the compare page with no filter, by name."""
    current = known.followup_id
    previous = dashboard.previous_assessment(db, current)
    if previous != known.baseline_id:
        raise AssertionError(
            f"The known follow-up's previous assessment is {previous!r}, "
            f"not the known baseline {known.baseline_id!r}."
        )
    pair = [current, previous]
    found, _ = dashboard.find_assessments(db, Filters(), COMPARE_COLUMNS)
    shown = list(found["id"])
    return {
        "latest_assessment": lambda: dashboard.latest_assessment(db),
        "places": lambda: dashboard.places(db),
        "assessments_of_place": lambda: dashboard.assessments_of_place(
            db, known.country_code, known.unit
        ),
        "assessments.assessment": lambda: assessments.assessment(db, current),
        "previous_assessment": lambda: dashboard.previous_assessment(db, current),
        "phase_counts": lambda: dashboard.phase_counts(db, framework, current),
        "assessments.current_answers": lambda: assessments.current_answers(db, current),
        "outcome_summary (2)": lambda: dashboard.outcome_summary(db, framework, pair),
        "answer_cells (2)": lambda: dashboard.answer_cells(db, framework, pair),
        "plans.review": lambda: plans.review(db, current),
        "plans.items": lambda: plans.items(db, current),
        "plans.carried_items": lambda: plans.carried_items(db, current),
        "find_assessments (12)": lambda: dashboard.find_assessments(db, Filters(), COMPARE_COLUMNS),
        f"compare: answer_cells ({COMPARE_COLUMNS})": lambda: dashboard.answer_cells(
            db, framework, shown
        ),
        f"compare: outcome_summary ({COMPARE_RADAR})": lambda: dashboard.outcome_summary(
            db, framework, shown[:COMPARE_RADAR]
        ),
    }
