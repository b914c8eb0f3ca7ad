"""UNICEF regions and the ISO 3166-1 numeric code of every country, from ``data/countries.csv``
(columns ``unicef_region`` and ``numeric``; where they come from: docs/decisions/unicef-regions.md).

The region is stored as its code (``ESA``); its name is translated where it is shown.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.countries import COUNTRIES_FILE
from cpss.model.errors import UserError

# UNICEF's seven regional offices, in the order UNICEF lists them (translated where shown).
REGIONS = {
    "EAP": N_("East Asia and Pacific"),
    "ECA": N_("Europe and Central Asia"),
    "ESA": N_("Eastern and Southern Africa"),
    "LAC": N_("Latin America and the Caribbean"),
    "MENA": N_("Middle East and North Africa"),
    "SA": N_("South Asia"),
    "WCA": N_("West and Central Africa"),
}


def region_name(code: str, tr: Text = ENGLISH) -> str:
    """The name of region ``code`` in ``tr``'s language."""
    return tr(REGIONS[code])


def read_regions(path: Path) -> dict[str, tuple[str, str]]:
    """(region code, numeric code or "") by country code, from the CSV at ``path``; a region that
    is missing or not one of :data:`REGIONS`, or a numeric code that is not three digits, is
    refused with the file, the line and what is wrong."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: _checked(row, path, line)
            for line, row in enumerate(csv.DictReader(handle), start=2)
        }


def _checked(row: dict[str, str], path: Path, line: int) -> tuple[str, str]:
    """The region and numeric code of one CSV row, checked."""
    region, numeric = (row.get("unicef_region") or "").strip(), (row.get("numeric") or "").strip()
    where = {"file": path.name, "line": line, "country": row.get("code", "")}
    if region not in REGIONS:
        raise UserError(
            '{file}, line {line}: the UNICEF region of {country} is "{region}", which is not one '
            "of {codes}.",
            **where,
            region=region,
            codes=", ".join(REGIONS),
        )
    if numeric and not (len(numeric) == 3 and numeric.isdigit()):
        raise UserError(
            '{file}, line {line}: the numeric code of {country} is "{numeric}", which is not '
            "three digits.",
            **where,
            numeric=numeric,
        )
    return region, numeric


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, tuple[str, str]]:
    """The shipped file's regions and numeric codes, read once per process."""
    return read_regions(COUNTRIES_FILE)


def regions() -> dict[str, str]:
    """The UNICEF region code of every country, by country code."""
    return {code: region for code, (region, _numeric) in _shipped().items()}


def countries_of(region: str) -> list[str]:
    """The codes of the countries in region ``region``."""
    return [code for code, (found, _numeric) in _shipped().items() if found == region]


def numeric_codes() -> dict[str, str]:
    """Country code by ISO 3166-1 numeric code (the map's shapes are keyed by it); countries with
    no numeric code (Kosovo) are not in it."""
    return {numeric: code for code, (_region, numeric) in _shipped().items() if numeric}
