"""One sentence in words for each chart: what a person who cannot see the radar or the heatmap
needs first. Shown as plain text beside the chart, and given to the chart as its ``description``
(the label a screen reader announces for it); the figures themselves are in the tables of
:mod:`cpss.present.chart_data`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import reduce

import pandas as pd

from cpss.i18n import ENGLISH, Text, format_number
from cpss.model.answers import STATUS_LABELS
from cpss.model.framework import Framework
from cpss.model.scoring import NOT_ANSWERED
from cpss.present.chart_data import CURRENT, PREVIOUS, TARGET, series_name

NAMED = 3  # subdomains named at the lowest phase; more are counted ("and 2 more")
OUTCOMES, SUBDOMAINS = "outcomes", "subdomains"  # what _below counts


def _and(names: list[str], tr: Text) -> str:
    """``"a"``, ``"a and b"``, ``"a and b and c"``."""
    return reduce(
        lambda first, second: tr("{first} and {second}", first=first, second=second), names
    )


def _listed(names: list[str], tr: Text) -> str:
    """``"a"``, ``"a and b"``, ``"a, b, c and 2 more"``."""
    shown, more = names[:NAMED], len(names) - NAMED
    if more > 0:
        return tr.plural(
            "{names} and {count} more", "{names} and {count} more", more, names=", ".join(shown)
        )
    return _and([", ".join(shown[:-1]), shown[-1]], tr) if len(shown) > 1 else shown[0]


def radar_summary(framework: Framework, values: pd.DataFrame, *, tr: Text = ENGLISH) -> str:
    """The radar in one sentence: the first series' highest and lowest outcome, how many are
    unrated, then how it stands against the target and the previous line, or, for an overlay of
    assessments, which line is highest and lowest overall."""
    series = list(dict.fromkeys(values["series"]))
    if not series:
        return tr("The radar has no line to draw.")
    lines = {name: _by_outcome(framework, values, name) for name in series}
    first = series[0]
    parts = [_extremes(framework, series_name(first, tr), lines[first], tr)]
    if TARGET in lines:
        parts.append(_below(lines[first], lines[TARGET], OUTCOMES, tr))
    if PREVIOUS in lines:
        parts.append(_since(lines[first], lines[PREVIOUS], OUTCOMES, tr))
    others = [name for name in series if name not in (TARGET, PREVIOUS)]
    if len(others) > 1:
        parts.append(_overall(others, lines, tr))
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


def _extremes(framework: Framework, name: str, line: dict[str, float], tr: Text) -> str:
    """Which outcome of ``line`` is highest and which lowest, and how many are unrated."""
    unrated = len(framework.outcomes) - len(line)
    if not line:
        return tr("{name}: no outcome is rated yet", name=name)
    high, low = max(line, key=line.__getitem__), min(line, key=line.__getitem__)
    said = tr(
        "{name}: the highest average phase is {high_value}, for {high}",
        name=name,
        high_value=format_number(line[high], tr, 1),
        high=high,
    )
    if low != high:
        said = tr(
            "{name}: the highest average phase is {high_value}, for {high}, and the lowest "
            "{low_value}, for {low}",
            name=name,
            high_value=format_number(line[high], tr, 1),
            high=high,
            low_value=format_number(line[low], tr, 1),
            low=low,
        )
    if not unrated:
        return said
    return "; ".join(
        [said, tr.plural("{count} outcome unrated", "{count} outcomes unrated", unrated)]
    )


def _below(now: Mapping[str, float], aim: Mapping[str, float], kind: str, tr: Text) -> str:
    """How many of the outcomes or subdomains (``kind``) rated in both are still below their
    target ``aim``: "3 of 7 rated outcomes are", "all 7", "the 1 rated outcome is (not)"."""
    both = [label for label in now if label in aim]
    if not both:
        return ""
    below, whole = sum(now[label] < aim[label] for label in both), len(both)
    if kind == OUTCOMES:
        return _below_outcomes(below, whole, tr)
    return _below_subdomains(below, whole, tr)


def _below_outcomes(below: int, whole: int, tr: Text) -> str:
    """How many rated outcomes are below their target, in words (one sentence per case)."""
    if whole == 1:
        if below:
            return tr("the 1 rated outcome is below its target")
        return tr("the 1 rated outcome is not below its target")
    if below == whole:
        return tr.plural(
            "all {count} rated outcomes are below their target",
            "all {count} rated outcomes are below their target",
            whole,
        )
    return tr.plural(
        "{part} of {count} rated outcomes are below their target",
        "{part} of {count} rated outcomes are below their target",
        whole,
        part=below,
    )


def _below_subdomains(below: int, whole: int, tr: Text) -> str:
    """How many rated subdomains are below their target, in words (one sentence per case)."""
    if whole == 1:
        if below:
            return tr("the 1 rated subdomain is below its target")
        return tr("the 1 rated subdomain is not below its target")
    if below == whole:
        return tr.plural(
            "all {count} rated subdomains are below their target",
            "all {count} rated subdomains are below their target",
            whole,
        )
    return tr.plural(
        "{part} of {count} rated subdomains are below their target",
        "{part} of {count} rated subdomains are below their target",
        whole,
        part=below,
    )


def _since(now: Mapping[str, float], before: Mapping[str, float], kind: str, tr: Text) -> str:
    """How many rated in both went up and down since the previous assessment: outcomes "rose"
    and "fell", subdomains "moved up" and "moved back"."""
    both = [label for label in now if label in before]
    if not both:
        return ""
    rose = sum(now[label] > before[label] for label in both)
    fell = sum(now[label] < before[label] for label in both)
    if kind == OUTCOMES:
        return tr("since the previous assessment {up} rose and {down} fell", up=rose, down=fell)
    return tr(
        "since the previous assessment {up} moved up and {down} moved back", up=rose, down=fell
    )


def _overall(names: list[str], lines: dict[str, dict[str, float]], tr: Text) -> str:
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
    return tr(
        "over its rated outcomes, {high} is highest on average ({high_mean}) and {low} lowest "
        "({low_mean})",
        high=high,
        high_mean=format_number(means[high], tr, 1),
        low=low,
        low_mean=format_number(means[low], tr, 1),
    )


def heatmap_summary(
    framework: Framework, cells: pd.DataFrame, columns: list[str], *, tr: Text = ENGLISH
) -> str:
    """The heatmap in one sentence: the first column's most common and lowest phase and what is
    not rated; against the target and the previous column where they are drawn; the most common
    phase of any other column."""
    answers = {column: _answers(framework, cells, column) for column in columns}
    phases = {column: _phases(given) for column, given in answers.items()}
    first = columns[0]
    parts = [_column_gist(framework, first, answers[first], tr)]
    if TARGET in answers and first == CURRENT:
        parts.append(_below(phases[first], phases[TARGET], SUBDOMAINS, tr))
    if PREVIOUS in answers and first == CURRENT:
        parts.append(_since(phases[first], phases[PREVIOUS], SUBDOMAINS, tr))
    others = [c for c in columns[1:] if c not in (TARGET, PREVIOUS)]
    if others:
        each = [
            tr(
                "{column}, {phases}",
                column=series_name(c, tr),
                phases=_most_common(framework, answers[c], tr),
            )
            for c in others
        ]
        parts.append(tr("most common phase elsewhere: {columns}", columns=", ".join(each)))
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


def _most_common(framework: Framework, answers: dict[str, str | None], tr: Text) -> str:
    """``"2 · System Enhancement (10 of 19)"``, ties joined with "and"; "none rated"."""
    counted = Counter(_phases(answers).values())
    if not counted:
        return tr("none rated")
    top = max(counted.values())
    phases = [framework.phases[p - 1].label for p in sorted(counted) if counted[p] == top]
    return tr(
        "{phases} ({count} of {total})", phases=_and(phases, tr), count=top, total=len(answers)
    )


def _column_gist(
    framework: Framework, column: str, answers: dict[str, str | None], tr: Text
) -> str:
    """Most common phase, lowest phase and the subdomains there, and the counts not rated."""
    phases, name = _phases(answers), series_name(column, tr)
    if not phases:
        said = tr("{column}: no subdomain is rated yet", column=name)
    else:
        lowest = min(phases.values())
        said = tr(
            "{column}: most subdomains are at {most_common}; the lowest phase, {lowest}, is for "
            "{subdomains}",
            column=name,
            most_common=_most_common(framework, answers, tr),
            lowest=framework.phases[lowest - 1].label,
            subdomains=_listed([label for label, p in phases.items() if p == lowest], tr),
        )
    unrated = Counter(
        STATUS_LABELS.get(c or "", NOT_ANSWERED)
        for c in answers.values()
        if c is None or not c.isdigit()
    )
    if not unrated:
        return said
    counts = ", ".join(
        tr("{count} {answer}", count=n, answer=tr(what).lower()) for what, n in unrated.items()
    )
    return "; ".join([said, tr("not rated: {counts}", counts=counts)])


def map_summary(framework: Framework, frame: pd.DataFrame, *, tr: Text = ENGLISH) -> str:
    """The map in one sentence: how many of its countries have a final assessment, and how many
    of those are at each phase or not rated (``frame``: :func:`cpss.present.map_data.map_frame`)."""
    assessed = frame.dropna(subset=["phase"])
    counts = Counter(int(p) for p in assessed["phase"])
    parts = [
        tr.plural("{count} at {phase}", "{count} at {phase}", counts[p.number], phase=p.label)
        for p in framework.phases
        if counts[p.number]
    ] + ([tr.plural("{count} not rated", "{count} not rated", counts[0])] if counts[0] else [])
    head = tr.plural(
        "{assessed} of {count} countries have a final assessment",
        "{assessed} of {count} countries have a final assessment",
        len(frame),
        assessed=len(assessed),
    )
    if not parts:
        return tr("{head}.", head=head)
    return tr("{head}: {counts}.", head=head, counts=", ".join(parts))
