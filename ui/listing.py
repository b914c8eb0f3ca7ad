"""The home page's list of assessments, kept short: the most recently changed, or a search.

Drawing every stored assessment as a card with two buttons grows with the database (10,000
assessments made the page unusable); a short list and a search cost the same at any size.
"""

from __future__ import annotations

import pandas as pd

from cpss.assessments import place_name

SHOWN = 20  # cards drawn at most; the search finds the others


def matching(listing: pd.DataFrame, words: str) -> pd.DataFrame:
    """The rows of ``list_assessments()`` whose place, title or assessor contain every word of
    ``words`` (case-insensitive), in the listing's order; all rows when ``words`` is blank."""
    if listing.empty or not words.strip():
        return listing
    text = (listing.apply(lambda row: place_name(row.country, row.unit), axis=1) + " "
            + listing["title"].fillna("") + " " + listing["assessor"].fillna("")).str.casefold()
    keep = pd.Series(True, index=listing.index)
    for word in words.casefold().split():
        keep &= text.str.contains(word, regex=False)
    return listing[keep]
