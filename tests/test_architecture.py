"""House rules that the tree itself can be checked for."""

import ast

from tests.conftest import ROOT


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_the_domain_package_never_imports_streamlit():
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "cpss").rglob("*.py")
                 if any(m.split(".")[0] == "streamlit" for m in imported_modules(path))]
    assert offenders == []


def test_usage_statistics_are_off():
    assert "gatherUsageStats = false" in (ROOT / ".streamlit" / "config.toml").read_text()
