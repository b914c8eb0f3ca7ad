"""House rules that the tree itself can be checked for."""

import ast
import re

from tests.conftest import ROOT


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_the_domain_package_never_imports_streamlit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "cpss").rglob("*.py")
        if any(m.split(".")[0] == "streamlit" for m in imported_modules(path))
    ]
    assert offenders == []


def test_usage_statistics_are_off():
    assert "gatherUsageStats = false" in (ROOT / ".streamlit" / "config.toml").read_text()


def python_files(*folders):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py") if (ROOT / folder).is_dir() else [ROOT / folder]


def offenders(files, wrong) -> list[str]:
    return sorted(
        f"{path.relative_to(ROOT)}: {m}"
        for path in files
        for m in imported_modules(path)
        if wrong(m)
    )


def import_time_modules(path):
    """The modules a file imports when it is imported (not in functions, not for type checks)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_the_model_imports_no_storage_presentation_or_driver():
    layers = ("cpss.db", "cpss.present", "cpss.reports", "cpss.exchange")
    assert offenders(python_files("cpss/model"), lambda m: m.startswith(layers)) == []
    heavy = ("duckdb", "pandas", "streamlit", "altair")
    assert (
        sorted(
            f"{p.relative_to(ROOT)}: {m}"
            for p in python_files("cpss/model")
            for m in import_time_modules(p)
            if m.split(".")[0] in heavy
        )
        == []
    )


def test_only_the_storage_layer_imports_the_database_driver():
    elsewhere = [
        p
        for p in python_files("cpss", "ui", "app_pages", "app.py")
        if "cpss/db/" not in p.as_posix()
    ]
    assert offenders(elsewhere, lambda m: m.split(".")[0] in ("duckdb", "psycopg")) == []


def test_nothing_outside_the_storage_layer_touches_a_cursor_or_runs_sql():
    pattern = re.compile(r"\.cursor\(|\.cur\b|\.execute\(|\.fetch(one|all)\(|engine\.raw")
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in python_files("cpss", "ui", "app_pages", "app.py")
        if "cpss/db/" not in p.as_posix()
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_no_library_internals_and_no_version_gates():
    private = re.compile(
        r"^\s*from \w[\w.]* import _\w|^\s*import \w[\w.]*\._|"
        r"\b(streamlit|fpdf|fontTools|duckdb|altair|pandas)\.\w*\._\w"
    )
    gated = re.compile(r"__version__\s*==|\.version\s*==|CHECKED_VERSION")
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in python_files("cpss", "ui", "app_pages", "app.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if private.search(line) or gated.search(line)
    ]
    assert found == []


def test_pages_live_in_app_pages_not_in_a_legacy_pages_folder():
    # A pages/ folder beside app.py lets Streamlit's legacy multipage path run a deep-linked page
    # without app.py's sign-in gate (tests/test_trust_browser.py shows it in a browser).
    assert not (ROOT / "pages").exists()
    assert sorted(p.name for p in (ROOT / "app_pages").glob("*.py"))


def test_every_process_cache_is_listed_with_its_scope():
    listed = (ROOT / "docs" / "caches.md").read_text(encoding="utf-8")
    decorated = re.compile(
        r"@(functools\.(lru_cache|cache)|st\.cache_(resource|data))\b[^\n]*\n"
        r"def (\w+)"
    )
    module_dicts = re.compile(r"^(_\w+)\s*:\s*dict\[", re.M)
    names = [
        name
        for p in python_files("cpss", "ui", "app_pages")
        for text in [p.read_text(encoding="utf-8")]
        for name in [m.group(4) for m in decorated.finditer(text)] + module_dicts.findall(text)
    ]
    assert names and [n for n in names if n not in listed] == []
