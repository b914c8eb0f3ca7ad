"""Frameworks kept as text (in the database), parsed by the file loaders and cached by content hash.

A framework version is identified by the SHA-256 of its YAML: the same hash is the same text, so
what was parsed for a hash never goes stale, whichever server stored it (docs/caches.md).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

from cpss.model.framework import Framework
from cpss.model.framework_file import FileValidator, read_text_tree

_CACHE_SIZE = 32  # framework versions x languages kept parsed per process
_cache: dict[tuple[str, str], Framework] = {}
_lock = threading.Lock()


def content_hash(text: str) -> str:
    """The SHA-256 of a framework file's text (UTF-8), in hexadecimal: its version's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_framework(text: str, name: str) -> Framework:
    """``text`` checked as a framework file named ``name`` (the name its messages use); raises
    :class:`~cpss.model.framework_file.FrameworkError` with the line, place and fault."""
    path = Path(name)
    return FileValidator(path).framework(read_text_tree(text, path))


def cached(content: str, lang: str, parse: Callable[[], Framework]) -> Framework:
    """The framework of hash ``content`` in ``lang``: parsed by ``parse()`` once per process.

    Safe across servers and over time: a hash names one text, which never changes.
    """
    key = (content, lang)
    found = _cache.get(key)
    if found is not None:
        return found
    framework = parse()  # outside the lock: two threads may parse the same; both results agree
    with _lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))  # the oldest entry
        _cache[key] = framework
    return framework
