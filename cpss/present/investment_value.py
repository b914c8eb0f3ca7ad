"""The value of investment between two assessments of the same place: per subdomain the phase then
and now and the money spent on it in between, and the plain-language reading in four groups.

This shows association, not cause (:data:`NOT_CAUSE`): a subdomain can move for reasons no
budget line records, and the benchmark paper expects movement to be uneven.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.framework import Framework
from cpss.present.investment import SPENT, ZERO

WITH, WITHOUT, STILL, BACK = "moved_with", "moved_without", "money_no_move", "moved_back"
GROUPS = (WITH, WITHOUT, STILL, BACK)
GROUP_WORDS = {  # English message ids: translated where shown
    WITH: N_("Moved up with investment"),
    WITHOUT: N_("Moved up without investment"),
    STILL: N_("Received money and did not move"),
    BACK: N_("Moved back"),
}
NOT_CAUSE = N_(
    "This shows association, not cause: a subdomain can move for reasons that no budget line "
    "records, and money can take longer than the time between two assessments to show. The "
    "benchmark paper expects systems to move unevenly, and to move back after shocks."
)
VALUE_COLUMNS = ["subdomain_id", "subdomain", "then", "now", "change", "spent", "money", "group"]


def spent_between(rows: pd.DataFrame, since: date, until: date) -> pd.DataFrame:
    """The spending of ``rows`` dated after ``since`` and up to ``until`` (the two assessments'
    dates): what was spent in between."""
    if rows.empty:
        return rows
    days = pd.Series([d for d in rows["on"]], index=rows.index)
    wanted = (rows["kind"] == SPENT) & (days > since) & (days <= until)
    return rows[wanted]


def value_table(
    framework: Framework,
    then: pd.DataFrame,
    now: pd.DataFrame,
    spent: pd.DataFrame,
    currency: str | None,
) -> pd.DataFrame:
    """Per subdomain (framework order): its phase ``then`` and ``now`` (None when not a phase),
    the change (None unless both are phases), ``spent`` in ``currency`` (Decimal), ``money``
    (anything spent on it, in any currency) and its :data:`GROUPS` group (None for the rest).

    ``then`` and ``now`` are :func:`cpss.db.dashboard.answer_cells` rows of one assessment each;
    ``spent`` is :func:`spent_between`'s frame."""
    old, new = _phases(then), _phases(now)
    rows = []
    for sub in framework.subdomains:
        mine = spent[spent["subdomain_id"] == sub.id] if not spent.empty else spent
        amount = sum(mine.loc[mine["currency"] == currency, "amount"], ZERO) if currency else ZERO
        money = bool(len(mine)) and any(a > 0 for a in mine["amount"])
        before, after = old.get(sub.id), new.get(sub.id)
        change = after - before if before is not None and after is not None else None
        rows.append(
            (sub.id, sub.label, before, after, change, amount, money, _group(change, money))
        )
    return pd.DataFrame(rows, columns=VALUE_COLUMNS, dtype=object)


def _phases(cells: pd.DataFrame) -> dict[str, int]:
    """The subdomains answered with a phase, and the phase."""
    return {s: int(c) for s, c in zip(cells["subdomain_id"], cells["choice"]) if str(c).isdigit()}


def _group(change: int | None, money: bool) -> str | None:
    """Which of the four readings a subdomain falls in (None: no change without money, or not
    comparable)."""
    if change is None:
        return None
    if change < 0:
        return BACK
    if change > 0:
        return WITH if money else WITHOUT
    return STILL if money else None


def reading(table: pd.DataFrame, *, tr: Text = ENGLISH) -> list[str]:
    """The plain-language reading: one sentence per group, counted, naming its subdomains."""
    said = []
    for group in GROUPS:
        names = list(table.loc[table["group"] == group, "subdomain"])
        said.append(_group_sentence(group, names, tr))
    return said


def _group_sentence(group: str, names: list[str], tr: Text) -> str:
    """One group's sentence ("2 subdomains moved up with money spent on them: a; b.")."""
    count, listed = len(names), "; ".join(names)
    if group == WITH:
        return tr.plural(
            "{count} subdomain moved up and had money spent on it: {names}.",
            "{count} subdomains moved up and had money spent on them: {names}.",
            count,
            names=listed or "—",
        )
    if group == WITHOUT:
        return tr.plural(
            "{count} subdomain moved up with no money recorded for it: {names}.",
            "{count} subdomains moved up with no money recorded for them: {names}.",
            count,
            names=listed or "—",
        )
    if group == STILL:
        return tr.plural(
            "{count} subdomain received money and stayed in its phase: {names}.",
            "{count} subdomains received money and stayed in their phase: {names}.",
            count,
            names=listed or "—",
        )
    return tr.plural(
        "{count} subdomain moved back: {names}.",
        "{count} subdomains moved back: {names}.",
        count,
        names=listed or "—",
    )


def as_float(amount: Decimal) -> float:
    """An amount for drawing only (sums stay Decimal)."""
    return float(amount)
