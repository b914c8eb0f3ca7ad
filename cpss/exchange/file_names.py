"""Names of downloaded files that say which assessment they hold, safe on every system.

One assessment: ``cpss-report-cote-d-ivoire-evaluation-nationale-2026-2026-03-10.pdf`` (what the
file is, the country, the title, the assessment's date). Several:
``cpss-comparison-3-assessments-2026-12-06.pdf`` (how many, and the day the file was made).
Names are ASCII letters, digits and hyphens only: no path characters, no spaces, nothing a
browser or an office would rewrite.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from cpss.model.assessments import AssessmentDetails

MAX_COUNTRY = 24  # characters of the country's slug: long names still leave room for the title
MAX_TITLE = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int) -> str:
    """``text`` in lower-case ASCII words joined by hyphens (accents dropped, other characters
    cut), at most ``limit`` characters, cut at a hyphen when it is too long."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(words) > limit:
        head = words[: limit + 1]
        words = head.rsplit("-", 1)[0] if "-" in head else words[:limit]
    return words


def download_name(kind: str, extension: str, picked: AssessmentDetails | int, today: date) -> str:
    """The file name for ``kind`` (``"report"``, ``"export"``...) of ``picked``: the details of
    the one assessment the file holds (named by country, title and date), or how many it holds
    (several: named by their number and ``today``; 0, a blank worksheet: ``blank``)."""
    if isinstance(picked, AssessmentDetails):
        parts = [
            slug(picked.country, MAX_COUNTRY),
            slug(picked.title, MAX_TITLE),
            f"{picked.assessment_date:%Y-%m-%d}",
        ]
        return "-".join(["cpss", kind, *filter(None, parts)]) + f".{extension}"
    if picked == 0:
        return f"cpss-{kind}-blank.{extension}"
    return f"cpss-{kind}-{picked}-assessments-{today:%Y-%m-%d}.{extension}"
