"""The report's list of evidence documents: per subdomain, each document's title, type and the
date it was attached (the files themselves travel in the export's zip, not in the report)."""

from __future__ import annotations

from collections.abc import Iterator

from cpss.i18n import ENGLISH, Text
from cpss.model.documents import Document, type_text
from cpss.model.framework import Framework
from cpss.reports.document import Heading, Paragraph, Table
from cpss.reports.sections import long_date

DOCUMENT_WIDTHS = (5.0, 2.5, 2.5)


def documents_section(
    framework: Framework, listed: list[Document], *, tr: Text = ENGLISH
) -> Iterator[Heading | Paragraph | Table]:
    """A heading, then each subdomain that has documents (in the framework's order) with a table
    of them; a sentence when there is none."""
    yield Heading(tr("Evidence documents"))
    if not listed:
        yield Paragraph(tr("No document is attached to this assessment."))
        return
    headers = (tr("Title"), tr("Type"), tr("Attached on"))
    for sub in framework.subdomains:
        rows = tuple(
            (d.title, type_text(d.mime_type, tr), long_date(d.recorded_at.date(), tr))
            for d in listed
            if d.subdomain_id == sub.id
        )
        if rows:
            yield Heading(sub.label, 2)
            yield Table(headers, rows, DOCUMENT_WIDTHS)
