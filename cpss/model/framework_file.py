"""Loading a framework file: read the YAML, validate it with precise messages, cache the result.

The bundled file is ``data/cpss_benchmarks.yaml``. An organisation can load a revised version or a
national adaptation from a file of the same shape: :func:`load_framework` checks its structure and
cross-references and reports any problem as ``FILE, line N, PLACE: WHAT``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, TypeVar

import yaml

from cpss.model.errors import Phrase, UserError
from cpss.model.framework import PHASE_NUMBERS, Framework, Outcome, Phase, Subdomain
from cpss.model.ranking import read_ranking
from cpss.model.yaml_places import Located, ShapeError, read_located

if TYPE_CHECKING:
    from cpss.i18n import Text

Key = TypeVar("Key", str, int)  # YAML mappings here are keyed by names, criteria by phase number

_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
BUNDLED_FRAMEWORK = Path(__file__).resolve().parents[2] / "data" / "cpss_benchmarks.yaml"


class FrameworkError(UserError):
    """A framework file that cannot be used; the message names the file, the place and the fault."""

    @property
    def public(self) -> str:
        """The plain line for visitors: the file's path and contents are the administrator's."""
        return str(_PUBLIC)

    def public_translated(self, tr: Text) -> str:
        """:attr:`public` in ``tr``'s language."""
        return _PUBLIC.translated(tr)


_PUBLIC = Phrase(
    "The app cannot read its assessment framework file; the administrator has the details in "
    "the server's log."
)


def load_framework(path: str | Path | None = None) -> Framework:
    """Load and validate a framework file; the bundled CPSS Benchmarks when ``path`` is None.

    Parsed once per file version per process. Raises :class:`FrameworkError` with the file, the
    line and place, and what is wrong.
    """
    resolved = Path(path).resolve() if path is not None else BUNDLED_FRAMEWORK
    return load_checked(resolved, FileValidator)


def load_checked(path: Path, validator: type[FileValidator], *context: object) -> Framework:
    """``path`` read and checked by ``validator(path, *context)``, once per version of the file
    and of its context (a translation's master and glossary, each cached by its own file's time):
    the cache is keyed by the file's modification time and by the context objects."""
    return _load_cached(path, file_stamp(path, validator.kind), (validator, context))


def file_stamp(path: Path, kind: str) -> int:
    """The file's modification time (ns), the key of its cached version; ``kind`` names the file
    in the message when it cannot be read."""
    try:
        return path.stat().st_mtime_ns
    except OSError as exc:
        raise FrameworkError(
            "{path}: cannot read the {kind} ({strerror}).",
            path=path,
            kind=kind,
            strerror=exc.strerror,
        ) from exc


@functools.lru_cache(maxsize=16)
def _load_cached(
    path: Path, _stamp: int, reader: tuple[type[FileValidator], tuple[object, ...]]
) -> Framework:
    validator, context = reader
    return validator(path, *context).framework(read_tree(path))


def read_tree(path: Path) -> Located:
    """The YAML file as a tree of values with their lines; :class:`FrameworkError` when the file
    is not UTF-8, not YAML, or has aliases or deep nesting."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkError(
            "{path}: the file is not UTF-8 text ({reason}).", path=path, reason=exc.reason
        ) from exc
    return read_text_tree(text, path)


def read_text_tree(text: str, path: Path) -> Located:
    """``text`` (the content of ``path``, or of a file kept in the database under that name) as
    a tree of values with their lines; :class:`FrameworkError` as :func:`read_tree`."""
    try:
        return read_located(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", exc)
        if mark is None:
            raise FrameworkError(
                "{path}: not valid YAML ({problem}).", path=path, problem=problem
            ) from exc
        raise FrameworkError(
            "{path}, line {line}: not valid YAML ({problem}).",
            path=path,
            line=mark.line + 1,
            problem=problem,
        ) from exc
    except ShapeError as exc:
        raise FrameworkError(
            "{path}, line {line}: {what}", path=path, line=exc.line, what=exc.what
        ) from None


_TOP_KEYS = {
    "key": False,
    "name": True,
    "version": True,
    "source": True,
    "drafted_note": False,
    "purposes": False,
    "reading_rules": False,
    "phases": True,
    "outcomes": True,
    "subdomains": True,
    "ranking": False,
}
_PHASE_KEYS = {"number": True, "name": True}
_OUTCOME_KEYS = {"id": True, "title": True}
_SUBDOMAIN_KEYS = {
    "id": True,
    "outcome": True,
    "title": True,
    "criteria": True,
    "drafted_phases": False,
    "replaces": False,
}


class FileValidator:
    """Turns a located YAML tree into a :class:`Framework`, or raises the first problem found.

    Subclasses check other files of the same family (translations against their master)."""

    kind = "framework file"  # how messages name the file
    top_keys: ClassVar[dict[str, bool]] = _TOP_KEYS

    def __init__(self, path: Path):
        self.path = path

    def finish(self, framework: Framework, top: dict[str, Located]) -> Framework:
        """The framework with the fields beyond the master's shape; none in a master file."""
        return framework

    def fail(self, node: Located, place: str, what: str, /, **values: object) -> FrameworkError:
        """The error ``FILE, line N, PLACE: WHAT`` for ``node``, to raise: ``what`` is a message
        id with ``values``, translated with the error (``place`` is the file's keys, as written)."""
        return FrameworkError(
            "{path}, line {line}, {place}: {what}",
            path=self.path,
            line=node.line,
            place=place,
            what=Phrase(what, **values),
        )

    def mapping(self, node: Located, place: str, keys: dict[Key, bool]) -> dict[Key, Located]:
        """``node`` as a mapping with only ``keys``, the required (True) ones present."""
        if not isinstance(node.value, dict):
            raise self.fail(
                node, place, "expected a mapping of keys, found {kind}.", kind=_kind(node.value)
            )
        for key, child in node.value.items():
            if key not in keys:
                raise self.fail(
                    child,
                    place,
                    "unknown key '{key}' (expected one of: {items}).",
                    key=key,
                    items=", ".join(map(str, keys)),
                )
        for key, required in keys.items():
            if required and key not in node.value:
                raise self.fail(node, place, "missing key '{key}'.", key=key)
        return node.value

    def text(self, node: Located, place: str) -> str:
        """``node`` as non-empty text, stripped."""
        if not isinstance(node.value, str) or not node.value.strip():
            if isinstance(node.value, (int, float)):
                raise self.fail(
                    node,
                    place,
                    "expected non-empty text, found {kind} (write ids in quotes, like '1.1').",
                    kind=_kind(node.value),
                )
            raise self.fail(
                node, place, "expected non-empty text, found {kind}.", kind=_kind(node.value)
            )
        return node.value.strip()

    def optional_text(self, top: dict[str, Located], key: str) -> str:
        """The text under ``key``, or "" when the file has none."""
        return self.text(top[key], key) if key in top else ""

    def sequence(self, node: Located, place: str) -> list[Located]:
        """``node`` as a non-empty list."""
        if not isinstance(node.value, list) or not node.value:
            raise self.fail(
                node, place, "expected a non-empty list, found {kind}.", kind=_kind(node.value)
            )
        return node.value

    def framework(self, root: Located) -> Framework:
        """The whole file as a :class:`Framework`."""
        top = self.mapping(root, "top level", self.top_keys)
        phases = self.phases(top["phases"])
        outcome_titles = self.outcome_titles(top["outcomes"])
        subdomains = self.subdomains(top["subdomains"], outcome_titles, phases)
        rules = top.get("reading_rules")
        framework = Framework(
            name=self.text(top["name"], "name"),
            version=self.text(top["version"], "version"),
            source=self.text(top["source"], "source"),
            reading_rules=tuple(
                self.text(rule, f"reading_rules[{i}]")
                for i, rule in enumerate(self.sequence(rules, "reading_rules"))
            )
            if rules
            else (),
            phases=phases,
            outcomes=self.outcomes(top["outcomes"], outcome_titles, subdomains),
            subdomains=subdomains,
            drafted_note=self.optional_text(top, "drafted_note"),
            purposes=self.optional_text(top, "purposes"),
            key=self.key(top),
            ranking=read_ranking(self, top.get("ranking"), list(outcome_titles)),
        )
        return self.finish(framework, top)

    def key(self, top: dict[str, Located]) -> str:
        """The framework's lasting id (``key:``), or one made from its name when the file has none."""
        if "key" not in top:
            return re.sub(r"[^a-z0-9]+", "-", self.text(top["name"], "name").lower()).strip("-")
        key = self.text(top["key"], "key")
        if not _KEY.match(key):
            raise self.fail(
                top["key"],
                "key",
                "'{key}' is not a framework key (lower-case letters, digits and hyphens, like "
                "'unicef-cpss').",
                key=key,
            )
        return key

    def phases(self, node: Located) -> tuple[Phase, ...]:
        phases = []
        for index, item in enumerate(self.sequence(node, "phases")):
            place = f"phases[{index}]"
            fields = self.mapping(item, place, _PHASE_KEYS)
            number = fields["number"].value
            if number != index + 1 or isinstance(number, bool):
                raise self.fail(
                    fields["number"],
                    f"{place} number",
                    "phases must be numbered 1 to 4 in order; expected {index}, found {number!r}.",
                    index=index + 1,
                    number=number,
                )
            phases.append(Phase(number, self.text(fields["name"], f"{place} name")))
        if len(phases) != len(PHASE_NUMBERS):
            raise self.fail(
                node,
                "phases",
                "a CPSS framework has exactly 4 phases (the CPSS data contract), found {length}.",
                length=len(phases),
            )
        return tuple(phases)

    def outcome_titles(self, node: Located) -> dict[str, str]:
        titles: dict[str, str] = {}
        for index, item in enumerate(self.sequence(node, "outcomes")):
            place = f"outcomes[{index}]"
            fields = self.mapping(item, place, _OUTCOME_KEYS)
            outcome_id = self.text(fields["id"], f"{place} id")
            if outcome_id in titles:
                raise self.fail(
                    fields["id"],
                    f"{place} id",
                    "duplicate outcome id '{outcome_id}'.",
                    outcome_id=outcome_id,
                )
            titles[outcome_id] = self.text(fields["title"], f"{place} (id '{outcome_id}') title")
        return titles

    def subdomains(
        self, node: Located, outcome_titles: dict[str, str], phases: tuple[Phase, ...]
    ) -> tuple[Subdomain, ...]:
        seen: set[str] = set()
        result = []
        for index, item in enumerate(self.sequence(node, "subdomains")):
            fields = self.mapping(item, f"subdomains[{index}]", _SUBDOMAIN_KEYS)
            sub_id = self.text(fields["id"], f"subdomains[{index}] id")
            place = f"subdomains[{index}] (id '{sub_id}')"
            if sub_id in seen:
                raise self.fail(
                    fields["id"], place, "duplicate subdomain id '{sub_id}'.", sub_id=sub_id
                )
            seen.add(sub_id)
            outcome_id = self.text(fields["outcome"], f"{place} outcome")
            if outcome_id not in outcome_titles:
                raise self.fail(
                    fields["outcome"],
                    f"{place} outcome",
                    "unknown outcome '{outcome_id}' (outcomes are: {items}).",
                    outcome_id=outcome_id,
                    items=", ".join(outcome_titles),
                )
            result.append(
                Subdomain(
                    id=sub_id,
                    title=self.text(fields["title"], f"{place} title"),
                    outcome_id=outcome_id,
                    criteria=self.criteria(fields["criteria"], place, phases),
                    drafted_phases=self.drafted(fields.get("drafted_phases"), place),
                    replaces=self.replaced(fields.get("replaces"), place),
                )
            )
        return tuple(result)

    def criteria(self, node: Located, place: str, phases: tuple[Phase, ...]) -> Mapping[int, str]:
        keys = {number: True for number in PHASE_NUMBERS}
        if isinstance(node.value, dict):
            for key, child in node.value.items():
                if key not in keys:
                    raise self.fail(
                        child,
                        f"{place} criteria",
                        "unknown phase {key!r} (phases are numbered 1 to 4).",
                        key=key,
                    )
            for number in PHASE_NUMBERS:
                if number not in node.value:
                    raise self.fail(
                        node,
                        f"{place} criteria",
                        "missing the text for phase {number} ({name}).",
                        number=number,
                        name=phases[number - 1].name,
                    )
        fields = self.mapping(node, f"{place} criteria", keys)
        return MappingProxyType(
            {
                number: self.text(fields[number], f"{place} criteria, phase {number}")
                for number in PHASE_NUMBERS
            }
        )

    def drafted(self, node: Located | None, place: str) -> frozenset[int]:
        if node is None:
            return frozenset()
        items = node.value if isinstance(node.value, list) else None
        if items is None or any(i.value not in PHASE_NUMBERS for i in items):
            raise self.fail(
                node, f"{place} drafted_phases", "expected a list of phase numbers from 1 to 4."
            )
        return frozenset(i.value for i in items)

    def replaced(self, node: Located | None, place: str) -> tuple[str, ...]:
        """The ids of an earlier version's subdomains that this one replaces (``replaces:``)."""
        if node is None:
            return ()
        items = self.sequence(node, f"{place} replaces")
        return tuple(self.text(i, f"{place} replaces[{n}]") for n, i in enumerate(items))

    def outcomes(
        self, node: Located, titles: dict[str, str], subdomains: tuple[Subdomain, ...]
    ) -> tuple[Outcome, ...]:
        outcomes = []
        for index, (outcome_id, title) in enumerate(titles.items()):
            members = tuple(s for s in subdomains if s.outcome_id == outcome_id)
            if not members:
                raise self.fail(
                    node.value[index],
                    f"outcomes[{index}] (id '{outcome_id}')",
                    "no subdomain belongs to this outcome.",
                )
            outcomes.append(Outcome(outcome_id, title, members))
        return tuple(outcomes)


def _kind(value: object) -> str:
    """Describe a YAML value for an error message."""
    if isinstance(value, Located):
        value = value.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"the text {value[:40]!r}"
    kinds: dict[type, str] = {list: "a list", dict: "a mapping"}
    return kinds.get(type(value), type(value).__name__)
