"""Which framework an exported file's assessments were made on, found here by its content hash.

A JSON or Excel export names its framework's key, version and content hash; the JSON export also
carries the framework file itself. An import reads and rates the file against that version: when
this installation does not have it, the import is refused with the framework's name and version
(and, when the file carries the framework, the offer that an administrator add it), never read
against other texts.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from cpss.exchange.tables import FileError
from cpss.model.errors import Phrase
from cpss.model.framework import Framework

Find = Callable[[str], Framework | None]  # a content hash -> the framework stored here, or None
FRAMEWORK_FILE = "framework_file"  # the JSON export's field holding the framework's YAML


class FrameworkNotHere(FileError):
    """A file made on a framework version this installation does not have.

    ``framework_text`` is the framework file the export carries ("" when it has none): an
    administrator may publish it, then import again. ``name`` and ``version`` are the file's
    framework, for the offer to add it."""

    def __init__(self, message: str, /, framework_text: str = "", **values: object):
        super().__init__(message, **values)
        self.framework_text = framework_text
        self.name = str(values.get("name", ""))
        self.version = str(values.get("version", ""))


def stamp(framework: Framework) -> dict[str, str]:
    """What an export says of its framework: name, version, key and content hash."""
    return {
        "name": framework.name,
        "version": framework.version,
        "key": framework.key,
        "content_hash": framework.content_hash,
    }


def json_framework(data: bytes, framework: Framework, find: Find) -> Framework:
    """The framework a JSON export was made on: the one stored here under the file's content
    hash (``find``); ``framework`` for a file without one (an older export: its version is
    checked as before). :class:`FrameworkNotHere` when this installation lacks it."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return framework  # read_json says what is wrong with the file
    if not isinstance(document, dict):
        return framework
    carried = document.get(FRAMEWORK_FILE)
    return stamped_framework(
        document.get("framework"), carried if isinstance(carried, str) else "", framework, find
    )


def stamped_framework(named: object, carried: str, framework: Framework, find: Find) -> Framework:
    """The framework an export's stamp ``named`` (its name, version and content hash) names,
    found here by ``find``; ``framework`` for a stamp without a hash (an older export).
    :class:`FrameworkNotHere` when this installation lacks it, with the framework's YAML
    ``carried`` by the file ("" when it has none: an Excel export)."""
    if not isinstance(named, dict):
        return framework
    digest = named.get("content_hash")
    if not isinstance(digest, str) or not digest:
        return framework
    found = find(digest)
    if found is not None:
        return found
    raise FrameworkNotHere(
        "The file's assessments were made on the framework {name}, version {version}, which "
        "this installation does not have: nothing was imported. {offer}",
        framework_text=carried,
        name=str(named.get("name", "")),
        version=str(named.get("version", "")),
        offer=_OFFER_CARRIED if carried else _OFFER_NONE,
    )


_OFFER_CARRIED = Phrase(
    "The file includes that framework: an administrator can add it from the import preview, "
    "then import the file again."
)
_OFFER_NONE = Phrase("Ask an administrator to add that framework version first.")


ABOUT_SHEET = "About"  # the Excel export's first sheet: labels in column A, values in B
FRAMEWORK_LABEL = "Framework"  # "<name>, version <version>"
HASH_LABEL = "Framework content hash (SHA-256)"


def excel_framework(book, framework: Framework, find: Find) -> Framework:
    """The framework an Excel export was made on, named by its About sheet's content hash and
    found here by ``find``; ``framework`` for a workbook without one (an older export).
    :class:`FrameworkNotHere` when this installation lacks it (a workbook does not carry the
    framework's YAML: an administrator adds it from its own file first)."""
    if ABOUT_SHEET not in book.sheetnames:
        return framework
    about = {
        str(row[0]): str(row[1])
        for row in book[ABOUT_SHEET].iter_rows(max_col=2, values_only=True)
        if len(row) == 2 and row[0] is not None and row[1] is not None
    }
    name, _, version = about.get(FRAMEWORK_LABEL, "").rpartition(", version ")
    named = {"name": name, "version": version, "content_hash": about.get(HASH_LABEL, "")}
    return stamped_framework(named, "", framework, find)
