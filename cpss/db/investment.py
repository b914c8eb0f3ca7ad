"""Money on the action plan: budgets, subdomain shares and spending, every change kept.

The rules (exact decimals, currencies, shares that add up to 1, the split to the cent) are in
:mod:`cpss.model.investment`. Every write needs EDIT (viewers read); a removed spend entry or an
unlinked subdomain is a later row, so an action's money history keeps everything.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import pandas as pd

from cpss.db.core import Db, Reader, Tx
from cpss.db.history import latest_rows
from cpss.db.personal_data import ACTION, note_override, place
from cpss.model.access import EDIT
from cpss.model.investment import (
    BUDGET,
    SPENT,
    Budget,
    InvestmentError,
    Spend,
    check_shares,
    split,
)
from cpss.model.plans import PlanError
from cpss.model.times import utc_now

# The money rows of the assessments ``:ids`` (a filter the history windows let through).
_ITEMS_OF_IDS = "assessment_id = ANY(:ids::VARCHAR[])"  # each row names its action's assessment
_ITEM = "item_id = :item"
Overridden = Mapping[str, Sequence[str]]  # field: the kinds of personal data seen in it


def _decimal(text: str | None) -> Decimal | None:
    """An amount or share read as text (PostgreSQL's driver gives NUMERIC as a float here, see
    conn_postgres; text is exact on both engines) as a Decimal; None stays None."""
    return None if text is None else Decimal(text)


def _decimals(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``frame`` with its text ``columns`` (where present) as Decimals."""
    for column in columns:
        if column in frame:
            frame[column] = pd.Series(
                [None if pd.isna(v) else Decimal(v) for v in frame[column]], dtype=object
            )
    return frame


def _check_item(q: Reader, item_id: str) -> str:
    """The assessment the item was planned in; :class:`PlanError` when there is no such item."""
    row = q.row(
        "SELECT assessment_id FROM action_items WHERE item_id = :item LIMIT 1", {"item": item_id}
    )
    if row is None:
        raise PlanError("No action item with id {item_id!r}.", item_id=item_id)
    return row[0]


def set_budget(
    db: Db, item_id: str, budget: Budget, by: str, overridden: Overridden | None = None
) -> None:
    """Record the action's budget (amount, currency, funder, donor) as its new version;
    ``overridden`` (``{"donor": kinds seen}``) notes that it was saved after the personal-data
    warning, in the action's place."""
    budget = budget.validate()

    def work(tx: Tx) -> None:
        assessment_id = _check_item(tx, item_id)
        tx.run(
            """INSERT INTO action_budgets (item_id, assessment_id, amount, currency, funder,
                   donor, recorded_at, recorded_by)
               VALUES (:item, :assessment, :amount, :currency, :funder, :donor, :now, :by)""",
            {
                "item": item_id,
                "assessment": assessment_id,
                "amount": budget.amount,
                "currency": budget.currency,
                "funder": budget.funder,
                "donor": budget.donor,
                "now": utc_now(),
                "by": tx.author,
            },
        )
        _note(tx, assessment_id, item_id, overridden)

    db.write(EDIT, work, by)


def _note(tx: Tx, assessment_id: str, item_id: str, overridden: Overridden | None) -> None:
    """Note an override of the personal-data warning on the action's money, if there was one."""
    if overridden:
        note_override(tx, assessment_id, place(ACTION, item_id), overridden)


def budget(db: Reader, item_id: str) -> tuple[Budget, datetime, str] | None:
    """The action's current budget, when and by whom it was recorded; None when never set."""
    row = db.row(
        "SELECT amount::VARCHAR, currency, funder, donor, recorded_at, recorded_by FROM action_budgets "
        "WHERE item_id = :item ORDER BY seq DESC LIMIT 1",
        {"item": item_id},
    )
    return (Budget(Decimal(row[0]), row[1], row[2], row[3]), row[4], row[5]) if row else None


def set_shares(db: Db, item_id: str, shares: Mapping[str, Decimal | None], by: str) -> None:
    """Link the action to these subdomains with these shares (all None: equal shares), in order
    (the first takes the split's remainder); subdomains linked before and not now are unlinked."""
    if not shares:
        raise InvestmentError("Link the action to at least one subdomain.")
    checked = check_shares(shares)

    def work(tx: Tx) -> None:
        assessment_id, now = _check_item(tx, item_id), utc_now()
        dropped = [s for s in current_shares(tx, item_id) if s not in checked]
        rows = [(s, v, True) for s, v in checked.items()] + [(s, None, False) for s in dropped]
        for subdomain_id, share, linked in rows:
            tx.run(
                """INSERT INTO action_shares (item_id, assessment_id, subdomain_id, share, linked,
                       recorded_at, recorded_by)
                   VALUES (:item, :assessment, :sub, :share, :linked, :now, :by)""",
                {
                    "item": item_id,
                    "assessment": assessment_id,
                    "sub": subdomain_id,
                    "share": share,
                    "linked": linked,
                    "now": now,
                    "by": tx.author,
                },
            )

    db.write(EDIT, work, by)


def current_shares(db: Reader, item_id: str) -> dict[str, Decimal | None]:
    """The subdomains the action is linked to by shares, in the order recorded, with their share
    (None: equal shares); empty when never set (then the action's own subdomain has it all)."""
    rows = db.rows(
        f"""SELECT subdomain_id, share::VARCHAR FROM ({
            latest_rows("action_shares", "item_id, subdomain_id", _ITEM)
        }) s WHERE linked ORDER BY seq""",
        {"item": item_id},
    )
    return {sub: _decimal(share) for sub, share in rows}


def add_spend(
    db: Db, item_id: str, spend: Spend, by: str, overridden: Overridden | None = None
) -> str:
    """Record money spent on the action (allowed after its assessment is final); return its id.
    ``overridden`` (``{"note": kinds seen}``) notes a save after the personal-data warning."""
    spend = spend.validate()
    entry_id = uuid.uuid4().hex

    def work(tx: Tx) -> None:
        _append_spend(tx, entry_id, item_id, spend, removed=False)
        _note(tx, _check_item(tx, item_id), item_id, overridden)

    db.write(EDIT, work, by)
    return entry_id


def remove_spend(db: Db, entry_id: str, by: str) -> None:
    """Remove a spend entry: a later row says so; the entry stays in the history."""

    def work(tx: Tx) -> None:
        row = tx.row(
            "SELECT item_id, spent_on, amount::VARCHAR, currency, note, removed FROM spend_entries "
            "WHERE entry_id = :entry ORDER BY seq DESC LIMIT 1",
            {"entry": entry_id},
        )
        if row is None or row[5]:
            raise InvestmentError("No spend entry with id {entry_id!r}.", entry_id=entry_id)
        gone = Spend(row[1], Decimal(row[2]), row[3], row[4])
        _append_spend(tx, entry_id, row[0], gone, removed=True)

    db.write(EDIT, work, by)


def _append_spend(tx: Tx, entry_id: str, item_id: str, spend: Spend, removed: bool) -> None:
    tx.run(
        """INSERT INTO spend_entries (entry_id, item_id, assessment_id, spent_on, amount,
               currency, note, removed, recorded_at, recorded_by)
           VALUES (:entry, :item, :assessment, :on, :amount, :currency, :note, :removed, :now,
                   :by)""",
        {
            "entry": entry_id,
            "item": item_id,
            "assessment": _check_item(tx, item_id),
            "on": spend.spent_on,
            "amount": spend.amount,
            "currency": spend.currency,
            "note": spend.note,
            "removed": removed,
            "now": utc_now(),
            "by": tx.author,
        },
    )


def spend_entries(db: Reader, item_id: str) -> pd.DataFrame:
    """The action's current spend entries, by date: entry_id, spent_on, amount, currency, note,
    recorded_at, recorded_by."""
    return _decimals(
        db.frame(
            f"""SELECT entry_id, spent_on, amount::VARCHAR AS amount, currency, note,
                       recorded_at, recorded_by
                FROM ({latest_rows("spend_entries", "entry_id", _ITEM)}) e
                WHERE NOT removed ORDER BY spent_on, seq""",
            {"item": item_id},
        ),
        "amount",
    )


def money_history(db: Reader, item_id: str) -> pd.DataFrame:
    """Every change to the action's money, newest first: recorded_at, recorded_by, change
    ('budget', 'share', 'spend'), subdomain_id, share, linked, entry_id, spent_on, amount, currency,
    funder, donor, note, removed."""
    params = {"item": item_id}
    parts = [
        db.frame(
            "SELECT seq, recorded_at, recorded_by, 'budget' AS change, amount::VARCHAR AS amount, "
            "currency, funder, "
            "donor FROM action_budgets WHERE item_id = :item",
            params,
        ),
        db.frame(
            "SELECT seq, recorded_at, recorded_by, 'share' AS change, subdomain_id, "
            "share::VARCHAR AS share, linked "
            "FROM action_shares WHERE item_id = :item",
            params,
        ),
        db.frame(
            "SELECT seq, recorded_at, recorded_by, 'spend' AS change, entry_id, spent_on, "
            "amount::VARCHAR AS amount, "
            "currency, note, removed FROM spend_entries WHERE item_id = :item",
            params,
        ),
    ]
    history = pd.concat([p for p in parts if len(p)] or parts, ignore_index=True)
    history = history.sort_values("seq", ascending=False, ignore_index=True)
    return _decimals(history.drop(columns=["seq"]), "amount", "share")


INVESTMENT_COLUMNS = [
    "assessment_id",
    "action_id",
    "action_title",
    "subdomain_id",
    "funder",
    "donor",
    "currency",
    "kind",
    "on",
    "amount",
]


def investment_rows(db: Reader, assessment_ids: list[str]) -> pd.DataFrame:
    """The money of the actions planned in these assessments, split over their subdomains.

    One row per (action, subdomain, kind, date, currency), columns :data:`INVESTMENT_COLUMNS`:
    ``kind`` is 'budget' (``on``: the date it was recorded) or 'spent' (``on``: the date spent;
    entries of one day and currency summed); ``amount`` is a Decimal, the action's amount times the
    subdomain's share, exact to the cent, the remainder on the first subdomain. ``subdomain_id`` is
    None for a general action linked to none; ``funder`` and ``donor`` are the budget's (None when
    no budget is recorded).
    """
    params = {"ids": list(assessment_ids)}
    budgets = _budget_rows(db, params)
    spends = _spend_rows(db, params)
    shares = _share_rows(db, params)
    rows: list[dict[str, Any]] = []
    for item_id, (assessment_id, title, own) in _item_rows(db, params).items():
        links: dict[str | None, Decimal | None] = {own: None}
        links = dict(shares[item_id]) if item_id in shares else links
        amount, currency, funder, donor, recorded_on = budgets.get(item_id, (None,) * 5)
        money = [(BUDGET, recorded_on, currency, amount)] if amount is not None else []
        money += [(SPENT, on, spent_in, spent) for on, spent_in, spent in spends.get(item_id, [])]
        base = {"assessment_id": assessment_id, "action_id": item_id, "action_title": title}
        base |= {"funder": funder, "donor": donor}
        for kind, on, money_currency, total in money:
            for sub, part in zip(links, split(total, list(links.values()))):
                rows.append(
                    base
                    | {"subdomain_id": sub, "currency": money_currency, "kind": kind}
                    | {"on": on, "amount": part}
                )
    return pd.DataFrame(rows, columns=INVESTMENT_COLUMNS)


def _item_rows(db: Reader, params: dict) -> dict[str, tuple[str, str, str | None]]:
    rows = db.rows(
        f"""SELECT item_id, assessment_id, what, subdomain_id FROM ({
            latest_rows(
                "action_items",
                "item_id",
                "assessment_id = ANY(:ids::VARCHAR[])",
                columns="*, min(seq) OVER (PARTITION BY item_id) AS first_seq",
            )
        }) i ORDER BY first_seq""",
        params,
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _budget_rows(db: Reader, params: dict) -> dict[str, tuple]:
    """Per item: amount, currency, funder, donor, the date recorded."""
    rows = db.rows(
        f"""SELECT item_id, amount::VARCHAR, currency, funder, donor, recorded_at
            FROM ({latest_rows("action_budgets", "item_id", _ITEMS_OF_IDS)}) b""",
        params,
    )
    return {r[0]: (Decimal(r[1]), r[2], r[3], r[4], r[5].date()) for r in rows}


def _spend_rows(db: Reader, params: dict) -> dict[str, list[tuple]]:
    """Per item: (date, currency, sum) of its current entries, by date and currency."""
    rows = db.rows(
        f"""SELECT item_id, spent_on, currency, sum(amount)::VARCHAR
            FROM ({latest_rows("spend_entries", "entry_id", _ITEMS_OF_IDS)}) e
            WHERE NOT removed GROUP BY item_id, spent_on, currency
            ORDER BY item_id, spent_on, currency""",
        params,
    )
    found: dict[str, list[tuple]] = {}
    for item_id, on, currency, amount in rows:
        found.setdefault(item_id, []).append((on, currency, Decimal(amount)))
    return found


def _share_rows(db: Reader, params: dict) -> dict[str, dict[str | None, Decimal | None]]:
    """Per item: its linked subdomains in the order recorded, with their shares."""
    rows = db.rows(
        f"""SELECT item_id, subdomain_id, share::VARCHAR
            FROM ({latest_rows("action_shares", "item_id, subdomain_id", _ITEMS_OF_IDS)}) s
            WHERE linked ORDER BY item_id, seq""",
        params,
    )
    found: dict[str, dict[str | None, Decimal | None]] = {}
    for item_id, sub, share in rows:
        found.setdefault(item_id, {})[sub] = _decimal(share)
    return found
