"""The framework as an Excel template: one row per subdomain, one column per phase.

An administrator downloads the template of a framework (the bundled one or any published one),
changes texts in Excel or LibreOffice and uploads it again; :mod:`cpss.model.framework_excel_read`
turns it back into the framework file (YAML) with messages that name the sheet and the cell.

The layout is a file format, so its headings are the same in every language (like YAML keys):
the sheet ``Subdomains`` has the columns of :data:`FIXED_HEADERS` then the four phases, headed by
their names; the sheet ``Framework`` has one ``Field``/``Value`` row per field of
:data:`FIELDS` (``reading rule`` once per rule).
"""

from __future__ import annotations

import dataclasses

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cpss.model.framework import PHASE_NUMBERS, Framework, Subdomain
from cpss.model.ranking import Ranking
from cpss.model.workbooks import workbook_bytes

SUBDOMAINS_SHEET = "Subdomains"
FRAMEWORK_SHEET = "Framework"
FIXED_HEADERS = (
    "Outcome id",
    "Outcome title",
    "Subdomain id",
    "Title",
    "Replaces",
    "Drafted phases",
)
FIELD_HEADERS = ("Field", "Value")
READING_RULE = "reading rule"
# The ranking's values (cpss/model/ranking.py), one field each: "ranking gap_weight".
RANKING = "ranking "
RANKING_NAMES = tuple(f.name for f in dataclasses.fields(Ranking))
# Field name -> required; "reading rule" may come any number of times.
FIELDS = {
    "key": False,
    "name": True,
    "version": True,
    "source": True,
    "language": True,
    "drafted note": False,
    "purposes": False,
    READING_RULE: False,
    **{RANKING + name: False for name in RANKING_NAMES},
}
_WIDTHS = {"A": 10, "B": 28, "C": 12, "D": 36, "E": 12, "F": 10}
_PHASE_WIDTH = 48


def template_bytes(framework: Framework) -> bytes:
    """The Excel template (.xlsx) holding ``framework``: reading it back gives the same framework."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the default sheet; ours are named
    subdomains = book.create_sheet(SUBDOMAINS_SHEET)
    subdomains.append([*FIXED_HEADERS, *(p.name for p in framework.phases)])
    for subdomain in framework.subdomains:
        subdomains.append(_subdomain_row(framework, subdomain))
    _layout(subdomains)
    fields = book.create_sheet(FRAMEWORK_SHEET)
    fields.append(list(FIELD_HEADERS))
    for row in field_rows(framework):
        fields.append(list(row))
    fields.column_dimensions["A"].width = 14
    fields.column_dimensions["B"].width = 100
    return workbook_bytes(book)


def _subdomain_row(framework: Framework, subdomain: Subdomain) -> list[str]:
    return [
        subdomain.outcome_id,
        framework.outcome(subdomain.outcome_id).title,
        subdomain.id,
        subdomain.title,
        ", ".join(subdomain.replaces),
        ", ".join(str(n) for n in sorted(subdomain.drafted_phases)),
        *(subdomain.criteria[n] for n in PHASE_NUMBERS),
    ]


def field_rows(framework: Framework) -> list[tuple[str, str | float]]:
    """The ``Framework`` sheet's rows: field name and value, optional fields only when set."""
    rows = [
        ("key", framework.key),
        ("name", framework.name),
        ("version", framework.version),
        ("source", framework.source),
        ("language", framework.language),
        ("drafted note", framework.drafted_note),
        ("purposes", framework.purposes),
    ]
    rules = [(READING_RULE, rule) for rule in framework.reading_rules]
    return [(field, value) for field, value in rows if value] + rules + ranking_rows(framework)


def ranking_rows(framework: Framework) -> list[tuple[str, str | float]]:
    """The ranking's rows: its foundation outcomes (ids separated by commas) and each weight."""
    ranking = framework.ranking
    return [
        (
            RANKING + name,
            ", ".join(ranking.foundation_outcomes)
            if name == "foundation_outcomes"
            else getattr(ranking, name),
        )
        for name in RANKING_NAMES
    ]


def _layout(sheet) -> None:
    """Bold headings that stay in view, wrapped texts, columns wide enough to read."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "E2"
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    for letter in "GHIJ":
        sheet.column_dimensions[letter].width = _PHASE_WIDTH
