"""Chart specs: the radar has rings for the four phases, one closed line per series, unrated marked."""

import math

import pandas as pd

from cpss.present.charts import heatmap_chart, radar_chart


def radar_spec(framework, current, target):
    rows = [{"series": name, "outcome_id": o.id, "value": values[i]}
            for name, values in (("Current", current), ("Target", target))
            for i, o in enumerate(framework.outcomes)]
    return radar_chart(framework, pd.DataFrame(rows)).to_dict()


def layer_data(spec, layer):
    return spec["datasets"][layer["data"]["name"]]


def flat_layers(spec):
    for layer in spec["layer"]:
        yield from flat_layers(layer) if "layer" in layer else [layer]


def test_radar_closes_each_series_and_skips_unrated(framework):
    nan = float("nan")
    spec = radar_spec(framework, [1, 2, 3, nan, 2, 1, 2], [2, 3, 4, nan, 3, 2, 3])
    series_layer = next(l for l in flat_layers(spec) if l["encoding"].get("color"))
    assert series_layer["mark"]["type"] == "line" and series_layer["mark"]["point"]
    points = pd.DataFrame(layer_data(spec, series_layer))
    current = points[points["series"] == "Current"].sort_values("order")
    assert len(current) == 7  # six rated outcomes, the first repeated to close the line
    assert current.iloc[0][["x", "y"]].tolist() == current.iloc[-1][["x", "y"]].tolist()
    first = current.iloc[0]
    assert math.isclose(first["x"], 0, abs_tol=1e-9) and math.isclose(first["y"], 1)  # 12 o'clock
    assert series_layer["encoding"]["strokeDash"]["field"] == "series"  # not colour alone


def test_radar_labels_rings_with_phase_names_and_marks_unrated(framework):
    nan = float("nan")
    spec = radar_spec(framework, [1, 2, 3, nan, 2, 1, 2], [2, 3, 4, nan, 3, 2, 3])
    texts = [row["label"] for layer in flat_layers(spec) if layer["mark"]["type"] == "text"
             for row in layer_data(spec, layer)]
    for phase in framework.phases:
        assert phase.label in texts
    unrated = [t for t in texts if t.startswith("4. Minimum")]
    assert unrated and unrated[0].endswith("(unrated)")
    assert not any(t.endswith("(unrated)") for t in texts if t.startswith("3. A continuum"))


HEATMAP_COLUMNS = ["Target", "Current", "Previous"]  # not alphabetical, to catch a lost sort


def heatmap_spec(framework, cells):
    return heatmap_chart(framework, pd.DataFrame(cells), HEATMAP_COLUMNS).to_dict()


def heatmap_texts(spec):
    """(subdomain id, column) -> the text written in that cell."""
    rows = spec["datasets"][spec["data"]["name"]]
    return {(row["subdomain"].split(" ")[0], row["column"]): row["text"] for row in rows}


def cell(subdomain_id, column, choice, low_confidence=False, drafted=False):
    return {"subdomain_id": subdomain_id, "column": column, "choice": choice,
            "low_confidence": low_confidence, "drafted": drafted}


HEATMAP_CELLS = [cell("1.1", "Current", 2), cell("1.1", "Target", 3, low_confidence=True),
                 cell("1.2", "Current", "dont_know"), cell("1.2", "Target", "not_applicable"),
                 cell("2.1", "Current", None), cell("3.1", "Target", 4, drafted=True)]


def test_heatmap_draws_rects_and_texts_in_framework_and_given_order(framework):
    spec = heatmap_spec(framework, HEATMAP_CELLS)
    layers = spec["spec"]["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["rect", "text"]
    for layer in layers:
        y_sort = layer["encoding"]["y"]["sort"]
        assert len(y_sort) == 19
        assert [label.split(" ")[0] for label in y_sort] == [s.id for s in framework.subdomains]
        assert layer["encoding"]["x"]["sort"] == HEATMAP_COLUMNS
    assert spec["facet"]["row"]["sort"] == [o.label for o in framework.outcomes]
    keys = [p.label for p in framework.phases] + ["Don't know", "Not applicable", "Not answered"]
    for channel in ("fill", "stroke", "strokeWidth"):  # one legend; ordinal, or widths interpolate
        encoding = layers[0]["encoding"][channel]
        assert encoding["field"] == "key" and encoding["scale"]["domain"] == keys
        assert encoding["scale"]["type"] == "ordinal"
    assert len(heatmap_texts(spec)) == 19 * len(HEATMAP_COLUMNS)  # every cell, answered or not


def test_heatmap_writes_each_answer_in_words(framework):
    texts = heatmap_texts(heatmap_spec(framework, HEATMAP_CELLS))
    assert "System Enhancement" in texts["1.1", "Current"]
    assert texts["1.2", "Current"] == "Don't know"
    assert texts["1.2", "Target"] == "Not applicable"
    assert texts["2.1", "Current"] == "—"  # a None choice
    assert texts["2.2", "Previous"] == "—"  # a cell missing from the data


def test_heatmap_marks_drafted_and_low_confidence_in_the_text(framework):
    texts = heatmap_texts(heatmap_spec(framework, HEATMAP_CELLS))
    assert texts["3.1", "Target"].startswith("4 · System Maturity") and "†" in texts["3.1", "Target"]
    assert "(low conf.)" in texts["1.1", "Target"]
    assert "†" not in texts["1.1", "Target"] and "(low conf.)" not in texts["1.1", "Current"]


def test_heatmap_reads_missing_values_from_a_mixed_frame(framework):
    # pandas turns None into NaN in a numeric column, and leaves flags missing when not given.
    cells = pd.DataFrame({"subdomain_id": ["1.1", "1.2"], "column": ["Current"] * 2,
                          "choice": [3, None], "low_confidence": [None, True],
                          "drafted": [False, None]})
    texts = heatmap_texts(heatmap_chart(framework, cells, ["Current"]).to_dict())
    assert texts["1.1", "Current"] == "3 · System Integration"
    assert texts["1.2", "Current"] == "— (low conf.)"


def test_compact_heatmap_writes_numbers_and_short_words_explained_below(framework):
    spec = heatmap_chart(framework, pd.DataFrame(HEATMAP_CELLS), HEATMAP_COLUMNS, compact=True).to_dict()
    texts = heatmap_texts(spec)
    assert texts["1.1", "Current"] == "2"
    assert texts["1.2", "Current"] == "DK" and texts["1.2", "Target"] == "N/A"
    assert texts["3.1", "Target"] == "4 †" and texts["1.1", "Target"].endswith("(low)")
    assert "DK: don't know" in spec["title"]["text"]
    assert spec["spec"]["width"] == 105 * len(HEATMAP_COLUMNS)
