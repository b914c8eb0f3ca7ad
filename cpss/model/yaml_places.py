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


def read_located(text: str) -> Located:
    """Parse one YAML document (safe types only) into a tree of :class:`Located` values."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        return _locate(node, loader) if node is not None else Located(None, 1)
    finally:
        loader.dispose()


def _locate(node: yaml.Node, loader) -> Located:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return Located({loader.construct_object(key): _locate(value, loader)
                        for key, value in node.value}, line)
    if isinstance(node, yaml.SequenceNode):
        return Located([_locate(item, loader) for item in node.value], line)
    return Located(loader.construct_object(node), line)
