"""The queries the dashboard and compare pages run for the known assessment, as named calls."""

from __future__ import annotations

from collections.abc import Callable

from cpss.db import dashboard
from cpss.db.dashboard import Filters
from cpss.model.framework import Framework
from cpss.model.plans import PlanStore
from cpss.db.assessments import Store

from bench.fill import Known

COMPARE_COLUMNS = 12  # app_pages/compare.py: MAX_COLUMNS
COMPARE_RADAR = 3  # app_pages/compare.py: the radar's default picks


def page_queries(store: Store, framework: Framework, known: Known
                 ) -> dict[str, Callable[[], object]]:
    """Every query of one dashboard render of the known follow-up (its previous assessment is the
    known baseline), then those of the compare page with no filter, by name."""
    current = known.followup_id
    previous = dashboard.previous_assessment(store, current)
    if previous != known.baseline_id:
        raise AssertionError(f"The known follow-up's previous assessment is {previous!r}, "
                             f"not the known baseline {known.baseline_id!r}.")
    pair = [current, previous]
    plan = PlanStore(store)
    found, _ = dashboard.find_assessments(store, Filters(), COMPARE_COLUMNS)
    shown = list(found["id"])
    return {
        "latest_assessment": lambda: dashboard.latest_assessment(store),
        "places": lambda: dashboard.places(store),
        "assessments_of_place": lambda: dashboard.assessments_of_place(store, known.country_code,
                                                                       known.unit),
        "store.assessment": lambda: store.assessment(current),
        "previous_assessment": lambda: dashboard.previous_assessment(store, current),
        "phase_counts": lambda: dashboard.phase_counts(store, framework, current),
        "store.current_answers": lambda: store.current_answers(current),
        "outcome_summary (2)": lambda: dashboard.outcome_summary(store, framework, pair),
        "answer_cells (2)": lambda: dashboard.answer_cells(store, framework, pair),
        "plan.review": lambda: plan.review(current),
        "plan.items": lambda: plan.items(current),
        "plan.carried_items": lambda: plan.carried_items(current),
        "find_assessments (12)": lambda: dashboard.find_assessments(store, Filters(),
                                                                    COMPARE_COLUMNS),
        f"compare: answer_cells ({COMPARE_COLUMNS})":
            lambda: dashboard.answer_cells(store, framework, shown),
        f"compare: outcome_summary ({COMPARE_RADAR})":
            lambda: dashboard.outcome_summary(store, framework, shown[:COMPARE_RADAR]),
    }
