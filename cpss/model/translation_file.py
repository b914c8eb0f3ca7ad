"""Translations of a framework file and their glossaries, loaded and checked against the master.

The translations of ``<dir>/<stem>.yaml`` (the bundled ``data/cpss_benchmarks.yaml`` or a national
adaptation named by ``CPSS_FRAMEWORK``) live beside it: ``<dir>/translations/<stem>.<lang>.yaml``,
of the master's shape with every text translated, and ``<dir>/translations/glossary.<lang>.yaml``,
the language's phase names and recurring terms. Adding a language is adding these two files.

A translation is checked by the same code as the master (:mod:`cpss.model.framework_file`), then
against the master: the same ids, outcomes, phase numbers and drafted cells, every cell present,
the glossary's phase names. Any difference is a :class:`FrameworkError` naming the file, the line
and the cell.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

from cpss.i18n import N_
from cpss.model.framework import PHASE_NUMBERS, Framework, Phase, Subdomain
from cpss.model.framework_file import (
    BUNDLED_FRAMEWORK,
    FileValidator,
    FrameworkError,
    file_stamp,
    load_checked,
    load_framework,
    read_text_tree,
    read_tree,
)
from cpss.model.yaml_places import Located

MASTER_LANGUAGE = "en"  # the language of every master file
# ISO 639 codes, with an optional region or script ("pt-BR"): also keeps a code from the address
# bar from naming any other file.
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
# The terms every glossary has: the interface uses them beside the benchmark's texts.
REQUIRED_TERMS = (
    "intermediate outcome",
    "subdomain",
    "don't know",
    "not applicable",
    "child protection system",
)


@dataclass(frozen=True, eq=False)
class Glossary:
    """One language's phase names (1 to 4) and recurring terms (English term -> translation)."""

    language: str
    phases: tuple[str, ...]
    terms: Mapping[str, str]
    path: Path

    def phase_name(self, number: int) -> str:
        """The name of phase ``number`` (1 to 4) in this language."""
        return self.phases[number - 1]


def translations_dir(master: str | Path | None = None) -> Path:
    """The folder of the translations of ``master`` (the bundled framework when None)."""
    return _master_path(master).parent / "translations"


def translation_path(lang: str, master: str | Path | None = None) -> Path:
    """Where the ``lang`` translation of ``master`` is: ``<dir>/translations/<stem>.<lang>.yaml``."""
    path = _master_path(master)
    return translations_dir(path) / f"{path.stem}.{_checked_code(lang)}.yaml"


def available_languages(master: str | Path | None = None) -> tuple[str, ...]:
    """English first, then the languages of the translation files beside ``master``, sorted.

    Found from the files present, so a new language is a new file; nothing is parsed here.
    """
    path = _master_path(master)
    prefix, suffix = f"{path.stem}.", ".yaml"
    codes = {
        found.name[len(prefix) : -len(suffix)]
        for found in translations_dir(path).glob(f"{prefix}*{suffix}")
    }
    codes = {code for code in codes if _LANGUAGE_CODE.match(code)} - {MASTER_LANGUAGE}
    return (MASTER_LANGUAGE, *sorted(codes))


def load_translation(lang: str, master: str | Path | None = None) -> Framework:
    """The framework in ``lang``: the master itself in English, else its translation, checked
    against the master and the language's glossary. Loaded once per version of these files.

    Raises :class:`FrameworkError` naming the file, the line and the cell at fault.
    """
    path = _master_path(master)
    english = load_framework(path)
    if lang == english.language:
        return english
    glossary = load_glossary(lang, path)
    return load_checked(translation_path(lang, path), _TranslationValidator, english, glossary)


def load_glossary(lang: str, master: str | Path | None = None) -> Glossary:
    """The ``lang`` glossary beside ``master``'s translations, checked; cached per file version."""
    path = translations_dir(master) / f"glossary.{_checked_code(lang)}.yaml"
    return _glossary_cached(path, file_stamp(path, _GlossaryReader.kind))


def translation_from_text(
    english: Framework, lang: str, text: str, glossary_text: str, stem: str
) -> Framework:
    """The ``lang`` translation of ``english`` from texts kept elsewhere (the database), checked
    as :func:`load_translation` checks files named ``<stem>.<lang>.yaml`` and
    ``glossary.<lang>.yaml`` (the names its messages use)."""
    glossary_path = Path(f"glossary.{_checked_code(lang)}.yaml")
    glossary = _GlossaryReader(glossary_path).glossary(read_text_tree(glossary_text, glossary_path))
    path = Path(f"{stem}.{lang}.yaml")
    return _TranslationValidator(path, english, glossary).framework(read_text_tree(text, path))


@functools.lru_cache(maxsize=16)
def _glossary_cached(path: Path, _stamp: int) -> Glossary:
    return _GlossaryReader(path).glossary(read_tree(path))


def _master_path(master: str | Path | None) -> Path:
    return Path(master).resolve() if master is not None else BUNDLED_FRAMEWORK


def _checked_code(lang: str) -> str:
    if not _LANGUAGE_CODE.match(lang):
        raise FrameworkError(
            "'{lang}' is not a language code (two or three lower-case letters, like 'fr').",
            lang=lang,
        )
    return lang


def _file_language(path: Path) -> str:
    """The language code in a file name: ``fr`` in ``cpss_benchmarks.fr.yaml``."""
    return path.name.split(".")[-2]


class _GlossaryReader(FileValidator):
    """Reads ``glossary.<lang>.yaml``: ``language``, ``phases`` (1 to 4) and ``terms``."""

    kind = "glossary file"

    def glossary(self, root: Located) -> Glossary:
        """The checked :class:`Glossary`."""
        keys = {"language": True, "phases": True, "terms": True}
        top = self.mapping(root, "top level", keys)
        language = _same_language(self, top["language"])
        numbers = {number: True for number in PHASE_NUMBERS}
        phases = self.mapping(top["phases"], "phases", numbers)
        return Glossary(
            language=language,
            phases=tuple(self.text(phases[n], f"phases, phase {n}") for n in PHASE_NUMBERS),
            terms=MappingProxyType(self.terms(top["terms"])),
            path=self.path,
        )

    def terms(self, node: Located) -> dict[str, str]:
        """English term -> translation, with every one of :data:`REQUIRED_TERMS`."""
        if not isinstance(node.value, dict):
            raise self.fail(node, "terms", "expected a mapping of English term: translation.")
        terms = {}
        for key, child in node.value.items():
            if not isinstance(key, str) or not key.strip():
                raise self.fail(child, "terms", "expected an English term, found {key!r}.", key=key)
            terms[key] = self.text(child, f"terms, '{key}'")
        for term in REQUIRED_TERMS:
            if term not in terms:
                raise self.fail(
                    node,
                    "terms",
                    "missing the term '{term}' (every glossary has: {items}).",
                    term=term,
                    items=", ".join(REQUIRED_TERMS),
                )
        return terms


def _same_language(reader: FileValidator, node: Located) -> str:
    """The file's ``language``, which must be the code in its name."""
    language = reader.text(node, "language")
    expected = _file_language(reader.path)
    if language != expected:
        raise reader.fail(
            node,
            "language",
            "'{language}' differs from the file name's '{expected}' ({name}).",
            language=language,
            expected=expected,
            name=reader.path.name,
        )
    return language


class _TranslationValidator(FileValidator):
    """Checks a translation as a framework file, then against its master and glossary."""

    kind = "translation file"
    top_keys: ClassVar[dict[str, bool]] = {
        "language": True,
        "working_translation": True,
        "translation_notice": False,
        **FileValidator.top_keys,
    }

    def __init__(self, path: Path, master: Framework, glossary: Glossary):
        super().__init__(path)
        self.master, self.glossary = master, glossary

    def finish(self, framework: Framework, top: dict[str, Located]) -> Framework:
        """The framework marked with its language, the master's version and texts checked."""
        working = top["working_translation"]
        if not isinstance(working.value, bool):
            raise self.fail(working, "working_translation", "expected true or false.")
        if working.value and "translation_notice" not in top:
            raise self.fail(
                working,
                "working_translation",
                "a working translation needs a translation_notice, the line the app shows "
                "beside its texts.",
            )
        self.same_as_master(top)
        notice = top.get("translation_notice")
        return dataclasses.replace(
            framework,
            language=_same_language(self, top["language"]),
            key=self.master.key,
            ranking=self.master.ranking,
            working_translation=working.value,
            translation_notice=self.text(notice, "translation_notice") if notice else "",
        )

    def same_as_master(self, top: dict[str, Located]) -> None:
        """The master's version, its optional texts, and as many reading rules, each naming the
        phases the master's rule names."""
        master = self.master
        version = self.text(top["version"], "version")
        if version != master.version:
            raise self.fail(
                top["version"],
                "version",
                "'{version}' differs from the master's '{version2}'; a translation is of one "
                "version of the master.",
                version=version,
                version2=master.version,
            )
        for key in ("drafted_note", "purposes"):
            if bool(getattr(master, key)) != (key in top):
                missing = N_("the master has this text")
                problem = missing if getattr(master, key) else N_("not in the master")
                raise self.fail(top.get(key, top["name"]), key, problem)
        rules = top["reading_rules"].value if "reading_rules" in top else []
        if len(rules) != len(master.reading_rules):
            raise self.fail(
                top.get("reading_rules", top["name"]),
                "reading_rules",
                "expected {length} rules as in the master, found {length2}.",
                length=len(master.reading_rules),
                length2=len(rules),
            )
        for index, (english, rule) in enumerate(zip(master.reading_rules, rules)):
            self.names_phases(english, rule, f"reading_rules[{index}]")

    def phases(self, node: Located) -> tuple[Phase, ...]:
        """The phases, named as in the glossary."""
        phases = super().phases(node)
        for index, phase in enumerate(phases):
            expected = self.glossary.phase_name(phase.number)
            if phase.name != expected:
                raise self.fail(
                    node.value[index].value["name"],
                    f"phases[{index}] name",
                    "'{name}' differs from the glossary's '{expected}' ({name2}).",
                    name=phase.name,
                    expected=expected,
                    name2=self.glossary.path.name,
                )
        return phases

    def outcome_titles(self, node: Located) -> dict[str, str]:
        """The outcomes: the master's ids in the master's order."""
        titles = super().outcome_titles(node)
        self.same_ids(node, "outcome", list(titles), [o.id for o in self.master.outcomes])
        return titles

    def subdomains(
        self, node: Located, outcome_titles: dict[str, str], phases: tuple[Phase, ...]
    ) -> tuple[Subdomain, ...]:
        """The subdomains: the master's ids in order, outcomes, drafted cells and phase names."""
        subdomains = super().subdomains(node, outcome_titles, phases)
        ids = [s.id for s in subdomains]
        self.same_ids(node, "subdomain", ids, [s.id for s in self.master.subdomains])
        for index, (sub, item) in enumerate(zip(subdomains, node.value)):
            self.same_subdomain(sub, item, f"subdomains[{index}] (id '{sub.id}')")
        return subdomains

    def same_subdomain(self, sub: Subdomain, item: Located, place: str) -> None:
        """One subdomain against the master's: outcome, drafted cells, phases named."""
        english = self.master.subdomain(sub.id)
        fields = item.value
        if sub.outcome_id != english.outcome_id:
            raise self.fail(
                fields["outcome"],
                f"{place} outcome",
                "'{outcome_id}' differs from the master's '{outcome_id2}'.",
                outcome_id=sub.outcome_id,
                outcome_id2=english.outcome_id,
            )
        if sub.drafted_phases != english.drafted_phases:
            raise self.fail(
                fields.get("drafted_phases", item),
                f"{place} drafted_phases",
                "{sorted} differs from the master's {sorted2}: a drafted cell stays drafted in "
                "every language.",
                sorted=sorted(sub.drafted_phases),
                sorted2=sorted(english.drafted_phases),
            )
        for number in PHASE_NUMBERS:
            cell = fields["criteria"].value[number]
            self.names_phases(english.criteria[number], cell, f"{place} criteria, phase {number}")

    def same_ids(self, node: Located, what: str, found: list[str], expected: list[str]) -> None:
        """``found`` ids are ``expected`` (the master's), in order; else the first difference."""
        for index, (here, there) in enumerate(zip(found, expected)):
            if here == there:
                continue
            if there not in found:
                fault = f"missing {what} '{there}' of the master (found '{here}' in its place)."
            elif here not in expected:
                fault = f"{what} '{here}' is not in the master."
            else:
                fault = f"not in the master's order: expected {what} '{there}' here."
            id_node = node.value[index].value["id"]
            raise self.fail(id_node, f"{what}s[{index}] (id '{here}')", fault)
        if len(found) > len(expected):
            index = len(expected)
            extra = node.value[index].value["id"]
            raise self.fail(
                extra,
                f"{what}s[{index}] (id '{found[index]}')",
                "{what_value} '{index}' is not in the master.",
                what_value=what,
                index=found[index],
            )
        if len(found) < len(expected):
            missing = ", ".join(f"'{i}'" for i in expected[len(found) :])
            raise self.fail(
                node,
                f"{what}s",
                "missing {what_value} {missing} of the master.",
                what_value=what,
                missing=missing,
            )

    def names_phases(self, english: str, cell: Located, place: str) -> None:
        """Where the master's text names a phase, the translation names it as the glossary."""
        for phase in self.master.phases:
            name = self.glossary.phase_name(phase.number)
            if phase.name in english and name not in str(cell.value):
                raise self.fail(
                    cell,
                    place,
                    "the master's text names the phase '{name}'; name it '{name2}', as in {name3}.",
                    name=phase.name,
                    name2=name,
                    name3=self.glossary.path.name,
                )
