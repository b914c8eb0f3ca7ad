"""The map's data and chart (issue 19, part 1): UNICEF regions of every country, the shapes' ids
against our codes (and the countries with no shape, listed), and what the map shades how."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cpss.i18n import ENGLISH, text
from cpss.model.countries import countries
from cpss.model.errors import UserError
from cpss.model.regions import REGIONS, countries_of, read_regions, region_name, regions
from cpss.present import map_data, map_shapes
from cpss.present.chart_summary import map_summary
from cpss.present.map_data import OUTCOME, SUBDOMAIN, Scope
from cpss.present.world_map import DISCLAIMER, world_map_chart

FR = text("fr")
# The countries and territories of data/countries.csv that Natural Earth's 1:110m scale does not
# draw: small island states and territories, and city states.
WITHOUT_SHAPE = [
    "ASM",
    "AND",
    "AIA",
    "ATG",
    "ABW",
    "BHR",
    "BRB",
    "BMU",
    "BES",
    "BVT",
    "IOT",
    "VGB",
    "CPV",
    "CYM",
    "CXR",
    "CCK",
    "COM",
    "COK",
    "CUW",
    "DMA",
    "FRO",
    "GUF",
    "PYF",
    "GIB",
    "GRD",
    "GLP",
    "GUM",
    "GGY",
    "HMD",
    "VAT",
    "HKG",
    "IMN",
    "JEY",
    "KIR",
    "LIE",
    "MAC",
    "MDV",
    "MLT",
    "MHL",
    "MTQ",
    "MUS",
    "MYT",
    "FSM",
    "MCO",
    "MSR",
    "NRU",
    "NIU",
    "NFK",
    "MNP",
    "PLW",
    "PCN",
    "REU",
    "BLM",
    "SHN",
    "KNA",
    "LCA",
    "MAF",
    "SPM",
    "VCT",
    "WSM",
    "SMR",
    "STP",
    "SYC",
    "SGP",
    "SXM",
    "SGS",
    "SJM",
    "TKL",
    "TON",
    "TCA",
    "TUV",
    "UMI",
    "VIR",
    "WLF",
    "ALA",
]


# --- regions -------------------------------------------------------------------------------


def test_every_country_has_one_of_the_seven_unicef_regions():
    assert set(regions()) == set(countries())
    assert (
        set(regions().values()) == set(REGIONS) == {"EAP", "ECA", "ESA", "LAC", "MENA", "SA", "WCA"}
    )


@pytest.mark.parametrize(
    "code, region",
    [
        ("KEN", "ESA"),
        ("NGA", "WCA"),
        ("BRA", "LAC"),
        ("JOR", "MENA"),
        ("IND", "SA"),
        ("VNM", "EAP"),
        ("UKR", "ECA"),
        ("SDN", "MENA"),  # UNICEF's Sudan office reports to the MENA regional office
        ("DJI", "MENA"),
        ("SOM", "ESA"),
        ("IRN", "MENA"),
        ("XKX", "ECA"),
        ("TUR", "ECA"),
    ],
)
def test_known_countries_are_in_their_unicef_region(code, region):
    assert regions()[code] == region
    assert code in countries_of(region)


def test_region_names_are_translated():
    assert region_name("ESA") == "Eastern and Southern Africa"
    assert region_name("ESA", FR) != "Eastern and Southern Africa"


def _csv(tmp_path, line: str):
    path = tmp_path / "countries.csv"
    path.write_text(
        "code,alpha_2,name,numeric,unicef_region\nKEN,KE,Kenya,404,ESA\n" + line, encoding="utf-8"
    )
    return path


def test_the_loader_refuses_an_unknown_region_with_the_file_line_and_what_is_wrong(tmp_path):
    with pytest.raises(UserError) as refused:
        read_regions(_csv(tmp_path, "NGA,NG,Nigeria,566,AFR\n"))
    assert str(refused.value) == (
        'countries.csv, line 3: the UNICEF region of NGA is "AFR", which is not one of '
        "EAP, ECA, ESA, LAC, MENA, SA, WCA."
    )


def test_the_loader_refuses_a_missing_region_and_a_bad_numeric_code(tmp_path):
    with pytest.raises(UserError, match=r'line 3: the UNICEF region of NGA is ""'):
        read_regions(_csv(tmp_path, "NGA,NG,Nigeria,566,\n"))
    with pytest.raises(UserError, match=r'line 3: the numeric code of NGA is "56", which is not'):
        read_regions(_csv(tmp_path, "NGA,NG,Nigeria,56,WCA\n"))


# --- shapes --------------------------------------------------------------------------------


def test_every_shape_with_an_id_is_one_of_our_countries():
    geometries = map_shapes.topology()["objects"]["countries"]["geometries"]
    assert {g["id"] for g in geometries if "id" in g} <= set(countries())
    unkeyed = sorted(g["properties"]["name"] for g in geometries if "id" not in g)
    assert unkeyed == ["N. Cyprus", "Somaliland"]  # not countries of data/countries.csv
    assert "XKX" in map_shapes.shaped()  # Kosovo: no numeric code, matched by name


def test_the_countries_without_a_shape_are_exactly_these():
    assert map_shapes.without_shape() == [c for c in countries() if c in WITHOUT_SHAPE]
    assert len(WITHOUT_SHAPE) == len(set(WITHOUT_SHAPE)) == 75


def test_a_label_point_falls_inside_the_countrys_extent():
    longitude, latitude = map_shapes.label_points()["KEN"]
    assert 34 < longitude < 42 and -5 < latitude < 5
    longitude, latitude = map_shapes.label_points()["FRA"]  # the mainland, not French Guiana
    assert -5 < longitude < 8 and 42 < latitude < 51


# --- what is shaded how --------------------------------------------------------------------

DAY = date(2026, 3, 5)


WHOLE = Scope()


def _placed(framework, scope=WHOLE):
    first, second = framework.subdomains[0].id, framework.subdomains[1].id
    finals = pd.DataFrame(
        {
            "id": ["k", "n", "b"],
            "country_code": ["KEN", "NGA", "BRA"],
            "country": ["Kenya", "Nigeria", "Brazil"],
            "unit": ["", "", ""],
            "assessment_date": [DAY] * 3,
        }
    )
    cells = pd.DataFrame(
        {
            "assessment_id": ["k", "k", "n", "b"],
            "subdomain_id": [first, second, first, second],
            "choice": ["2", "4", "dont_know", "1"],
        }
    )
    return map_data.place_phases(framework, finals, cells, scope)


def test_the_overall_phase_is_the_rounded_average_of_rated_subdomains(framework):
    placed = _placed(framework).set_index("country_code")
    assert placed.loc["KEN", "average"] == 3.0 and placed.loc["KEN", "phase"] == 3
    assert placed.loc["NGA", "phase"] == 0 and pd.isna(placed.loc["NGA", "average"])  # don't know
    assert placed.loc["BRA", "phase"] == 1


def test_a_subdomain_or_an_outcome_shades_by_its_own_answers(framework):
    first = framework.subdomains[0]
    by_subdomain = _placed(framework, Scope(SUBDOMAIN, first.id)).set_index("country_code")
    assert by_subdomain.loc["KEN", "phase"] == 2
    assert by_subdomain.loc["BRA", "phase"] == 0  # answered another subdomain only
    outcome = Scope(OUTCOME, first.outcome_id)
    assert _placed(framework, outcome).set_index("country_code").loc["KEN", "phase"] >= 2


def _spec(framework, region=None, tr=ENGLISH):
    frame = map_data.map_frame(framework, _placed(framework), region, tr)
    return frame, world_map_chart(framework, frame, whole_world=region is None, tr=tr).to_dict()


def test_the_chart_shades_each_country_by_its_state_and_writes_its_phase(framework):
    frame, spec = _spec(framework)
    states = dict(zip(frame["code"], frame["state"]))
    assert states["KEN"] == framework.phases[2].label
    assert states["NGA"] == "Not rated (don't know or no answer)"
    assert states["FRA"] == "No final assessment"
    countries_layer, labels_layer = spec["layer"][1], spec["layer"][2]
    scale = countries_layer["encoding"]["color"]["scale"]
    assert scale["domain"][:4] == [p.label for p in framework.phases]
    assert scale["domain"][4:] == ["Not rated (don't know or no answer)", "No final assessment"]
    assert scale["range"][4:] == ["#ffffff", "#d9d9d9"]  # neither is a phase's fill
    labels = spec["datasets"][labels_layer["data"]["name"]]
    assert sorted(row["label"] for row in labels) == ["1", "3", "?"]  # none on unassessed ones
    assert all("url" not in layer["data"] for layer in spec["layer"][:2])  # the shapes inlined
    marks = [layer["mark"] for layer in spec["layer"]]
    assert all(mark["aria"] is False for mark in marks)


def test_a_region_draws_only_its_countries_in_the_language(framework):
    frame, spec = _spec(framework, "ESA", FR)
    assert set(frame["code"]) == set(countries_of("ESA")) and "NGA" not in set(frame["code"])
    assert "Kenya" in set(frame["name"]) and "Afrique du Sud" in set(frame["name"])
    assert len(spec["layer"]) == 2  # no world land under the region
    assert frame.set_index("code").loc["ZAF", "state"] == FR("No final assessment")


def test_the_summary_counts_countries_at_each_phase(framework):
    frame = _spec(framework)[0]
    summary = map_summary(framework, frame)
    assert summary.startswith("3 of 250 countries have a final assessment")
    assert "1 not rated" in summary


def test_the_disclaimer_is_the_un_sentence():
    assert DISCLAIMER == (
        "The boundaries and names shown and the designations used on this map do not imply "
        "official endorsement or acceptance by the United Nations."
    )
