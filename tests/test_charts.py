"""Chart specs: the radar has rings for the four phases, one closed line per series, unrated marked."""

import math

import pandas as pd

from cpss.present.heatmap import heatmap_chart
from cpss.present.radar import radar_chart


def radar_spec(framework, current, target):
    rows = [
        {"series": name, "outcome_id": o.id, "value": values[i]}
        for name, values in (("Current", current), ("Target", target))
        for i, o in enumerate(framework.outcomes)
    ]
    return radar_chart(framework, pd.DataFrame(rows)).to_dict()


def layer_data(spec, layer):
    return spec["datasets"][layer["data"]["name"]]


def flat_layers(spec, data=None):
    """Every leaf layer, carrying the data it inherits from a layer around it."""
    for layer in spec["layer"]:
        inherited = layer.get("data", data)
        if "layer" in layer:
            yield from flat_layers(layer, inherited)
        else:
            yield {**layer, "data": inherited}


def test_radar_closes_each_series_and_skips_unrated(framework):
    nan = float("nan")
    spec = radar_spec(framework, [1, 2, 3, nan, 2, 1, 2], [2, 3, 4, nan, 3, 2, 3])
    series_layer = next(layer for layer in flat_layers(spec) if layer["encoding"].get("color"))
    assert series_layer["mark"]["type"] == "line" and series_layer["mark"]["point"]
    points = pd.DataFrame(layer_data(spec, series_layer))
    current = points[points["series"] == "Current"].sort_values("order")
    assert len(current) == 7  # six rated outcomes, the first repeated to close the line
    assert current.iloc[0][["x", "y"]].tolist() == current.iloc[-1][["x", "y"]].tolist()
    first = current.iloc[0]
    assert math.isclose(first["x"], 0, abs_tol=1e-9) and math.isclose(first["y"], 1)  # 12 o'clock
    assert series_layer["encoding"]["strokeDash"]["field"] == "series"  # not colour alone


def test_radar_numbers_the_rings_in_a_gap_and_names_the_phases_under_it(framework):
    nan = float("nan")
    spec = radar_spec(framework, [1, 2, 3, nan, 2, 1, 2], [2, 3, 4, nan, 3, 2, 3])
    texts = [
        row["label"]
        for layer in flat_layers(spec)
        if layer["mark"]["type"] == "text"
        for row in layer_data(spec, layer)
    ]
    unrated = [t for t in texts if t.startswith("4. Minimum")]
    assert unrated and unrated[0].endswith("(unrated)")
    assert not any(t.endswith("(unrated)") for t in texts if t.startswith("3. A continuum"))
    numbers = next(
        layer
        for layer in flat_layers(spec)
        if layer["mark"]["type"] == "text" and layer_data(spec, layer)[0]["label"] == "1"
    )
    rings = layer_data(spec, numbers)
    assert [row["label"] for row in rings] == ["1", "2", "3", "4"]
    # at 6 o'clock, between two spokes of seven: no spoke there, and a white disc under each number
    assert all(math.isclose(row["x"], 0, abs_tol=1e-9) and row["y"] < 0 for row in rings)
    disc = next(layer for layer in flat_layers(spec) if layer["mark"]["type"] == "circle")
    assert disc["mark"]["color"] == "white" and layer_data(spec, disc) == rings
    key = " ".join(spec["title"]["text"])  # the phases' names, each whole on one line
    assert all(phase.label in key for phase in framework.phases)
    assert all(
        any(phase.label in line for line in spec["title"]["text"]) for phase in framework.phases
    )


def test_radar_names_stand_outside_the_web_and_inside_the_chart(framework):
    """Each outcome name clears the outer ring and stays within the chart, wide and narrow."""
    for narrow, width in ((False, 480), (True, 350)):
        values = pd.DataFrame(
            [{"series": "Current", "outcome_id": o.id, "value": 2} for o in framework.outcomes]
        )
        spec = radar_chart(framework, values, narrow=narrow).to_dict()
        assert spec["width"] == width and spec["autosize"]["type"] == "pad"
        names = next(
            layer
            for layer in flat_layers(spec)
            if layer["mark"]["type"] == "text"
            and layer_data(spec, layer)[0]["label"].startswith("1. Legal")
        )
        x_domain = names["encoding"]["x"]["scale"]["domain"][1]
        y_domain = names["encoding"]["y"]["scale"]["domain"][1]
        assert math.isclose(width / 2 / x_domain, spec["height"] / 2 / y_domain, rel_tol=0.01)
        for row in layer_data(spec, names):
            assert math.hypot(row["x"], row["y"]) > 4  # beyond the outer ring, phase 4
            assert abs(row["x"]) < x_domain and abs(row["y"]) <= y_domain


HEATMAP_COLUMNS = ["Target", "Current", "Previous"]  # not alphabetical, to catch a lost sort


def heatmap_spec(framework, cells):
    return heatmap_chart(framework, pd.DataFrame(cells), HEATMAP_COLUMNS).to_dict()


def heatmap_texts(spec):
    """(subdomain id, column) -> the text written in that cell."""
    rows = spec["datasets"][spec["data"]["name"]]
    return {(row["subdomain"].split(" ")[0], row["column"]): row["text"] for row in rows}


def cell(subdomain_id, column, choice, low_confidence=False, drafted=False):
    return {
        "subdomain_id": subdomain_id,
        "column": column,
        "choice": choice,
        "low_confidence": low_confidence,
        "drafted": drafted,
    }


HEATMAP_CELLS = [
    cell("1.1", "Current", 2),
    cell("1.1", "Target", 3, low_confidence=True),
    cell("1.2", "Current", "dont_know"),
    cell("1.2", "Target", "not_applicable"),
    cell("2.1", "Current", None),
    cell("3.1", "Target", 4, drafted=True),
]


def heatmap_labels(spec):
    """Every text written outside the cells (headers and names), as their lines."""
    return [
        row["label"].split("\n") for layer in spec["layer"][2:] for row in layer_data(spec, layer)
    ]


def test_heatmap_draws_rects_and_texts_in_framework_and_given_order(framework):
    spec = heatmap_spec(framework, HEATMAP_CELLS)
    layers = spec["layer"]
    assert [layer["mark"]["type"] for layer in layers[:2]] == ["rect", "text"]
    rows = pd.DataFrame(spec["datasets"][spec["data"]["name"]])
    firsts = rows.drop_duplicates("subdomain")
    assert [name.split(" ")[0] for name in firsts["subdomain"]] == [
        s.id for s in framework.subdomains
    ]
    assert firsts["y"].is_monotonic_increasing  # framework order, top to bottom
    assert list(rows["column"][:3]) == HEATMAP_COLUMNS and rows["x"][:3].is_monotonic_increasing
    headers = [lines for lines in heatmap_labels(spec) if lines[0] in HEATMAP_COLUMNS]
    assert [lines[0] for lines in headers] == HEATMAP_COLUMNS
    keys = [p.label for p in framework.phases] + ["Don't know", "Not applicable", "Not answered"]
    for channel in ("fill", "stroke", "strokeWidth"):  # one legend; ordinal, or widths interpolate
        encoding = layers[0]["encoding"][channel]
        assert encoding["field"] == "key" and encoding["scale"]["domain"] == keys
        assert encoding["scale"]["type"] == "ordinal"
    assert len(heatmap_texts(spec)) == 19 * len(HEATMAP_COLUMNS)  # every cell, answered or not


def test_heatmap_writes_every_name_in_full_wrapped_to_its_column(framework):
    """No name is cut: each subdomain's and outcome's full name is there, in lines of the column."""
    for narrow in (False, True):
        spec = heatmap_chart(
            framework, pd.DataFrame(HEATMAP_CELLS), HEATMAP_COLUMNS, narrow=narrow
        ).to_dict()
        written = {" ".join(lines) for lines in heatmap_labels(spec)}
        for item in [*framework.subdomains, *framework.outcomes]:
            assert item.label in written, item.label
        subdomains = {sub.label for sub in framework.subdomains}
        names = [lines for lines in heatmap_labels(spec) if " ".join(lines) in subdomains]
        assert len(names) == 19 and max(len(line) for lines in names for line in lines) <= 56
    names = {lines[0].split(" ")[0]: lines for lines in heatmap_labels(heatmap_spec(framework, []))}
    assert names["2.1"] != names["2.2"] and len(names["3.2"]) > 1  # wrapped, and told apart


def test_heatmap_on_a_phone_fits_its_width_with_names_above_the_cells(framework):
    spec = heatmap_chart(
        framework, pd.DataFrame(HEATMAP_CELLS), HEATMAP_COLUMNS, narrow=True
    ).to_dict()
    assert spec["width"] <= 350 and spec["autosize"]["type"] == "pad"
    cells = pd.DataFrame(spec["datasets"][spec["data"]["name"]])
    assert cells["x2"].max() <= spec["width"] and cells["x"].min() >= 0
    names = {row["label"].split(" ")[0]: row for row in layer_data(spec, spec["layer"][-1])}
    first = cells[cells["subdomain"].str.startswith("1.1 ")]
    assert names["1.1"]["y"] < first["y"].min()  # the name above its cells
    assert heatmap_texts(spec)["1.1", "Current"] == "2"  # compact words


def test_heatmap_key_explains_only_the_marks_that_appear(framework):
    plain = heatmap_spec(framework, [cell("1.1", "Current", 2)])
    assert "title" not in plain or not plain["title"]
    drafted = heatmap_spec(framework, [cell("3.1", "Target", 4, drafted=True)])
    assert drafted["title"]["text"] == ["† criterion text drafted, not UNICEF's"]
    both = " ".join(heatmap_spec(framework, HEATMAP_CELLS)["title"]["text"])
    assert "†" in both and "(low conf.) rated with low confidence" in both


def test_heatmap_writes_each_answer_in_words(framework):
    texts = heatmap_texts(heatmap_spec(framework, HEATMAP_CELLS))
    assert "System Enhancement" in texts["1.1", "Current"]
    assert texts["1.2", "Current"] == "Don't know"
    assert texts["1.2", "Target"] == "Not applicable"
    assert texts["2.1", "Current"] == "—"  # a None choice
    assert texts["2.2", "Previous"] == "—"  # a cell missing from the data


def test_heatmap_marks_drafted_and_low_confidence_in_the_text(framework):
    texts = heatmap_texts(heatmap_spec(framework, HEATMAP_CELLS))
    assert (
        texts["3.1", "Target"].startswith("4 · System Maturity") and "†" in texts["3.1", "Target"]
    )
    assert "(low conf.)" in texts["1.1", "Target"]
    assert "†" not in texts["1.1", "Target"] and "(low conf.)" not in texts["1.1", "Current"]


def test_heatmap_reads_missing_values_from_a_mixed_frame(framework):
    # pandas turns None into NaN in a numeric column, and leaves flags missing when not given.
    cells = pd.DataFrame(
        {
            "subdomain_id": ["1.1", "1.2"],
            "column": ["Current"] * 2,
            "choice": [3, None],
            "low_confidence": [None, True],
            "drafted": [False, None],
        }
    )
    texts = heatmap_texts(heatmap_chart(framework, cells, ["Current"]).to_dict())
    assert texts["1.1", "Current"] == "3 · System Integration"
    assert texts["1.2", "Current"] == "— (low conf.)"


def test_compact_heatmap_writes_numbers_and_short_words_explained_below(framework):
    spec = heatmap_chart(
        framework, pd.DataFrame(HEATMAP_CELLS), HEATMAP_COLUMNS, compact=True
    ).to_dict()
    texts = heatmap_texts(spec)
    assert texts["1.1", "Current"] == "2"
    assert texts["1.2", "Current"] == "DK" and texts["1.2", "Target"] == "N/A"
    assert texts["3.1", "Target"] == "4 †" and texts["1.1", "Target"].endswith("(low)")
    key = " ".join(spec["title"]["text"])
    assert "DK: don't know" in key and "N/A: not applicable" in key and "1 to 4: the phase" in key
    assert spec["width"] == 290 + 12 + 105 * len(HEATMAP_COLUMNS)
    only_phases = heatmap_chart(
        framework,
        pd.DataFrame([cell(s.id, "Current", 2) for s in framework.subdomains]),
        ["Current"],
        compact=True,
    ).to_dict()
    assert only_phases["title"]["text"] == ["1 to 4: the phase"]
