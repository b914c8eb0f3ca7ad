"""The interface's catalogues against a fresh extraction of the code's messages (issue 17): every
language has every message, translated, with the English placeholders."""

from __future__ import annotations

import re
import subprocess

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from cpss.i18n import DOMAIN, LANGUAGES, LOCALES, SOURCE_LANGUAGE
from tests.conftest import ROOT

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
# A named placeholder; doubled braces are literal braces, not placeholders.
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def placeholders(message: str) -> set[str]:
    """The names of ``message``'s ``{placeholders}`` (a doubled brace is a literal one)."""
    return set(_PLACEHOLDER.findall(message.replace("{{", "").replace("}}", "")))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    """The messages of the code as it is now (Babel's extractor, the project's own command)."""
    template = tmp_path_factory.mktemp("pot") / f"{DOMAIN}.pot"
    subprocess.run(
        ["sh", str(ROOT / "tools" / "extract_messages.sh"), "--template", str(template)],
        check=True,
    )
    with template.open("rb") as source:
        return read_po(source)


def catalogue(language: str) -> Catalog:
    """The ``language`` catalogue as it is in the repository."""
    with (LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        return read_po(source, locale=language)


def missing(extracted: Catalog, language: str) -> list[str]:
    """The message ids of the code that ``language`` lacks or leaves untranslated (or fuzzy: a
    guess is not shown)."""
    found = catalogue(language)
    lost = []
    for message in extracted:
        if not message.id:
            continue
        entry = found.get(message.id)
        strings = entry.string if entry is not None else None
        forms = strings if isinstance(strings, (list, tuple)) else [strings]
        if entry is None or entry.fuzzy or not all(forms):
            lost.append(message.id if isinstance(message.id, str) else message.id[0])
    return lost


def test_the_extraction_finds_the_messages_of_the_frame(extracted):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted if m.id}
    assert {"English original", "Second language on the projector"} <= ids


def test_the_placeholders_are_found_and_doubled_braces_are_not():
    assert placeholders("Saved at {time} by {name}") == {"time", "name"}
    assert placeholders("{count:,} votes") == {"count"}
    assert placeholders("A literal {{brace}} and {x}") == {"x"}


def test_every_catalogue_has_every_message_of_the_code_translated(extracted):
    lost = {language: missing(extracted, language) for language in TRANSLATED}
    lost = {language: ids for language, ids in lost.items() if ids}
    report = "\n".join(
        f"{language}: {len(ids)} missing or untranslated:\n    " + "\n    ".join(ids)
        for language, ids in lost.items()
    )
    assert not lost, "Run tools/extract_messages.sh, then translate:\n" + report


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_translation_keeps_the_english_placeholders(language):
    wrong = []
    for message in catalogue(language):
        if not message.id or not message.string:
            continue
        if isinstance(message.id, str):
            pairs = [(message.id, message.string)]
        else:  # every plural form must have the placeholders of the English plural
            pairs = [(message.id[1], form) for form in message.string if form]
        wrong += [
            f"{english!r} -> {translated!r}"
            for english, translated in pairs
            if placeholders(translated) != placeholders(english)
        ]
    assert not wrong, f"{language}: placeholders differ from the English:\n" + "\n".join(wrong)
