"""Plain-text tables of the measurements: one row per figure, one column per size."""

from __future__ import annotations

from collections.abc import Sequence

Row = tuple[str, Sequence[str]]


def ratio(value: float, base: float) -> str:
    """``"×3.2"``: ``value`` over ``base`` (``"×-"`` when the base is zero)."""
    return f"×{value / base:.1f}" if base else "×-"


def amount(value: float, unit: str) -> str:
    """``"1,234.5 ms"``; a whole number when there is no unit."""
    return f"{value:,.1f} {unit}" if unit else f"{value:,.0f}"


def measured(label: str, values: Sequence[float], unit: str = "ms") -> Row:
    """A row of values, each with its ratio to the first (the smallest size)."""
    return label, [f"{amount(v, unit)} {ratio(v, values[0])}" for v in values]


def plain(label: str, values: Sequence[float], unit: str = "") -> Row:
    """A row of values without ratios."""
    return label, [amount(v, unit) for v in values]


def table(title: str, header: Sequence[str], rows: Sequence[Row]) -> str:
    """A table under ``title``: a first column of labels, then one right-aligned cell per column."""
    lines = [["", *header]] + [[label, *cells] for label, cells in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = [title]
    for index, line in enumerate(lines):
        text.append(
            "  ".join(
                [line[0].ljust(widths[0])]
                + [cell.rjust(width) for cell, width in zip(line[1:], widths[1:])]
            )
        )
        if index == 0:
            text.append("  ".join("-" * width for width in widths))
    return "\n".join(text)
