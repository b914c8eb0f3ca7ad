"""An action's money on the plan page: its budget, funder, subdomains and shares, and spending.

Editors get a budget form, a spending form and a remove button per entry; viewers see the same
figures as text and tables. Every change is a new row (who, when); amounts are exact decimals
typed as text and shown with the currency's sign in the session's language.
"""

from decimal import Decimal

import pandas as pd
import streamlit as st

from cpss.db import assessments, investment
from cpss.db.core import Db
from cpss.i18n import currency_name, format_money
from cpss.model.investment import (
    DONOR,
    FUNDERS,
    Budget,
    InvestmentError,
    Spend,
    currencies,
    parse_amount,
)
from cpss.model.plans import StoredItem
from ui import personal_data_warning, resources
from ui.i18n import _, days, moments, shown_as, tr
from ui.widgets import plain, plain_table

DEFAULT_CURRENCY = "USD"


def _codes() -> list[str]:
    return sorted(currencies())


def money_words(amount: Decimal, currency: str) -> str:
    """An amount as the session's language writes it, with its currency."""
    return format_money(amount, currency, tr())


def budget_line(db: Db, item_id: str) -> str:
    """The action's budget and funder in one sentence, or that none is recorded."""
    found = investment.budget(db, item_id)
    if found is None:
        return _("No budget recorded.")
    budget, when, who = found
    funder = budget.donor if budget.funder == DONOR else _(FUNDERS[budget.funder])
    return _(
        "Budget {amount}, funded by {funder} (recorded {when} UTC by {who}).",
        amount=money_words(budget.amount, budget.currency),
        funder=funder,
        when=moments(pd.Series([when])).iloc[0],
        who=who,
    )


def shares_line(db: Db, stored: StoredItem) -> str:
    """The subdomains the action's cost goes to, with their shares."""
    shares = investment.current_shares(db, stored.item_id)
    if not shares:
        own = stored.item.subdomain_id
        return _("All of its cost goes to {subdomain}.", subdomain=own) if own else ""
    if all(share is None for share in shares.values()):
        return _("Its cost is shared equally by {subdomains}.", subdomains=", ".join(shares))
    parts = ", ".join(f"{sub} {share:.2%}" for sub, share in shares.items() if share is not None)
    return _("Its cost is shared by {shares}.", shares=parts)


def spend_table(entries: pd.DataFrame) -> pd.DataFrame:
    """The action's spend entries with readable headers."""
    return pd.DataFrame(
        {
            _("Date spent"): days(entries["spent_on"]),
            _("Amount"): [money_words(a, c) for a, c in zip(entries.amount, entries.currency)],
            _("Note"): entries["note"],
            _("Recorded"): moments(entries["recorded_at"]),
            _("By"): entries["recorded_by"],
        }
    )


def money_read_only(db: Db, stored: StoredItem) -> None:
    """The action's budget, shares and spending, as text and a table (for viewers)."""
    st.markdown(plain(budget_line(db, stored.item_id)))
    if line := shares_line(db, stored):
        st.caption(plain(line))
    entries = investment.spend_entries(db, stored.item_id)
    if len(entries):
        st.table(plain_table(spend_table(entries)), hide_index=True)


def save_budget(db: Db, stored: StoredItem, key: str, by: str) -> None:
    """Store the budget form: the budget, then the subdomains and shares (a submit callback)."""
    state = st.session_state
    budget = Budget(
        parse_amount(state[f"{key}_amount"], "budget"),
        state[f"{key}_currency"],
        state[f"{key}_funder"],
        state[f"{key}_donor"],
    ).validate()
    shares = _shares(state[f"{key}_subdomains"], state[f"{key}_shares"])
    found = investment.budget(db, stored.item_id)
    before = {"donor": found[0].donor} if found else {}
    overridden = _checked(db, stored, f"{key}_budget", {"donor": budget.donor}, before)
    if overridden is None:  # the warning is shown under the form: nothing saved yet
        return
    investment.set_budget(db, stored.item_id, budget, by, overridden)
    if shares:
        investment.set_shares(db, stored.item_id, shares, by)
    state[f"{key}_spent_currency"] = budget.currency  # spending is most often in it


def _checked(db: Db, stored: StoredItem, key: str, texts: dict, before: dict):
    """:func:`ui.personal_data_warning.checked` for a money form of the action (the phone
    numbers of the action's country are read as such)."""
    country = assessments.assessment(db, stored.assessment_id).details.country_code
    return personal_data_warning.checked(key, texts, before, country)


def money_labels() -> dict[str, str]:
    """The money forms' free texts, named as the forms show them."""
    return {"donor": _("Donor's name"), "note": _("Note")}


def _shares(subdomains: list[str], typed: str) -> dict[str, Decimal | None]:
    """The chosen subdomains with the typed shares ("0.5, 0.5"), or equal shares when none."""
    values = [v.strip() for v in typed.replace(";", " ").split()] if typed.strip() else []
    values = [v.rstrip(",") for v in values]
    if not values:
        return {sub: None for sub in subdomains}
    if len(values) != len(subdomains):
        raise InvestmentError(
            "Give one share per chosen subdomain: {count} subdomains, {given} shares.",
            count=len(subdomains),
            given=len(values),
        )
    return dict(zip(subdomains, values))  # type: ignore[arg-type]  # checked as text by the model


def add_spend(db: Db, stored: StoredItem, key: str, by: str) -> None:
    """Store the spending form's entry, then clear it (a submit callback)."""
    state = st.session_state
    if state[f"{key}_on"] is None:
        raise InvestmentError("Give the date the money was spent.")
    spend = Spend(
        state[f"{key}_on"],
        parse_amount(state[f"{key}_spent"], "amount spent"),
        state[f"{key}_spent_currency"],
        state[f"{key}_note"],
    )
    overridden = _checked(db, stored, f"{key}_spend", {"note": spend.note}, {})
    if overridden is None:  # the warning is shown under the form: nothing added yet
        return
    investment.add_spend(db, stored.item_id, spend, by, overridden)
    state.update({f"{key}_spent": "", f"{key}_note": ""})


def money_editor(db: Db, stored: StoredItem, by: str, run) -> None:
    """The action's budget and spending with forms to change them; ``run(action, *args)`` keeps
    a refusal to show it (the plan's :func:`ui.action_plan.run`, bound to its error place)."""
    key = f"money_{stored.item_id}"
    st.markdown(_("**Budget and spending**"))
    st.markdown(plain(budget_line(db, stored.item_id)))
    if line := shares_line(db, stored):
        st.caption(plain(line))
    budget_form(db, stored, key, by, run)
    entries = investment.spend_entries(db, stored.item_id)
    for entry in entries.itertuples():
        spend_row(db, entry, key, by, run)
    spend_form(db, stored, key, by, run)


def budget_form(db: Db, stored: StoredItem, key: str, by: str, run) -> None:
    """The budget, its currency, its funder and donor, and the subdomains and shares."""
    found = investment.budget(db, stored.item_id)
    current = found[0] if found else Budget(Decimal("0.00"), DEFAULT_CURRENCY)
    linked = list(investment.current_shares(db, stored.item_id))
    linked = linked or ([stored.item.subdomain_id] if stored.item.subdomain_id else [])
    funders = list(FUNDERS)
    subdomains = [s.id for s in resources.framework().subdomains]
    with st.form(key=f"{key}_budget_form", border=True):
        amount, currency = st.columns(2)
        amount.text_input(
            _("Budget"), value=f"{current.amount:f}" if found else "", key=f"{key}_amount"
        )
        currency_box(currency, current.currency, f"{key}_currency")
        funder, donor = st.columns(2)
        funder.selectbox(
            _("Funded by"),
            funders,
            index=funders.index(current.funder),
            format_func=shown_as(FUNDERS.__getitem__),
            key=f"{key}_funder",
        )
        donor.text_input(_("Donor's name"), value=current.donor, key=f"{key}_donor", max_chars=200)
        st.multiselect(_("Subdomains"), subdomains, default=linked, key=f"{key}_subdomains")
        st.text_input(
            _("Shares in the order of the subdomains, such as 0.5, 0.5 (empty: equal shares)"),
            key=f"{key}_shares",
        )
        st.form_submit_button(
            _("Save the budget"),
            key=f"{key}_budget_save",
            icon=":material/save:",
            on_click=run,
            args=(save_budget, db, stored, key, by),
        )
    personal_data_warning.warning(
        f"{key}_budget", money_labels(), run, (save_budget, db, stored, key, by)
    )


def currency_box(place, current: str, key: str) -> None:
    """A choice of ISO 4217 currency (code and name in the session's language) in ``place``."""
    codes, words = _codes(), tr()
    place.selectbox(
        _("Currency"),
        codes,
        index=codes.index(current),
        format_func=lambda code: currency_name(code, words),
        key=key,
    )


def spend_row(db: Db, entry, key: str, by: str, run) -> None:
    """One spend entry in a line, with who and when, and a button to remove it."""
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.markdown(
        plain(
            _(
                "{day}: {amount}. {note} (recorded {when} UTC by {who})",
                day=days(pd.Series([entry.spent_on])).iloc[0],
                amount=money_words(entry.amount, entry.currency),
                note=entry.note,
                when=moments(pd.Series([entry.recorded_at])).iloc[0],
                who=entry.recorded_by,
            )
        )
    )
    button.button(
        _("Remove"),
        key=f"{key}_remove_{entry.entry_id}",
        icon=":material/delete:",
        type="tertiary",
        on_click=run,
        args=(investment.remove_spend, db, entry.entry_id, by),
    )


def spend_form(db: Db, stored: StoredItem, key: str, by: str, run) -> None:
    """A form to record money spent on the action."""
    found = investment.budget(db, stored.item_id)
    with st.form(key=f"{key}_spend_form", border=True):
        st.markdown(_("**Record spending**"))
        on, amount, currency = st.columns(3)
        on.date_input(_("Date spent"), value=None, key=f"{key}_on", format="DD/MM/YYYY")
        amount.text_input(_("Amount spent"), key=f"{key}_spent")
        currency_box(
            currency, found[0].currency if found else DEFAULT_CURRENCY, f"{key}_spent_currency"
        )
        st.text_input(_("Note"), key=f"{key}_note", max_chars=1000)
        st.form_submit_button(
            _("Add spending"),
            key=f"{key}_spend_add",
            icon=":material/add:",
            on_click=run,
            args=(add_spend, db, stored, key, by),
        )
    personal_data_warning.warning(
        f"{key}_spend", money_labels(), run, (add_spend, db, stored, key, by)
    )
