"""The charts' colours, for people with low vision or colour blindness, and for greyscale print.

The palette values are checked directly (WCAG contrast, CIE L*a*b* differences, with protanopia
and deuteranopia simulated by Machado, Oliveira and Fernandes 2009, severity 1.0, applied in linear
RGB); a rendered heatmap shows that these values are what the chart draws.
"""

import io
import itertools

import numpy as np
import pandas as pd
import pytest
import vl_convert
from PIL import Image

from cpss.present.heatmap import heatmap_chart
from cpss.present.heatmap_cells import DARK_PHASES, PHASE_FILLS, STATUS_STYLES
from cpss.present.radar import LINE_STYLES, SERIES_STYLES, radar_chart

# Machado et al. 2009, "A physiologically-based model for simulation of color vision deficiency".
PROTANOPIA = np.array(
    [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]
)
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
VISIONS = {"normal": np.eye(3), "protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA}
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
WHITE = "#ffffff"
APART = 10  # CIE76 difference: two fills or lines clearly told apart (2.3 is just noticeable)
GREY_STEP = 10  # L* between neighbouring phases: distinct shades of grey


def linear(colour: str) -> np.ndarray:
    """An sRGB "#rrggbb" as linear RGB."""
    c = np.array([int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio."""
    low, high = sorted(float(linear(c) @ SRGB_TO_XYZ[1]) for c in (a, b))
    return (high + 0.05) / (low + 0.05)


def lab(colour: str, vision: str = "normal") -> np.ndarray:
    """CIE L*a*b* (D65) of ``colour`` as someone with ``vision`` sees it."""
    rgb = np.clip(VISIONS[vision] @ linear(colour), 0, 1)
    xyz = SRGB_TO_XYZ @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def difference(a: str, b: str, vision: str) -> float:
    return float(np.linalg.norm(lab(a, vision) - lab(b, vision)))


@pytest.mark.parametrize("vision", list(VISIONS))
def test_phase_fills_stay_apart_with_colour_blindness(vision):
    for darker, lighter in itertools.pairwise(PHASE_FILLS):
        assert difference(darker, lighter, vision) >= APART, (vision, darker, lighter)


def test_phase_fills_darken_step_by_step_in_greyscale():
    lightness = [lab(fill)[0] for fill in PHASE_FILLS]
    steps = [a - b for a, b in itertools.pairwise(lightness)]
    assert min(steps) >= GREY_STEP, lightness


def test_cell_text_reads_on_its_fill():
    phases = [
        (fill, WHITE if number in DARK_PHASES else "#111111")
        for number, fill in enumerate(PHASE_FILLS, start=1)
    ]
    statuses = [(fill, ink) for fill, _, _, ink in STATUS_STYLES.values()]
    for fill, ink in phases + statuses:
        assert contrast(fill, ink) >= 4.5, (fill, ink, contrast(fill, ink))  # WCAG 1.4.3


def test_radar_lines_show_on_white_and_differ_in_dash_as_well_as_colour():
    colours = [colour for colour, _ in LINE_STYLES]
    for colour in colours:
        assert contrast(colour, WHITE) >= 3, colour  # WCAG 1.4.11, graphical objects
    dashes = [tuple(dash) for _, dash in LINE_STYLES]
    assert len(set(dashes)) == len(dashes) == 6  # as many as the overlay draws; greyscale too
    for vision in VISIONS:
        for a, b in itertools.combinations(colours, 2):
            assert difference(a, b, vision) >= APART, (vision, a, b)
    assert [SERIES_STYLES[name] for name in ("Current", "Target", "Previous")] == LINE_STYLES[:3]


def test_the_rendered_heatmap_is_filled_with_the_tested_phase_colours(framework):
    ids = [s.id for s in framework.subdomains]
    cells = pd.DataFrame(
        {
            "subdomain_id": ids[:4],
            "column": "Current",
            "choice": ["1", "2", "3", "4"],
            "low_confidence": False,
            "drafted": False,
        }
    )
    png = vl_convert.vegalite_to_png(heatmap_chart(framework, cells, ["Current"]).to_json())
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"))  # as printed in black and white
    shades = []
    for fill in PHASE_FILLS:
        drawn = np.all(pixels == colour_bytes(fill), axis=-1)
        assert drawn.sum() > 1000, fill  # a whole cell of it
        shades.append(int(np.median(grey[drawn])))
    assert all(a - b >= 25 for a, b in itertools.pairwise(shades)), shades  # of 255


def colour_bytes(colour: str) -> np.ndarray:
    """ "#rrggbb" as its three bytes."""
    return np.array([int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)])


def test_the_radar_legend_shows_each_line_dash_not_only_its_colour(framework):
    values = pd.DataFrame(
        [
            {"series": name, "outcome_id": o.id, "value": 2}
            for name in ("Current", "Target")
            for o in framework.outcomes
        ]
    )
    spec = radar_chart(framework, values).to_dict()
    lines = [
        layer
        for layer in spec["layer"]
        if "encoding" in layer and "strokeDash" in layer["encoding"]
    ]
    encoding = lines[0]["encoding"]
    # one legend for both: Vega-Lite merges them, and its keys are drawn dashed
    assert encoding["strokeDash"]["legend"] == encoding["color"]["legend"]
    assert spec["config"]["aria"] is False  # no per-mark pixel descriptions for screen readers
