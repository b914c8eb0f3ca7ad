"""Read YAML keeping the line of every value, so that validation messages can say where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# libyaml's parser (bundled with PyYAML's wheels) reads the framework file about ten times faster
# than the pure-Python one, with the same nodes and line marks: it is part of every cold start.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Located:
    """A YAML value with its 1-based line: ``value`` is a dict or list of ``Located``, or a scalar."""

    value: Any
    line: int


# How deep lists and mappings may nest: a framework file needs five levels. libyaml's composer
# recurses in C, so 100,000 "[" crash the process; its scanner slows down with every level.
MAX_DEPTH = 50


class ShapeError(ValueError):
    """YAML this reader refuses though it is valid: an alias, or nesting beyond :data:`MAX_DEPTH`.
    ``line`` is where (1-based), ``what`` says what is wrong."""

    def __init__(self, line: int, what: str):
        super().__init__(f"line {line}: {what}")
        self.line, self.what = line, what


def read_located(text: str) -> Located:
    """Parse one YAML document (safe types only) into a tree of :class:`Located` values.

    Raises :class:`ShapeError` for an alias (``*name``; a few lines of nested aliases stand for
    billions of values, the "billion laughs") or nesting deeper than :data:`MAX_DEPTH`.
    """
    _check_shape(text)
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        return _locate(node, loader) if node is not None else Located(None, 1)
    finally:
        loader.dispose()


def _locate(node: yaml.Node, loader) -> Located:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return Located(
            {loader.construct_object(key): _locate(value, loader) for key, value in node.value},
            line,
        )
    if isinstance(node, yaml.SequenceNode):
        return Located([_locate(item, loader) for item in node.value], line)
    return Located(loader.construct_object(node), line)


def _check_shape(text: str) -> None:
    """Refuse aliases and deep nesting from the parser's events, before anything is built: the
    events come one at a time, so the check stops at the first problem (under 1 ms for the
    bundled framework file)."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else 0  # the parser gives a mark
        if isinstance(event, yaml.AliasEvent):
            raise ShapeError(
                line,
                f"the alias *{event.anchor} repeats another "
                "part of the file; write every value out, without anchors (&) and "
                "aliases (*).",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ShapeError(
                    line, f"lists and mappings nest more than {MAX_DEPTH} levels deep."
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
