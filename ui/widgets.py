"""Small pieces of UI used on several pages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import streamlit as st

from cpss.answers import STATUS_LABELS
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


def phase_columns(framework: Framework, subdomain: Subdomain) -> None:
    """The four phase criteria of ``subdomain`` side by side, to read (to choose one, see
    :func:`phase_choice`).

    One bordered column and one Markdown element per phase: every element on a page costs the
    browser time on every run, even when it did not change (bench/RESULTS.md). The drafted System
    Maturity text of 3.1 carries its mark and note wherever it appears.
    """
    columns = st.columns(len(framework.phases), gap="small", border=True)
    for column, phase in zip(columns, framework.phases):
        column.markdown(phase_text(framework, subdomain, phase.number))


def phase_text(framework: Framework, subdomain: Subdomain, phase: int) -> str:
    """One phase of ``subdomain`` as Markdown: the phase in bold, its criterion text, and the
    drafted-text note where the app's team drafted it (3.1, System Maturity)."""
    text = f"**{plain(framework.phases[phase - 1].label)}**\n\n{plain(subdomain.criteria[phase])}"
    if subdomain.is_drafted(phase):
        text += f"\n\n:small[:gray[{drafted_note(framework)}]]"
    return text


# The phase options of a :func:`phase_choice` radio as bordered cards side by side (one column each
# on a narrow screen), the chosen one filled; "Don't know" and "Not applicable" follow on their row.
# Streamlit 1.67 wraps each option's <label> in a <div>, marked ``data-selected`` when chosen.
_PHASE_CARDS_CSS = """<style>
.st-key-{key} [role=radiogroup] {{display: grid; gap: .5rem; align-items: stretch;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr));}}
@media (min-width: 60rem) {{
  .st-key-{key} [role=radiogroup] {{grid-template-columns: repeat({phases}, minmax(0, 1fr));}}
}}
.st-key-{key} [role=radiogroup] > div:nth-child(-n+{phases}) {{
  border: 1px solid rgba(128, 132, 149, .4); border-radius: .5rem; padding: .6rem .75rem;}}
.st-key-{key} [role=radiogroup] > div:nth-child(-n+{phases}) label > div {{align-items: flex-start;}}
.st-key-{key} [role=radiogroup] > div[data-selected]:nth-child(-n+{phases}) {{
  background: rgba(28, 131, 225, .1); border-color: rgb(28, 131, 225);}}
</style>"""


def phase_card_styles(framework: Framework, key: str) -> None:
    """The style of the :func:`phase_choice` radio ``key``: call it once per page run, outside the
    fragment that holds the radio (a fragment's rerun keeps what was drawn outside it)."""
    st.html(_PHASE_CARDS_CSS.format(key=key, phases=len(framework.phases)))


def phase_choice(framework: Framework, subdomain: Subdomain, label: str, choices: list,
                 key: str, **radio_options) -> None:
    """A radio whose options are the subdomain's phase texts, side by side as cards (with
    :func:`phase_card_styles`), then whatever other choices follow the phases ("Don't know").

    One element instead of four text columns and a radio: a click on the text that fits is the
    choice, and the browser has one element to redraw where it had nine (bench/RESULTS.md: each
    element costs every click). Other keyword arguments go to ``st.radio``.
    """
    def option(choice) -> str:
        return phase_text(framework, subdomain, choice) if isinstance(choice, int) else STATUS_LABELS[choice]

    st.radio(label, choices, key=key, format_func=option, **radio_options)


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
