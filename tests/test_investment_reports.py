"""The investment section of the reports: the money per outcome (a table and a chart whose alt
text is its sentence), the value of investment since the previous assessment, and in the
comparison report each assessment's spending a year per outcome; in PDF and in Word."""

from cpss.db.demo import load_demo
from cpss.reports.comparison import build_report, comparison_report
from cpss.reports.content import assessment_report
from cpss.reports.document import Bullets, Heading, Image, Table
from tests.test_reports import docx_headings, pdf_text


def demo_with_money(db, framework) -> tuple[str, str]:
    """The demo's baseline (its plan has the demo's made-up money) and follow-up."""
    baseline, followup = load_demo(db, framework)  # in data/demo.yaml's order
    return baseline, followup


def blocks_after(document, title):
    """The blocks of the section named ``title``, up to the next section."""
    start = next(i for i, b in enumerate(document.blocks) if b == Heading(title))
    rest = document.blocks[start + 1 :]
    end = next((i for i, b in enumerate(rest) if isinstance(b, Heading) and b.level == 1), None)
    return rest[:end]


def test_the_report_has_the_money_and_the_value_of_investment(db, framework):
    _, followup = demo_with_money(db, framework)
    document = assessment_report(db, framework, followup)
    section = blocks_after(document, "Investment")
    tables = [b for b in section if isinstance(b, Table)]
    assert ("1. Legal and policy framework", "US$120,000.00", "US$110,550.50") in tables[0].rows
    image = next(b for b in section if isinstance(b, Image))
    assert image.alt_text.startswith("In all, US$256,450.50 is spent of a budget of US$309,000.00")
    value_table = next(t for t in tables if "Phase then" in t.headers)
    value_rows = {row[0][:3]: row for row in value_table.rows}
    assert value_rows["1.1"][1:5] == ("2", "3", "+1", "US$110,550.50")
    reading = next(b for b in section if isinstance(b, Bullets) and "moved back" in b.items[-1])
    assert reading.items[0].startswith("5 subdomains moved up and had money spent on them: 1.1 ")
    assert any("association, not cause" in getattr(b, "text", "") for b in section)


def test_pdf_and_word_carry_the_section_and_the_comparison_too(db, framework):
    baseline, followup = demo_with_money(db, framework)
    text = pdf_text(build_report(db, framework, [followup], "pdf"))
    assert "Budget and spent per outcome, in USD" in text
    assert "Investment" in docx_headings(build_report(db, framework, [followup], "docx"), 1)
    compared = comparison_report(db, framework, [baseline, followup])
    table = next(b for b in blocks_after(compared, "Investment") if isinstance(b, Table))
    spent = dict(zip((row[0] for row in table.rows), (row[1:] for row in table.rows)))
    # A's plan alone (the baseline, one year at least); B holds A's plan too, over 2.82 years
    assert spent["1. Legal and policy framework"] == ("US$110,550.50", "US$39,202.30")
