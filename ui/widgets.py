"""Small pieces of UI used on several pages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import streamlit as st

from cpss.assessments import Assessment
from cpss.framework import Framework, Subdomain
from cpss.priorities import EVIDENCE, Priority

if TYPE_CHECKING:  # only tables need pandas: pages without one load faster without it
    import pandas as pd

# Every character Markdown, HTML or Streamlit's :directives: give a meaning to ("=" makes a line of
# "===" a heading, "&" starts an HTML entity).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def plain(text: str) -> str:
    """``text`` escaped so that ``st.markdown`` shows it exactly as typed (no markup, no HTML),
    its line breaks kept."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def plain_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its text cells escaped for ``st.table``, which renders Markdown in cells."""
    return table.map(lambda cell: plain(cell) if isinstance(cell, str) else cell)


_MESSAGE_SPECIAL = re.compile(r"([\\`*_\[\]<>~$])")


def message(problem) -> str:
    """An error message (which may quote what the user typed or a crafted address) made safe for
    ``st.error``: no links, images, emphasis, code, colour directives or formulas can form, while
    ordinary punctuation reads as it is."""
    return _MESSAGE_SPECIAL.sub(r"\\\1", str(problem))


def phase_columns(framework: Framework, subdomain: Subdomain, chosen: int | None = None) -> None:
    """The four phase criteria of ``subdomain`` side by side, the chosen one marked.

    One bordered column and one Markdown element per phase: every element on a page costs the
    browser time on every run, even when it did not change (bench/RESULTS.md), and this is drawn
    on each click of the walk-through. The drafted System Maturity text of 3.1 carries its mark
    and note wherever it appears.
    """
    columns = st.columns(len(framework.phases), gap="small", border=True)
    for column, phase in zip(columns, framework.phases):
        heading = f"**{phase.number} · {plain(phase.name)}**"
        # The chosen phase is marked in words and by a background, not by colour alone.
        if phase.number == chosen:
            heading = f":blue-background[{heading} ✓ chosen]"
        text = f"{heading}\n\n{plain(subdomain.criteria[phase.number])}"
        if subdomain.is_drafted(phase.number):
            text += f"\n\n:small[:gray[{drafted_note(framework)}]]"
        column.markdown(text)


def drafted_note(framework: Framework) -> str:
    """The note under a criterion text that the app's team drafted (3.1, System Maturity), as
    Markdown."""
    return f"✎ Drafted text, not from the UNICEF source. {plain(framework.drafted_note)}"


def drafted_caption(framework: Framework) -> None:
    """The drafted-text note as a caption of its own."""
    st.caption(drafted_note(framework))


def assessment_header(assessment: Assessment) -> None:
    """Place, title, date and status of an assessment, with the demo label when it is one."""
    details = assessment.details
    st.subheader(plain(f"{details.place} · {details.title}"))
    status = "Final (read-only)" if assessment.is_final else "Draft"
    by = f" · assessor: {details.assessor}" if details.assessor else ""
    st.caption(plain(f"{details.assessment_date:%d %B %Y} · {status}{by}"))
    if assessment.is_demo:
        st.info("Demo assessment of a fictional country: the data is made up, for trying the app.")


def priority_card(framework: Framework, priority: Priority, position: int) -> None:
    """One suggested priority: its place in the list, why it is there, and its next milestone."""
    sub = framework.subdomain(priority.subdomain_id)
    badge = (":orange-badge[:material/search: Gather evidence first]"
             if priority.kind == EVIDENCE else ":blue-badge[:material/trending_up: Invest]")
    st.markdown(f"**{position}. {plain(sub.label)}** {badge}")
    st.markdown("\n".join(f"- {plain(reason)}" for reason in priority.reasons))
    if priority.milestone_phase is None:
        st.markdown(f"**Milestone:** {plain(priority.milestone_text)}")
        return
    st.markdown(f"**Milestone, {plain(framework.phase_name(priority.milestone_phase))}:** "
                f"{plain(priority.milestone_text)}")
    if priority.milestone_drafted:
        drafted_caption(framework)
