"""The Russian and Arabic benchmark translations: the master's shape, every cell translated.

Needs only yaml: it reads the data files as they are shipped, so a cell left in English, a
missing or extra id, or a phase name that differs from the glossary fails here, whatever loader
reads them.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from cpss.model.translation_file import REQUIRED_TERMS

DATA = Path(__file__).resolve().parent.parent / "data"
MASTER = DATA / "cpss_benchmarks.yaml"
# language code -> (English name in the first comment line, the script its letters are in)
LANGUAGES = {"ru": ("Russian", "CYRILLIC"), "ar": ("Arabic", "ARABIC")}
MARKING = ("language", "working_translation", "translation_notice")


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def master() -> dict:
    """The English master file."""
    return _load(MASTER)


@pytest.fixture(params=sorted(LANGUAGES))
def lang(request) -> str:
    """Each language this test covers."""
    return request.param


def _translation(lang: str) -> dict:
    return _load(DATA / "translations" / f"cpss_benchmarks.{lang}.yaml")


def _glossary(lang: str) -> dict:
    return _load(DATA / "translations" / f"glossary.{lang}.yaml")


def _texts(doc: dict) -> dict[str, str]:
    """Every translatable cell, by a readable address (so a failure names the cell)."""
    cells = {f"{k}": doc[k] for k in ("name", "drafted_note", "purposes")}
    cells |= {f"reading_rules[{i}]": t for i, t in enumerate(doc["reading_rules"])}
    cells |= {f"phase {p['number']}": p["name"] for p in doc["phases"]}
    cells |= {f"outcome {o['id']}": o["title"] for o in doc["outcomes"]}
    for sub in doc["subdomains"]:
        cells[f"{sub['id']} title"] = sub["title"]
        cells |= {f"{sub['id']} phase {n}": t for n, t in sub["criteria"].items()}
    return cells


def _shape(doc: dict) -> dict:
    """Everything that must stay identical to the master: ids, numbers, links."""
    return {
        "version": doc["version"],
        "rules": len(doc["reading_rules"]),
        "phases": [p["number"] for p in doc["phases"]],
        "outcomes": [o["id"] for o in doc["outcomes"]],
        "subdomains": [
            (s["id"], s["outcome"], sorted(s["criteria"]), s.get("drafted_phases"))
            for s in doc["subdomains"]
        ],
    }


def test_keys_and_marking(master, lang):
    doc = _translation(lang)
    # every key of the master but its key and ranking, which a translation takes from the master
    assert list(doc) == [*MARKING, *(key for key in master if key not in ("key", "ranking"))]
    assert doc["language"] == lang
    assert doc["working_translation"] is True
    assert doc["translation_notice"].strip()
    assert doc["source"].startswith(master["source"])
    first = (DATA / "translations" / f"cpss_benchmarks.{lang}.yaml").open(encoding="utf-8")
    with first:
        assert first.readline().startswith(
            "# Working translation of data/cpss_benchmarks.yaml (UNICEF CPSS Benchmarks, 2021)"
            f" into {LANGUAGES[lang][0]}; not an official UNICEF text."
        )


def test_same_ids_numbers_and_drafted_cells_as_master(master, lang):
    assert _shape(_translation(lang)) == _shape(master)


def test_every_cell_translated(master, lang):
    english = _texts(master)
    cells = _texts(_translation(lang))
    assert cells.keys() == english.keys()
    empty = [where for where, text in cells.items() if not str(text).strip()]
    assert not empty, f"empty cells in {lang}: {empty}"
    same = [where for where, text in cells.items() if text == english[where]]
    assert not same, f"cells left in English in {lang}: {same}"


def _share_in_script(text: str, script: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(unicodedata.name(c, "").startswith(script) for c in letters) / len(letters)


def test_texts_are_in_the_language_script(lang):
    script = LANGUAGES[lang][1]
    doc = _translation(lang)
    cells = {k: v for k, v in _texts(doc).items() if k != "drafted_note"}  # names "CPSS"
    share = {k: round(_share_in_script(v, script), 2) for k, v in cells.items()}
    foreign = {k: v for k, v in share.items() if v < 0.95}
    assert not foreign, f"cells in {lang} not mainly {script} letters (share): {foreign}"


def test_phase_names_are_the_glossarys(lang):
    glossary = _glossary(lang)
    assert glossary["language"] == lang
    phases = {p["number"]: p["name"] for p in _translation(lang)["phases"]}
    assert phases == glossary["phases"]
    assert set(REQUIRED_TERMS) <= set(glossary["terms"])
    assert all(str(v).strip() for v in glossary["terms"].values())
