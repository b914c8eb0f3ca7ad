"""What each cell of the heatmap says and how it is filled: a phase in words (or its number, in
compact cells), "Don't know", "Not applicable" or not answered, with the drafted and
low-confidence marks; the fills and text colours that read in greyscale.
"""

from __future__ import annotations

import pandas as pd

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, STATUS_LABELS
from cpss.model.framework import Framework
from cpss.model.scoring import DRAFTED_MARK, NOT_ANSWERED
from cpss.present.charts import wrap_lines

# ColorBrewer "Blues", one step per phase: darker as the system matures, so it reads in greyscale.
PHASE_FILLS = ("#deebf7", "#9ecae1", "#2171b5", "#08306b")
DARK_PHASES = (3, 4)  # their text is white
# Answers that are not a phase: (fill, border, border width, text colour); pale and outlined.
# Keyed by English message ids; the legend and the cells show them translated.
STATUS_STYLES = {
    STATUS_LABELS[DONT_KNOW]: ("#ffffff", "#252525", 3, "#252525"),
    STATUS_LABELS[NOT_APPLICABLE]: ("#f0f0f0", "#737373", 2, "#525252"),
    NOT_ANSWERED: ("#ffffff", "#d9d9d9", 1, "#6b6b6b"),  # grey text, still 5.3:1 (WCAG 1.4.3)
}
NO_ANSWER_TEXT = "—"
LOW_CONFIDENCE_MARK = N_("(low conf.)")  # English message ids, like the words below
# Compact cells (many columns, or a phone): the phase number and short words; the key under the
# grid spells out those that appear.
COMPACT_WORDS = {STATUS_LABELS[DONT_KNOW]: N_("DK"), STATUS_LABELS[NOT_APPLICABLE]: N_("N/A")}
COMPACT_LOW_CONFIDENCE = N_("(low)")


def cell_texts(
    framework: Framework,
    cells: pd.DataFrame,
    columns: list[str],
    compact: bool,
    tr: Text = ENGLISH,
) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(subdomain id, column) -> the cell's legend key, text and text colour, in ``tr``'s
    language."""
    given = {(row.subdomain_id, row.column): row for row in cells.itertuples(index=False)}
    return {
        (sub.id, column): _cell_words(framework, given.get((sub.id, column)), compact, tr)
        for sub in framework.subdomains
        for column in columns
    }


def cell_lines(text: str, width: int, tr: Text = ENGLISH) -> list[str]:
    """A cell's text in lines of about ``width`` px; "(low conf.)" kept whole, on the next line
    when the text does not fit on one."""
    return wrap_lines(text, width, whole=[tr(LOW_CONFIDENCE_MARK)])


def key_meanings(grid: pd.DataFrame, compact: bool, tr: Text = ENGLISH) -> list[str]:
    """What the marks (and, compact, the short words) in a grid's cells mean, each "mark meaning":
    only those that appear in ``grid`` (its columns ``text`` and ``key``, in ``tr``'s language)."""
    low = tr(COMPACT_LOW_CONFIDENCE if compact else LOW_CONFIDENCE_MARK)
    marks = {
        DRAFTED_MARK: tr("criterion text drafted, not UNICEF's"),
        low: tr("rated with low confidence"),
    }
    used = [
        tr("{mark} {meaning}", mark=mark, meaning=meaning)
        for mark, meaning in marks.items()
        if grid["text"].str.contains(mark, regex=False).any()
    ]
    if compact:
        keys, statuses = set(grid["key"]), {tr(key): key for key in STATUS_STYLES}
        shorts = [(tr("1 to 4"), tr("the phase"), bool(keys - set(statuses)))] + [
            (tr(COMPACT_WORDS.get(key, NO_ANSWER_TEXT)), shown.lower(), shown in keys)
            for shown, key in statuses.items()
        ]
        used += [
            tr("{short}: {meaning}", short=short, meaning=meaning)
            for short, meaning, shown in shorts
            if shown
        ]
    return used


def _cell_words(framework: Framework, row, compact: bool, tr: Text) -> tuple[str, str, str]:
    """The legend key, the text and the text colour of one cell (``row`` None: not answered)."""
    choice = None if row is None or pd.isna(row.choice) else row.choice
    if choice is None or choice in STATUS_LABELS:
        key = NOT_ANSWERED if choice is None else STATUS_LABELS[choice]
        text, ink = NO_ANSWER_TEXT if choice is None else key, STATUS_STYLES[key][3]
        text = tr(COMPACT_WORDS.get(text, text) if compact else text)
        key = tr(key)
    else:
        phase = framework.phases[int(choice) - 1]
        key, text = phase.label, str(phase.number) if compact else phase.label
        ink = "#ffffff" if phase.number in DARK_PHASES else "#111111"
    low = tr(COMPACT_LOW_CONFIDENCE if compact else LOW_CONFIDENCE_MARK)
    marks = [
        mark
        for mark, flag in ((DRAFTED_MARK, "drafted"), (low, "low_confidence"))
        if row is not None and _flag(getattr(row, flag))
    ]
    return key, " ".join([text, *marks]), ink


def _flag(value) -> bool:
    """A boolean cell that may be missing (None or NaN): missing reads as False."""
    return not pd.isna(value) and bool(value)
