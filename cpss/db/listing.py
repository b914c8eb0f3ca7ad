"""The home page's list of assessments: the most recently changed, optionally matching a search.

The page shows a few and a search finds the others; the rows come back as plain tuples, so the first
page a user sees needs no pandas (docs/decisions explains both choices).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from cpss.db.assessments import ASSESSMENT_ROWS
from cpss.db.core import Db
from cpss.db.history import not_deleted
from cpss.i18n import ENGLISH, Text
from cpss.model.countries import codes_named

SHOWN = 20  # cards the home page draws at most; the search finds the others

# A row's search text: what the card shows (place, title) and who assessed it, in lower case and
# without accents, so that "cote d'ivoire" finds "Côte d'Ivoire" (typed on any keyboard).
_TEXT = "cpss_fold(concat_ws(' ', country, unit, title, assessor))"  # migration 7, on both engines
_LISTED = f"""
    SELECT *, count(*) OVER () AS found FROM ({ASSESSMENT_ROWS}) AS listed
    WHERE {{matches}}
    ORDER BY updated_at DESC, id
    LIMIT :limit"""


class Listed(NamedTuple):
    """One assessment as the list shows it."""

    id: str
    country: str
    unit: str
    title: str
    assessment_date: date
    assessor: str
    status: str
    is_demo: bool
    answered: int
    updated_at: datetime
    country_code: str


@dataclass(frozen=True)
class Listing:
    """Up to ``limit`` assessments, most recently changed first, and how many there are."""

    rows: list[Listed]
    found: int  # how many match the search (all of them when there is none)
    total: int  # how many assessments there are


def recent_assessments(db: Db, words: str = "", limit: int = SHOWN, tr: Text = ENGLISH) -> Listing:
    """The ``limit`` most recently changed assessments whose country, unit, title or assessor
    contain every word of ``words`` (ignoring case and accents; all assessments when ``words`` is
    blank). A word also finds the countries it is part of the name of in ``tr``'s language, which
    the stored (English) name may not contain: "Allemagne" finds Germany."""
    terms = words.lower().split()
    named = [codes_named(term, tr) for term in terms]
    matches = " AND ".join(_word_matches(i, codes) for i, codes in enumerate(named)) or "true"
    params: dict[str, object] = {f"w{i}": term for i, term in enumerate(terms)}
    params |= {f"c{i}": codes for i, codes in enumerate(named) if codes} | {"limit": limit}
    rows = db.rows(_LISTED.format(matches=matches), params)
    # Counted from the ids, without picking each one's current details row (which would rank the
    # details of every assessment: PostgreSQL sorts them all).
    total = db.value(
        f"SELECT count(DISTINCT assessment_id) FROM assessment_details WHERE {not_deleted()}"
    )
    return Listing([Listed(*row[:-1]) for row in rows], rows[0][-1] if rows else 0, total)


def _word_matches(i: int, codes: list[str]) -> str:
    """The condition that word ``:w{i}`` is in a row's text, or that the row's country is one of
    ``:c{i}`` (those whose localised name has the word), when there are any."""
    in_text = f"strpos({_TEXT}, cpss_fold(:w{i})) > 0"
    return f"({in_text} OR country_code = ANY(:c{i}::VARCHAR[]))" if codes else in_text
