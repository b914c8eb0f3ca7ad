"""Dashboard of one assessment: headline, radar and heatmap with the previous assessment, priorities
and the action plan, and every answer. The figures come from SQL in :mod:`cpss.db.dashboard`.
"""

import pandas as pd
import streamlit as st

from cpss.db import assessments, dashboard, plans
from cpss.db.core import Db
from cpss.i18n import format_date
from cpss.model.errors import UserError
from cpss.model.plans import Review, arrange
from cpss.model.priorities import method, rank_priorities, unanswered
from cpss.model.scoring import DRAFTED_MARK, answers_table
from cpss.present import chart_data
from cpss.present.chart_data import items_table
from ui import access_notes, auth, charts, resources
from ui.auth import may_see
from ui.documents import read_only_list
from ui.i18n import _, ngettext, tr
from ui.investment_view import glance
from ui.picker import pick_assessment
from ui.privacy import privacy_link
from ui.widgets import (
    assessment_header,
    message,
    plain,
    plain_table,
    priority_card,
    unanswered_note,
)

TOP_PRIORITIES = 3

framework = resources.framework()
db = resources.db()
# A share link's session sees its one assessment and no other page (no links, no previous one).
SHARED = db.actor.assessment_id


def headline(assessment_id: str) -> None:
    """How many subdomains are rated, "don't know", "not applicable", and in each phase."""
    counts = dashboard.phase_counts(db, framework, assessment_id)
    total = len(framework.subdomains)
    answers = [
        (_("Rated"), "rated"),
        (_("Don't know"), "dont_know"),
        (_("Not applicable"), "not_applicable"),
        (_("Not answered"), "not_answered"),
    ]
    for column, (label, key) in zip(st.columns(len(answers)), answers):
        column.metric(label, _("{count} of {total}", count=counts[key], total=total), border=True)
    st.caption(_("Subdomains in each phase:"))
    for column, phase in zip(st.columns(len(framework.phases)), framework.phases):
        column.metric(phase.label, counts[str(phase.number)], border=True)


def previous_link(assessment_id: str, previous_id: str | None) -> None:
    """Which assessment the "Previous" series is, and a link to what changed since."""
    if SHARED:
        return
    if previous_id is None:
        st.caption(_("No earlier assessment of this place: the charts show no previous series."))
        return
    previous = assessments.assessment(db, previous_id).details
    st.caption(
        plain(
            _(
                "Previous: {title}, {date}.",
                title=previous.title,
                date=format_date(previous.assessment_date, tr()),
            )
        )
    )
    st.page_link(
        "app_pages/change.py",
        label=_("See what changed since then, and why"),
        icon=":material/compare_arrows:",
        query_params={"baseline": previous_id, "followup": assessment_id},
    )


def radar(assessment_id: str, previous_id: str | None) -> pd.DataFrame:
    """The radar of the outcomes: current, target and previous; returns the outcome summary."""
    ids = [assessment_id] + ([previous_id] if previous_id else [])
    summary = dashboard.outcome_summary(db, framework, ids)
    series = {assessment_id: chart_data.CURRENT} | (
        {previous_id: chart_data.PREVIOUS} if previous_id else {}
    )
    title = _("Average phase per intermediate outcome")
    st.markdown(f"### {title}")
    values = chart_data.radar_values(summary, series, assessment_id)
    charts.radar(framework, values, key="radar", title=title)
    st.caption(
        _(
            'Averages are over rated subdomains only: "don\'t know" and "not applicable" are '
            "counted beside them, never as a phase or as zero. An outcome with no rated "
            "subdomain is drawn as unrated. Where no target is set, the next phase up is "
            "assumed."
        )
    )
    return summary[summary["assessment_id"] == assessment_id]


def heatmap(assessment_id: str, previous_id: str | None) -> None:
    """The heatmap of the subdomains: current, target and previous columns."""
    ids = [assessment_id] + ([previous_id] if previous_id else [])
    cells = dashboard.answer_cells(db, framework, ids)
    current = cells[cells["assessment_id"] == assessment_id]
    before = cells[cells["assessment_id"] == previous_id] if previous_id else None
    columns = [chart_data.CURRENT, chart_data.TARGET] + (
        [chart_data.PREVIOUS] if previous_id else []
    )
    title = _("Every subdomain")
    st.markdown(f"### {title}")
    grid = chart_data.summary_cells(framework, current, before)
    charts.heatmap(framework, grid, columns, key="heatmap", title=title)


def outcome_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The outcome averages as readers see them, with the counts beside."""
    return pd.DataFrame(
        {
            _("Intermediate outcome"): summary["outcome"],
            _("Average phase (rated only)"): summary["current"].round(2),
            _("Average target"): summary["target"].round(2),
            _("Rated"): [
                _("{count} of {total}", count=rated, total=total)
                for rated, total in zip(summary["rated"], summary["subdomains"])
            ],
            _("Don't know"): summary["dont_know"],
            _("Not applicable"): summary["not_applicable"],
            _("Not answered"): summary["not_answered"],
        }
    )


def top_priorities(assessment_id: str, answers: dict, review: Review) -> int:
    """The subdomains to rate first, then the first suggested priorities, in the user's order;
    returns how many suggestions there are."""
    suggested = arrange(rank_priorities(framework, answers, tr=tr()), review)[0]
    st.markdown("### " + _("Priority investments"))
    editable = db.actor.can_edit and not SHARED  # only they may open the walk-through
    unanswered_note(framework, unanswered(framework, answers), assessment_id if editable else None)
    if not suggested:
        st.info(_("No suggestion: answer more subdomains, or every rated one is at its target."))
    for position, priority in enumerate(suggested[:TOP_PRIORITIES], start=1):
        with st.container(border=True, key=f"top_priority_{priority.subdomain_id}"):
            priority_card(framework, priority, position)
    with st.expander(_("How the priorities are ranked")):
        st.markdown(plain(method(tr=tr(), ranking=framework.ranking)))
    return len(suggested)


def action_plan(db: Db, assessment_id: str, suggestions: int) -> None:
    """This assessment's action items and those still open from earlier ones, read-only."""
    st.markdown("### " + _("Action plan"))
    items = plans.items(db, assessment_id)
    carried = [] if SHARED else plans.carried_items(db, assessment_id)
    # Static tables: they print, read on a projector, and their text is in the page.
    if items:
        with st.container(key="plan_table"):
            st.table(plain_table(items_table(items, tr=tr())), hide_index=True)
    if carried:
        st.markdown(_("Still open from earlier assessments of this place:"))
        with st.container(key="carried_table"):
            st.table(plain_table(items_table(carried, tr=tr())), hide_index=True)
    if not items and not carried:
        st.caption(_("No action planned yet."))
    if not SHARED:
        st.page_link(
            "app_pages/plan.py",
            label=ngettext(
                "All {count} suggestions, and the action plan",
                "All {count} suggestions, and the action plan",
                suggestions,
            ),
            icon=":material/checklist:",
            query_params={"assessment": assessment_id},
        )


def show(assessment_id: str) -> None:
    """The whole dashboard of one assessment."""
    try:
        assessment = assessments.assessment(db, assessment_id)
    except UserError as problem:
        st.error(message(problem))
        return
    assessment_header(assessment)
    access_notes.opened(db, assessment_id)  # team mode: once per session, not on each rerun
    headline(assessment_id)
    previous_id = None if SHARED else dashboard.previous_assessment(db, assessment_id)
    previous_link(assessment_id, previous_id)
    answers = assessments.current_answers(db, assessment_id)
    radar_column, priorities_column = st.columns([11, 9], gap="large")
    with radar_column:
        summary = radar(assessment_id, previous_id)
    with priorities_column:
        suggestions = top_priorities(assessment_id, answers, plans.review(db, assessment_id))
    heatmap(assessment_id, previous_id)
    action_plan(db, assessment_id, suggestions)
    if auth.may_see("investment"):  # a share link: only when its maker ticked it
        glance(db, framework, assessment_id, bool(SHARED))
    with st.expander(_("Averages per outcome, as figures")):
        st.dataframe(outcome_table(summary), hide_index=True, key="outcome_table")
    with st.expander(_("Every answer, with its evidence and rationale")):
        st.dataframe(
            answers_table(framework, answers, tr=tr()), hide_index=True, key="answers_table"
        )
        st.caption(
            _(
                "{mark} The criterion text of this phase was drafted by the app's "
                "team: it is missing from the UNICEF source. {note}",
                mark=DRAFTED_MARK,
                note=framework.drafted_note,
            )
        )
    if may_see("documents"):  # a share link only when its maker ticked it; never a participant
        read_only_list(assessment_id, framework)


st.title(_("Dashboard"))
if SHARED:
    st.caption(_("Shared read-only: this link shows this assessment's dashboard only."))
    privacy_link()
chosen_id = SHARED or pick_assessment(db, key="dash")
if chosen_id:
    framework = resources.show_assessment(chosen_id)  # its own version, whatever is newer
    show(chosen_id)
