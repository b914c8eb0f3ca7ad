"""Rebuild ``data/countries.csv``: ISO 3166-1 countries and territories under the names people know.

Run once by a maintainer with ``pip install pycountry`` (not an app dependency):
``python tools/make_countries.py > data/countries.csv``. Names come from pycountry's common name
where it has one, else its short name, with the overrides below for names in everyday and UN use.
Kosovo, which has no ISO code, is added with the user-assigned code XKX, as UNICEF data does (XK
in alpha-2, as CLDR has it). The alpha-2 column finds each name in the interface's other languages
(Babel's territory names, keyed by alpha-2); stored data keeps the alpha-3 code.
"""

import csv
import sys

import pycountry

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
EXTRA = [("XKX", "XK", "Kosovo")]


def main() -> None:
    """Write the CSV (code,alpha_2,name) sorted by name to standard output."""
    rows = [
        (c.alpha_3, c.alpha_2, OVERRIDES.get(c.alpha_3, getattr(c, "common_name", c.name)))
        for c in pycountry.countries
    ] + EXTRA
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "alpha_2", "name"])
    writer.writerows(sorted(rows, key=lambda row: row[2]))


if __name__ == "__main__":
    main()
