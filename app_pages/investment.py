"""Investment: what the plan's money is, where it went, and what moved.

Budget and spent per outcome, subdomain, year and funder (a chart and a table each, per currency
unless the view gives exchange rates), the share that went to the top priorities, and the value
of investment between two assessments of the same place.
"""

import streamlit as st

from cpss.db import assessments, dashboard, investment_view
from ui import resources
from ui.i18n import _
from ui.investment_value import value_section
from ui.investment_view import money_views, rates_box, top_share
from ui.picker import pick_assessment
from ui.widgets import assessment_header

db = resources.db()

st.title(_("Investment"))
st.caption(
    _(
        "The budget and spending recorded on the actions of this assessment's plan and of the "
        "plans of the same place before it, and what moved between two assessments. Budgets and "
        "spending are recorded on the Priorities and plan page."
    )
)
chosen_id = pick_assessment(db, key="inv")
if chosen_id:
    chosen = assessments.assessment(db, chosen_id)
    framework = resources.show_assessment(chosen_id)  # the texts of the version it was made on
    assessment_header(chosen)
    rates = rates_box()
    rows = investment_view.plan_money(db, chosen_id)
    if rows.empty:
        st.info(_("No budget or spending is recorded on this plan or the plans before it yet."))
    else:
        money_views(framework, rows, rates)
        top_share(db, framework, chosen_id, rows, rates)
    details = chosen.details
    place = dashboard.assessments_of_place(db, details.country_code, details.unit)
    value_section(db, framework, place, chosen_id, rates)
