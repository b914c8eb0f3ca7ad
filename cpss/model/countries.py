"""Countries and territories (ISO 3166-1 alpha-3 codes) under the names people know, in English
from ``data/countries.csv`` and in the interface's other languages from Babel (CLDR's territory
names, keyed by the alpha-2 code the CSV holds beside each alpha-3 one). Stored data keeps the
alpha-3 code and the English name; the name in another language is looked up where it is shown."""

from __future__ import annotations

import csv
import functools
import unicodedata
from pathlib import Path

from cpss.i18n import ENGLISH, Text, babel_locale

COUNTRIES_FILE = Path(__file__).resolve().parents[2] / "data" / "countries.csv"


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str], ...]:
    """(alpha-3, alpha-2, English name) of every country, sorted by name; read once per process."""
    with COUNTRIES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple((row["code"], row["alpha_2"], row["name"]) for row in csv.DictReader(handle))


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Country names by code, sorted by name; read once per process from ``data/countries.csv``."""
    return {code: name for code, _alpha_2, name in _rows()}


def alpha_2(code: str) -> str | None:
    """The ISO alpha-2 code of a country's alpha-3 ``code`` (None when unknown)."""
    return next((two for alpha_3, two, _name in _rows() if alpha_3 == code), None)


@functools.cache
def _names_in(language: str) -> dict[str, str]:
    """Country names by alpha-3 code in ``language`` (a Babel locale); English names for the
    territories CLDR does not name."""
    from babel import Locale  # Babel only once a language other than English is shown

    territories = Locale.parse(language).territories
    return {code: territories.get(alpha_2, name) for code, alpha_2, name in _rows()}


def country_name(code: str, tr: Text = ENGLISH, default: str = "") -> str:
    """The name of country ``code`` in ``tr``'s language ("Allemagne" for DEU in French); the
    English names are the CSV's (everyday and UN use). ``default`` (the stored name) for a code
    that is not a country, such as the demo's fictional one."""
    if tr.language == ENGLISH.language:
        return countries().get(code, default)
    return _names_in(babel_locale(tr)).get(code, default)


def countries_in(tr: Text = ENGLISH) -> dict[str, str]:
    """Every country's name by code in ``tr``'s language, sorted by that name as its speakers
    would look for it (accents ignored)."""
    names = {code: country_name(code, tr) for code in countries()}
    return dict(sorted(names.items(), key=lambda item: fold(item[1])))


def codes_named(words: str, tr: Text = ENGLISH) -> list[str]:
    """The codes of the countries whose name in ``tr``'s language contains ``words`` (ignoring
    case, accents and the kind of apostrophe: CLDR writes "Côte d’Ivoire", keyboards type ')."""
    wanted = fold(words)
    return [code for code, name in countries_in(tr).items() if wanted and wanted in fold(name)]


def fold(text: str) -> str:
    """``text`` in lower case, without accents, with typographic apostrophes made plain: what a
    search compares."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
