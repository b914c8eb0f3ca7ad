"""Broken framework files are refused with the file, the line, the place and what is wrong."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cpss.model.framework_file import BUNDLED_FRAMEWORK, FrameworkError, load_framework

ROOT = Path(__file__).resolve().parent.parent


def broken(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the bundled file with one edit."""
    text = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def message(path: Path) -> str:
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    return str(caught.value)


def test_missing_phase_text(tmp_path):
    # Phase 1 of subdomain 1.2 is one line in the file: remove it.
    path = broken(
        tmp_path,
        "    1: Normative framework/legislation outlining the national child "
        "protection system does not exist.\n",
        "",
    )
    line = line_of(path, "- id: '1.2'") + 4  # the first criterion line under 'criteria:'
    assert message(path) == (
        f"{path}, line {line}, subdomains[1] (id '1.2') criteria: "
        "missing the text for phase 1 (System Building)."
    )


def test_unknown_outcome(tmp_path):
    path = broken(tmp_path, "- id: '2.1'\n  outcome: '2'", "- id: '2.1'\n  outcome: '9'")
    line = line_of(path, "outcome: '9'")
    assert message(path) == (
        f"{path}, line {line}, subdomains[2] (id '2.1') outcome: unknown "
        "outcome '9' (outcomes are: 1, 2, 3, 4, 5, 6, 7)."
    )


def test_duplicate_id(tmp_path):
    path = broken(tmp_path, "- id: '2.2'", "- id: '2.1'")
    lines = [i for i, text in enumerate(path.read_text().splitlines(), 1) if "- id: '2.1'" in text]
    assert message(path) == (
        f"{path}, line {lines[1]}, subdomains[3] (id '2.1'): duplicate subdomain id '2.1'."
    )


def test_wrong_type(tmp_path):
    path = broken(tmp_path, "- id: '7.2'", "- id: 7.2")
    line = line_of(path, "- id: 7.2")
    assert message(path) == (
        f"{path}, line {line}, subdomains[17] id: expected non-empty text, "
        "found the number 7.2 (write ids in quotes, like '1.1')."
    )


def test_typo_in_a_key(tmp_path):
    path = broken(tmp_path, "  title: Surveys", "  titel: Surveys")
    line = line_of(path, "- id: '7.2'")
    assert message(path) == (
        f"{path}, line {line + 2}, subdomains[17]: unknown key 'titel' "
        "(expected one of: id, outcome, title, criteria, drafted_phases, replaces)."
    )


def test_phases_out_of_order(tmp_path):
    path = broken(tmp_path, "- number: 2", "- number: 3")
    line = line_of(path, "- number: 3")
    assert message(path) == (
        f"{path}, line {line}, phases[1] number: phases must be numbered 1 "
        "to 4 in order; expected 2, found 3."
    )


def test_not_yaml(tmp_path):
    path = tmp_path / "framework.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    assert message(path).startswith(f"{path}, line 2: not valid YAML")


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.yaml"
    assert message(path) == f"{path}: cannot read the framework file (No such file or directory)."


def test_a_valid_adaptation_loads(tmp_path):
    path = broken(tmp_path, "title: Surveys", "title: National surveys")
    assert load_framework(path).subdomain("7.2").title == "National surveys"


def billion_laughs(levels: int = 9) -> str:
    """About 1 KB of YAML whose nested aliases stand for 9**9 (387 million) strings."""
    lines = ['laughs: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_aliases_are_refused_with_the_line_before_anything_is_expanded(tmp_path):
    """Nested aliases in a 1 KB file hung start-up while they were expanded."""
    path = tmp_path / "framework.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    assert path.stat().st_size < 1100
    assert message(path) == (
        f"{path}, line 2: the alias *l0 repeats another part of the file; write "
        "every value out, without anchors (&) and aliases (*)."
    )


def test_an_alias_in_the_bundled_file_is_refused_with_its_line(tmp_path):
    path = broken(tmp_path, "- id: '7.2'\n  outcome: '7'", "- id: '7.2'\n  outcome: *seven")
    path.write_text(
        path.read_text().replace(
            "- id: '7.1'\n  outcome: '7'", "- id: '7.1'\n  outcome: &seven '7'"
        ),
        encoding="utf-8",
    )
    line = line_of(path, "outcome: *seven")
    assert message(path) == (
        f"{path}, line {line}: the alias *seven repeats another part of the "
        "file; write every value out, without anchors (&) and aliases (*)."
    )


def test_nesting_too_deep_is_refused_with_the_line(tmp_path):
    """100,000 "[" crashed the process in libyaml's composer (a segmentation fault)."""
    path = tmp_path / "framework.yaml"
    path.write_text("name: Deep\nphases: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert message(path) == f"{path}, line 2: lists and mappings nest more than 50 levels deep."


def test_the_app_shows_visitors_a_plain_line_and_logs_the_details(
    tmp_path, db_path, monkeypatch, caplog
):
    """The file's path and contents are for the administrator (the server's log)."""
    path = tmp_path / "framework.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    monkeypatch.setenv("CPSS_FRAMEWORK", str(path))
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert [e.value for e in at.error] == [
        "The app cannot read its assessment framework file; the "
        "administrator has the details in the server's log."
    ]
    assert any(r.name == "cpss" and r.getMessage() == message(path) for r in caplog.records)
