"""The map's queries: the latest final assessment of each country (national) and of each
sub-national unit of one country. The answers of those assessments are read with
:func:`cpss.db.dashboard.answer_cells`, as the dashboard reads them.

"Latest" is the newest assessment date, then the one created last, as on the dashboard's
"previous" series. Drafts are never on the map: a leadership view shows what a country adopted.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from cpss.db.core import Db
from cpss.db.dashboard import answer_cells
from cpss.db.history import every_latest_row, not_deleted
from cpss.model.assessments import FINAL
from cpss.model.framework import Framework

_EVERY_CURRENT_DETAILS = every_latest_row("assessment_details", "assessment_id", not_deleted())
# The latest final assessment per place (country and unit) among the rows matching :country
# (NULL: every country) and :national (true: the national ones, false: the sub-national ones).
_LATEST_FINAL = f"""
    SELECT id, country_code, country, unit, assessment_date FROM (
        SELECT a.id, d.country_code, d.country, d.unit, d.assessment_date,
               row_number() OVER (PARTITION BY d.country_code, d.unit
                                  ORDER BY d.assessment_date DESC, a.created_at DESC) AS place_rank
        FROM assessments a JOIN ({_EVERY_CURRENT_DETAILS}) d ON d.assessment_id = a.id
        WHERE d.status = :final AND NOT a.is_demo
          AND (:country::VARCHAR IS NULL OR d.country_code = :country)
          AND ((d.unit = '') = :national)) AS ranked
    WHERE place_rank = 1
    ORDER BY country_code, unit"""


def national_finals(db: Db) -> pd.DataFrame:
    """The latest final national assessment of each country: id, country_code, country, unit,
    assessment_date (demo assessments left out: their country is fictional)."""
    return db.frame(_LATEST_FINAL, {"final": FINAL, "country": None, "national": True})


def unit_finals(db: Db, country_code: str) -> pd.DataFrame:
    """The latest final assessment of each sub-national unit of ``country_code``, by unit name:
    the columns of :func:`national_finals`."""
    return db.frame(_LATEST_FINAL, {"final": FINAL, "country": country_code, "national": False})


def finals_in(
    db: Db, framework: Framework, codes: Collection[str] | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The latest final national assessments of the countries ``codes`` (None: every country),
    and their answers (:func:`cpss.db.dashboard.answer_cells`): what the map and the regional
    summary are drawn from."""
    finals = national_finals(db)
    if codes is not None:
        finals = finals[finals["country_code"].isin(list(codes))].reset_index(drop=True)
    return finals, answer_cells(db, framework, list(finals["id"]))
