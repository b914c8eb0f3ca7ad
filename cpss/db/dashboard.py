"""The dashboard's queries: every aggregation runs in SQL (either engine), so many assessments cost
little.

The framework (which subdomain belongs to which outcome, which criteria are drafted) is passed to
the queries as list parameters and unnested in SQL, so that nothing is pasted into a statement.

The queries that take assessment ids pick those assessments' rows before the latest row per key
is picked (a filter on ``current_*`` from outside reaches the rows for ``=`` on both engines, but
not for ``= ANY`` on DuckDB), so that their cost does not grow with the number of assessments
(docs/decisions/figures-in-sql-and-short-lists.md).
Averages are over rated subdomains only; "don't know" and "not applicable" are counted beside them,
never as a phase or as zero. Where no target is set, the next phase up is assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cpss.db.core import Db, Reader
from cpss.db.history import every_latest_row, latest_rows, not_deleted
from cpss.model.framework import Framework

# Ids of the assessments of the same place (country and unit) as assessment ``:id`` that came
# before it: an earlier date, or the same date and created earlier.
# Only the details of assessments that were ever at this place are numbered by the window (the
# filter on its partition column goes in before it), not every assessment's: N-independent.
_EVER_HERE = """assessment_id IN (SELECT h.assessment_id FROM assessment_details h, this
                   WHERE h.country_code = this.country_code AND h.unit = this.unit)"""


def _earlier_same_place(columns: str) -> str:
    """The assessments before ``:id`` at its place, with ``columns`` (of ``a``, ``d``)."""
    return f"""
    WITH this AS (SELECT d0.country_code, d0.unit, d0.assessment_date, a0.created_at
                  FROM current_details d0 JOIN assessments a0 ON a0.id = d0.assessment_id
                  WHERE d0.assessment_id = :id)
    SELECT {columns} FROM assessments a
    JOIN ({latest_rows("assessment_details", "assessment_id", _EVER_HERE)}) d
      ON d.assessment_id = a.id, this
    WHERE d.country_code = this.country_code AND d.unit = this.unit
      AND (d.assessment_date < this.assessment_date
           OR (d.assessment_date = this.assessment_date AND a.created_at < this.created_at))"""


EARLIER_SAME_PLACE = _earlier_same_place("a.id")
# The current details of every assessment not deleted (the rows of ``current_details``), for the
# queries that read them all: picked without sorting every detail row (see every_latest_row).
_EVERY_CURRENT_DETAILS = every_latest_row("assessment_details", "assessment_id", not_deleted())


def _current_ratings_of(wanted: str) -> str:
    """The current ratings of the assessments ``wanted`` (a condition on ``assessment_id``), the
    filter applied before each rating's latest row is picked."""
    # DuckDB does not carry an ``= ANY(list)`` filter on current_ratings through its window: it
    # picked every assessment's latest ratings first (x15-x23 the time at 10,000; bench/RESULTS.md).
    return latest_rows("ratings", "assessment_id, subdomain_id", wanted)


_RATINGS_OF_ID = _current_ratings_of("assessment_id = :id")
_RATINGS_OF_IDS = _current_ratings_of("assessment_id = ANY(:ids::VARCHAR[])")

# The target of a rated answer, the next phase up (at most the top phase ``:top``) when none is set;
# NULL for other answers (DuckDB's least() skips NULLs, hence the CASE).
_EFFECTIVE_TARGET = (
    "CASE WHEN r.answer = 'phase' THEN coalesce(r.target, least(r.phase + 1, :top)) END"
)
# One row per subdomain of the framework, from two list parameters (ids, outcome ids).
_FRAMEWORK = (
    "(SELECT unnest(:f_subs::VARCHAR[]) AS subdomain_id, "
    "unnest(:f_outcomes::VARCHAR[]) AS outcome_id)"
)
# One row per drafted criterion (subdomain id, phase), from two list parameters.
_DRAFTED = (
    "(SELECT unnest(:d_subs::VARCHAR[]) AS subdomain_id, unnest(:d_phases::INTEGER[]) AS phase)"
)


def _framework_params(framework: Framework) -> dict[str, list[str]]:
    return {
        "f_subs": [s.id for s in framework.subdomains],
        "f_outcomes": [s.outcome_id for s in framework.subdomains],
    }


def _drafted_params(framework: Framework) -> dict[str, list]:
    cells = [(s.id, phase) for s in framework.subdomains for phase in sorted(s.drafted_phases)]
    return {"d_subs": [sub for sub, _ in cells], "d_phases": [phase for _, phase in cells]}


def previous_assessment(db: Reader, assessment_id: str) -> str | None:
    """The latest earlier assessment of the same country and unit, or None."""
    # Ordered on the earlier ones' own columns: a join to current_details would number the
    # details of every assessment (PostgreSQL does not push a join's key through its window).
    earlier = _earlier_same_place("a.id, d.assessment_date, a.created_at")
    row = db.row(
        f"""SELECT p.id FROM ({earlier}) p WHERE {not_deleted("p.id")}
            ORDER BY p.assessment_date DESC, p.created_at DESC LIMIT 1""",
        {"id": assessment_id},
    )
    return row[0] if row else None


def earlier_assessments(db: Db, assessment_id: str) -> set[str]:
    """The ids of the assessments of the same place that came before this one."""
    return {row[0] for row in db.rows(EARLIER_SAME_PLACE, {"id": assessment_id})}


def phase_counts(db: Db, framework: Framework, assessment_id: str) -> dict[str, int]:
    """How many subdomains are rated, "don't know", "not applicable", not answered, and per phase.

    Keys: ``rated``, ``dont_know``, ``not_applicable``, ``not_answered`` and the phase numbers as
    strings (``"1"`` to ``"4"``).
    """
    phases = [p.number for p in framework.phases]
    per_phase = ", ".join(f"count(*) FILTER (WHERE r.phase = {int(p)})" for p in phases)
    row = db.row(
        f"""SELECT count(*) FILTER (WHERE r.answer = 'phase'),
                   count(*) FILTER (WHERE r.answer = 'dont_know'),
                   count(*) FILTER (WHERE r.answer = 'not_applicable'),
                   count(*) FILTER (WHERE r.answer IS NULL), {per_phase}
            FROM {_FRAMEWORK} f
            LEFT JOIN ({_RATINGS_OF_ID}) r ON r.subdomain_id = f.subdomain_id""",
        {**_framework_params(framework), "id": assessment_id},
    )
    assert row is not None  # an aggregate always returns one row
    keys = ["rated", "dont_know", "not_applicable", "not_answered", *map(str, phases)]
    return dict(zip(keys, row))


def outcome_summary(db: Db, framework: Framework, assessment_ids: list[str]) -> pd.DataFrame:
    """Per assessment and outcome: average current and target phase over rated subdomains, counts.

    Columns: assessment_id, outcome_id, outcome, subdomains, rated, dont_know, not_applicable,
    not_answered, current, target (the averages are NaN when no subdomain is rated). Rows follow
    the given assessments, then the framework's order of outcomes.
    """
    top = len(framework.phases)
    rows = db.frame(
        f"""WITH picked AS (SELECT unnest(:ids::VARCHAR[]) AS assessment_id,
                                   generate_subscripts(:ids::VARCHAR[], 1) AS position)
            SELECT p.assessment_id, f.outcome_id, count(*) AS subdomains,
                   count(*) FILTER (WHERE r.answer = 'phase') AS rated,
                   count(*) FILTER (WHERE r.answer = 'dont_know') AS dont_know,
                   count(*) FILTER (WHERE r.answer = 'not_applicable') AS not_applicable,
                   count(*) FILTER (WHERE r.answer IS NULL) AS not_answered,
                   avg(r.phase) AS current,
                   avg({_EFFECTIVE_TARGET}) AS target
            FROM picked p CROSS JOIN {_FRAMEWORK} f
            LEFT JOIN ({_RATINGS_OF_IDS}) r
              ON r.assessment_id = p.assessment_id AND r.subdomain_id = f.subdomain_id
            GROUP BY p.assessment_id, p.position, f.outcome_id
            ORDER BY p.position""",
        {"ids": assessment_ids, "top": top, **_framework_params(framework)},
    )
    order = {o.id: i for i, o in enumerate(framework.outcomes)}
    rows["outcome_order"] = rows["outcome_id"].map(order)
    position = {a: i for i, a in enumerate(assessment_ids)}
    rows["assessment_order"] = rows["assessment_id"].map(position)
    rows = rows.sort_values(["assessment_order", "outcome_order"], ignore_index=True)
    rows.insert(2, "outcome", rows["outcome_id"].map(lambda oid: framework.outcome(oid).label))
    return rows.drop(columns=["outcome_order", "assessment_order"])


def answer_cells(db: Db, framework: Framework, assessment_ids: list[str]) -> pd.DataFrame:
    """The current answers of the given assessments, as the heatmap takes them.

    Columns: assessment_id, subdomain_id, choice (the phase, ``dont_know``, ``not_applicable``),
    target (the effective target), low_confidence, drafted (the chosen phase's text is drafted),
    evidence, rationale. Only answered subdomains have a row.
    """
    top = len(framework.phases)
    return db.frame(
        f"""SELECT r.assessment_id, r.subdomain_id,
                   CASE WHEN r.answer = 'phase' THEN r.phase::VARCHAR ELSE r.answer END AS choice,
                   {_EFFECTIVE_TARGET} AS target,
                   coalesce(r.confidence = 'low', false) AS low_confidence,
                   d.subdomain_id IS NOT NULL AS drafted, r.evidence, r.rationale
            FROM ({_RATINGS_OF_IDS}) r
            LEFT JOIN {_DRAFTED} d ON d.subdomain_id = r.subdomain_id AND d.phase = r.phase
            WHERE r.answer IS NOT NULL""",
        {"top": top, **_drafted_params(framework), "ids": assessment_ids},
    )


@dataclass(frozen=True)
class Filters:
    """Which assessments to pick: empty means any. Dates are inclusive."""

    country_codes: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None


_FILTERED = f"""FROM assessments a JOIN ({_EVERY_CURRENT_DETAILS}) d ON d.assessment_id = a.id
    WHERE (:any_country OR d.country_code = ANY(:countries::VARCHAR[]))
      AND (:any_unit OR d.unit = ANY(:units::VARCHAR[]))
      AND (:any_status OR d.status = ANY(:statuses::VARCHAR[]))
      AND (:date_from::DATE IS NULL OR d.assessment_date >= :date_from::DATE)
      AND (:date_to::DATE IS NULL OR d.assessment_date <= :date_to::DATE)"""


def _filter_params(filters: Filters) -> dict:
    return {
        "countries": list(filters.country_codes),
        "any_country": not filters.country_codes,
        "units": list(filters.units),
        "any_unit": not filters.units,
        "statuses": list(filters.statuses),
        "any_status": not filters.statuses,
        "date_from": filters.date_from,
        "date_to": filters.date_to,
    }


def find_assessments(db: Db, filters: Filters, limit: int) -> tuple[pd.DataFrame, int]:
    """The newest ``limit`` assessments matching ``filters`` (newest date first), and how many match.

    Columns: id, country_code, country, unit, title, assessment_date, status, is_demo, answered.
    """
    matches = db.frame(
        f"""SELECT a.id, d.country_code, d.country, d.unit, d.title, d.assessment_date, d.status,
                   a.is_demo, count(*) OVER () AS total
            {_FILTERED}
            ORDER BY d.assessment_date DESC, a.created_at DESC LIMIT :limit""",
        {**_filter_params(filters), "limit": limit},
    )
    total = int(matches["total"].iloc[0]) if len(matches) else 0
    return matches.drop(columns=["total"]), total


def places(db: Db) -> pd.DataFrame:
    """Every country and unit with assessments: country_code, country, unit, assessments."""
    return db.frame(
        f"""SELECT d.country_code, min(d.country) AS country, d.unit, count(*) AS assessments
           FROM ({_EVERY_CURRENT_DETAILS}) d GROUP BY d.country_code, d.unit
           ORDER BY country, d.unit"""
    )


# A place: country code ``:country`` and, when ``:unit`` is not NULL, that unit.
_PLACE = "{prefix}country_code = :country AND (:unit::VARCHAR IS NULL OR {prefix}unit = :unit)"


def assessments_of_place(db: Db, country_code: str, unit: str | None = None) -> pd.DataFrame:
    """The assessments of a country (and unit, when given), newest first: id, unit, title, date,
    status, is_demo."""
    picked = f"""assessment_id IN (SELECT assessment_id FROM assessment_details
                                   WHERE {_PLACE.format(prefix="")})"""
    return db.frame(
        f"""SELECT a.id, d.unit, d.title, d.assessment_date, d.status, a.is_demo
            FROM assessments a
            JOIN ({latest_rows("assessment_details", "assessment_id", picked)}) d
              ON d.assessment_id = a.id
            WHERE {_PLACE.format(prefix="d.")}
            ORDER BY d.assessment_date DESC, a.created_at DESC""",
        {"country": country_code, "unit": unit},
    )


def assessment_exists(db: Db, assessment_id: str) -> bool:
    """Whether an assessment with this id is stored (and not deleted)."""
    return (
        db.value(
            "SELECT count(*) FROM current_details WHERE assessment_id = :id", {"id": assessment_id}
        )
        > 0
    )


def latest_assessment(db: Db) -> str | None:
    """The assessment created last, the dashboard's default; None when there is none."""
    # Whether an assessment has details at all is enough (any of its rows; not deleted is
    # checked apart): no detail row is ranked, and the newest assessments are looked at first.
    row = db.row(
        f"""SELECT a.id FROM assessments a
            WHERE a.id IN (SELECT assessment_id FROM assessment_details) AND {not_deleted("a.id")}
            ORDER BY a.created_at DESC LIMIT 1"""
    )
    return row[0] if row else None
