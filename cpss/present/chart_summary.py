"""One sentence in words for each chart: what a person who cannot see the radar or the heatmap
needs first. Shown as plain text beside the chart, and given to the chart as its ``description``
(the label a screen reader announces for it); the figures themselves are in the tables of
:mod:`cpss.present.chart_data`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from cpss.model.answers import STATUS_LABELS
from cpss.model.framework import Framework
from cpss.model.scoring import NOT_ANSWERED
from cpss.present.chart_data import CURRENT, PREVIOUS, TARGET

NAMED = 3  # subdomains named at the lowest phase; more are counted ("and 2 more")


def _count(number: int, thing: str) -> str:
    """``"1 outcome"``, ``"3 outcomes"``."""
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _of(part: int, whole: int, things: str) -> str:
    """``"3 of 7 rated outcomes are"``, ``"all 7 rated outcomes are"``, ``"the 1 rated outcome
    is"`` (``things`` plural)."""
    if whole == 1:
        return f"the 1 {things[:-1]} is" if part else f"the 1 {things[:-1]} is not"
    return f"{'all' if part == whole else f'{part} of'} {whole} {things} are"


def _listed(names: list[str]) -> str:
    """``"a"``, ``"a and b"``, ``"a, b, c and 2 more"``."""
    shown, more = names[:NAMED], len(names) - NAMED
    if more > 0:
        return f"{', '.join(shown)} and {more} more"
    return " and ".join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else shown[0]


def radar_summary(framework: Framework, values: pd.DataFrame) -> str:
    """The radar in one sentence: the first series' highest and lowest outcome, how many are
    unrated, then how it stands against the target and the previous line, or, for an overlay of
    assessments, which line is highest and lowest overall."""
    series = list(dict.fromkeys(values["series"]))
    if not series:
        return "The radar has no line to draw."
    lines = {name: _by_outcome(framework, values, name) for name in series}
    first = series[0]
    parts = [_extremes(framework, first, lines[first])]
    if TARGET in lines:
        parts.append(_below(lines[first], lines[TARGET], "rated outcomes"))
    if PREVIOUS in lines:
        parts.append(_since(lines[first], lines[PREVIOUS], "rose", "fell"))
    others = [name for name in series if name not in (TARGET, PREVIOUS)]
    if len(others) > 1:
        parts.append(_overall(others, lines))
    return "; ".join(part for part in parts if part) + "."


def _by_outcome(framework: Framework, values: pd.DataFrame, series: str) -> dict[str, float]:
    """A series' rated averages by outcome label, in framework order (unrated ones left out)."""
    rows = values[values["series"] == series]
    given = dict(zip(rows["outcome_id"], rows["value"]))
    return {
        o.label: float(given[o.id])
        for o in framework.outcomes
        if o.id in given and pd.notna(given[o.id])
    }


def _extremes(framework: Framework, name: str, line: dict[str, float]) -> str:
    """Which outcome of ``line`` is highest and which lowest, and how many are unrated."""
    unrated = len(framework.outcomes) - len(line)
    if not line:
        return f"{name}: no outcome is rated yet"
    high, low = max(line, key=line.__getitem__), min(line, key=line.__getitem__)
    said = f"{name}: the highest average phase is {line[high]:.1f}, for {high}"
    if low != high:
        said += f", and the lowest {line[low]:.1f}, for {low}"
    return said + (f"; {_count(unrated, 'outcome')} unrated" if unrated else "")


def _below(now: Mapping[str, float], aim: Mapping[str, float], things: str) -> str:
    """How many of the ``things`` rated in both are still below their target ``aim``."""
    both = [label for label in now if label in aim]
    if not both:
        return ""
    below = sum(now[label] < aim[label] for label in both)
    return f"{_of(below, len(both), things)} below their target"


def _since(now: Mapping[str, float], before: Mapping[str, float], up: str, down: str) -> str:
    """How many rated in both went up and down since the previous assessment, in those words."""
    both = [label for label in now if label in before]
    if not both:
        return ""
    rose = sum(now[label] > before[label] for label in both)
    fell = sum(now[label] < before[label] for label in both)
    return f"since the previous assessment {rose} {up} and {fell} {down}"


def _overall(names: list[str], lines: dict[str, dict[str, float]]) -> str:
    """Which of several assessments' lines has the highest and the lowest mean over its rated
    outcomes."""
    means = {
        name: sum(line.values()) / len(line)
        for name, line in lines.items()
        if line and name in names
    }
    if len(means) < 2:
        return ""
    high, low = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    return (
        f"over its rated outcomes, {high} is highest on average ({means[high]:.1f}) "
        f"and {low} lowest ({means[low]:.1f})"
    )


def heatmap_summary(framework: Framework, cells: pd.DataFrame, columns: list[str]) -> str:
    """The heatmap in one sentence: the first column's most common and lowest phase and what is
    not rated; against the target and the previous column where they are drawn; the most common
    phase of any other column."""
    answers = {column: _answers(framework, cells, column) for column in columns}
    phases = {column: _phases(given) for column, given in answers.items()}
    first = columns[0]
    parts = [_column_gist(framework, first, answers[first])]
    if TARGET in answers and first == CURRENT:
        parts.append(_below(phases[first], phases[TARGET], "rated subdomains"))
    if PREVIOUS in answers and first == CURRENT:
        parts.append(_since(phases[first], phases[PREVIOUS], "moved up", "moved back"))
    others = [c for c in columns[1:] if c not in (TARGET, PREVIOUS)]
    if others:
        parts.append(
            "most common phase elsewhere: "
            + ", ".join(f"{c}, {_most_common(framework, answers[c])}" for c in others)
        )
    return "; ".join(part for part in parts if part) + "."


def _answers(framework: Framework, cells: pd.DataFrame, column: str) -> dict[str, str | None]:
    """Subdomain label -> the column's choice (a phase "1" to "4", a status, or None)."""
    rows = cells[cells["column"] == column]
    given = {
        sid: (None if pd.isna(c) else c) for sid, c in zip(rows["subdomain_id"], rows["choice"])
    }
    return {sub.label: given.get(sub.id) for sub in framework.subdomains}


def _phases(answers: dict[str, str | None]) -> dict[str, int]:
    """The answers that are phases, as numbers."""
    return {label: int(c) for label, c in answers.items() if c is not None and c.isdigit()}


def _most_common(framework: Framework, answers: dict[str, str | None]) -> str:
    """``"2 · System Enhancement (10 of 19)"``, ties joined with "and"; "none rated"."""
    counted = Counter(_phases(answers).values())
    if not counted:
        return "none rated"
    top = max(counted.values())
    phases = [framework.phases[p - 1].label for p in sorted(counted) if counted[p] == top]
    return f"{' and '.join(phases)} ({top} of {len(answers)})"


def _column_gist(framework: Framework, column: str, answers: dict[str, str | None]) -> str:
    """Most common phase, lowest phase and the subdomains there, and the counts not rated."""
    phases = _phases(answers)
    if not phases:
        said = f"{column}: no subdomain is rated yet"
    else:
        lowest = min(phases.values())
        at_lowest = [label for label, p in phases.items() if p == lowest]
        said = (
            f"{column}: most subdomains are at {_most_common(framework, answers)}; "
            f"the lowest phase, {framework.phases[lowest - 1].label}, is for {_listed(at_lowest)}"
        )
    unrated = Counter(
        STATUS_LABELS.get(c or "", NOT_ANSWERED)
        for c in answers.values()
        if c is None or not c.isdigit()
    )
    if unrated:
        said += "; not rated: " + ", ".join(f"{n} {what.lower()}" for what, n in unrated.items())
    return said
