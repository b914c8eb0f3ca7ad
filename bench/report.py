"""Plain-text tables of the measurements: one row per figure, one column per size, with the ratio
of each figure to the smallest size's."""

from __future__ import annotations

from collections.abc import Sequence


def ratio(value: float, base: float) -> str:
    """``"×3.2"``: ``value`` over ``base`` (``"×-"`` when the base is zero)."""
    return f"×{value / base:.1f}" if base else "×-"


def _cell(value: float, base: float, unit: str, with_ratio: bool) -> str:
    text = f"{value:,.1f} {unit}" if unit else f"{value:,.0f}"
    return f"{text} {ratio(value, base)}" if with_ratio else text


def table(title: str, header: Sequence[str], rows: Sequence[tuple[str, Sequence[float], str, bool]]
          ) -> str:
    """A table with a first column of labels; each row is (label, values, unit, with_ratio), its
    ratios taken to the row's first value."""
    lines = [[""] + list(header)]
    for label, values, unit, with_ratio in rows:
        lines.append([label] + [_cell(v, values[0], unit, with_ratio) for v in values])
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = [title]
    for index, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:], widths[1:])]
        text.append("  ".join(cells))
        if index == 0:
            text.append("  ".join("-" * w for w in widths))
    return "\n".join(text)
