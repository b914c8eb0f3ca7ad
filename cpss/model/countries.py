"""Countries and territories (ISO 3166-1 alpha-3 codes) under the names people know."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

COUNTRIES_FILE = Path(__file__).resolve().parents[2] / "data" / "countries.csv"


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Country names by code, sorted by name; read once per process from ``data/countries.csv``."""
    with COUNTRIES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}
