"""The world's country shapes, shipped in ``data/map/countries-110m.json`` (Natural Earth 1:110m
through the npm package world-atlas 2; public domain, see data/map/README.md): read and keyed by
our country codes once per process, with a point inside each country to write its label at.

world-atlas keys a country by its ISO 3166-1 numeric code (``data/countries.csv``, column
``numeric``); a shape with no code is matched by its Natural Earth name when it is one of ours
(Kosovo), else left unkeyed (drawn as land, with no name: Northern Cyprus, Somaliland).
Countries too small for the 1:110m scale have no shape: :func:`without_shape` lists them, so that
the map can say so rather than drop them.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from cpss.model.countries import countries
from cpss.model.regions import numeric_codes

SHAPES_FILE = Path(__file__).resolve().parents[2] / "data" / "map" / "countries-110m.json"
FEATURE = "countries"  # the topology's object holding one geometry per country
# Shapes with no numeric code in world-atlas that are countries of data/countries.csv.
NAMED_SHAPES = {"Kosovo": "XKX"}


@functools.lru_cache(maxsize=1)
def topology() -> dict:
    """The TopoJSON topology with each country's ``id`` our alpha-3 code (no ``id``: not one of
    ours); parsed once per process. Callers must not change it."""
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    codes = numeric_codes()
    for shape in data["objects"][FEATURE]["geometries"]:
        code = codes.get(shape.get("id", "")) or NAMED_SHAPES.get(shape["properties"]["name"])
        shape.pop("id", None)
        if code:
            shape["id"] = code
    return data


def countries_topology() -> dict:
    """:func:`topology` holding only the countries (not the merged land), for a chart to inline:
    the smaller spec that the browser is sent. Each arc is a tuple (``_frozen_arcs``): Altair
    copies a chart's lists and dicts each time a chart is layered or given properties, not tuples
    (with lists, building the map took seconds); they are written as JSON lists all the same. The
    list of arcs stays a list: Streamlit recognises a TopoJSON payload by it (a tuple there made
    it send the shapes as a table, and the map was not drawn)."""
    whole = topology()
    return {**whole, "arcs": list(_frozen_arcs()), "objects": {FEATURE: whole["objects"][FEATURE]}}


@functools.lru_cache(maxsize=1)
def _frozen_arcs() -> tuple:
    """The topology's arcs, each a tuple of (x, y) tuples, made once per process."""
    return tuple(tuple(tuple(point) for point in arc) for arc in topology()["arcs"])


@functools.lru_cache(maxsize=1)
def shaped() -> frozenset[str]:
    """The codes of the countries that have a shape."""
    return frozenset(s["id"] for s in topology()["objects"][FEATURE]["geometries"] if "id" in s)


def without_shape() -> list[str]:
    """The codes of our countries that have no shape at this scale, in the CSV's order."""
    return [code for code in countries() if code not in shaped()]


@functools.lru_cache(maxsize=1)
def label_points() -> dict[str, tuple[float, float]]:
    """(longitude, latitude) by country code: the mean of the points of each country's largest
    ring (by its extent), where its label is written."""
    data = topology()
    arcs = _decoded_arcs(data)
    points = {}
    for shape in data["objects"][FEATURE]["geometries"]:
        if "id" in shape:
            ring = max(_rings(shape, arcs), key=_extent)
            points[shape["id"]] = (
                sum(x for x, _ in ring) / len(ring),
                sum(y for _, y in ring) / len(ring),
            )
    return points


def _decoded_arcs(data: dict) -> list[list[tuple[float, float]]]:
    """Every arc's points in degrees (TopoJSON quantizes them and stores differences)."""
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    decoded = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _rings(shape: dict, arcs: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """The outer rings of a Polygon or MultiPolygon as points (arc ``~i`` is arc ``i`` reversed)."""
    polygons = shape["arcs"] if shape["type"] == "MultiPolygon" else [shape["arcs"]]
    return [
        [p for i in polygon[0] for p in (arcs[i] if i >= 0 else arcs[~i][::-1])]
        for polygon in polygons
    ]


def _extent(ring: list[tuple[float, float]]) -> float:
    """The area of a ring's bounding box, in square degrees."""
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))
