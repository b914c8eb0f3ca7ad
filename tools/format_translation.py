"""Rewrite benchmark translation files in the master's exact layout.

Run by a translator after editing (``python tools/format_translation.py FILE...``): each
``data/translations/cpss_benchmarks.<lang>.yaml`` is read, its keys put in the master's order (the
language keys first), and written the way the master was (``yaml.safe_dump``, width 100), under
the one comment line every translation starts with. The app only reads these files; the loader
(``cpss.model.translation_file``) checks them against the master.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

# The language named in the comment line; a new language adds its English name here, or the
# comment names it by its code.
LANGUAGE_NAMES = {"fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic"}
TOP_ORDER = (
    "language",
    "working_translation",
    "translation_notice",
    "name",
    "version",
    "source",
    "drafted_note",
    "purposes",
    "reading_rules",
    "phases",
    "outcomes",
    "subdomains",
)
SUBDOMAIN_ORDER = ("id", "outcome", "title", "criteria", "drafted_phases")


def ordered(data: dict, order: tuple[str, ...]) -> dict:
    """``data`` with its keys in ``order``; unknown keys last, for the loader to report."""
    known = {key: data[key] for key in order if key in data}
    return known | {key: value for key, value in data.items() if key not in known}


def formatted(text: str) -> str:
    """The file's text in the canonical layout."""
    data = ordered(yaml.safe_load(text), TOP_ORDER)
    data["subdomains"] = [ordered(item, SUBDOMAIN_ORDER) for item in data.get("subdomains", [])]
    language = str(data.get("language", "?"))
    comment = (
        "# Working translation of data/cpss_benchmarks.yaml (UNICEF CPSS Benchmarks, 2021) into "
        f"{LANGUAGE_NAMES.get(language, language)}; not an official UNICEF text.\n"
    )
    return comment + yaml.safe_dump(data, allow_unicode=True, width=100, sort_keys=False)


def main(paths: list[str]) -> None:
    """Rewrite each file in place."""
    for name in paths:
        path = Path(name)
        path.write_text(formatted(path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
