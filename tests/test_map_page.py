"""The Map page through ``app.py`` with AppTest, on both engines (issue 19, part 1): which countries
are shaded how, the region filter, a country's profile and units, the regional summary, the
disclaimer and the countries too small to draw."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pandas as pd
import pytest

from cpss.db import assessments, world_map
from cpss.model.answers import Answer
from cpss.model.assessments import FINAL
from tests.test_dashboard import assess
from tests.test_dashboard_pages import charts
from tests.test_pages import app_db

DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply "
    "official endorsement or acceptance by the United Nations."
)


def rated(phase: int) -> Answer:
    return Answer(status="phase", phase=phase)


def final(db, answers, country, unit="", day=date(2026, 3, 1)) -> str:
    """A final assessment of ``country`` (code, name) holding ``answers``; its id."""
    assessment_id = assess(db, answers, country=country, unit=unit, day=day)
    assessments.set_status(db, assessment_id, FINAL, by="test")
    return assessment_id


@pytest.fixture
def places(db):
    """Kenya (final: 2.1 at phase 2, 3.1 at phase 4, then a newer one all phase 1; a draft newer
    still), a Kenyan county, Nigeria (final, "don't know" only), Brazil (draft only) and a final
    assessment of Tuvalu (no shape at this scale)."""
    final(db, {"2.1": rated(2), "3.1": rated(4)}, ("KEN", "Kenya"), day=date(2025, 1, 1))
    newest = final(db, {"2.1": rated(1), "3.1": rated(1)}, ("KEN", "Kenya"))
    assess(db, {"2.1": rated(4)}, country=("KEN", "Kenya"), day=date(2026, 6, 1))  # a draft
    final(db, {"2.1": rated(3)}, ("KEN", "Kenya"), unit="Turkana")
    final(db, {"2.1": Answer(status="dont_know")}, ("NGA", "Nigeria"))
    assess(db, {"2.1": rated(4)}, country=("BRA", "Brazil"))
    final(db, {"2.1": rated(2)}, ("TUV", "Tuvalu"))
    return newest


def test_the_latest_final_assessment_of_each_place_is_read(db, places):
    national = world_map.national_finals(db).set_index("country_code")
    assert sorted(national.index) == ["KEN", "NGA", "TUV"]  # Brazil has a draft only
    assert national.loc["KEN", "id"] == places  # the newest final, not the newer draft
    units = world_map.unit_finals(db, "KEN")
    assert list(units["unit"]) == ["Turkana"]
    assert world_map.unit_finals(db, "NGA").empty


@pytest.fixture
def page(app, places):
    app.switch_page("app_pages/map.py").run()
    assert not app.exception, app.exception
    return app


def unescaped(text):
    """A table cell as the reader sees it (``plain`` escapes Markdown's characters)."""
    return re.sub(r"\\(.)", r"\1", text) if isinstance(text, str) else text


def table_with(app, header: str) -> pd.DataFrame:
    """The page's first static table with a column ``header``, as the reader sees it."""
    table = next(t.value for t in app.table if header in map(unescaped, t.value.columns))
    return table.rename(columns=unescaped).map(unescaped)


def map_states(app) -> dict[str, str]:
    """Country name -> state, from the map's table (its text alternative)."""
    table = table_with(app, "Country")
    return dict(zip(table["Country"], table["Phase"]))


def test_the_map_shades_countries_by_their_latest_final_assessment(page):
    states = map_states(page)
    assert states["Kenya"] == "1 · System Building"
    assert states["Nigeria"] == "Not rated (don't know or no answer)"
    assert states["Brazil"] == "No final assessment"
    spec, _frames = charts(page)[0]
    assert spec["layer"][0]["mark"]["type"] == "geoshape"
    assert DISCLAIMER in [c.value for c in page.caption]
    text = unescaped(" ".join(m.value for m in page.markdown))
    assert "3 of 250 countries have a final assessment" in text
    assert "Tuvalu (2 · System Enhancement)" in text  # too small to draw: listed, not dropped


def test_a_region_and_a_subdomain_change_the_shading(page):
    page.selectbox(key="map_region").set_value("ESA").run()
    states = map_states(page)
    assert "Kenya" in states and "Nigeria" not in states and "Brazil" not in states
    page.selectbox(key="map_scope").set_value("subdomain:3.1").run()
    assert map_states(page)["Kenya"] == "1 · System Building"
    page.selectbox(key="map_region").set_value("WCA").run()
    assert map_states(page)["Nigeria"] == "Not rated (don't know or no answer)"


def test_picking_a_country_shows_its_profile_units_and_a_link_to_its_dashboard(page, places):
    page.selectbox(key="map_country").set_value("KEN").run()
    assert not page.exception, page.exception
    assert "## Profile of Kenya" in [m.value for m in page.markdown]
    units = table_with(page, "Unit")
    assert dict(zip(units["Unit"], units["Phase"])) == {"Turkana": "3 · System Integration"}
    assert len(charts(page)) == 4  # the map and the radar, each wide and narrow


def test_the_regional_summary_counts_countries_per_outcome(page):
    table = table_with(page, "Intermediate outcome").set_index("Intermediate outcome")
    outcome_2, outcome_3 = table.iloc[1], table.iloc[2]  # 2.1 and 3.1 are in them
    assert (outcome_2["1 · System Building"], outcome_2["2 · System Enhancement"]) == (1, 1)
    assert outcome_2["Not rated (don't know or no answer)"] == 1  # Nigeria: don't know
    assert (
        outcome_3["1 · System Building"] == 1
        and outcome_3["Not rated (don't know or no answer)"] == 2
    )
    text = unescaped(" ".join(m.value for m in page.markdown))
    assert "Lagging across 3 countries" in text


def test_compare_filters_by_region(app, places):
    app.switch_page("app_pages/compare.py").run()
    assert "7 assessments match." in [c.value for c in app.caption]
    app.multiselect(key="cmp_countries").set_value(["NGA"]).run()
    app.selectbox(key="cmp_region").set_value("ESA").run()
    assert app.multiselect(key="cmp_countries").value == []  # Nigeria is not in ESA
    assert app.multiselect(key="cmp_countries").options == ["Kenya"]
    assert "4 assessments match." in [c.value for c in app.caption]  # Kenya's, Turkana's
    app.selectbox(key="cmp_region").set_value("SA").run()
    assert [i.value for i in app.info] == ["No assessment matches these filters."]


def test_the_comparison_report_has_the_regions_map_summary_and_disclaimer(db, framework, places):
    from cpss.reports.comparison import build_report, comparison_report
    from cpss.reports.document import Heading, Image, Paragraph, Table
    from tests.test_reports import pdf_text

    kenya, nigeria = (
        world_map.national_finals(db).set_index("country_code").loc[["KEN", "NGA"], "id"]
    )
    document = comparison_report(db, framework, [kenya, nigeria], region="ESA")
    blocks = document.blocks
    start = blocks.index(Heading("Across the countries: Eastern and Southern Africa"))
    image, disclaimer, lagging, table = blocks[start + 1 : start + 5]
    assert isinstance(image, Image) and image.png.startswith(b"\x89PNG")
    assert image.alt_text.startswith("1 of 26 countries have a final assessment: 1 at 1")
    assert isinstance(disclaimer, Paragraph) and disclaimer.text == DISCLAIMER
    assert isinstance(lagging, Paragraph) and isinstance(table, Table)
    assert table.rows[1][1:5] == ("1", "0", "0", "0")  # outcome 2: Kenya at phase 1
    pdf = " ".join(
        pdf_text(build_report(db, framework, [kenya, nigeria], "pdf", region="ESA")).split()
    )
    assert DISCLAIMER in pdf
    word = docx.Document(io.BytesIO(build_report(db, framework, [kenya, nigeria], "docx")))
    assert DISCLAIMER in [p.text for p in word.paragraphs]


def test_the_reports_page_builds_a_comparison_for_a_chosen_region(app, places):
    app.switch_page("app_pages/exchange.py").run()
    finals = world_map.national_finals(app_db()).set_index("country_code")
    app.multiselect(key="exchange_pick").set_value(list(finals.loc[["KEN", "NGA"], "id"])).run()
    app.selectbox(key="report_region").set_value("WCA").run()
    app.button(key="build_pdf").click().run()
    assert not app.exception and not app.error
    assert "Drawing the map" in [m.value for m in app.markdown]
    assert "download_pdf" in [b.key for b in app.get("download_button")]
    app.selectbox(key="report_region").set_value("ESA").run()  # another region: build again
    assert "download_pdf" not in [b.key for b in app.get("download_button")]
