"""Change over time: a baseline and a follow-up of the same place, subdomain by subdomain, with the
old and new phase, evidence and rationale side by side, so a reader sees why a score moved.

Subdomains that moved back are flagged: the paper says systems can regress after shocks.
"""

import streamlit as st

from cpss.db import assessments, dashboard
from cpss.i18n import format_month
from cpss.model.framework import Framework
from cpss.model.scoring import choice_label
from cpss.present import chart_data
from cpss.present.across_versions import carried_cells, left_behind
from ui import resources
from ui.i18n import _, ngettext, tr
from ui.picker import pick_from, pick_place
from ui.widgets import plain

framework = resources.framework()
db = resources.db()

# Each change's badge: its colour and icon, around its words (translated where shown).
CHANGE_BADGES = {
    chart_data.UP: ":green-badge[:material/trending_up: {}]",
    chart_data.DOWN: ":red-badge[:material/trending_down: {}]",
    chart_data.SAME: ":gray-badge[{}]",
    chart_data.NEW: ":blue-badge[{}]",
    chart_data.GONE: ":orange-badge[{}]",
    chart_data.OTHER: ":orange-badge[{}]",
}


def badge(change: str | None) -> str:
    """The badge of a change, in the session's language; none for a subdomain answered in neither."""
    if change not in CHANGE_BADGES:
        return ""
    return CHANGE_BADGES[change].format(_(chart_data.CHANGE_WORDS[change]))


def side(title: str, choice: str | None, evidence: str | None, rationale: str | None) -> None:
    """One assessment's answer to a subdomain: phase, evidence and rationale, as typed."""
    answer = plain(choice_label(framework, choice, tr=tr()))
    st.markdown("**{}**".format(_("{title}: {answer}", title=plain(title), answer=answer)))
    st.markdown("*{}* {}".format(_("Evidence:"), plain(evidence or "—")))
    st.markdown("*{}* {}".format(_("Rationale:"), plain(rationale or "—")))


def compare(baseline_id: str, followup_id: str) -> None:
    """The counts of changes, then each subdomain's answers side by side, on the follow-up's
    framework version (the baseline's answers carried onto it when its version differs)."""
    global framework  # the helpers read the follow-up's version
    before, framework = resources.framework_of(baseline_id), resources.show_assessment(followup_id)
    cells = dashboard.answer_cells(db, framework, [baseline_id, followup_id])
    old = carried_cells(cells[cells["assessment_id"] == baseline_id], before, framework)
    table = chart_data.changes(framework, old, cells[cells["assessment_id"] == followup_id])
    versions_note(before, framework, old)
    counted = chart_data.change_counts(table)
    for column, (change, count) in zip(st.columns(len(counted)), counted.items()):
        column.metric(_(chart_data.CHANGE_WORDS[change]), count, border=True)
    st.caption(
        ngettext(
            "Each of the {count} subdomains is counted once.",
            "Each of the {count} subdomains is counted once.",
            len(table),
        )
    )
    if counted[chart_data.DOWN]:
        st.warning(
            _(
                "Some subdomains moved back to a lower phase. The benchmarks expect this after "
                "shocks such as disasters or humanitarian crises: the rationale says why."
            )
        )
    only_changed = st.toggle(_("Only subdomains whose answer changed"), key="change_only_changed")
    baseline, followup = (assessments.assessment(db, i).details for i in (baseline_id, followup_id))
    for row in table.itertuples():
        if only_changed and row.change in (chart_data.SAME, None):
            continue
        with st.container(border=True, key=f"change_{row.subdomain_id}"):
            st.markdown(f"**{plain(row.subdomain)}** {badge(row.change)}")
            left, right = st.columns(2)
            with left:
                side(
                    format_month(baseline.assessment_date, tr()),
                    row.old_choice,
                    row.old_evidence,
                    row.old_rationale,
                )
            with right:
                side(
                    format_month(followup.assessment_date, tr()),
                    row.new_choice,
                    row.new_evidence,
                    row.new_rationale,
                )


def versions_note(before: Framework, after: Framework, old) -> None:
    """Say when the two were made on different versions: what was carried, what has no match."""
    if before.content_hash == after.content_hash:
        return
    st.info(
        _(
            "The baseline was made on version {old} of the framework, the follow-up on version "
            "{new}: the baseline's answers are shown on the follow-up's subdomains.",
            old=plain(before.version),
            new=plain(after.version),
        )
    )
    for row in old[old["mapped_from"] != ""].itertuples():
        st.caption(
            _(
                "{subdomain}: the baseline's answer to {ids} (renamed, split or merged).",
                subdomain=plain(after.subdomain(row.subdomain_id).label),
                ids=plain(row.mapped_from),
            )
        )
    for label in left_behind(before, after):
        st.warning(
            _(
                "{subdomain}: no counterpart in version {version}.",
                subdomain=plain(label),
                version=plain(after.version),
            )
        )


def in_time_order(baseline_id: str, followup_id: str) -> bool:
    """Whether the baseline is the earlier of the two (by date, then by creation)."""
    return baseline_id in dashboard.earlier_assessments(db, followup_id)


st.title(_("Change over time"))
st.caption(_("A baseline and a follow-up of the same country or unit, side by side."))
query = st.query_params
place_column, baseline_column, followup_column = st.columns(3)
place_assessments = pick_place(
    db, "change", query.get("followup") or query.get("baseline"), place_column
)
if place_assessments is not None and len(place_assessments) < 2:
    st.info(_("This place has one assessment: a follow-up is needed to see change over time."))
elif place_assessments is not None:
    followup_id = pick_from(
        place_assessments, _("Follow-up"), "change_followup", query.get("followup"), followup_column
    )
    default_baseline = query.get("baseline") or dashboard.previous_assessment(db, followup_id)
    baseline_id = pick_from(
        place_assessments, _("Baseline"), "change_baseline", default_baseline, baseline_column
    )
    query.update(baseline=baseline_id, followup=followup_id)
    if baseline_id == followup_id:
        st.info(_("Choose two different assessments to compare."))
    elif in_time_order(baseline_id, followup_id):
        compare(baseline_id, followup_id)
    else:
        st.warning(
            _(
                "The follow-up comes before the baseline: they are shown the other way round, "
                'so that "moved up" and "moved back" read forward in time.'
            )
        )
        compare(followup_id, baseline_id)
