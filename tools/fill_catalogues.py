"""Fill empty (or fuzzy) translations in locales/<lang>/LC_MESSAGES/cpss.po.

Two sources, for the same message ids:
- ``--from ROOT``: another checkout's catalogues (a branch that translated its own new messages);
  only its non-fuzzy translations are taken, so branches merge their catalogues without conflicts;
- ``FILE.json``: ``{"message id": {"fr": "...", "ru": ["one", "few", "many"], ...}}`` (a list for
  plural forms), for translations written by hand.
Run ``tools/extract_messages.sh`` first; the catalogues are written as it writes them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("fr", "es", "ru", "ar")


def catalogue_path(root: Path, lang: str) -> Path:
    """Where a language's catalogue is under a checkout."""
    return root / "locales" / lang / "LC_MESSAGES" / "cpss.po"


def read(path: Path):
    """The catalogue at ``path``."""
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def done(message) -> bool:
    """Whether a message holds a whole translation (every plural form) that is not fuzzy."""
    forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(forms) and all(forms) and not message.fuzzy


def fill(lang: str, found: dict) -> int:
    """Put ``found`` (message id → translation) into the language's empty or fuzzy messages."""
    path = catalogue_path(ROOT, lang)
    catalogue = read(path)
    filled = 0
    for message in catalogue:
        if not message.id or done(message) or message.id not in found:
            continue
        value = found[message.id]
        message.string = tuple(value) if isinstance(message.id, (list, tuple)) else value
        message.flags.discard("fuzzy")
        filled += 1
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0, omit_header=False, ignore_obsolete=True)
    return filled


def from_checkout(other: Path, lang: str) -> dict:
    """The finished translations of another checkout's catalogue, by message id."""
    catalogue = read(catalogue_path(other, lang))
    return {m.id: m.string for m in catalogue if m.id and done(m)}


def from_json(path: Path, lang: str) -> dict:
    """The translations of ``lang`` in a JSON file, keyed by the (singular) message id."""
    table = json.loads(path.read_text(encoding="utf-8"))
    found = {}
    for msgid, by_language in table.items():
        if lang in by_language:
            found[msgid] = by_language[lang]
    return found


def main(args: list[str]) -> None:
    """Fill from ``--from ROOT`` or from a JSON file; print how many messages each language got."""
    for lang in LANGS:
        if args[0] == "--from":
            found = from_checkout(Path(args[1]), lang)
        else:
            found = _plural_keys(from_json(Path(args[0]), lang), lang)
        print(f"{lang}: {fill(lang, found)} filled")


def _plural_keys(found: dict, lang: str) -> dict:
    """Key plural translations by the catalogue's (singular, plural) id, as Babel reads them."""
    catalogue = read(catalogue_path(ROOT, lang))
    ids = {m.id[0] if isinstance(m.id, (list, tuple)) else m.id: m.id for m in catalogue if m.id}
    return {ids[key]: value for key, value in found.items() if key in ids}


if __name__ == "__main__":
    main(sys.argv[1:])
