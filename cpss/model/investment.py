"""Money beside maturity (issue 18): an action's budget, its shares per subdomain, its spending.

Amounts are :class:`~decimal.Decimal` only (a float cannot hold 0.10 exactly): user text is parsed
with ``Decimal``, never ``float``. An amount keeps its ISO 4217 currency; totals are per currency
unless the user gives exchange rates for a view (never looked up online). An action's cost is
split over its subdomains by shares (equal by default); each part is exact to the cent, the
remainder going to the first subdomain, so that the parts always add up to the amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from functools import cache

from cpss.i18n import N_
from cpss.model.errors import Phrase, UserError, check_text_limits

UNICEF, GOVERNMENT, DONOR, OTHER = "unicef", "government", "donor", "other"
FUNDERS = {  # English message ids: translated where shown
    UNICEF: N_("UNICEF"),
    GOVERNMENT: N_("Government"),
    DONOR: N_("Donor"),
    OTHER: N_("Other"),
}
BUDGET, SPENT = "budget", "spent"
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999999999.99")  # DECIMAL(18, 2)
SHARE_PLACES = 6  # DECIMAL(9, 6)
TEXT_LIMITS = {N_("donor"): 200, N_("note"): 1000}


class InvestmentError(UserError):
    """An amount, currency, share or funder that breaks a rule; the message says which and why."""


@cache
def currencies() -> frozenset[str]:
    """The ISO 4217 currency codes Babel knows (upper case, three letters)."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def parse_amount(text: str | Decimal | int, field: str = N_("amount")) -> Decimal:
    """An amount from user text (``"1250.50"``, ``"1 250,50"``): not negative, at most two
    decimals; or :class:`InvestmentError` naming ``field`` (an English message id) and why."""
    name = Phrase(field)
    if isinstance(text, float):
        raise InvestmentError("The {field} must be written as text, not a float.", field=name)
    raw = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")  # a decimal comma (French, Spanish, Russian)
    if not raw:
        raise InvestmentError("The {field} is required.", field=name)
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise InvestmentError(
            "The {field} {text!r} is not a number: write digits and one decimal point, "
            "such as 1250.50.",
            field=name,
            text=str(text),
        ) from None
    return check_amount(amount, field)


def check_amount(amount: Decimal, field: str = N_("amount")) -> Decimal:
    """``amount`` if it is a finite, non-negative decimal with at most two decimals, else
    :class:`InvestmentError` naming ``field``."""
    name = Phrase(field)
    if not amount.is_finite():
        raise InvestmentError("The {field} must be a number, not {text}.", field=name, text=amount)
    if amount < 0:
        raise InvestmentError(
            "The {field} cannot be negative: {text}.", field=name, text=f"{amount:f}"
        )
    if amount != amount.quantize(CENT):
        raise InvestmentError(
            "The {field} has more than two decimals: {text}.", field=name, text=f"{amount:f}"
        )
    if amount > MAX_AMOUNT:
        raise InvestmentError("The {field} is too large: {text}.", field=name, text=f"{amount:f}")
    return amount.quantize(CENT)


def check_currency(code: str, field: str = N_("currency")) -> str:
    """The ISO 4217 code in upper case, or :class:`InvestmentError` naming ``field``."""
    cleaned = str(code).strip().upper()
    if cleaned not in currencies():
        raise InvestmentError(
            "The {field} {code!r} is not an ISO 4217 currency code (such as USD, EUR or XOF).",
            field=Phrase(field),
            code=str(code),
        )
    return cleaned


@dataclass(frozen=True)
class Budget:
    """An action's budget: the amount, its currency, and who funds it (``donor``: their name)."""

    amount: Decimal
    currency: str
    funder: str = OTHER
    donor: str = ""

    def validate(self) -> Budget:
        """The budget with the currency in upper case and the donor trimmed, or raise."""
        budget = Budget(
            check_amount(Decimal(self.amount), N_("budget")),
            check_currency(self.currency),
            self.funder,
            self.donor.strip(),
        )
        if budget.funder not in FUNDERS:
            raise InvestmentError(
                "Unknown funder {funder!r}: one of {items}.",
                funder=budget.funder,
                items=", ".join(FUNDERS),
            )
        if budget.funder == DONOR and not budget.donor:
            raise InvestmentError("Name the donor: the funder is a donor.")
        check_text_limits(budget, {N_("donor"): TEXT_LIMITS["donor"]}, InvestmentError)
        return budget


@dataclass(frozen=True)
class Spend:
    """Money spent on an action: when, how much, in which currency, and a note."""

    spent_on: date
    amount: Decimal
    currency: str
    note: str = ""

    def validate(self) -> Spend:
        """The entry checked (a date, an amount, a currency, a note not too long), or raise."""
        if not isinstance(self.spent_on, date):
            raise InvestmentError("The date spent must be a calendar date.")
        spend = Spend(
            self.spent_on,
            check_amount(Decimal(self.amount), N_("amount spent")),
            check_currency(self.currency),
            self.note.strip(),
        )
        check_text_limits(spend, {N_("note"): TEXT_LIMITS["note"]}, InvestmentError)
        return spend


def parse_share(text: str | Decimal, subdomain: str) -> Decimal:
    """A share of an action's cost from user text (``"0.25"``): 0 to 1, at most six decimals."""
    raw = str(text).strip().replace(",", ".")
    try:
        share = Decimal(raw)
    except InvalidOperation:
        share = Decimal("NaN")
    if not share.is_finite() or not 0 <= share <= 1:
        raise InvestmentError(
            "The share of subdomain {subdomain} must be a number from 0 to 1, not {text!r}.",
            subdomain=subdomain,
            text=str(text),
        )
    if share != share.quantize(Decimal(1).scaleb(-SHARE_PLACES)):
        raise InvestmentError(
            "The share of subdomain {subdomain} has more than {places} decimals: {text}.",
            subdomain=subdomain,
            places=SHARE_PLACES,
            text=str(text),
        )
    return share


def check_shares(shares: Mapping[str, Decimal | None]) -> dict[str, Decimal | None]:
    """Shares per subdomain (in order, the first takes the remainder): all None (equal shares), or
    all given, each 0..1, summing to exactly 1; else :class:`InvestmentError`."""
    given = {s: v for s, v in shares.items() if v is not None}
    if not given:
        return dict(shares)
    if len(given) != len(shares):
        raise InvestmentError("Give a share for every subdomain, or none for equal shares.")
    checked = {s: parse_share(v, s) for s, v in given.items()}
    total = sum(checked.values(), Decimal(0))
    if total != 1:
        raise InvestmentError(
            "The shares add up to {total}; they must add up to exactly 1.", total=f"{total:f}"
        )
    return dict(checked)


def split(amount: Decimal, shares: Sequence[Decimal | None]) -> list[Decimal]:
    """``amount`` split by ``shares`` (None: equal shares), each part rounded down to the cent and
    the remainder added to the first, so that the parts add up to ``amount`` exactly."""
    if not shares:
        return []
    if all(s is None for s in shares):  # amount / n, not amount × (1/n): 1/3 is inexact
        parts = [(amount / len(shares)).quantize(CENT, rounding=ROUND_DOWN)] * len(shares)
    else:
        parts = [(amount * (s or 0)).quantize(CENT, rounding=ROUND_DOWN) for s in shares]
    parts[0] += amount - sum(parts, Decimal(0))
    return parts


def parse_rates(rates: Mapping[str, str | Decimal], to: str) -> dict[str, Decimal]:
    """Exchange rates given by the user for a view: currency → how many ``to`` one unit is worth.
    Each must be a positive decimal; ``to`` itself is 1."""
    target = check_currency(to, N_("currency of the view"))
    parsed = {target: Decimal(1)}
    for code, rate in rates.items():
        currency = check_currency(code, N_("exchange rate's currency"))
        try:
            value = Decimal(str(rate).strip().replace(",", "."))
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value <= 0:
            raise InvestmentError(
                "The exchange rate for {currency} must be a positive number, not {text!r}.",
                currency=currency,
                text=str(rate),
            )
        parsed.setdefault(currency, value)
    return parsed


def totals(
    amounts: Iterable[tuple[str, Decimal]], rates: Mapping[str, Decimal] | None = None, to: str = ""
) -> dict[str, Decimal]:
    """The sum per currency of ``(currency, amount)`` pairs; with ``rates`` (from
    :func:`parse_rates`), one sum in ``to``, rounded to the cent. A currency without a rate stays
    apart under its own code, never dropped."""
    sums: dict[str, Decimal] = {}
    for currency, amount in amounts:
        if rates and currency in rates:
            key, value = to, amount * rates[currency]
        else:
            key, value = currency, amount
        sums[key] = sums.get(key, Decimal(0)) + value
    return {k: v.quantize(CENT) for k, v in sums.items()}
