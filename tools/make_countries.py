"""Rebuild ``data/countries.csv``: ISO 3166-1 countries and territories under the names people know.

Run once by a maintainer with ``pip install pycountry`` (not an app dependency):
``python tools/make_countries.py > data/countries.csv``. Names come from pycountry's common name
where it has one, else its short name, with the overrides below for names in everyday and UN use.
Kosovo, which has no ISO code, is added with the user-assigned code XKX, as UNICEF data does (XK
in alpha-2, as CLDR has it). The alpha-2 column finds each name in the interface's other languages
(Babel's territory names, keyed by alpha-2); stored data keeps the alpha-3 code. The ISO numeric
code (``numeric``, how the map's shapes are keyed) comes from pycountry; the UNICEF region
(``unicef_region``) is kept from the file being replaced, where it is maintained by hand
(docs/decisions/unicef-regions.md).
"""

import csv
import sys
from pathlib import Path

import pycountry

CURRENT = Path(__file__).resolve().parents[1] / "data" / "countries.csv"

OVERRIDES = {
    "BRN": "Brunei",
    "COD": "Democratic Republic of the Congo",
    "CPV": "Cabo Verde",
    "FLK": "Falkland Islands (Malvinas)",
    "FSM": "Micronesia",
    "VAT": "Holy See",
    "PSE": "State of Palestine",
    "RUS": "Russia",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    "MAF": "Saint Martin (French part)",
    "SXM": "Sint Maarten (Dutch part)",
    "TUR": "Türkiye",
    "CIV": "Côte d'Ivoire",
    "COG": "Republic of the Congo",
    "SHN": "Saint Helena, Ascension and Tristan da Cunha",
}
EXTRA = [("XKX", "XK", "Kosovo", "")]


def main() -> None:
    """Write the CSV (code,alpha_2,name,numeric,unicef_region) sorted by name to standard
    output; a new country's region is left blank, for the maintainer to fill (the app refuses a
    blank one)."""
    with CURRENT.open(encoding="utf-8", newline="") as handle:
        region = {row["code"]: row.get("unicef_region", "") for row in csv.DictReader(handle)}
    rows = [
        (
            c.alpha_3,
            c.alpha_2,
            OVERRIDES.get(c.alpha_3, getattr(c, "common_name", c.name)),
            c.numeric,
        )
        for c in pycountry.countries
    ] + EXTRA
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "alpha_2", "name", "numeric", "unicef_region"])
    for row in sorted(rows, key=lambda row: row[2]):
        writer.writerow([*row, region.get(row[0], "")])


if __name__ == "__main__":
    main()
