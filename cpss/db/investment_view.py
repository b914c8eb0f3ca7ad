"""What the investment views read: the money of a plan and of the plans of the same place before
it, and the two assessments the value of investment compares. The rows come from
:func:`cpss.db.investment.investment_rows`; the sums are made in :mod:`cpss.present.investment`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cpss.db import assessments
from cpss.db.core import Db
from cpss.db.dashboard import answer_cells, earlier_assessments
from cpss.db.investment import investment_rows
from cpss.model.framework import Framework


def plan_money(db: Db, assessment_id: str, this_plan_only: bool = False) -> pd.DataFrame:
    """The money recorded on this assessment's plan and on the plans of the same place before it
    (their actions go on, as the plan page shows); not on the plans of later assessments.
    ``this_plan_only``: this assessment's plan alone (a share link shows no other assessment)."""
    earlier = () if this_plan_only else sorted(earlier_assessments(db, assessment_id))
    ids = [assessment_id, *earlier]
    return investment_rows(db, ids)


def plan_span(db: Db, assessment_id: str) -> tuple[pd.DataFrame, list[date]]:
    """:func:`plan_money` of the assessment, and the dates of the assessments whose plans it
    holds (the years they span divide it on the Compare page and in the comparison report)."""
    ids = [assessment_id, *sorted(earlier_assessments(db, assessment_id))]
    days = [assessments.assessment(db, i).details.assessment_date for i in ids]
    return investment_rows(db, ids), days


@dataclass(frozen=True)
class Between:
    """Two assessments of one place in time order: their answers (``answer_cells`` rows), their
    dates, and the money of every plan of the place up to the later one."""

    earlier_id: str
    later_id: str
    since: date
    until: date
    then: pd.DataFrame
    now: pd.DataFrame
    money: pd.DataFrame


def between(db: Db, framework: Framework, one_id: str, other_id: str) -> Between:
    """The two assessments ``one_id`` and ``other_id`` in time order, with what the value of
    investment needs of them."""
    first, second = (assessments.assessment(db, i).details for i in (one_id, other_id))
    if first.assessment_date > second.assessment_date:
        one_id, other_id, first, second = other_id, one_id, second, first
    cells = answer_cells(db, framework, [one_id, other_id])
    return Between(
        one_id,
        other_id,
        first.assessment_date,
        second.assessment_date,
        cells[cells["assessment_id"] == one_id],
        cells[cells["assessment_id"] == other_id],
        plan_money(db, other_id),
    )
