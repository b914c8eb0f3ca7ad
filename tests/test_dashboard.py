"""The dashboard's SQL: averages over rated subdomains only, counts, previous assessment, filters."""

import json
import math
from datetime import date

import pandas as pd
import pytest

from cpss.db import assessments, dashboard, lifecycle, listing
from cpss.db.core import Db
from cpss.db.dashboard import Filters
from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, Answer
from cpss.model.assessments import FINAL, AssessmentDetails


def rated(phase, target=None, confidence=None):
    return Answer(status="phase", phase=phase, target=target, confidence=confidence)


def assess(db, answers, country=("KEN", "Kenya"), unit="", day=date(2026, 3, 1), title="A"):
    """A new assessment holding ``answers``; returns its id."""
    assessment_id = assessments.create(
        db, AssessmentDetails(*country, title, day, unit), "v1", by="test"
    )
    for subdomain_id, answer in answers.items():
        assessments.save_answer(db, assessment_id, subdomain_id, answer, by="test")
    return assessment_id


def test_averages_leave_out_dont_know_and_not_applicable(db, framework):
    assessment_id = assess(
        db,
        {
            "2.1": rated(1, 3),
            "2.2": Answer(status=DONT_KNOW),
            "2.3": Answer(status=NOT_APPLICABLE, rationale="no local level"),
            "3.1": rated(2),
            "3.2": rated(3, 4),
            "3.3": rated(4),
        },
    )
    summary = dashboard.outcome_summary(db, framework, [assessment_id]).set_index("outcome_id")
    assert list(summary.index) == ["1", "2", "3", "4", "5", "6", "7"]
    governance = summary.loc["2"]
    assert governance["current"] == 1 and governance["target"] == 3
    assert (
        governance["rated"],
        governance["dont_know"],
        governance["not_applicable"],
        governance["not_answered"],
    ) == (1, 1, 1, 0)
    services = summary.loc["3"]
    assert services["current"] == 3  # (2 + 3 + 4) / 3
    assert services["target"] == (3 + 4 + 4) / 3  # no target: one phase up, at most 4
    assert math.isnan(summary.loc["1"]["current"]) and summary.loc["1"]["not_answered"] == 2
    assert summary.loc["1"]["outcome"] == "1. Legal and policy framework"


def test_an_outcome_of_only_dont_know_is_unrated_not_zero(db, framework):
    assessment_id = assess(
        db,
        {
            "7.1": Answer(status=DONT_KNOW),
            "7.2": Answer(status=DONT_KNOW),
            "7.3": Answer(status=NOT_APPLICABLE, rationale="r"),
        },
    )
    row = dashboard.outcome_summary(db, framework, [assessment_id]).set_index("outcome_id").loc["7"]
    assert math.isnan(row["current"]) and row["rated"] == 0 and row["dont_know"] == 2


def test_summaries_of_several_assessments_keep_the_given_order(db, framework):
    first = assess(db, {"1.1": rated(1)})
    second = assess(db, {"1.1": rated(4)})
    summary = dashboard.outcome_summary(db, framework, [second, first])
    assert list(summary["assessment_id"]) == [second] * 7 + [first] * 7
    assert list(summary[summary["outcome_id"] == "1"]["current"]) == [4, 1]


def test_phase_counts(db, framework):
    assessment_id = assess(
        db, {"1.1": rated(2), "1.2": rated(2), "2.1": rated(4), "2.2": Answer(status=DONT_KNOW)}
    )
    counts = dashboard.phase_counts(db, framework, assessment_id)
    assert counts == {
        "rated": 3,
        "dont_know": 1,
        "not_applicable": 0,
        "not_answered": 15,
        "1": 0,
        "2": 2,
        "3": 0,
        "4": 1,
    }


def test_answer_cells_mark_drafted_and_low_confidence(db, framework):
    assessment_id = assess(
        db, {"3.1": rated(4, confidence="low"), "1.1": rated(2), "7.3": Answer(status=DONT_KNOW)}
    )
    cells = dashboard.answer_cells(db, framework, [assessment_id]).set_index("subdomain_id")
    assert cells.loc["3.1", "choice"] == "4" and cells.loc["3.1", "drafted"]
    assert cells.loc["3.1", "low_confidence"] and not cells.loc["1.1", "low_confidence"]
    assert cells.loc["1.1", "target"] == 3 and not cells.loc["1.1", "drafted"]
    assert cells.loc["7.3", "choice"] == DONT_KNOW and pd.isna(cells.loc["7.3", "target"])


def test_previous_assessment_is_the_latest_earlier_one_of_the_same_place(db):
    old = assess(db, {}, day=date(2020, 1, 1))
    middle = assess(db, {}, day=date(2023, 1, 1))
    other_unit = assess(db, {}, unit="Turkana", day=date(2024, 1, 1))
    other_country = assess(db, {}, country=("UGA", "Uganda"), day=date(2024, 6, 1))
    new = assess(db, {}, day=date(2026, 1, 1))
    assert dashboard.previous_assessment(db, new) == middle
    assert dashboard.previous_assessment(db, middle) == old
    assert dashboard.previous_assessment(db, old) is None
    assert dashboard.previous_assessment(db, other_unit) is None
    assert dashboard.previous_assessment(db, other_country) is None
    same_day = assess(db, {}, day=date(2026, 1, 1))  # created later on the same date
    assert dashboard.previous_assessment(db, same_day) == new


def test_find_assessments_filters_and_counts(db):
    kenya_old = assess(db, {}, day=date(2020, 1, 1))
    kenya_new = assess(db, {}, day=date(2025, 1, 1))
    uganda = assess(db, {}, country=("UGA", "Uganda"), day=date(2024, 1, 1))
    assessments.set_status(db, kenya_old, FINAL, by="test")
    found, total = dashboard.find_assessments(db, Filters(), limit=2)
    assert total == 3 and list(found["id"]) == [kenya_new, uganda]
    found, total = dashboard.find_assessments(db, Filters(country_codes=("KEN",)), limit=10)
    assert total == 2 and list(found["id"]) == [kenya_new, kenya_old]
    found, _ = dashboard.find_assessments(db, Filters(statuses=(FINAL,)), limit=10)
    assert list(found["id"]) == [kenya_old]
    found, _ = dashboard.find_assessments(
        db, Filters(date_from=date(2021, 1, 1), date_to=date(2024, 12, 31)), limit=10
    )
    assert list(found["id"]) == [uganda]
    assert dashboard.find_assessments(db, Filters(country_codes=("FRA",)), limit=5)[1] == 0


def test_places_and_their_assessments(db):
    first = assess(db, {}, day=date(2020, 1, 1))
    second = assess(db, {}, day=date(2022, 1, 1))
    assess(db, {}, unit="Turkana")
    listing = dashboard.places(db)
    assert list(zip(listing["country"], listing["unit"], listing["assessments"])) == [
        ("Kenya", "", 2),
        ("Kenya", "Turkana", 1),
    ]
    assert list(dashboard.assessments_of_place(db, "KEN", "")["id"]) == [second, first]
    assert len(dashboard.assessments_of_place(db, "KEN")) == 3


def test_queries_over_every_assessment_read_current_details_and_skip_deleted(db):
    """The queries that read every assessment pick each one's current details row themselves
    (not through current_details): an edited place counts where it is now, a deleted assessment
    nowhere, and an undone deletion everywhere again."""
    old = assess(db, {}, day=date(2025, 1, 1), title="Old")
    moved = assess(db, {}, day=date(2025, 6, 1), title="Moved")
    lifecycle.edit_details(
        db, moved, AssessmentDetails("KEN", "Kenya", "Moved", date(2025, 6, 1), "North"), "test"
    )
    new = assess(db, {}, day=date(2026, 1, 1), title="New")
    places = dashboard.places(db)
    assert list(zip(places["unit"], places["assessments"])) == [("", 2), ("North", 1)]
    assert dashboard.previous_assessment(db, new) == old  # "Moved" is in the North unit now
    lifecycle.delete(db, new, "test")
    lifecycle.delete(db, old, "test")
    assert dashboard.latest_assessment(db) == moved
    found, total = dashboard.find_assessments(db, Filters(), 10)
    assert (list(found["id"]), total) == ([moved], 1)
    assert list(dashboard.places(db)["unit"]) == ["North"]
    assert listing.recent_assessments(db).total == 1
    lifecycle.undo_delete(db, old, "test")
    lifecycle.undo_delete(db, new, "test")
    assert dashboard.latest_assessment(db) == new
    assert dashboard.previous_assessment(db, new) == old
    assert dashboard.find_assessments(db, Filters(units=("",)), 10)[1] == 2


def test_on_postgresql_no_query_over_every_assessment_sorts_all_details(db, engine):
    """PostgreSQL numbers a window's rows by sorting them all, so reading every assessment's
    current details through current_details sorted every detail row (most of these queries' time
    at 10,000 assessments, bench/RESULTS.md). The queries now pick them by hash: no sort on the
    details' assessment id in their plans."""
    if engine != "postgresql":
        pytest.skip("a PostgreSQL plan")
    for n in range(3):
        assess(db, {}, day=date(2025, 1, 1 + n), title=f"A{n}")
    seen = Recorded(db)
    listing.recent_assessments(seen)  # its rows read every rating (not yet changed), its total not
    dashboard.latest_assessment(seen)
    dashboard.places(seen)
    dashboard.find_assessments(seen, Filters(), 12)
    for sql, params in seen.statements[1:]:
        plan = "\n".join(row[0] for row in db.rows(f"EXPLAIN {sql}", params))
        sorted_ids = [
            line
            for line in plan.splitlines()
            if "Sort Key: assessment_details.assessment_id" in line
        ]
        assert not sorted_ids, f"{sql}\n{plan}"


class Recorded(Db):
    """A test's Db that keeps the statements it read, to look at their plans."""

    def __init__(self, db):
        super().__init__(db._cursor)
        self.statements = []

    def rows(self, sql, params=None):
        self.statements.append((sql, params))
        return super().rows(sql, params)

    def row(self, sql, params=None):
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql, params=None):
        return self.rows(sql, params)[0][0]

    def frame(self, sql, params=None):
        self.statements.append((sql, params))
        return super().frame(sql, params)


def _largest_row_count(db, engine, sql, params):
    """The most rows any step of the plan of ``sql`` carried, as the engine ran it."""
    if engine == "duckdb":
        plan = json.loads(db.rows(f"EXPLAIN (ANALYZE, FORMAT json) {sql}", params)[0][1])
        nodes, key, children = plan["operator"], "intermediate_rows", "children"
    else:
        plan = db.value(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = json.loads(plan) if isinstance(plan, str) else plan
        nodes, key, children = [plan[0]["Plan"]], "Actual Rows", "Plans"
    largest = 0
    while nodes:
        node = nodes.pop()
        largest = max(largest, node.get(key, 0))
        nodes.extend(node.get(children, []))
    return largest


def test_per_assessment_queries_read_only_the_wanted_assessments_ratings(db, engine, framework):
    """The dashboard's and compare's queries of a few assessments pick those assessments' ratings
    before their current ones are picked, so that their cost does not grow with the number of
    assessments (DuckDB picked every assessment's current ratings first for a list of ids:
    bench/RESULTS.md). No step of their plans carries as many rows as the other assessments'."""
    every = {s.id: rated(1 + n % 4) for n, s in enumerate(framework.subdomains)}
    wanted = [assess(db, {framework.subdomains[0].id: rated(2)}, title=f"W{n}") for n in range(2)]
    for n in range(4):  # others, each answered twice over: most of the ratings table
        other = assess(db, every, title=f"O{n}")
        for subdomain_id, answer in every.items():
            assessments.save_answer(db, other, subdomain_id, answer, by="test")
    others = db.value("SELECT count(*) FROM ratings") - 2
    seen = Recorded(db)
    dashboard.phase_counts(seen, framework, wanted[0])
    dashboard.outcome_summary(seen, framework, wanted)
    dashboard.answer_cells(seen, framework, wanted)
    for sql, params in seen.statements:
        assert _largest_row_count(db, engine, sql, params) < others, sql
