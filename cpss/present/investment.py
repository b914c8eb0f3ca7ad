"""What the money shows: budget and spent per outcome, subdomain, year and funder, and the share
that went to the subdomains the priority ranking put first.

Input is the frame of :func:`cpss.db.investment.investment_rows` (one row per amount and
subdomain: assessment_id, action_id, action_title, subdomain_id, funder, donor, currency, kind,
on, amount). Amounts are :class:`~decimal.Decimal` and stay so in every sum here: a total is
exact to the cent; only a chart turns them into floats, to draw them. Totals are kept per
currency unless the view gives exchange rates (:class:`Rates`), which are never looked up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from cpss.i18n import ENGLISH, N_, Text, babel_locale
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from cpss.model.investment import FUNDERS
from cpss.model.investment import parse_rates as checked_rates

BUDGET, SPENT = "budget", "spent"
OUTCOME, SUBDOMAIN, YEAR, FUNDER = "outcome", "subdomain", "year", "funder"
VIEWS = (OUTCOME, SUBDOMAIN, YEAR, FUNDER)
VIEW_WORDS = {  # English message ids: translated where shown
    OUTCOME: N_("Per outcome"),
    SUBDOMAIN: N_("Per subdomain"),
    YEAR: N_("Per year"),
    FUNDER: N_("Per funder"),
}
GENERAL, NO_FUNDER = "", "none"  # an action linked to no subdomain; spending with no budget
GENERAL_WORDS = N_("General actions (no subdomain)")
NO_FUNDER_WORDS = N_("No budget recorded")
TOTAL_COLUMNS = ["key", "label", "currency", BUDGET, SPENT]
ZERO = Decimal(0)


@dataclass(frozen=True)
class Rates:
    """Exchange rates the user gave for a view: one unit of each currency in ``into``."""

    into: str
    per_unit: dict[str, Decimal] = field(default_factory=dict)

    def rate(self, currency: str) -> Decimal | None:
        """What one unit of ``currency`` is worth in :attr:`into` (1 for itself), or None."""
        return Decimal(1) if currency == self.into else self.per_unit.get(currency)

    def as_text(self) -> str:
        """The rates as the address keeps them: ``"USD;EUR=1.08;GBP=1.27"``."""
        return ";".join([self.into, *(f"{c}={r}" for c, r in sorted(self.per_unit.items()))])


def parse_rates(into: str, lines: str) -> Rates:
    """The rates typed in the exchange-rates box: one ``CODE=rate`` a line (``EUR=1.08``: one euro
    is 1.08 of ``into``), checked by :func:`cpss.model.investment.parse_rates`. Raises
    :class:`UserError` naming the line, or the currency, and what is wrong."""
    given: dict[str, str] = {}
    for number, line in enumerate(lines.splitlines(), start=1):
        code, sign, value = line.partition("=")
        if not line.strip():
            continue
        if not sign or not code.strip():
            raise UserError(
                'Exchange rates, line {line}: write a currency code, "=" and a rate, such as '
                "EUR=1.08.",
                line=number,
            )
        given[code.strip().upper()] = value
    parsed = checked_rates(given, into)
    target = next(iter(parsed))  # the view's currency comes first, at 1
    return Rates(target, {c: r for c, r in parsed.items() if c != target})


def rates_from_address(text: str | None) -> Rates | None:
    """The rates kept in the address (:meth:`Rates.as_text`), or None when there are none or they
    do not read (an edited address: the view then shows each currency apart)."""
    if not text:
        return None
    into, _, rest = text.partition(";")
    try:
        return parse_rates(into, rest.replace(";", "\n"))
    except UserError:
        return None


def converted(rows: pd.DataFrame, rates: Rates | None) -> pd.DataFrame:
    """``rows`` with every amount whose currency has a rate turned into ``rates.into``; amounts
    in a currency without a rate keep their own (see :func:`missing_rates`)."""
    if rates is None or rows.empty:
        return rows
    factors = rows["currency"].map(rates.rate)
    has = factors.notna()
    amounts = [a * f if ok else a for a, f, ok in zip(rows["amount"], factors, has)]
    return rows.assign(
        amount=pd.Series(amounts, index=rows.index, dtype=object),
        currency=rows["currency"].where(~has, rates.into),
    )


def missing_rates(rows: pd.DataFrame, rates: Rates | None) -> list[str]:
    """The currencies of ``rows`` that ``rates`` cannot convert (all but one when None)."""
    found = sorted(set(rows["currency"]))
    if rates is None:
        return found if len(found) > 1 else []
    return [c for c in found if rates.rate(c) is None]


def keyed(framework: Framework, rows: pd.DataFrame, view: str, tr: Text = ENGLISH) -> pd.DataFrame:
    """``rows`` with ``key`` (what to group by: outcome id, subdomain id, year, funder or donor),
    ``label`` (as shown, in ``tr``'s language) and ``order`` (how to sort the groups). A general
    action linked to no subdomain is a group of its own, last."""
    if view in (OUTCOME, SUBDOMAIN):
        keys = [_place_in_framework(framework, view, s) for s in rows["subdomain_id"]]
        labels = [_framework_label(framework, view, k, tr) for k in keys]
    elif view == YEAR:
        keys = [str(day.year) for day in rows["on"]]
        labels = keys
    else:
        keys, labels = _funders(rows, tr)
    order = {k: i for i, k in enumerate(_framework_order(framework, view, keys))}
    return rows.assign(key=keys, label=labels, order=[order[k] for k in keys])


def _place_in_framework(framework: Framework, view: str, subdomain_id: str | None) -> str:
    """The outcome or subdomain id of an amount; ``GENERAL`` for an action with no subdomain."""
    if not isinstance(subdomain_id, str) or not subdomain_id:
        return GENERAL
    return framework.subdomain(subdomain_id).outcome_id if view == OUTCOME else subdomain_id


def _framework_label(framework: Framework, view: str, key: str, tr: Text) -> str:
    """An outcome's or subdomain's label, or the words for a general action."""
    if key == GENERAL:
        return tr(GENERAL_WORDS)
    return framework.outcome(key).label if view == OUTCOME else framework.subdomain(key).label


def _funders(rows: pd.DataFrame, tr: Text) -> tuple[list[str], list[str]]:
    """Funder keys and labels: a named donor is its own group, under its name as typed; spending
    on an action with no budget has no funder yet."""
    keys, labels = [], []
    for funder, donor in zip(rows["funder"], rows["donor"]):
        named = funder == "donor" and isinstance(donor, str) and donor.strip()
        if named:
            keys.append(f"donor:{donor.strip()}")
            labels.append(donor.strip())
        elif isinstance(funder, str) and funder:
            keys.append(funder)
            labels.append(tr(FUNDERS.get(funder, funder)))
        else:
            keys.append(NO_FUNDER)
            labels.append(tr(NO_FUNDER_WORDS))
    return keys, labels


def _framework_order(framework: Framework, view: str, keys: list[str]) -> list[str]:
    """The groups in reading order: framework order for outcomes and subdomains (general
    actions last), else sorted."""
    if view == OUTCOME:
        ids = [o.id for o in framework.outcomes] + [GENERAL]
    elif view == SUBDOMAIN:
        ids = [s.id for s in framework.subdomains] + [GENERAL]
    else:
        return sorted(set(keys))
    present = set(keys)
    return [i for i in ids if i in present]


def totals(framework: Framework, rows: pd.DataFrame, view: str, tr: Text = ENGLISH) -> pd.DataFrame:
    """Budget and spent per group of ``view`` and currency, exact: columns key, label, currency,
    budget, spent (Decimal, zero where there is none), in reading order then by currency."""
    if rows.empty:
        return pd.DataFrame(columns=TOTAL_COLUMNS)
    sums: dict[tuple, dict[str, Decimal]] = {}
    grouped = keyed(framework, rows, view, tr)
    for order, key, label, currency, kind, amount in zip(
        grouped["order"],
        grouped["key"],
        grouped["label"],
        grouped["currency"],
        grouped["kind"],
        grouped["amount"],
    ):
        found = sums.setdefault((order, key, label, currency), {BUDGET: ZERO, SPENT: ZERO})
        found[kind] += amount
    ordered = sorted(sums.items(), key=lambda item: (item[0][0], item[0][3]))
    return pd.DataFrame(
        [(k, label, c, v[BUDGET], v[SPENT]) for (_, k, label, c), v in ordered],
        columns=TOTAL_COLUMNS,
    )


def share_to_top(rows: pd.DataFrame, top: list[str]) -> pd.DataFrame:
    """Per currency, how much of the budget and of the spending went to the subdomains ``top``
    (the ranking's first): columns currency, kind, to_top, whole, share (a Decimal fraction,
    None when nothing was recorded of that kind)."""
    out = []
    for (currency, kind), group in rows.groupby(["currency", "kind"], sort=True):
        whole = sum(group["amount"], ZERO)
        to_top = sum(group.loc[group["subdomain_id"].isin(top), "amount"], ZERO)
        out.append((currency, kind, to_top, whole, to_top / whole if whole else None))
    return pd.DataFrame(out, columns=["currency", "kind", "to_top", "whole", "share"])


def format_money(amount: Decimal, currency: str, tr: Text = ENGLISH) -> str:
    """``amount`` in ``currency`` as ``tr``'s language writes money: "US$1,250.00", "1 250,00 $US"."""
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale=babel_locale(tr))


def format_percent(fraction: Decimal, tr: Text = ENGLISH) -> str:
    """A share as ``tr``'s language writes a percentage, whole: "38%", "38 %"."""
    from babel.numbers import format_percent as babel_percent

    return babel_percent(fraction, "#,##0%", locale=babel_locale(tr))
