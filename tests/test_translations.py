"""The benchmark's translations: every shipped one is complete and checked against the English
master; a broken copy is refused with the file, the line and the cell."""

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cpss.model.framework import PHASE_NUMBERS
from cpss.model.framework_file import BUNDLED_FRAMEWORK, FrameworkError, load_framework
from cpss.model.translation_file import (
    REQUIRED_TERMS,
    available_languages,
    load_glossary,
    load_translation,
    translation_path,
)

ENGLISH = load_framework()
# Every translation found, so that a language added later is tested too.
SHIPPED = available_languages()[1:]


def test_french_and_spanish_are_shipped_and_english_comes_first():
    assert available_languages()[0] == "en"
    assert {"fr", "es"} <= set(SHIPPED)


def test_english_is_the_master_itself():
    assert load_translation("en") is ENGLISH
    assert (ENGLISH.language, ENGLISH.working_translation, ENGLISH.translation_notice) == (
        "en",
        False,
        "",
    )


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_shipped_translation_has_every_cell_of_the_master(lang):
    translated = load_translation(lang)
    assert translated.language == lang
    assert translated.working_translation and translated.translation_notice
    assert translated.version == ENGLISH.version
    assert [o.id for o in translated.outcomes] == [o.id for o in ENGLISH.outcomes]
    assert [(s.id, s.outcome_id) for s in translated.subdomains] == [
        (s.id, s.outcome_id) for s in ENGLISH.subdomains
    ]
    assert len(translated.reading_rules) == len(ENGLISH.reading_rules)
    assert translated.purposes and translated.drafted_note
    for sub in translated.subdomains:
        assert sorted(sub.criteria) == list(PHASE_NUMBERS)
        assert all(text.strip() for text in sub.criteria.values())


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_shipped_translation_is_translated_not_copied(lang):
    translated = load_translation(lang)
    texts = [(s.title, *s.criteria.values()) for s in translated.subdomains]
    english = [(s.title, *s.criteria.values()) for s in ENGLISH.subdomains]
    copied = [t for row, rows in zip(texts, english) for t, e in zip(row, rows) if t == e]
    assert copied == []
    assert translated.name != ENGLISH.name
    assert [p.name for p in translated.phases] != [p.name for p in ENGLISH.phases]


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_shipped_translation_uses_its_glossarys_phase_names(lang):
    glossary = load_glossary(lang)
    assert glossary.language == lang
    assert [p.name for p in load_translation(lang).phases] == list(glossary.phases)
    assert set(REQUIRED_TERMS) <= set(glossary.terms)


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_drafted_cell_stays_drafted_in_every_language(lang):
    translated = load_translation(lang)
    for sub in translated.subdomains:
        assert sub.drafted_phases == ENGLISH.subdomain(sub.id).drafted_phases
    assert translated.subdomain("3.1").is_drafted(4)


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_shipped_file_starts_with_the_working_translation_comment(lang):
    first = translation_path(lang).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Working translation of data/cpss_benchmarks.yaml")
    assert first.endswith("not an official UNICEF text.")


def test_a_translation_is_loaded_once_per_version_of_its_file(tmp_path):
    master, path = family(tmp_path)
    first = load_translation("fr", master)
    assert load_translation("fr", master) is first
    edit(path, lambda data: data.update(name="Critères révisés"))
    stamp = path.stat().st_mtime_ns + 1_000_000
    os.utime(path, ns=(stamp, stamp))  # a new time even on a coarse clock
    assert load_translation("fr", master).name == "Critères révisés"


# Broken copies: the master, the French translation and glossary copied into tmp_path, one edit.


def family(tmp_path: Path, lang: str = "fr") -> tuple[Path, Path]:
    """A copy of the master with its ``lang`` translation and glossary beside it."""
    master = tmp_path / "cpss_benchmarks.yaml"
    shutil.copy(BUNDLED_FRAMEWORK, master)
    (tmp_path / "translations").mkdir()
    for name in (f"cpss_benchmarks.{lang}.yaml", f"glossary.{lang}.yaml"):
        shutil.copy(translation_path(lang).parent / name, tmp_path / "translations" / name)
    return master, translation_path(lang, master)


def edit(path: Path, change: Callable[[dict], object]) -> None:
    """Rewrite the YAML file at ``path`` with ``change`` applied to its data."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.safe_dump(data, allow_unicode=True, width=100, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def sub(data: dict, sub_id: str) -> dict:
    return next(s for s in data["subdomains"] if s["id"] == sub_id)


def line_of(path: Path, fragment: str, after: str = "") -> int:
    """The line (1-based) of the first ``fragment`` at or after the first line with ``after``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines[start:], start + 1) if fragment in line)


def id_line(path: Path, item_id: str) -> int:
    """The line of the list item with this id."""
    return line_of(path, f"- id: '{item_id}'")


def refusal(tmp_path: Path, change: Callable[[dict], object]) -> tuple[Path, str]:
    """The French translation's path, and the message refusing it after ``change``."""
    _, path = family(tmp_path)
    edit(path, change)
    return path, message(tmp_path / "cpss_benchmarks.yaml")


def message(master: Path, lang: str = "fr") -> str:
    with pytest.raises(FrameworkError) as caught:
        load_translation(lang, master)
    return str(caught.value)


def test_a_missing_cell_names_the_file_line_and_cell(tmp_path):
    path, said = refusal(tmp_path, lambda data: sub(data, "1.2")["criteria"].pop(1))
    line = line_of(path, "    2: ", after="- id: '1.2'")
    assert said == (
        f"{path}, line {line}, subdomains[1] (id '1.2') criteria: "
        "missing the text for phase 1 (Mise en place du système)."
    )


def test_an_extra_cell_names_the_file_line_and_cell(tmp_path):
    path, said = refusal(
        tmp_path, lambda data: sub(data, "2.3")["criteria"].update({5: "Une cinquième phase."})
    )
    assert said == (
        f"{path}, line {line_of(path, '5: Une cinquième')}, subdomains[4] (id '2.3') criteria: "
        "unknown phase 5 (phases are numbered 1 to 4)."
    )


def test_a_changed_id_names_the_master_id_missing(tmp_path):
    path, said = refusal(tmp_path, lambda data: sub(data, "2.2").update(id="2.9"))
    assert said == (
        f"{path}, line {id_line(path, '2.9')}, subdomains[3] (id '2.9'): "
        "missing subdomain '2.2' of the master (found '2.9' in its place)."
    )


def test_an_extra_subdomain_is_not_in_the_master(tmp_path):
    extra = {
        "id": "7.4",
        "outcome": "7",
        "title": "Registres",
        "criteria": dict.fromkeys(PHASE_NUMBERS, "Texte."),
    }
    path, said = refusal(tmp_path, lambda data: data["subdomains"].append(extra))
    assert said == (
        f"{path}, line {id_line(path, '7.4')}, subdomains[19] (id '7.4'): "
        "subdomain '7.4' is not in the master."
    )


def test_a_missing_subdomain_is_named(tmp_path):
    path, said = refusal(tmp_path, lambda data: data["subdomains"].pop())
    assert said == (
        f"{path}, line {id_line(path, '1.1')}, subdomains: missing subdomain '7.3' of the master."
    )


def test_subdomains_out_of_the_masters_order(tmp_path):

    def swap(data: dict) -> None:
        subs = data["subdomains"]
        subs[0], subs[1] = subs[1], subs[0]

    path, said = refusal(tmp_path, swap)
    assert said == (
        f"{path}, line {id_line(path, '1.2')}, subdomains[0] (id '1.2'): "
        "not in the master's order: expected subdomain '1.1' here."
    )


def test_a_different_outcome(tmp_path):
    path, said = refusal(tmp_path, lambda data: sub(data, "2.1").update(outcome="1"))
    line = line_of(path, "outcome: '1'", after="- id: '2.1'")
    assert said == (
        f"{path}, line {line}, subdomains[2] (id '2.1') outcome: '1' differs from the master's '2'."
    )


def test_a_changed_outcome_id(tmp_path):

    def renumber(data: dict) -> None:
        data["outcomes"][6]["id"] = "8"
        for item in data["subdomains"]:
            item["outcome"] = "8" if item["outcome"] == "7" else item["outcome"]

    path, said = refusal(tmp_path, renumber)
    assert said == (
        f"{path}, line {id_line(path, '8')}, outcomes[6] (id '8'): "
        "missing outcome '7' of the master (found '8' in its place)."
    )


def test_the_drafted_cell_cannot_lose_its_mark(tmp_path):
    path, said = refusal(tmp_path, lambda data: sub(data, "3.1").pop("drafted_phases"))
    assert said == (
        f"{path}, line {id_line(path, '3.1')}, subdomains[5] (id '3.1') drafted_phases: "
        "[] differs from the master's [4]: a drafted cell stays drafted in every language."
    )


@pytest.mark.parametrize(
    ("change", "where", "fault"),
    [
        (lambda data: data.pop("language"), "", "top level: missing key 'language'."),
        (
            lambda data: data.pop("working_translation"),
            "",
            "top level: missing key 'working_translation'.",
        ),
        (
            lambda data: data.update(language="es"),
            "language:",
            "language: 'es' differs from the file name's 'fr' (cpss_benchmarks.fr.yaml).",
        ),
        (
            lambda data: data.pop("translation_notice"),
            "working_translation:",
            "working_translation: a working translation needs a translation_notice, the line "
            "the app shows beside its texts.",
        ),
        (
            lambda data: data.update(version="UNICEF 2019"),
            "version:",
            "version: 'UNICEF 2019' differs from the master's 'UNICEF 2021-09'; a translation "
            "is of one version of the master.",
        ),
    ],
)
def test_the_language_keys_and_the_version_are_checked(tmp_path, change, where, fault):
    path, said = refusal(tmp_path, change)
    line = line_of(path, where) if where else 1  # a missing key: the top level's first line
    assert said == f"{path}, line {line}, {fault}"


def test_phase_names_differing_from_the_glossary(tmp_path):
    path, said = refusal(
        tmp_path, lambda data: data["phases"][0].update(name="Construction du système")
    )
    assert said == (
        f"{path}, line {line_of(path, 'name: Construction du système')}, phases[0] name: "
        "'Construction du système' differs from the glossary's 'Mise en place du système' "
        "(glossary.fr.yaml)."
    )


def test_a_text_naming_a_phase_uses_the_glossarys_name(tmp_path):
    """A national adaptation whose reading rule names a phase: its translation must name it as
    the glossary does."""
    master, path = family(tmp_path)
    edit(master, lambda data: data["reading_rules"].append("Most start in System Building."))
    edit(path, lambda data: data["reading_rules"].append("La plupart commencent au début."))
    assert message(master) == (
        f"{path}, line {line_of(path, '- La plupart')}, reading_rules[3]: the master's text names "
        "the phase 'System Building'; name it 'Mise en place du système', as in glossary.fr.yaml."
    )
    edit(path, lambda data: data["reading_rules"].__setitem__(3, "En Mise en place du système."))
    assert load_translation("fr", master).reading_rules[3] == "En Mise en place du système."


def test_a_missing_glossary_is_named(tmp_path):
    master, path = family(tmp_path)
    glossary = path.parent / "glossary.fr.yaml"
    glossary.unlink()
    assert message(master) == (
        f"{glossary}: cannot read the glossary file (No such file or directory)."
    )


def test_a_glossary_missing_a_term(tmp_path):
    master, path = family(tmp_path)
    glossary = path.parent / "glossary.fr.yaml"
    edit(glossary, lambda data: data["terms"].pop("subdomain"))
    assert message(master) == (
        f"{glossary}, line {line_of(glossary, 'terms:') + 1}, terms: missing the term "
        f"'subdomain' (every glossary has: {', '.join(REQUIRED_TERMS)})."
    )


def test_a_sixth_language_is_a_pair_of_files(tmp_path):
    """Uzbek here is a renamed French copy: the loader needs nothing else to offer it."""
    master, path = family(tmp_path)
    assert available_languages(master) == ("en", "fr")
    for name in ("cpss_benchmarks", "glossary"):
        source = path.parent / f"{name}.fr.yaml"
        target = path.parent / f"{name}.uz.yaml"
        target.write_text(
            source.read_text(encoding="utf-8").replace("language: fr", "language: uz")
        )
    assert available_languages(master) == ("en", "fr", "uz")
    assert load_translation("uz", master).language == "uz"


def test_a_national_adaptation_ships_its_own_translations(tmp_path):
    """Translations are looked up beside the framework file in use, by its name."""
    master, path = family(tmp_path)
    adapted = master.with_name("cpss_senegal.yaml")
    master.rename(adapted)
    assert available_languages(adapted) == ("en",)
    path.rename(path.with_name("cpss_senegal.fr.yaml"))
    assert available_languages(adapted) == ("en", "fr")
    assert load_translation("fr", adapted).subdomain("7.2").title == "Enquêtes"


@pytest.mark.parametrize("code", ["../fr", "FR", "fr/../es", ""])
def test_a_language_code_names_no_other_file(code):
    with pytest.raises(FrameworkError, match="is not a language code"):
        load_translation(code)
