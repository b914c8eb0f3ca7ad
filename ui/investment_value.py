"""The value of investment on the Investment page: a baseline of the same place (the previous
assessment by default, as Change over time picks it), the money spent on each subdomain between
the two, the scatter of phase change against spend, and the reading in four groups."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cpss.db import dashboard, investment_view
from cpss.db.core import Db
from cpss.model.framework import Framework
from cpss.present import investment as inv
from cpss.present import investment_value as value
from ui import charts
from ui.i18n import _, tr
from ui.picker import pick_from
from ui.widgets import plain


def baseline_of(db: Db, place: pd.DataFrame, followup_id: str) -> str | None:
    """The assessment to compare with: the previous one by default, any other of the place."""
    others = place[place["id"] != followup_id]
    if others.empty:
        st.info(_("This place has one assessment: a follow-up is needed to see what moved."))
        return None
    wanted = st.query_params.get("baseline") or dashboard.previous_assessment(db, followup_id)
    return pick_from(others, _("Compare with"), "inv_baseline", wanted)


def spend_currency(spent: pd.DataFrame, rates: inv.Rates | None) -> str | None:
    """The currency the scatter draws: the rates' one, the only one, or the one the user picks."""
    if rates is not None:
        return rates.into
    found = sorted(set(spent["currency"]))
    if len(found) <= 1:
        return found[0] if found else None
    return st.selectbox(_("Spending shown in"), found, key="inv_value_currency")


def value_section(
    db: Db, framework: Framework, place: pd.DataFrame, chosen_id: str, rates: inv.Rates | None
) -> None:
    """Phase then and now and money spent in between, per subdomain, drawn and read in words."""
    st.markdown("## " + _("Value of investment"))
    baseline_id = baseline_of(db, place, chosen_id)
    if baseline_id is None:
        return
    st.query_params["baseline"] = baseline_id
    pair = investment_view.between(db, framework, baseline_id, chosen_id)
    spent = value.spent_between(inv.converted(pair.money, rates), pair.since, pair.until)
    currency = spend_currency(spent, rates)
    table = value.value_table(framework, pair.then, pair.now, spent, currency)
    title = _("Phase change against money spent")
    st.markdown(f"### {title}")
    charts.value(table, currency, key="inv_value", title=title)
    st.markdown("### " + _("What moved"))
    for sentence in value.reading(table, tr=tr()):
        st.markdown("- " + plain(sentence))
    st.info(_(value.NOT_CAUSE))
