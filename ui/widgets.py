"""Small pieces of UI used on several pages."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from typing import TYPE_CHECKING

import streamlit as st

from cpss.db.listing import Listing, recent_assessments
from cpss.i18n import N_, format_date, format_datetime
from cpss.model.assessments import DRAFT, FINAL, Assessment
from cpss.model.errors import UserError
from cpss.model.framework import Framework, Subdomain
from cpss.model.priorities import CONFIRM, EVIDENCE, Priority
from cpss.model.scoring import choice_label
from ui.i18n import _, ngettext, place, place_of, tr

if TYPE_CHECKING:  # only tables need pandas: pages without one load faster without it
    import pandas as pd

    from cpss.db.core import Db

# Every character Markdown, HTML or Streamlit's :directives: give a meaning to ("=" makes a line of
# "===" a heading, "&" starts an HTML entity).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def plain(text: str) -> str:
    """``text`` escaped so that ``st.markdown`` shows it exactly as typed (no markup, no HTML),
    its line breaks kept."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def plain_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its text cells and column headers escaped for ``st.table``, which renders
    Markdown in both (a chart table's headers are place names and titles as typed)."""
    escaped = table.map(lambda cell: plain(cell) if isinstance(cell, str) else cell)
    return escaped.rename(columns=lambda name: plain(name) if isinstance(name, str) else name)


# The stored status (language-neutral) in words, translated where shown.
STATUS_WORDS = {DRAFT: N_("draft"), FINAL: N_("final")}

_MESSAGE_SPECIAL = re.compile(r"([\\`*_\[\]<>~$])")


def problem_text(problem: object) -> str:
    """A :class:`UserError` in the session's language; anything else (a text already translated)
    as it is. Not escaped: for a sentence that quotes it, itself shown through :func:`message`."""
    return problem.translated(tr()) if isinstance(problem, UserError) else str(problem)


def message(problem: object) -> str:
    """An error message (which may quote what the user typed or a crafted address) made safe for
    ``st.error``: no links, images, emphasis, code, colour directives or formulas can form, while
    ordinary punctuation reads as it is. A :class:`UserError` is shown in the session's language;
    anything else (a text already translated) as it is."""
    return _MESSAGE_SPECIAL.sub(r"\\\1", problem_text(problem))


def phase_columns(framework: Framework, subdomain: Subdomain, key: str | None = None) -> None:
    """The four phase criteria of ``subdomain`` side by side, in bordered columns (in a container
    ``key``, for a style rule to find them).

    Each phase's name is Markdown, its criterion plain text (``st.text``): Streamlit's browser
    code parses every Markdown element of a page again whenever the page changes, and the four
    long criteria as Markdown were the largest part of a phase click in the walk-through
    (bench/RESULTS.md). The drafted System Maturity text of 3.1 carries its note wherever it
    appears.
    """
    with st.container(key=key):
        for column, phase in zip(
            st.columns(len(framework.phases), gap="small", border=True), framework.phases
        ):
            column.markdown(f"**{plain(phase.label)}**")
            column.text(subdomain.criteria[phase.number])
            if subdomain.is_drafted(phase.number):
                column.caption(drafted_note(framework))


# The phase radio ``{key}`` under the phase texts of :func:`phase_choice_area`: each phase's option
# in the grid column of its text (same gap as the columns', indented like their text), "Don't
# know" and "Not applicable" each on a row of its own, the whole width (not under a phase); the
# chosen phase's text filled and marked "chosen" (Streamlit 1.67 marks the chosen option's <div>
# ``data-selected``). A style rule, not a redraw: the texts are not redrawn when the choice changes.
# On a narrow screen Streamlit stacks the columns; the options then stay one under the other.
_PHASE_CHOICE_CSS = """<style>
@media (min-width: 640px) {{
  .st-key-{key} [role=radiogroup] {{display: grid; column-gap: 1rem;
    grid-template-columns: repeat({phases}, minmax(0, 1fr));}}
  .st-key-{key} [role=radiogroup] > div {{padding-left: 1rem;}}
  .st-key-{key} [role=radiogroup] > div:nth-child(n+{others}) {{grid-column: 1 / -1;}}
}}
{chosen} {{background: rgba(28, 131, 225, .1); border-color: rgb(28, 131, 225);}}
{marks} {{content: {chosen_mark};}}
</style>"""


def phase_choice_styles(framework: Framework, key: str) -> str:
    """The style rules of :func:`phase_choice_area` for the phase radio ``key``."""

    def chosen(phase: int, inner: str = "") -> str:
        return (
            f".st-key-{key}_area:has(.st-key-{key} [role=radiogroup] > div:nth-child({phase})"
            f"[data-selected]) .st-key-{key}_texts [data-testid=stColumn]:nth-child({phase}){inner}"
        )

    phases = range(1, len(framework.phases) + 1)
    return _PHASE_CHOICE_CSS.format(
        key=key,
        phases=len(framework.phases),
        others=len(framework.phases) + 1,
        chosen=",\n".join(chosen(phase) for phase in phases),
        marks=",\n".join(chosen(phase, " strong::after") for phase in phases),
        # A CSS string: JSON's quoting of " and \\ is CSS's too.
        chosen_mark=json.dumps(" ✓ " + _("chosen"), ensure_ascii=False),
    )


@contextmanager
def phase_choice_area(framework: Framework, subdomain: Subdomain, key: str):
    """The four phase texts side by side, for the phase radio ``key`` drawn inside this block
    (under them) with :func:`phase_radio`: each option sits under its text, and the chosen
    phase's text is filled."""
    with st.container(key=f"{key}_area"):
        st.html(phase_choice_styles(framework, key))
        phase_columns(framework, subdomain, key=f"{key}_texts")
        yield


def phase_radio(framework: Framework, label: str, choices: list, key: str, **radio_options) -> None:
    """The radio of a phase choice (see :func:`phase_choice_area`): the phases, then whatever
    other choices follow them ("Don't know"). Other keyword arguments go to ``st.radio``."""
    # Option labels are Markdown: the phase names are the framework file's text, shown as typed.
    # The words are bound now: Streamlit may call format_func after the run (see ui.i18n.shown_as).
    words = tr()
    st.radio(
        label,
        choices,
        key=key,
        width="stretch",  # as wide as the texts, for its grid
        format_func=lambda choice: plain(choice_label(framework, choice, tr=words)),
        **radio_options,
    )


# A chart drawn twice, for the room it has: the wide drawing where it fits, the narrow one (a
# phone, a narrow column) where it does not. A container query asks the box the charts stand in,
# not the window, so a radar in a column of a wide screen is chosen right too. The narrow drawing
# scrolls inside its own box if even it is too wide (many columns): the page never scrolls sideways.
_FITTED_CHART_CSS = """<style>
.st-key-{key}_box {{container-type: inline-size;}}
.st-key-{key}_narrow {{overflow-x: auto;}}
@container (max-width: {narrowest}px) {{ .st-key-{key}_wide {{display: none;}} }}
@container (min-width: {widest}px) {{ .st-key-{key}_narrow {{display: none;}} }}
</style>"""


def fitted_chart(
    wide, narrow, key: str, summary: str | None = None, widest: int | None = None
) -> None:
    """Draw the ``wide`` Altair chart where its width fits, else the ``narrow`` one (see
    ``_FITTED_CHART_CSS``); chart keys ``key`` and ``{key}_narrow``. ``summary``, if given, is
    both drawings' description: the name a screen reader announces for them (vega-embed makes it
    the chart's aria-label; Streamlit's ``alt`` would do the same, and warns when both are set).
    ``widest``: the wide drawing's whole width, when its marks reach past its plot's width."""
    # The chart's own width (its legend and key stand under it, never beside), and rounding.
    widest = (widest or int(wide.width)) + 2
    if summary:
        wide, narrow = (chart.properties(description=summary) for chart in (wide, narrow))
    with st.container(key=f"{key}_box"):
        st.html(_FITTED_CHART_CSS.format(key=key, narrowest=widest - 1, widest=widest))
        with st.container(key=f"{key}_wide"):
            st.altair_chart(wide, width="content", theme=None, key=key)
        with st.container(key=f"{key}_narrow"):
            st.altair_chart(narrow, width="content", theme=None, key=f"{key}_narrow")


def drafted_note(framework: Framework) -> str:
    """The note under a criterion text that the app's team drafted (3.1, System Maturity), as
    Markdown."""
    return _(
        "✎ Drafted text, not from the UNICEF source. {note}", note=plain(framework.drafted_note)
    )


def drafted_caption(framework: Framework) -> None:
    """The drafted-text note as a caption of its own."""
    st.caption(drafted_note(framework))


def assessment_header(assessment: Assessment) -> None:
    """Place, title, date and status of an assessment, with the demo label when it is one."""
    details = assessment.details
    st.header(plain(f"{place_of(details)} · {details.title}"))  # h2: under the page's title
    status = _("Final (read-only)") if assessment.is_final else _("Draft")
    date = format_date(details.assessment_date, tr())
    if details.assessor:
        line = _(
            "{date} · {status} · assessor: {assessor}",
            assessor=details.assessor,
            date=date,
            status=status,
        )
    else:
        line = _("{date} · {status}", date=date, status=status)
    st.caption(plain(line))
    if assessment.is_demo:
        st.info(
            _("Demo assessment of a fictional country: the data is made up, for trying the app.")
        )


# Marked for translation here, translated where shown (priority_title).
PRIORITY_BADGES = {
    EVIDENCE: N_(":orange-badge[:material/search: Gather evidence first]"),
    CONFIRM: N_(":violet-badge[:material/fact_check: Confirm the rating]"),
}
INVEST_BADGE = N_(":blue-badge[:material/trending_up: Invest]")


def priority_title(framework: Framework, priority: Priority, position: int) -> str:
    """``**1. 2.3 Label** badge``: a priority's place, subdomain and what kind of work it is."""
    label = framework.subdomain(priority.subdomain_id).label
    badge = _(PRIORITY_BADGES.get(priority.kind, INVEST_BADGE))
    return f"**{position}. {plain(label)}** {badge}"


def priority_details(framework: Framework, priority: Priority) -> None:
    """Every reason for a priority, then its milestone (and the drafted-text note if needed)."""
    st.markdown("\n".join(f"- {plain(reason)}" for reason in priority.reasons))
    if priority.milestone_phase is None:
        st.markdown(_("**Milestone:** {text}", text=plain(priority.milestone_text)))
        return
    st.markdown(
        _(
            "**Milestone, {phase}:** {text}",
            phase=plain(framework.phase_name(priority.milestone_phase)),
            text=plain(priority.milestone_text),
        )
    )
    if priority.milestone_drafted:
        drafted_caption(framework)


def priority_card(framework: Framework, priority: Priority, position: int) -> None:
    """One suggested priority: its place in the list, why it is there, and its next milestone."""
    st.markdown(priority_title(framework, priority, position))
    priority_details(framework, priority)


def unanswered_note(
    framework: Framework, subdomain_ids: list[str], assessment_id: str | None
) -> None:
    """The subdomains not answered yet, to rate first (they cannot be ranked), with a link to the
    walk-through at the first of them when ``assessment_id`` is given (for those who can edit)."""
    if not subdomain_ids:
        return
    labels = ", ".join(plain(framework.subdomain(i).label) for i in subdomain_ids)
    count = len(subdomain_ids)
    st.warning(
        ngettext(
            "**Rate these first:** {count} subdomain is not answered yet, so it is not ranked: "
            "{labels}.",
            "**Rate these first:** {count} subdomains are not answered yet, so they are not "
            "ranked: {labels}.",
            count,
            labels=labels,
        ),
        icon=":material/assignment_late:",
    )
    if assessment_id is None:
        return
    st.page_link(
        "app_pages/assess.py",
        label=_("Rate them in the walk-through"),
        icon=":material/edit_note:",
        query_params={"assessment": assessment_id, "subdomain": subdomain_ids[0]},
    )


def searched_assessments(db: Db, newest: Listing, key: str) -> Listing:
    """``newest`` (the most recently changed assessments, as many as a list shows), or, when
    there are more assessments than that, those matching a search box ``key`` (country, unit,
    title or assessor), with a line saying what is shown."""
    shown = len(newest.rows)
    if newest.total <= shown:
        return newest
    words = st.text_input(
        _("Search by country, unit, title or assessor"),
        key=key,
        max_chars=200,
        placeholder=_("e.g. Kenya 2026"),
    )
    if not words.strip():
        st.caption(
            _(
                "The {shown} most recently changed are shown: search to find the others.",
                shown=shown,
            )
        )
        return newest
    found = recent_assessments(db, words, limit=shown, tr=tr())
    if found.found > shown:
        st.caption(
            _(
                "{found} found: the {shown} most recently changed are shown.",
                found=found.found,
                shown=shown,
            )
        )
    else:
        st.caption(ngettext("{count} found.", "{count} found.", found.found))
    return found


def deleted_line(row) -> None:
    """A deleted assessment in a list (the home page's *Recently deleted*, the purge list): its
    place and title, and who deleted it when."""
    st.markdown(plain(f"{place(row.country_code, row.country, row.unit)} · {row.title}"))
    when = format_datetime(row.deleted_at, tr())
    st.caption(plain(_("Deleted {when} UTC by {who}", when=when, who=row.deleted_by)))
