"""Downloaded files are named after the assessment they hold, in characters safe everywhere."""

import re
from datetime import date

from cpss.exchange.file_names import download_name, slug
from cpss.model.assessments import AssessmentDetails

TODAY = date(2026, 12, 6)
SAFE = re.compile(r"^[a-z0-9-]+\.[a-z]+$")


def details(country: str, title: str) -> AssessmentDetails:
    return AssessmentDetails("CIV", country, title, date(2026, 3, 10))


def test_one_assessment_is_named_by_country_title_and_date():
    name = download_name(
        "report", "pdf", details("Côte d'Ivoire", "Évaluation nationale 2026"), TODAY
    )
    assert name == "cpss-report-cote-d-ivoire-evaluation-nationale-2026-2026-03-10.pdf"


def test_several_are_named_by_their_number_and_the_day_and_a_blank_worksheet_as_blank():
    assert download_name("export", "json", 3, TODAY) == "cpss-export-3-assessments-2026-12-06.json"
    assert download_name("worksheet", "xlsx", 0, TODAY) == "cpss-worksheet-blank.xlsx"


def test_names_hold_no_path_characters_and_stay_short_whatever_was_typed():
    for country, title in (
        ("Demoland (fictional country)", "../../etc/passwd"),
        ("Bosnia and Herzegovina", 'C:\\Users\\x: <review> | "2026"? *' * 5),
        ("مصر", "تقرير وزارة التضامن"),  # no ASCII letter at all
        ("Türkiye", "Réévaluation – suivi n° 2 · région/province"),
    ):
        name = download_name("report", "docx", details(country, title), TODAY)
        assert SAFE.match(name) and "--" not in name and len(name) <= 100, name
        assert name.startswith("cpss-report-") and name.endswith("-2026-03-10.docx"), name


def test_a_long_title_is_cut_at_a_word():
    assert (
        slug("National baseline of the child protection system, second round", 40)
        == "national-baseline-of-the-child"
    )
    assert slug("x" * 60, 40) == "x" * 40
