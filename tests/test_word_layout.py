"""The Word report as an office opens it: converted to PDF by LibreOffice, its tables break lines
between words, never inside one, and a long action stays a readable number of lines."""

from __future__ import annotations

import io
import shutil
import subprocess
from itertools import pairwise

import pytest
from pypdf import PdfReader

from cpss.db import plans
from cpss.model.plans import ActionItem
from cpss.reports.content import assessment_report
from cpss.reports.document import Table
from cpss.reports.word import document_docx
from tests.exchange_support import rich_assessment

# 62 words of one action, each word marked so that its lines can be counted in the text
LONG_ACTION = " ".join(f"Train{n:02d}" for n in range(62))


def libreoffice_pdf(docx: bytes, folder, export: str = "pdf") -> bytes:
    """The .docx converted to PDF by LibreOffice, with its own profile (tests may run at once);
    ``export`` is the conversion's filter, with its options when some are given."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: run sh tools/ensure_test_programs.sh")
    (folder / "report.docx").write_bytes(docx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            export,
            str(folder / "report.docx"),
            "--outdir",
            str(folder),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "report.pdf").read_bytes()


def table_words(document) -> set[str]:
    """Every word of every table of the document, headers and cells."""
    tables = [b for b in document.blocks if isinstance(b, Table)]
    cells = [text for t in tables for text in (*t.headers, *(c for row in t.rows for c in row))]
    return {word for text in cells for word in text.split()}


@pytest.fixture
def converted(db, framework, tmp_path):
    """The report of a rich assessment with a long action, its table words, and the lines of its
    Word file as LibreOffice prints it."""
    assessment_id = rich_assessment(db, framework)
    plans.add_item(db, assessment_id, ActionItem(LONG_ACTION, "Ministry"), "Jean")
    document = assessment_report(db, framework, assessment_id).printable()
    text = "\n".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(libreoffice_pdf(document_docx(document), tmp_path))).pages
    )
    return document, table_words(document), [line.split() for line in text.splitlines()]


def test_no_table_word_is_broken_in_two(converted):
    document, words, lines = converted
    tokens = {token for line in lines for token in line}
    headers = {
        w for b in document.blocks if isinstance(b, Table) for h in b.headers for w in h.split()
    }
    assert headers <= tokens, sorted(headers - tokens)  # e.g. "applicable", not "applicabl" "e"
    outcomes = {
        w for o in document.blocks if isinstance(o, Table) for row in o.rows for w in row[0].split()
    }
    assert outcomes & words <= tokens, sorted(outcomes - tokens)
    broken = [
        (end[-1], start[0])
        for end, start in pairwise(lines)
        if end and start and end[-1] + start[0] in words and end[-1] not in words
    ]
    assert not broken, broken  # ("Intermediat", "e")


def test_a_long_action_keeps_its_column_wide(converted):
    _, _, lines = converted
    action_lines = [line for line in lines if any(t.startswith("Train") for t in line)]
    # measured: 21 lines at the action's share of the page (a third), 31 with equal columns
    assert len(action_lines) <= 24, len(action_lines)
