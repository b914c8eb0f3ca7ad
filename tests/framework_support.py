"""Framework files for tests: the bundled YAML changed into revised versions."""

from __future__ import annotations

from collections.abc import Callable

import yaml

from cpss.model.framework_file import BUNDLED_FRAMEWORK


def bundled_tree() -> dict:
    """The bundled framework file as plain data, to change."""
    return yaml.safe_load(BUNDLED_FRAMEWORK.read_text(encoding="utf-8"))


def revised(change: Callable[[dict], None], version: str = "UNICEF 2030-01") -> str:
    """The bundled file as a newer version's YAML, changed by ``change(tree)``."""
    tree = bundled_tree()
    tree["version"] = version
    change(tree)
    return yaml.dump(tree, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


class _NoAliases(yaml.SafeDumper):
    """Writes shared values out in full: framework files refuse aliases."""

    def ignore_aliases(self, data):
        return True


def subdomain(tree: dict, subdomain_id: str) -> dict:
    """The subdomain ``subdomain_id`` of a framework tree."""
    return next(s for s in tree["subdomains"] if s["id"] == subdomain_id)


def rename_and_split(tree: dict) -> None:
    """1.1 becomes 1.9 (renamed); 2.1 splits into 2.1a and 2.1b; 3.1 gets a new title."""
    subdomain(tree, "1.1").update(id="1.9", replaces=["1.1"])
    split = subdomain(tree, "2.1")
    index = tree["subdomains"].index(split)
    first = {**split, "id": "2.1a", "title": "First half", "replaces": ["2.1"]}
    second = {**split, "id": "2.1b", "title": "Second half", "replaces": ["2.1"]}
    tree["subdomains"][index : index + 1] = [first, second]
    subdomain(tree, "3.1")["title"] = "Services modelled and scaled (revised)"
