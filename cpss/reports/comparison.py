"""The comparison report of a set of assessments, and the one entry point that builds any report.

Each assessment is named by a letter (A, B, ...) in the tables and charts, so that they stay narrow
enough to print; the key ("A = Demoland (fictional country), Baseline 2023, May 2023") is the first
table and each assessment's own headings. A letter is whole: a name cut to fit ("Demoland
(fictiona") told the reader less than the key does.
"""

from __future__ import annotations

import string
from datetime import date

import pandas as pd

from cpss.db import assessments, plans
from cpss.db.core import Db
from cpss.db.dashboard import outcome_summary
from cpss.model.assessments import Assessment
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from cpss.model.plans import arrange
from cpss.model.priorities import rank_priorities
from cpss.present.chart_data import radar_values
from cpss.reports.content import (
    NO_PRIORITY,
    OUTCOME_HEADERS,
    OUTCOME_WIDTHS,
    Progress,
    assessment_report,
    heatmap_image,
    numbered,
    outcome_rows,
    quiet,
    radar_image,
    status_words,
)
from cpss.reports.document import Bullets, Document, Heading, Paragraph, Table
from cpss.reports.pdf import document_pdf
from cpss.reports.sections import choice_words, long_date, method_section
from cpss.reports.word import document_docx

MAX_COMPARED = 6  # more columns no longer fit a printed page
TOP_PRIORITIES = 3
WRITERS = {"pdf": document_pdf, "docx": document_docx}
# What each report holds, for the page that offers it: the sections of :func:`assessment_report`
# and of :func:`comparison_report` (a test compares them with the section titles).
REPORT_CONTENTS = (
    "cover, summary, change since the previous assessment (when there is one), charts, "
    "priorities, action plan, answers and method"
)
COMPARISON_CONTENTS = (
    "cover, the assessments compared (key and averages per outcome), charts, subdomains side by "
    "side, first priorities of each assessment and method; no action plan (build each "
    "assessment's own report for its plan)"
)


def report_contents(count: int) -> str:
    """What the report of ``count`` picked assessments holds, in words: one assessment's report
    or, for several, the comparison, which has no action plan."""
    if count <= 1:
        return f"The report of this assessment: {REPORT_CONTENTS}."
    return f"The comparison report of {count} assessments: {COMPARISON_CONTENTS}."


def build_report(
    db: Db,
    framework: Framework,
    assessment_ids: list[str],
    file_format: str,
    progress: Progress = quiet,
) -> bytes:
    """The report file: of one assessment, or a comparison of several; PDF or Word (``"docx"``)."""
    if not assessment_ids:
        raise UserError("Pick at least one assessment for the report.")
    if len(assessment_ids) == 1:
        document = assessment_report(db, framework, assessment_ids[0], progress)
    else:
        document = comparison_report(db, framework, assessment_ids, progress)
    progress(f"Writing the {'Word' if file_format == 'docx' else 'PDF'} file")
    return WRITERS[file_format](document.printable())


def comparison_report(
    db: Db, framework: Framework, assessment_ids: list[str], progress: Progress = quiet
) -> Document:
    """The comparison of 2 to :data:`MAX_COMPARED` assessments, in the order given."""
    if len(assessment_ids) > MAX_COMPARED:
        raise UserError(
            f"A comparison report holds at most {MAX_COMPARED} assessments "
            f"({len(assessment_ids)} picked): pick fewer."
        )
    progress("Reading the assessments")
    picked = [assessments.assessment(db, i) for i in assessment_ids]
    names = column_names(picked)
    summary = outcome_summary(db, framework, assessment_ids)
    answers = {i: assessments.current_answers(db, i) for i in assessment_ids}
    document = Document(
        "CPSS comparison report",
        cover=[("Assessments", str(len(picked))), ("Report made", long_date(date.today()))],
    )
    document.add(*_compared(picked, names, summary))
    progress("Drawing the charts")
    document.add(*_charts(db, framework, names, summary))
    progress("Comparing the subdomains and priorities")
    document.add(*_side_by_side(framework, names, answers))
    document.add(*_first_priorities(db, framework, key_names(picked), answers))
    document.add(*method_section(framework))
    return document


def column_names(assessments: list[Assessment]) -> dict[str, str]:
    """Each assessment's name in the tables and charts by id: its letter (A, B, ...)."""
    return {a.id: letter for letter, a in zip(string.ascii_uppercase, assessments)}


def key_names(assessments: list[Assessment]) -> dict[str, str]:
    """What each letter stands for, by id: ``"A = Demoland (fictional country), Baseline 2023,
    May 2023"``, whole (never cut), for the headings."""
    letters = column_names(assessments)
    return {
        a.id: f"{letters[a.id]} = {a.details.place}, {a.details.title}, "
        f"{a.details.assessment_date:%B %Y}"
        for a in assessments
    }


def _compared(assessments: list[Assessment], names: dict[str, str], summary: pd.DataFrame):
    """The key: each assessment's letter with its place, title, date and status; then each one's
    outcome table under its whole name."""
    yield Heading("Assessments compared")
    yield Paragraph("The letters name the assessments in the tables and charts of this report.")
    yield Table(
        ("Key", "Place", "Title", "Date", "Status"),
        tuple(
            (
                names[a.id],
                a.details.place,
                a.details.title,
                long_date(a.details.assessment_date),
                status_words(a),
            )
            for a in assessments
        ),
        (0.6, 2.0, 2.6, 1.2, 1.6),
    )
    keys = key_names(assessments)
    for a in assessments:
        yield Heading(keys[a.id], 2)
        yield Table(
            OUTCOME_HEADERS, outcome_rows(summary[summary["assessment_id"] == a.id]), OUTCOME_WIDTHS
        )


def _charts(db: Db, framework: Framework, names: dict[str, str], summary: pd.DataFrame):
    """The radar with one line per assessment, and the heatmap with one column per assessment."""
    yield Heading("Charts")
    yield radar_image(
        framework,
        radar_values(summary, names),
        "Average phase per intermediate outcome (rated subdomains only), one line per assessment.",
    )
    yield heatmap_image(
        db,
        framework,
        {name: i for i, name in names.items()},
        "Every subdomain's answer, one column per assessment.",
    )


def _side_by_side(framework: Framework, names: dict[str, str], answers: dict[str, dict]):
    """Every subdomain's answer, one column per assessment named by its letter."""
    yield Heading("Subdomains side by side")
    yield Table(
        ("Subdomain", *names.values()),
        tuple(
            (sub.label, *(choice_words(framework, answers[i].get(sub.id), sub.id) for i in names))
            for sub in framework.subdomains
        ),
        (3.0, *(1.3 for _ in names)),
    )
    yield Paragraph(
        'Columns are named by the letters of the key, "Assessments compared".', small=True
    )


def _first_priorities(db: Db, framework: Framework, keys: dict[str, str], answers: dict[str, dict]):
    """The first :data:`TOP_PRIORITIES` priorities of each assessment, in the users' order,
    under its whole name (``keys``)."""
    yield Heading("First priorities of each assessment")
    for i, name in keys.items():
        ranked, _ = arrange(rank_priorities(framework, answers[i]), plans.review(db, i))
        yield Heading(name, 2)
        yield Bullets(numbered(framework, ranked[:TOP_PRIORITIES]) or (NO_PRIORITY,), numbered=True)
