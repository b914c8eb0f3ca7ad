"""Country names, dates and numbers in the session's language (issue 17, item 6): the pages name a
country as the reader's language does and write dates its way; stored data keeps ISO codes."""

from __future__ import annotations

import gettext
from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from cpss.db import assessments
from cpss.db.listing import SHOWN, recent_assessments
from cpss.i18n import (
    ENGLISH,
    Text,
    babel_locale,
    format_date,
    format_datetime,
    format_number,
    format_time,
    text,
)
from cpss.model.assessments import AssessmentDetails
from cpss.model.countries import codes_named, countries, countries_in, country_name, fold
from tests.conftest import ROOT

FR, AR, RU = text("fr"), text("ar"), text("ru")
DAY = date(2026, 3, 5)


# --- the helpers ---------------------------------------------------------------------------


def test_a_country_is_named_in_the_language_and_keeps_its_english_name_in_english():
    assert country_name("DEU", FR) == "Allemagne"
    assert country_name("DEU", AR) == "ألمانيا"
    assert country_name("CIV", RU) == "Кот-д’Ивуар"
    assert country_name("DEU") == "Germany" and country_name("TUR") == "Türkiye"  # the CSV's
    assert country_name("XKX", FR) == "Kosovo"  # no ISO code: XK in CLDR
    assert country_name("DEMO", FR, "Demoland") == "Demoland"  # not a country: the stored name


def test_every_country_has_an_alpha_2_code_and_a_name_in_every_language():
    for language in ("fr", "es", "ru", "ar"):
        names = countries_in(text(language))
        assert list(names) != list(countries()) or language == "en"  # sorted by its own names
        assert set(names) == set(countries()) and all(names.values())
    assert list(countries_in(FR))[:5] == ["AFG", "ZAF", "ALB", "DZA", "DEU"]  # Afrique du Sud...


def test_a_search_word_finds_the_countries_named_with_it_ignoring_accents_and_apostrophes():
    assert codes_named("allemagne", FR) == ["DEU"]
    assert codes_named("Côte d’Ivoire", FR) == codes_named("cote d'ivoire", FR) == ["CIV"]
    assert codes_named("ألمانيا", AR) == ["DEU"]
    assert codes_named("allemagne") == [] and codes_named("", FR) == []
    assert fold("Côte d’Ivoire") == "cote d'ivoire"


def test_dates_times_and_numbers_are_written_the_languages_way():
    moment = datetime(2026, 3, 5, 14, 5, 9)
    assert format_date(DAY, FR, "medium") == "5 mars 2026"
    assert format_date(DAY, ENGLISH, "medium") == "5 Mar 2026"
    assert format_date(DAY, AR) == "5 مارس 2026"
    assert format_time(moment, FR) == "14:05" and format_time(moment, seconds=True) == "14:05:09"
    assert format_datetime(moment) == "5 Mar 2026 14:05"
    assert format_datetime(moment, FR, seconds=True) == "5 mars 2026 14:05:09"
    assert format_number(2.5, FR, 2) == "2,50"


def test_a_language_babel_does_not_know_writes_dates_as_english_does():
    made_up = Text("xx", gettext.NullTranslations())
    assert babel_locale(made_up) == "en_GB"
    assert format_date(DAY, made_up) == "5 March 2026"


# --- the search -----------------------------------------------------------------------------


def create(db, code: str, title: str, day: date = DAY) -> str:
    """A new assessment of country ``code`` (stored under its English name)."""
    details = AssessmentDetails(code, countries()[code], title, day)
    return assessments.create(db, details, "v", by="t")


def test_the_list_finds_a_country_by_its_name_in_the_readers_language(db):
    germany = create(db, "DEU", "Baseline")
    ivory_coast = create(db, "CIV", "Référence")
    assert [r.id for r in recent_assessments(db, "allemagne", tr=FR).rows] == [germany]
    assert [r.id for r in recent_assessments(db, "germany baseline", tr=FR).rows] == [germany]
    assert [r.id for r in recent_assessments(db, "Кот-д’Ивуар", tr=RU).rows] == [ivory_coast]
    assert recent_assessments(db, "allemagne").rows == []  # English does not call it that
    assert [r.country_code for r in recent_assessments(db).rows] == ["CIV", "DEU"]


# --- the pages ------------------------------------------------------------------------------


def opened_in(language: str, page: str | None = None) -> AppTest:
    """The app with ``?lang=language``, on the home page or ``page``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = language
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Every markdown, caption and header on the page, one a line."""
    return "\n".join(e.value for kind in ("markdown", "caption", "header") for e in at.get(kind))


@pytest.mark.parametrize(
    ("language", "germany", "ivory_coast"),
    [("fr", "Allemagne", "Côte d’Ivoire"), ("ar", "ألمانيا", "ساحل العاج")],
)
def test_home_and_dashboard_name_the_country_and_date_in_the_language(
    app, db, language, germany, ivory_coast
):
    create(db, "CIV", "Référence", date(2025, 11, 20))
    create(db, "DEU", "Baseline")  # the latest: the dashboard opens on it
    words = text(language)
    home = opened_in(language)
    shown = texts(home)
    assert f"{germany} · Baseline" in shown and f"{ivory_coast} · Référence" in shown
    assert format_date(DAY, words, "medium") in shown and "Mar 2026" not in shown
    first = next(iter(countries_in(words).values()))  # sorted as the language names them
    assert home.selectbox(key="new_country").options[0] == first
    dashboard = opened_in(language, "app_pages/dashboard.py")
    assert [h.value for h in dashboard.header][:1] == [f"{germany} · Baseline"]
    shown = texts(dashboard)
    assert format_date(DAY, words) in shown  # "5 mars 2026", "5 مارس 2026"
    assert "Germany" not in shown


def test_the_home_search_finds_cote_divoire_by_its_french_name(app, db):
    wanted = create(db, "CIV", "Référence")
    for n in range(SHOWN):
        create(db, "KEN", f"Round {n}")
    home = opened_in("fr")
    home.text_input(key="home_search").input("Côte d’Ivoire").run()
    keys = [b.key for b in home.button if b.key and b.key.startswith("open_")]
    assert keys == [f"open_{wanted}"]
    assert "Côte d’Ivoire · Référence" in texts(home)


def test_reports_and_worksheets_name_the_place_in_their_language():
    """What the reports and the worksheet print for a place: the country in the file's language,
    the unit as typed, the stored name for the demo's fictional country."""
    bavaria = AssessmentDetails("DEU", "Germany", "Baseline", date(2026, 3, 5), unit="Bayern")
    assert bavaria.place_in(text("fr")) == "Allemagne — Bayern"
    assert bavaria.place_in() == "Germany — Bayern" and bavaria.country_in(text("ru")) == "Германия"
    demo = AssessmentDetails("DEMO", "Demoland (fictional country)", "Baseline", date(2026, 1, 1))
    assert demo.place_in(text("fr")) == "Demoland (fictional country)"
