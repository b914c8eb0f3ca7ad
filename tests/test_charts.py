"""Chart specs: the radar has rings for the four phases, one closed line per series, unrated marked."""

import math

import pandas as pd

from cpss.charts import radar_chart


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
