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

from cpss.db import assessments, plans
from cpss.db.core import Db
from cpss.db.dashboard import answer_cells, outcome_summary, phase_counts, previous_assessment
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
from cpss.reports.document import Bullets, Document, Heading, Image, KeyFigures, Paragraph, Table
from cpss.reports.images import chart_png
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
NO_PRIORITY = "No priority: nothing is below its target."


def quiet(_step: str) -> None:
    """The default progress callback: says nothing."""


def assessment_report(
    db: Db, framework: Framework, assessment_id: str, progress: Progress = quiet
) -> Document:
    """The report of one assessment; ``progress`` is called with each step's name."""
    progress("Reading the assessment")
    assessment = assessments.assessment(db, assessment_id)
    answers = assessments.current_answers(db, assessment_id)
    previous_id = previous_assessment(db, assessment_id)
    ids = [assessment_id] + ([previous_id] if previous_id else [])
    summary = outcome_summary(db, framework, ids)
    priorities, dismissed = arrange(
        rank_priorities(framework, answers), plans.review(db, assessment_id)
    )
    counts = phase_counts(db, framework, assessment_id)
    document = Document(
        f"CPSS self-assessment report: {assessment.details.place}",
        cover=_cover(db, assessment),
        key_figures=key_figures(framework, counts, answers, priorities),
    )
    document.add(
        *_summary(framework, counts, summary[summary["assessment_id"] == assessment_id], priorities)
    )
    progress("Drawing the charts")
    document.add(*_charts(db, framework, assessment_id, previous_id, summary))
    progress("Writing the priorities, the plan and the answers")
    document.add(*_priorities(framework, priorities, dismissed))
    document.add(
        *_action_plan(
            framework, plans.items(db, assessment_id), plans.carried_items(db, assessment_id)
        )
    )
    document.add(*answers_section(framework, answers))
    if previous_id:
        document.add(*change_section(db, framework, previous_id, answers, summary))
    document.add(*method_section(framework))
    return document


def status_words(assessment: Assessment) -> str:
    """``"Final"`` or ``"Draft"``, with the demo label when it is one."""
    words = "Final" if assessment.is_final else "Draft"
    return words + (
        " · demo assessment of a fictional country (made-up data)" if assessment.is_demo else ""
    )


def _cover(db: Db, assessment: Assessment) -> list[tuple[str, str]]:
    details = assessment.details
    return [
        ("Country", details.country),
        ("Unit", details.unit or "National"),
        ("Title", details.title),
        ("Date", long_date(details.assessment_date)),
        ("Status", status_words(assessment)),
        ("Assessors", ", ".join(assessors(db, assessment)) or "not given"),
        ("Report made", long_date(date.today())),
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
            f"Phase {phase.number}",
            f"{phase.name}: the median phase of the {len(phases)} rated subdomains",
        )
    else:
        median = ("—", "median phase: no subdomain is rated yet")
    return KeyFigures(
        ((f"{answered} of {total}", "subdomains answered"), median),
        "First priorities",
        numbered(framework, priorities[:COVER_PRIORITIES]) or (NO_PRIORITY,),
    )


def outcome_rows(summary: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    """Rows of the outcome table: outcome, averages and counts of one assessment."""
    return tuple(
        (
            str(row.outcome),
            average(row.current),
            average(row.target),
            f"{row.rated} of {row.subdomains}",
            str(row.dont_know),
            str(row.not_applicable),
            str(row.not_answered),
        )
        for row in summary.itertuples()
    )


OUTCOME_HEADERS = (
    "Intermediate outcome",
    "Average phase",
    "Average target",
    "Rated",
    "Don't know",
    "Not applicable",
    "Not answered",
)
OUTCOME_WIDTHS = (3.2, 1.1, 1.1, 0.9, 0.9, 1.1, 1.1)


def _summary(
    framework: Framework, counts: dict[str, int], summary: pd.DataFrame, priorities: list[Priority]
):
    total = len(framework.subdomains)
    yield Heading("Summary")
    yield Paragraph(
        f"{counts['rated']} of {total} subdomains are rated in a phase, "
        f'{counts["dont_know"]} "don\'t know", {counts["not_applicable"]} "not '
        f'applicable" and {counts["not_answered"]} not answered.'
    )
    yield Table(
        ("Phase", "Subdomains"),
        tuple((p.label, str(counts[str(p.number)])) for p in framework.phases),
        (3, 1),
    )
    yield Heading("Average phase per intermediate outcome", 2)
    yield Table(OUTCOME_HEADERS, outcome_rows(summary), OUTCOME_WIDTHS)
    yield Paragraph(
        'Averages are over rated subdomains only; "don\'t know" and "not '
        'applicable" are counted beside them, never as a phase or as zero.',
        small=True,
    )
    yield Heading("First priorities", 2)
    yield Bullets(
        numbered(framework, priorities[:SUMMARY_PRIORITIES]) or (NO_PRIORITY,), numbered=True
    )


def numbered(framework: Framework, priorities: list[Priority]) -> tuple[str, ...]:
    """``"1. <subdomain>"``... numbered by place in the list (the users' order, as the dashboard
    shows it), not by the ranking's rank, which differs once the users reorder."""
    return tuple(
        f"{place}. {framework.subdomain(p.subdomain_id).label}"
        for place, p in enumerate(priorities, start=1)
    )


def heatmap_image(db: Db, framework: Framework, columns: dict[str, str], caption: str) -> Image:
    """The heatmap with one column per assessment (``columns``: name to assessment id), with its
    data in words as alt text."""
    cells = answer_cells(db, framework, list(columns.values()))
    names = {assessment_id: name for name, assessment_id in columns.items()}
    cells["column"] = cells["assessment_id"].map(names)
    return Image(
        chart_png(heatmap_chart(framework, cells, list(columns))),
        caption,
        heatmap_summary(framework, cells, list(columns)),
    )


def radar_image(framework: Framework, values: pd.DataFrame, caption: str) -> Image:
    """The radar of :func:`~cpss.present.chart_data.radar_values` rows, with its data in words as
    alt text; narrower than the page, as it is round."""
    return Image(
        chart_png(radar_chart(framework, values)),
        caption,
        radar_summary(framework, values),
        max_width_mm=140,
    )


def _charts(
    db: Db, framework: Framework, assessment_id: str, previous_id: str | None, summary: pd.DataFrame
):
    series = {assessment_id: CURRENT}
    columns = {"This assessment": assessment_id}
    if previous_id:
        series[previous_id] = PREVIOUS
        columns["Previous assessment"] = previous_id
    yield Heading("Charts")
    yield radar_image(
        framework,
        radar_values(summary, series, with_target=assessment_id),
        "Average phase per intermediate outcome (rated subdomains only): current, target"
        + (" and the previous assessment." if previous_id else "."),
    )
    yield heatmap_image(
        db,
        framework,
        columns,
        "Every subdomain's answer, grouped by outcome. Each cell names its phase in words.",
    )


def _priorities(framework: Framework, priorities: list[Priority], dismissed: list[Priority]):
    yield Heading("Priority investments")
    yield Paragraph(
        "In the order agreed by the users (suggestions not yet reviewed follow in the "
        "ranking's order). The milestone is the criterion text of the next phase."
    )
    if not priorities:
        yield Paragraph("No priority: every answered subdomain is at its target.")
    for p, heading in zip(priorities, numbered(framework, priorities)):
        yield Heading(heading, 2)  # right under the section's own heading: no level skipped
        yield Bullets(p.reasons)
        phase = f" ({framework.phase_name(p.milestone_phase)})" if p.milestone_phase else ""
        mark = f" {DRAFTED_MARK}" if p.milestone_drafted else ""
        yield Paragraph(p.milestone_text + mark, label=f"Next milestone{phase}:")
    if dismissed:
        yield Paragraph(
            ", ".join(framework.subdomain(p.subdomain_id).label for p in dismissed),
            label="Dismissed by the users:",
        )


def _item_rows(framework: Framework, items: list[StoredItem]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            s.item.what,
            framework.subdomain(s.item.subdomain_id).id if s.item.subdomain_id else "general",
            s.item.owner or "—",
            long_date(s.item.due_date) if s.item.due_date else "—",
            ITEM_STATUSES[s.item.status],
            s.item.notes,
        )
        for s in items
    )


ITEM_HEADERS = ("Action", "Subdomain", "Owner", "Due", "Status", "Notes")
ITEM_WIDTHS = (3.5, 1, 1.3, 1.3, 1, 2.5)


def _action_plan(framework: Framework, items: list[StoredItem], carried: list[StoredItem]):
    yield Heading("Action plan")
    if items:
        yield Table(ITEM_HEADERS, _item_rows(framework, items), ITEM_WIDTHS)
    else:
        yield Paragraph("No action planned in this assessment yet.")
    if carried:
        yield Heading("Open items from earlier assessments", 2)
        yield Table(ITEM_HEADERS, _item_rows(framework, carried), ITEM_WIDTHS)
