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
from cpss.i18n import ENGLISH, N_, Text, format_month, format_number
from cpss.model.assessments import Assessment
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from cpss.model.plans import arrange
from cpss.model.priorities import rank_priorities
from cpss.present.chart_data import radar_values
from cpss.reports.content import (
    NO_PRIORITY,
    Progress,
    assessment_report,
    heatmap_image,
    numbered,
    outcome_table,
    quiet,
    radar_image,
    status_words,
)
from cpss.reports.document import Bullets, Document, Heading, Paragraph, Table, report_language
from cpss.reports.investment import comparison_section
from cpss.reports.pdf import document_pdf
from cpss.reports.regional import region_section
from cpss.reports.sections import choice_words, long_date, method_section
from cpss.reports.word import document_docx

MAX_COMPARED = 6  # more columns no longer fit a printed page
TOP_PRIORITIES = 3
WRITERS = {"pdf": document_pdf, "docx": document_docx}
# What each report holds, for the page that offers it: the sections of :func:`assessment_report`
# and of :func:`comparison_report` (a test compares them with the section titles).
REPORT_CONTENTS = N_(
    "cover, summary, change since the previous assessment (when there is one), charts, "
    "priorities, action plan, investment, answers, evidence documents and method"
)
COMPARISON_CONTENTS = N_(
    "cover, the assessments compared (key and averages per outcome), charts, subdomains side by "
    "side, first priorities of each assessment, investment, the map and summary of the countries "
    "of a region, and method; no action plan (build each assessment's own report for its plan)"
)


def report_contents(count: int, *, tr: Text = ENGLISH) -> str:
    """What the report of ``count`` picked assessments holds, in words: one assessment's report
    or, for several, the comparison, which has no action plan."""
    if count <= 1:
        return tr("The report of this assessment: {contents}.", contents=tr(REPORT_CONTENTS))
    return tr(
        "The comparison report of {count} assessments: {contents}.",
        count=count,
        contents=tr(COMPARISON_CONTENTS),
    )


def build_report(
    db: Db,
    framework: Framework,
    assessment_ids: list[str],
    file_format: str,
    progress: Progress = quiet,
    *,
    tr: Text = ENGLISH,
    region: str | None = None,
) -> bytes:
    """The report file: of one assessment, or a comparison of several; PDF or Word (``"docx"``);
    in ``tr``'s language, with ``framework``'s criterion texts (pass the translated framework).
    A comparison has a map and a summary of ``region``'s countries (UNICEF region code; None:
    every country)."""
    if not assessment_ids:
        raise UserError("Pick at least one assessment for the report.")
    if len(assessment_ids) == 1:
        document = assessment_report(db, framework, assessment_ids[0], progress, tr=tr)
    else:
        document = comparison_report(db, framework, assessment_ids, progress, tr=tr, region=region)
    progress(tr("Writing the Word file") if file_format == "docx" else tr("Writing the PDF file"))
    return WRITERS[file_format](document.printable(), tr=tr)


def comparison_report(
    db: Db,
    framework: Framework,
    assessment_ids: list[str],
    progress: Progress = quiet,
    *,
    tr: Text = ENGLISH,
    region: str | None = None,
) -> Document:
    """The comparison of 2 to :data:`MAX_COMPARED` assessments, in the order given, with the map
    and the summary of ``region``'s countries (None: every country)."""
    if len(assessment_ids) > MAX_COMPARED:
        raise UserError(
            "A comparison report holds at most {most} assessments ({count} picked): pick fewer.",
            most=MAX_COMPARED,
            count=len(assessment_ids),
        )
    progress(tr("Reading the assessments"))
    picked = [assessments.assessment(db, i) for i in assessment_ids]
    names = column_names(picked)
    summary = outcome_summary(db, framework, assessment_ids)
    answers = {i: assessments.current_answers(db, i) for i in assessment_ids}
    document = Document(
        tr("CPSS comparison report"),
        cover=[
            (tr("Assessments"), format_number(len(picked), tr)),
            (tr("Report made"), long_date(date.today(), tr)),
        ],
        language=report_language(tr),
    )
    document.add(*_compared(picked, names, summary, tr))
    progress(tr("Drawing the charts"))
    document.add(*_charts(db, framework, names, summary, tr))
    progress(tr("Comparing the subdomains and priorities"))
    document.add(*_side_by_side(framework, names, answers, tr))
    document.add(*_first_priorities(db, framework, key_names(picked, tr=tr), answers, tr))
    document.add(*comparison_section(db, framework, names, tr=tr))
    progress(tr("Drawing the map"))
    document.add(*region_section(db, framework, region, tr=tr))
    document.add(*method_section(framework, tr=tr))
    return document


def column_names(assessments: list[Assessment]) -> dict[str, str]:
    """Each assessment's name in the tables and charts by id: its letter (A, B, ...)."""
    return {a.id: letter for letter, a in zip(string.ascii_uppercase, assessments)}


def key_names(assessments: list[Assessment], *, tr: Text = ENGLISH) -> dict[str, str]:
    """What each letter stands for, by id: ``"A = Demoland (fictional country), Baseline 2023,
    May 2023"``, whole (never cut), for the headings."""
    letters = column_names(assessments)
    return {
        a.id: tr(
            "{letter} = {place}, {title}, {month}",
            letter=letters[a.id],
            place=a.details.place_in(tr),
            title=a.details.title,
            month=format_month(a.details.assessment_date, tr),
        )
        for a in assessments
    }


def _compared(
    assessments: list[Assessment], names: dict[str, str], summary: pd.DataFrame, tr: Text
):
    """The key: each assessment's letter with its place, title, date and status; then each one's
    outcome table under its whole name."""
    yield Heading(tr("Assessments compared"))
    yield Paragraph(tr("The letters name the assessments in the tables and charts of this report."))
    yield Table(
        (tr("Key"), tr("Place"), tr("Title"), tr("Date"), tr("Status")),
        tuple(
            (
                names[a.id],
                a.details.place_in(tr),
                a.details.title,
                long_date(a.details.assessment_date, tr),
                status_words(a, tr=tr),
            )
            for a in assessments
        ),
        (0.6, 2.0, 2.6, 1.2, 1.6),
    )
    keys = key_names(assessments, tr=tr)
    for a in assessments:
        yield Heading(keys[a.id], 2)
        yield outcome_table(summary[summary["assessment_id"] == a.id], tr)


def _charts(db: Db, framework: Framework, names: dict[str, str], summary: pd.DataFrame, tr: Text):
    """The radar with one line per assessment, and the heatmap with one column per assessment."""
    yield Heading(tr("Charts"))
    yield radar_image(
        framework,
        radar_values(summary, names),
        tr(
            "Average phase per intermediate outcome (rated subdomains only), one line per "
            "assessment."
        ),
        tr=tr,
    )
    yield heatmap_image(
        db,
        framework,
        {name: i for i, name in names.items()},
        tr("Every subdomain's answer, one column per assessment."),
        tr=tr,
    )


def _side_by_side(framework: Framework, names: dict[str, str], answers: dict[str, dict], tr: Text):
    """Every subdomain's answer, one column per assessment named by its letter."""
    yield Heading(tr("Subdomains side by side"))
    yield Table(
        (tr("Subdomain"), *names.values()),
        tuple(
            (
                sub.label,
                *(choice_words(framework, answers[i].get(sub.id), sub.id, tr=tr) for i in names),
            )
            for sub in framework.subdomains
        ),
        (3.0, *(1.3 for _ in names)),
    )
    yield Paragraph(
        tr(
            'Columns are named by the letters of the key, "{section}".',
            section=tr("Assessments compared"),
        ),
        small=True,
    )


def _first_priorities(
    db: Db, framework: Framework, keys: dict[str, str], answers: dict[str, dict], tr: Text
):
    """The first :data:`TOP_PRIORITIES` priorities of each assessment, in the users' order,
    under its whole name (``keys``)."""
    yield Heading(tr("First priorities of each assessment"))
    for i, name in keys.items():
        ranked, _dismissed = arrange(
            rank_priorities(framework, answers[i], tr=tr), plans.review(db, i)
        )
        yield Heading(name, 2)
        first = numbered(framework, ranked[:TOP_PRIORITIES]) or (tr(NO_PRIORITY),)
        yield Bullets(first, numbered=True)
