"""Results of one assessment: every answer, averages per outcome, and the radar chart."""

import pandas as pd
import streamlit as st

from cpss.assessments import place_name
from cpss.charts import radar_chart
from cpss.errors import UserError
from cpss.dashboard import outcome_summary
from cpss.scoring import DRAFTED_MARK, answers_table
from ui import resources
from ui.widgets import assessment_header

framework = resources.framework()
store = resources.store()

st.title("Results")


def choose_assessment() -> str | None:
    """The assessment in the address, or one picked from the list (which then goes in the address)."""
    listing = store.list_assessments()
    if listing.empty:
        st.info("No assessment yet: start one on the Assessments page.")
        return None
    labels = {row.id: f"{place_name(row.country, row.unit)} · {row.title} "
                      f"({row.assessment_date:%d %b %Y})" for row in listing.itertuples()}
    wanted = st.query_params.get("assessment")
    chosen = st.selectbox("Assessment", list(labels), format_func=labels.get, key="results_pick",
                          index=list(labels).index(wanted) if wanted in labels else 0)
    st.query_params["assessment"] = chosen
    return chosen


def outcome_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The outcome averages as readers see them: averages over rated subdomains, counts beside."""
    return pd.DataFrame({
        "Intermediate outcome": summary["outcome"],
        "Average phase (rated only)": summary["current"].round(2),
        "Average target": summary["target"].round(2),
        "Rated": summary["rated"].astype(str) + " of " + summary["subdomains"].astype(str),
        "Don't know": summary["dont_know"],
        "Not applicable": summary["not_applicable"],
        "Not answered": summary["not_answered"],
    })


def radar_values(summary: pd.DataFrame) -> pd.DataFrame:
    """Current and target averages in the long shape the radar chart takes."""
    return pd.concat([
        pd.DataFrame({"series": name, "outcome_id": summary["outcome_id"], "value": summary[column]})
        for name, column in (("Current", "current"), ("Target", "target"))])


def show(assessment_id: str) -> None:
    """Headline counts, the outcome table, the radar chart and every answer."""
    try:
        assessment = store.assessment(assessment_id)
    except UserError as problem:
        st.error(str(problem))
        return
    assessment_header(assessment)
    answers = store.current_answers(assessment_id)
    summary = outcome_summary(store, framework, [assessment_id])
    counts = st.columns(4)
    for column, (label, field) in zip(counts, [("Rated", "rated"), ("Don't know", "dont_know"),
                                                ("Not applicable", "not_applicable"),
                                                ("Not answered", "not_answered")]):
        column.metric(label, f"{summary[field].sum()} of {len(framework.subdomains)}")
    st.markdown("#### Average phase per intermediate outcome")
    st.caption("Averages are over rated subdomains only: \"don't know\" and \"not applicable\" are "
               "counted beside them, never as a phase or as zero. Where no target is set, the next "
               "phase up is assumed.")
    st.dataframe(outcome_table(summary), hide_index=True, key="outcome_table")
    st.altair_chart(radar_chart(framework, radar_values(summary)), width="content", theme=None,
                    key="radar")
    st.markdown("#### Every subdomain")
    st.dataframe(answers_table(framework, answers), hide_index=True, key="answers_table")
    st.caption(f"{DRAFTED_MARK} The criterion text of this phase was drafted by the app's team: it "
               f"is missing from the UNICEF source. {framework.drafted_note}")


chosen_id = choose_assessment()
if chosen_id:
    show(chosen_id)
