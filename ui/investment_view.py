"""The Investment page's parts: the exchange-rates box (kept in the session and in the address),
the budget and spent charts per outcome, subdomain, year and funder, and the share to the top
priorities. The value of investment is in :mod:`ui.investment_value`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cpss.db import assessments, investment_view, plans
from cpss.db.core import Db
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from cpss.model.plans import arrange
from cpss.model.priorities import rank_priorities
from cpss.present import investment as inv
from cpss.present.investment_summary import share_sentences
from ui import charts
from ui.i18n import _, shown_as, tr
from ui.widgets import message, plain

TOP_COUNT = 5  # "the subdomains the ranking put first": the first five suggestions
RATES_KEY = "rates"  # in the address: "USD;EUR=1.08"
INTO_KEY, LINES_KEY = "inv_rates_into", "inv_rates_lines"


def _preset_from_address() -> None:
    """On a fresh session, the rates box as the address keeps it (a shared or reloaded view)."""
    if INTO_KEY in st.session_state:
        return
    kept = inv.rates_from_address(st.query_params.get(RATES_KEY))
    st.session_state[INTO_KEY] = kept.into if kept else ""
    st.session_state[LINES_KEY] = (
        "\n".join(f"{c}={r}" for c, r in sorted(kept.per_unit.items())) if kept else ""
    )


def rates_box() -> inv.Rates | None:
    """The optional exchange rates of this view, or None (each currency shown apart). Typed by the
    user, never looked up; kept in the session (the widgets' keys) and in the address."""
    _preset_from_address()
    with st.expander(_("Exchange rates (optional)"), key="inv_rates_box"):
        st.caption(
            _(
                "Totals are shown per currency. To add them up, name one currency and give the "
                "rate of each other one into it, one a line, such as EUR=1.08. Nothing is looked "
                "up: the rates you type are the ones used."
            )
        )
        into = st.text_input(_("Show totals in (currency code)"), key=INTO_KEY, max_chars=3)
        lines = st.text_area(_("Rates, one a line"), key=LINES_KEY, height=100)
    if not into.strip():
        st.query_params.pop(RATES_KEY, None)
        return None
    try:
        rates = inv.parse_rates(into, lines)
    except UserError as problem:
        st.error(message(problem))
        return None
    st.query_params[RATES_KEY] = rates.as_text()
    return rates


def money_views(framework: Framework, rows: pd.DataFrame, rates: inv.Rates | None) -> None:
    """The chosen view (outcome, subdomain, year or funder): a chart per currency."""
    missing = inv.missing_rates(rows, rates)
    if missing and rates is not None:
        st.warning(
            _(
                "No rate is given for {currencies}: those amounts are shown in their own currency.",
                currencies=", ".join(missing),
            )
        )
    shown = inv.converted(rows, rates)
    currencies = sorted(set(shown["currency"]))
    # One view at a time (not tabs, which draw every view): each chart costs Altair about a
    # third of a second to build, twice (wide and narrow), per currency.
    view = (
        st.segmented_control(
            _("Show"),
            inv.VIEWS,
            default=inv.OUTCOME,
            format_func=shown_as(lambda v: _(inv.VIEW_WORDS[v])),
            key="inv_view",
        )
        or inv.OUTCOME
    )
    totals = inv.totals(framework, shown, view, tr())
    for currency in currencies:
        title = _(
            "Budget and spent, {view}, in {currency}",
            view=_(inv.VIEW_WORDS[view]).lower(),
            currency=currency,
        )
        st.markdown(f"### {plain(title)}")
        charts.money(totals, view, currency, key=f"inv_{view}_{currency}", title=title)


def top_subdomains(db: Db, framework: Framework, assessment_id: str) -> list[str]:
    """The subdomains the priority ranking puts first, in the user's order (as the plan page)."""
    answers = assessments.current_answers(db, assessment_id)
    suggested, _dismissed = arrange(
        rank_priorities(framework, answers, tr=tr()), plans.review(db, assessment_id)
    )
    return [p.subdomain_id for p in suggested[:TOP_COUNT]]


def top_share(
    db: Db, framework: Framework, assessment_id: str, rows: pd.DataFrame, rates: inv.Rates | None
) -> None:
    """What share of the money went to the subdomains the ranking put first."""
    st.markdown("### " + _("Money for the top priorities"))
    top = top_subdomains(db, framework, assessment_id)
    if not top:
        st.info(_("This assessment has no suggested priority yet."))
        return
    st.caption(
        _(
            "The top priorities of this assessment: {subdomains}.",
            subdomains="; ".join(framework.subdomain(s).label for s in top),
        )
    )
    shares = inv.share_to_top(inv.converted(rows, rates), top)
    for sentence in share_sentences(shares, len(top), tr=tr()):
        st.markdown(plain(sentence))


def glance(db: Db, framework: Framework, assessment_id: str, shared: bool) -> None:
    """The dashboard's compact investment section: budget and spent per outcome, per currency,
    and the share to the top priorities. A share link shows this assessment's plan only (as its
    action plan), and only when its maker ticked the investment view (the caller checks)."""
    st.markdown("### " + _("Investment"))
    rows = investment_view.plan_money(db, assessment_id, this_plan_only=shared)
    if rows.empty:
        st.caption(_("No budget or spending is recorded yet."))
        return
    totals = inv.totals(framework, rows, inv.OUTCOME, tr())
    for currency in sorted(set(totals["currency"])):
        title = _("Budget and spent per outcome, in {currency}", currency=currency)
        charts.money(totals, inv.OUTCOME, currency, key=f"dash_inv_{currency}", title=title)
    top_share(db, framework, assessment_id, rows, None)
    if not shared:
        st.page_link(
            "app_pages/investment.py",
            label=_("Investment by subdomain, year and funder, and the value of investment"),
            icon=":material/payments:",
            query_params={"assessment": assessment_id},
        )
