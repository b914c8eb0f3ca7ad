"""What a report of one assessment says, gathered once for every format (PDF and Word).

:func:`assessment_report` reads the assessment, its answers, priorities, action plan and the
previous assessment of the same place, renders the charts, and returns a
:class:`~cpss.reports.document.Document`. This module writes the cover, key figures, summary,
charts, priorities and action plan; every answer, the change since the previous assessment and the
method come from :mod:`cpss.reports.sections`. Helpers the comparison report shares (outcome table,
numbered priorities, the charts with their alt text, status words) live here too.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import date

import pandas as pd

from cpss.db import assessments, documents, plans
from cpss.db.core import Db
from cpss.db.dashboard import answer_cells, outcome_summary, phase_counts, previous_assessment
from cpss.i18n import ENGLISH, N_, Text, format_number
from cpss.model.access import SOLO
from cpss.model.answers import Answer
from cpss.model.assessments import Assessment
from cpss.model.framework import Framework
from cpss.model.plans import ITEM_STATUSES, StoredItem, arrange
from cpss.model.priorities import Priority, rank_priorities
from cpss.model.scoring import DRAFTED_MARK
from cpss.present.chart_data import CURRENT, PREVIOUS, radar_values
from cpss.present.chart_summary import heatmap_summary, radar_summary
from cpss.present.heatmap import heatmap_chart
from cpss.present.radar import radar_chart
from cpss.reports.document import (
    Bullets,
    Document,
    Heading,
    Image,
    KeyFigures,
    Paragraph,
    Table,
    report_language,
)
from cpss.reports.evidence import documents_section
from cpss.reports.images import chart_png
from cpss.reports.investment import investment_section
from cpss.reports.sections import (
    answers_section,
    average,
    change_section,
    long_date,
    method_section,
)

Progress = Callable[[str], None]
SUMMARY_PRIORITIES = 5
COVER_PRIORITIES = 3
NO_PRIORITY = N_("No priority: nothing is below its target.")  # translated where shown


def quiet(_step: str) -> None:
    """The default progress callback: says nothing."""


def assessment_report(
    db: Db,
    framework: Framework,
    assessment_id: str,
    progress: Progress = quiet,
    *,
    tr: Text = ENGLISH,
) -> Document:
    """The report of one assessment in ``tr``'s language (``framework``: its criterion texts,
    translated or not); ``progress`` is called with each step's name."""
    progress(tr("Reading the assessment"))
    assessment = assessments.assessment(db, assessment_id)
    answers = assessments.current_answers(db, assessment_id)
    previous_id = previous_assessment(db, assessment_id)
    ids = [assessment_id] + ([previous_id] if previous_id else [])
    summary = outcome_summary(db, framework, ids)
    priorities, dismissed = arrange(
        rank_priorities(framework, answers, tr=tr), plans.review(db, assessment_id)
    )
    counts = phase_counts(db, framework, assessment_id)
    document = Document(
        tr("CPSS self-assessment report: {place}", place=assessment.details.place_in(tr)),
        cover=_cover(db, assessment, tr),
        key_figures=key_figures(framework, counts, answers, priorities, tr=tr),
        language=report_language(tr),
    )
    ours = summary[summary["assessment_id"] == assessment_id]
    document.add(*_summary(framework, counts, ours, priorities, tr))
    progress(tr("Drawing the charts"))
    document.add(*_charts(db, framework, assessment_id, previous_id, summary, tr))
    progress(tr("Writing the priorities, the plan and the answers"))
    document.add(*_priorities(framework, priorities, dismissed, tr))
    items, carried = plans.items(db, assessment_id), plans.carried_items(db, assessment_id)
    document.add(*_action_plan(framework, items, carried, tr))
    top = [p.subdomain_id for p in priorities[:SUMMARY_PRIORITIES]]
    document.add(*investment_section(db, framework, assessment_id, previous_id, top, tr=tr))
    document.add(*answers_section(framework, answers, tr=tr))
    document.add(*documents_section(framework, documents.listed(db, assessment_id), tr=tr))
    if previous_id:
        document.add(*change_section(db, framework, previous_id, answers, summary, tr=tr))
    document.add(*method_section(framework, tr=tr))
    return document


def status_words(assessment: Assessment, *, tr: Text = ENGLISH) -> str:
    """``"Final"`` or ``"Draft"``, with the demo label when it is one."""
    words = tr("Final") if assessment.is_final else tr("Draft")
    if not assessment.is_demo:
        return words
    return tr("{status} · demo assessment of a fictional country (made-up data)", status=words)


def _cover(db: Db, assessment: Assessment, tr: Text) -> list[tuple[str, str]]:
    details = assessment.details
    return [
        (tr("Country"), details.country_in(tr)),
        (tr("Unit"), details.unit or tr("National")),
        (tr("Title"), details.title),
        (tr("Date"), long_date(details.assessment_date, tr)),
        (tr("Status"), status_words(assessment, tr=tr)),
        (tr("Assessors"), ", ".join(assessors(db, assessment)) or tr("not given")),
        (tr("Report made"), long_date(date.today(), tr)),
    ]


def assessors(db: Db, assessment: Assessment) -> list[str]:
    """The assessor typed in the details, then everyone who recorded an answer, in order of their
    first answer; never the name the app records under when nobody is named (single-user mode)."""
    people = assessments.answer_authors(db, assessment.id)
    named = [assessment.details.assessor, *people]
    return [name for name in dict.fromkeys(named) if name and name != SOLO.name]


def key_figures(
    framework: Framework,
    counts: dict[str, int],
    answers: dict[str, Answer],
    priorities: list[Priority],
    *,
    tr: Text = ENGLISH,
) -> KeyFigures:
    """The cover's key figures: how many subdomains are answered, the median phase, and the
    first :data:`COVER_PRIORITIES` priorities."""
    total = len(framework.subdomains)
    answered = total - counts["not_answered"]
    phases = [rated for a in answers.values() if (rated := a.rated_phase) is not None]
    if phases:
        # of an even number, the lower middle one: the cautious reading, as in workshops
        phase = framework.phases[statistics.median_low(phases) - 1]
        median = (
            tr("Phase {number}", number=phase.number),
            tr.plural(
                "{phase}: the median phase of the {count} rated subdomain",
                "{phase}: the median phase of the {count} rated subdomains",
                len(phases),
                phase=phase.name,
            ),
        )
    else:
        median = ("—", tr("median phase: no subdomain is rated yet"))
    return KeyFigures(
        ((of_words(answered, total, tr), tr("subdomains answered")), median),
        tr("First priorities"),
        numbered(framework, priorities[:COVER_PRIORITIES]) or (tr(NO_PRIORITY),),
    )


def of_words(part: int, whole: int, tr: Text = ENGLISH) -> str:
    """``"12 of 19"``, the numbers written in ``tr``'s language."""
    return tr("{part} of {whole}", part=format_number(part, tr), whole=format_number(whole, tr))


def outcome_rows(summary: pd.DataFrame, tr: Text = ENGLISH) -> tuple[tuple[str, ...], ...]:
    """Rows of the outcome table: outcome, averages and counts of one assessment."""
    return tuple(
        (
            str(row["outcome"]),
            average(row["current"], tr=tr),
            average(row["target"], tr=tr),
            of_words(row["rated"], row["subdomains"], tr),
            format_number(row["dont_know"], tr),
            format_number(row["not_applicable"], tr),
            format_number(row["not_answered"], tr),
        )
        for row in summary.to_dict("records")
    )


OUTCOME_HEADERS = (  # English message ids: translated where shown (outcome_table)
    N_("Intermediate outcome"),
    N_("Average phase"),
    N_("Average target"),
    N_("Rated"),
    N_("Don't know"),
    N_("Not applicable"),
    N_("Not answered"),
)
OUTCOME_WIDTHS = (3.2, 1.1, 1.1, 0.9, 0.9, 1.1, 1.1)


def outcome_table(summary: pd.DataFrame, tr: Text = ENGLISH) -> Table:
    """The table of averages and counts per outcome of one assessment's summary rows."""
    headers = tuple(tr(header) for header in OUTCOME_HEADERS)
    return Table(headers, outcome_rows(summary, tr), OUTCOME_WIDTHS)


def _summary(
    framework: Framework,
    counts: dict[str, int],
    summary: pd.DataFrame,
    priorities: list[Priority],
    tr: Text,
):
    yield Heading(tr("Summary"))
    yield Paragraph(
        tr(
            '{rated} of {total} subdomains are rated in a phase, {dont_know} "don\'t know", '
            '{not_applicable} "not applicable" and {not_answered} not answered.',
            total=format_number(len(framework.subdomains), tr),
            **{key: format_number(counts[key], tr) for key in _COUNTED},
        )
    )
    yield Table(
        (tr("Phase"), tr("Subdomains")),
        tuple((p.label, format_number(counts[str(p.number)], tr)) for p in framework.phases),
        (3, 1),
    )
    yield Heading(tr("Average phase per intermediate outcome"), 2)
    yield outcome_table(summary, tr)
    yield Paragraph(
        tr(
            'Averages are over rated subdomains only; "don\'t know" and "not '
            'applicable" are counted beside them, never as a phase or as zero.'
        ),
        small=True,
    )
    yield Heading(tr("First priorities"), 2)
    yield Bullets(
        numbered(framework, priorities[:SUMMARY_PRIORITIES]) or (tr(NO_PRIORITY),), numbered=True
    )


_COUNTED = ("rated", "dont_know", "not_applicable", "not_answered")


def numbered(framework: Framework, priorities: list[Priority]) -> tuple[str, ...]:
    """``"1. <subdomain>"``... numbered by place in the list (the users' order, as the dashboard
    shows it), not by the ranking's rank, which differs once the users reorder."""
    return tuple(
        f"{place}. {framework.subdomain(p.subdomain_id).label}"
        for place, p in enumerate(priorities, start=1)
    )


def heatmap_image(
    db: Db, framework: Framework, columns: dict[str, str], caption: str, *, tr: Text = ENGLISH
) -> Image:
    """The heatmap with one column per assessment (``columns``: name to assessment id), with its
    data in words as alt text."""
    cells = answer_cells(db, framework, list(columns.values()))
    names = {assessment_id: name for name, assessment_id in columns.items()}
    cells["column"] = cells["assessment_id"].map(names)
    return Image(
        chart_png(heatmap_chart(framework, cells, list(columns), tr=tr)),
        caption,
        heatmap_summary(framework, cells, list(columns), tr=tr),
    )


def radar_image(
    framework: Framework, values: pd.DataFrame, caption: str, *, tr: Text = ENGLISH
) -> Image:
    """The radar of :func:`~cpss.present.chart_data.radar_values` rows, with its data in words as
    alt text; narrower than the page, as it is round."""
    return Image(
        chart_png(radar_chart(framework, values, tr=tr)),
        caption,
        radar_summary(framework, values, tr=tr),
        max_width_mm=140,
    )


def _charts(
    db: Db,
    framework: Framework,
    assessment_id: str,
    previous_id: str | None,
    summary: pd.DataFrame,
    tr: Text,
):
    series = {assessment_id: CURRENT}
    columns = {tr("This assessment"): assessment_id}
    caption = tr("Average phase per intermediate outcome (rated subdomains only): current, target.")
    if previous_id:
        series[previous_id] = PREVIOUS
        columns[tr("Previous assessment")] = previous_id
        caption = tr(
            "Average phase per intermediate outcome (rated subdomains only): current, target "
            "and the previous assessment."
        )
    yield Heading(tr("Charts"))
    yield radar_image(
        framework, radar_values(summary, series, with_target=assessment_id), caption, tr=tr
    )
    yield heatmap_image(
        db,
        framework,
        columns,
        tr("Every subdomain's answer, grouped by outcome. Each cell names its phase in words."),
        tr=tr,
    )


def _priorities(
    framework: Framework, priorities: list[Priority], dismissed: list[Priority], tr: Text
):
    yield Heading(tr("Priority investments"))
    yield Paragraph(
        tr(
            "In the order agreed by the users (suggestions not yet reviewed follow in the "
            "ranking's order). The milestone is the criterion text of the next phase."
        )
    )
    if not priorities:
        yield Paragraph(tr("No priority: every answered subdomain is at its target."))
    for p, heading in zip(priorities, numbered(framework, priorities)):
        yield Heading(heading, 2)  # right under the section's own heading: no level skipped
        yield Bullets(p.reasons)
        mark = f" {DRAFTED_MARK}" if p.milestone_drafted else ""
        yield Paragraph(p.milestone_text + mark, label=_milestone_label(framework, p, tr))
    if dismissed:
        yield Paragraph(
            ", ".join(framework.subdomain(p.subdomain_id).label for p in dismissed),
            label=tr("Dismissed by the users:"),
        )


def _milestone_label(framework: Framework, priority: Priority, tr: Text) -> str:
    """``"Next milestone (System Enhancement):"``, or without a phase when it has none."""
    if not priority.milestone_phase:
        return tr("Next milestone:")
    return tr("Next milestone ({phase}):", phase=framework.phase_name(priority.milestone_phase))


def _item_rows(
    framework: Framework, items: list[StoredItem], tr: Text
) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            s.item.what,
            framework.subdomain(s.item.subdomain_id).id if s.item.subdomain_id else tr("general"),
            s.item.owner or "—",
            long_date(s.item.due_date, tr) if s.item.due_date else "—",
            tr(ITEM_STATUSES[s.item.status]),
            s.item.notes,
        )
        for s in items
    )


ITEM_HEADERS = (N_("Action"), N_("Subdomain"), N_("Owner"), N_("Due"), N_("Status"), N_("Notes"))
ITEM_WIDTHS = (3.5, 1, 1.3, 1.3, 1, 2.5)


def _action_plan(
    framework: Framework, items: list[StoredItem], carried: list[StoredItem], tr: Text
):
    headers = tuple(tr(header) for header in ITEM_HEADERS)
    yield Heading(tr("Action plan"))
    if items:
        yield Table(headers, _item_rows(framework, items, tr), ITEM_WIDTHS)
    else:
        yield Paragraph(tr("No action planned in this assessment yet."))
    if carried:
        yield Heading(tr("Open items from earlier assessments"), 2)
        yield Table(headers, _item_rows(framework, carried, tr), ITEM_WIDTHS)
