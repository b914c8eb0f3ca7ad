"""Fill a database with many realistic assessments, fast: SQL bulk inserts, no row-by-row calls.

Every random draw is a hash of the row's keys (``draw(assessment, subdomain, version, salt)``), so
the same size always gives the same data and a value used twice in a row is the same value. Only
the two known assessments (the ones the benchmark opens) go through the app's own ``cpss.db``
functions; the bulk inserts run on the engine's raw DuckDB connection (SQL the app never runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from cpss.db import assessments, plans
from cpss.db.core import Connection, Db
from cpss.model.answers import Answer
from cpss.model.assessments import FINAL, AssessmentDetails
from cpss.model.countries import countries
from cpss.model.framework import Framework
from cpss.model.plans import DONE, IN_PROGRESS, PLANNED, ActionItem, Review

RANDOM_COUNTRIES = 190
KNOWN_COUNTRY = "KEN"  # kept out of the random places, so the known place is the same at every size
KNOWN_UNIT = "Turkana"
BY = "bench"
MAX_VERSIONS = 3
UNITS = [
    "Northern Province",
    "Southern Province",
    "Eastern Region",
    "Western Region",
    "Central District",
    "Capital City",
    "Coastal County",
    "Highlands County",
]
ASSESSORS = [
    "A. Mensah",
    "B. Okafor",
    "C. Nguyen",
    "D. Rahman",
    "E. Silva",
    "F. Haddad",
    "Ministry of Social Welfare",
    "National CP Working Group",
]
EVIDENCE = [
    "Child Act 2018, sections 12-19, reviewed with the legal team.",
    "Annual report of the child protection directorate, 2022.",
    "Key informant interviews with 14 district officers.",
    "Case management data from the national information system (CPIMS).",
    "Budget lines for social workers in the medium-term expenditure framework.",
    "Minutes of the national coordination committee, last four quarters.",
]
RATIONALES = [
    "Matches the criteria of this phase; the next phase's are only partly met.",
    "Policies exist on paper but implementation is uneven across districts.",
    "Rated conservatively: evidence covers the capital only.",
    "",
]

_MACROS = [
    # A uniform number in [0, 1) from the row's keys: reproducible, and stable within a row.
    """CREATE OR REPLACE TEMP MACRO draw(a, b, c, salt) AS
         (hash(a, b, c, salt) % 1000003) / 1000003.0""",
    # One element of a list, chosen by a uniform number x.
    """CREATE OR REPLACE TEMP MACRO pick(items, x) AS
         list_element(items, 1 + floor(x * len(items))::INT)""",
]


@dataclass(frozen=True)
class Known:
    """The known place's baseline and the follow-up that the benchmark opens."""

    baseline_id: str
    followup_id: str
    country_code: str = KNOWN_COUNTRY
    unit: str = KNOWN_UNIT


def fill(connection: Connection, framework: Framework, size: int) -> Known:
    """Fill an empty, migrated database with ``size`` assessments; return the known two."""
    known = add_known(connection.db(), framework)
    con = connection.engine.raw
    for statement in _MACROS:
        con.execute(statement)
    con.register("bench_countries", _country_pool())
    con.execute("BEGIN TRANSACTION")
    _draw_assessments(con, max(size - 2, 0), framework.version)
    _insert_details(con)
    _draw_ratings(con, [s.id for s in framework.subdomains])
    for version in range(1, MAX_VERSIONS + 1):
        _insert_rating_version(con, version)
    _insert_plans(con, [s.id for s in framework.subdomains])
    con.execute("COMMIT")
    con.execute("DROP TABLE bench_a; DROP TABLE bench_r")
    con.unregister("bench_countries")
    con.execute("CHECKPOINT")
    return known


def _country_pool() -> pd.DataFrame:
    """The countries random assessments are drawn from (the known country left out)."""
    pool = [(code, name) for code, name in countries().items() if code != KNOWN_COUNTRY]
    return pd.DataFrame(
        [(i, code, name) for i, (code, name) in enumerate(pool[:RANDOM_COUNTRIES])],
        columns=["idx", "code", "name"],
    )


def _draw_assessments(con: duckdb.DuckDBPyConnection, count: int, version: str) -> None:
    """The random assessments (temp table ``bench_a``) and their ``assessments`` rows.

    40 % are national, the rest in one of a few sub-national units; dates spread over 2015-2026;
    ``history`` says what happened after creation: marked final, retitled, or left a draft.
    """
    con.execute(
        """CREATE TEMP TABLE bench_a AS
           WITH d AS (
             SELECT i, floor(draw(i, 0, 0, 'country') * ?)::INT AS country_idx,
                    CASE WHEN draw(i, 0, 0, 'unit') < 0.4 THEN ''
                         ELSE pick(?, draw(i, 0, 0, 'unit name')) END AS unit,
                    DATE '2015-01-01' + floor(draw(i, 0, 0, 'date') * 4200)::INT AS assessment_date,
                    draw(i, 0, 0, 'history') AS u_history
             FROM range(?) t(i))
           SELECT d.i, md5('bench-' || d.i) AS id, c.code, c.name, d.unit, d.assessment_date,
                  CASE WHEN d.unit = '' THEN 'National assessment ' ELSE d.unit || ' assessment '
                  END || year(d.assessment_date) AS title,
                  d.assessment_date + to_minutes(floor(draw(i, 0, 0, 'created') * 20160)::BIGINT)
                    AS created_at,
                  CASE WHEN u_history < 0.65 THEN 'final' WHEN u_history < 0.8 THEN 'retitled'
                       ELSE 'draft' END AS history,
                  pick(?, draw(i, 0, 0, 'assessor')) AS assessor
           FROM d JOIN bench_countries c ON c.idx = d.country_idx""",
        [RANDOM_COUNTRIES, UNITS, count, ASSESSORS],
    )
    con.execute(
        "INSERT INTO assessments SELECT id, ?, false, created_at, assessor FROM bench_a "
        "ORDER BY created_at",
        [version],
    )


def _insert_details(con: duckdb.DuckDBPyConnection) -> None:
    """One detail row per assessment (a draft), and a second for those marked final or retitled."""
    columns = """INSERT INTO assessment_details (assessment_id, country_code, country, unit, title,
                 assessment_date, assessor, status, recorded_at, recorded_by)"""
    con.execute(f"""{columns} SELECT id, code, name, unit, title, assessment_date, assessor,
                    'draft', created_at, assessor FROM bench_a ORDER BY created_at""")
    con.execute(f"""{columns} SELECT id, code, name, unit,
                        CASE WHEN history = 'retitled' THEN title || ' (revised)' ELSE title END,
                        assessment_date, assessor,
                        CASE WHEN history = 'final' THEN 'final' ELSE 'draft' END,
                        created_at + INTERVAL 30 DAY, assessor
                    FROM bench_a WHERE history <> 'draft' ORDER BY created_at""")


def _draw_ratings(con: duckdb.DuckDBPyConnection, subdomain_ids: list[str]) -> None:
    """Which subdomains each assessment answered and how many versions each answer has
    (temp table ``bench_r``): a fifth of a draft's subdomains are left unanswered; 55 % of
    answers have one version, 30 % two, 15 % three."""
    con.execute(
        """CREATE TEMP TABLE bench_r AS
           SELECT a.i, a.id, a.created_at, a.assessor, s.s, s.subdomain_id,
                  CASE WHEN draw(a.i, s.s, 0, 'versions') < 0.55 THEN 1
                       WHEN draw(a.i, s.s, 0, 'versions') < 0.85 THEN 2 ELSE 3 END AS versions
           FROM bench_a a,
                (SELECT unnest(?::VARCHAR[]) AS subdomain_id,
                        generate_subscripts(?::VARCHAR[], 1) AS s) s
           WHERE a.history <> 'draft' OR draw(a.i, s.s, 0, 'answered') >= 0.2""",
        [subdomain_ids, subdomain_ids],
    )


def _insert_rating_version(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """Version ``version`` of every answer that has that many: mostly phases 1-4 (2 and 3 most
    often), some "don't know", "not applicable" (with a reason), a few still unchosen; targets at
    or above the phase, or none; confidences; short evidence and rationale."""
    con.execute(
        """INSERT INTO ratings (assessment_id, subdomain_id, answer, phase, target, confidence,
                                evidence, rationale, source, recorded_at, recorded_by)
           SELECT id, subdomain_id, answer, CASE WHEN answer = 'phase' THEN phase END,
                  CASE WHEN answer = 'phase' AND draw(i, s, $v, 'has target') < 0.7
                       THEN least(4, phase + floor(draw(i, s, $v, 'target') * 2)::INT) END,
                  pick(['low', 'medium', 'medium', 'high', 'high', NULL], draw(i, s, $v, 'conf')),
                  pick($evidence, draw(i, s, $v, 'evidence'))
                    || CASE WHEN draw(i, s, $v, 'more') < 0.5
                            THEN ' ' || pick($evidence, draw(i, s, $v, 'evidence 2')) ELSE '' END,
                  CASE WHEN answer = 'not_applicable'
                       THEN 'Not applicable: the function is held by another ministry.'
                       ELSE pick($rationales, draw(i, s, $v, 'rationale')) END,
                  CASE WHEN draw(i, s, $v, 'source') < 0.8 THEN 'solo' ELSE 'workshop' END,
                  created_at + to_days(($v - 1) * 20) + to_minutes(s), assessor
           FROM (SELECT *, pick([1, 1, 2, 2, 2, 3, 3, 4], draw(i, s, $v, 'phase')) AS phase,
                        CASE WHEN draw(i, s, $v, 'answer') < 0.81 THEN 'phase'
                             WHEN draw(i, s, $v, 'answer') < 0.91 THEN 'dont_know'
                             WHEN draw(i, s, $v, 'answer') < 0.97 THEN 'not_applicable'
                        END AS answer
                 FROM bench_r WHERE versions >= $v)
           ORDER BY i, s""",
        {"v": version, "evidence": EVIDENCE, "rationales": RATIONALES},
    )


def _insert_plans(con: duckdb.DuckDBPyConnection, subdomain_ids: list[str]) -> None:
    """Action items for 30 % of assessments (1-3 each, 40 % of them updated once), and a priority
    review for 10 %."""
    con.execute(
        """CREATE TEMP TABLE bench_items AS
           SELECT a.i, n.n, md5('item-' || a.i || '-' || n.n) AS item_id, a.id, a.created_at,
                  a.assessor, pick(list_append(?::VARCHAR[], NULL), draw(a.i, n.n, 0, 'sub'))
                    AS subdomain_id
           FROM bench_a a, range(1 + floor(draw(a.i, 0, 0, 'items') * 3)::INT) n(n)
           WHERE draw(a.i, 0, 0, 'planned') < 0.3""",
        [subdomain_ids],
    )
    columns = """INSERT INTO action_items (item_id, assessment_id, subdomain_id, what, owner,
                 due_date, status, notes, reviewed_in, recorded_at, recorded_by)"""
    con.execute(f"""{columns} SELECT item_id, id, subdomain_id,
                        'Draft and cost a plan for ' || coalesce(subdomain_id, 'the system'),
                        assessor, created_at::DATE + 365, 'planned', '', NULL, created_at, assessor
                    FROM bench_items""")
    con.execute(f"""{columns} SELECT item_id, id, subdomain_id,
                        'Draft and cost a plan for ' || coalesce(subdomain_id, 'the system'),
                        assessor, created_at::DATE + 365,
                        pick(['in_progress', 'done', 'dropped'], draw(i, n, 1, 'status')),
                        'Updated at the quarterly review.', NULL, created_at + INTERVAL 90 DAY,
                        assessor
                    FROM bench_items WHERE draw(i, n, 1, 'updated') < 0.4""")
    con.execute(
        """INSERT INTO priority_reviews (assessment_id, ordering, dismissed, recorded_at,
                                         recorded_by)
           SELECT id, list_slice(?::VARCHAR[], k, k + 2), list_slice(?::VARCHAR[], k + 3, k + 3),
                  created_at + INTERVAL 40 DAY, assessor
           FROM (SELECT *, 1 + floor(draw(i, 0, 0, 'review start') * 15)::INT AS k FROM bench_a)
           WHERE draw(i, 0, 0, 'reviewed') < 0.1""",
        [subdomain_ids, subdomain_ids],
    )
    con.execute("DROP TABLE bench_items")


def add_known(db: Db, framework: Framework) -> Known:
    """Through the app's own functions: a final baseline (2021) and a draft follow-up (2025) of one
    sub-national unit, with answers changed over time, action items and a priority review."""
    name = countries()[KNOWN_COUNTRY]
    ids = [
        assessments.create(
            db,
            AssessmentDetails(KNOWN_COUNTRY, name, title, day, KNOWN_UNIT, "County team"),
            framework.version,
            BY,
        )
        for title, day in (
            ("Baseline 2021", date(2021, 3, 15)),
            ("Follow-up 2025", date(2025, 4, 2)),
        )
    ]
    for round_, assessment_id in enumerate(ids):
        for index, subdomain in enumerate(framework.subdomains):
            for answer in _known_answers(index, round_):
                assessments.save_answer(db, assessment_id, subdomain.id, answer, BY)
    for index, status in enumerate((DONE, IN_PROGRESS, PLANNED)):
        item = ActionItem(
            f"Baseline action {index + 1}",
            "County office",
            status=status,
            subdomain_id=framework.subdomains[index].id,
        )
        plans.add_item(db, ids[0], item, BY)
    plans.add_item(db, ids[1], ActionItem("Train 40 case workers", "County office"), BY)
    plans.save_review(db, ids[1], Review(ordering=("2.3", "1.1"), dismissed=("7.3",)), BY)
    assessments.set_status(db, ids[0], FINAL, BY)
    return Known(*ids)


def _known_answers(index: int, round_: int) -> list[Answer]:
    """The versions of one known answer: phases rise by a step in the follow-up, one subdomain is
    "don't know", one "not applicable"; every third answer was first saved at a lower phase."""
    if index == 4:
        return [Answer("dont_know", evidence="No data yet.")]
    if index == 9:
        return [Answer("not_applicable", rationale="Handled at national level.")]
    phase = min(4, 1 + (index + round_) % 3 + round_)
    final = Answer(
        "phase",
        phase,
        min(4, phase + 1),
        ("low", "medium", "high")[index % 3],
        EVIDENCE[index % len(EVIDENCE)],
        RATIONALES[index % len(RATIONALES)],
    )
    return (
        [Answer("phase", max(1, phase - 1), evidence="First impression.")] if index % 3 == 0 else []
    ) + [final]
