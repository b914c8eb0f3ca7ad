"""The printable offline worksheet (PDF): one page per subdomain with its four phase texts side by
side, boxes to tick for the phase, target and confidence, and lines for evidence and rationale.
Prefilled with an assessment, the boxes of its answers are ticked and its texts printed. Its title,
language and outline (the cover, each outcome and its subdomains) are set for screen readers."""

from __future__ import annotations

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.answers import (
    CONFIDENCE_LEVELS,
    CONFIDENCE_WORDS,
    DONT_KNOW,
    NOT_APPLICABLE,
    STATUS_LABELS,
    Answer,
)
from cpss.model.assessments import Assessment
from cpss.model.framework import Framework, Subdomain
from cpss.model.scoring import DRAFTED_MARK
from cpss.reports.document import FONT_NAME, report_language
from cpss.reports.pdf import ReportPDF, needs_shaping
from cpss.reports.sections import long_date

BOX, TICKED = "☐", "☒"
COVER_TITLE = N_("CPSS self-assessment: offline worksheet")  # translated where shown
WRITING_LINES = 4


def worksheet_pdf(
    framework: Framework,
    assessment: Assessment | None = None,
    answers: dict[str, Answer] | None = None,
    *,
    tr: Text = ENGLISH,
) -> bytes:
    """The worksheet to print: a cover with the details to fill in, then every subdomain, its
    boxes ticked and texts printed as ``answers`` give them (prefilled); in ``tr``'s language,
    with ``framework``'s criterion texts (pass the translated framework)."""
    pdf = ReportPDF(
        tr("CPSS offline worksheet"), report_language(tr), orientation="landscape", tr=tr
    )
    _cover(pdf, framework, assessment)
    for sub in framework.subdomains:
        _subdomain_page(pdf, framework, sub, (answers or {}).get(sub.id, Answer()))
    return bytes(pdf.output())


def _cover(pdf: ReportPDF, framework: Framework, assessment: Assessment | None) -> None:
    tr = pdf.tr
    pdf.add_page()
    pdf.bookmark(tr(COVER_TITLE), 0)
    pdf.text_block(tr(COVER_TITLE), size=20, bold=True, height=10)
    pdf.text_block(
        tr(
            "{name} (framework version {version})",
            name=framework.name,
            version=framework.version,
        ),
        size=10,
    )
    pdf.ln(6)
    d = assessment.details if assessment else None
    known = [
        (tr("Country"), d.country_in(tr) if d else ""),
        (tr("Sub-national unit"), d.unit if d else ""),
        (tr("Title"), d.title if d else ""),
        (tr("Date"), long_date(d.assessment_date, tr) if d else ""),
        (tr("Assessor(s)"), d.assessor if d else ""),
    ]
    for label, value in known:
        pdf.set_text_shaping(needs_shaping(label, value))
        pdf.set_font(FONT_NAME, "B", 11)
        pdf.cell(45, 10, label)
        pdf.set_font(FONT_NAME, "", 11)
        pdf.cell(0, 10, value or "_" * 70, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_shaping(False)
    pdf.ln(6)
    pdf.text_block(
        tr(
            "For each subdomain, read the four phase texts, tick the phase that fits best (or "
            '"don\'t know" when there is not enough evidence, or "not applicable" with the reason '
            "in the rationale), the target phase and your confidence, and note the evidence and "
            "rationale. The descriptions are indicative, not a checklist: pick the best fit. Then "
            "enter the answers in the app, or in the Excel worksheet and import it on the "
            '"Reports & data" page.'
        )
    )
    pdf.ln(3)
    pdf.text_block(f"{DRAFTED_MARK} {framework.drafted_note}", size=8.5)


def _box(ticked: bool) -> str:
    return TICKED if ticked else BOX


def _subdomain_page(pdf: ReportPDF, framework: Framework, sub: Subdomain, answer: Answer) -> None:
    tr = pdf.tr
    pdf.add_page()
    outcome = framework.outcome(sub.outcome_id)
    if outcome.subdomains[0].id == sub.id:  # the outline groups the subdomains under their outcome
        pdf.bookmark(outcome.label, 0)
    pdf.bookmark(sub.label, 1)
    pdf.text_block(outcome.label, size=9)
    pdf.text_block(sub.label, size=13, bold=True, height=7)
    pdf.ln(2)
    _phase_table(pdf, framework, sub, answer)
    pdf.ln(2)
    pdf.set_font(FONT_NAME, size=10)
    for label, boxes in _tick_rows(framework, answer, tr):
        pdf.set_text_shaping(needs_shaping(label, boxes))
        pdf.set_font(FONT_NAME, "B", 10)
        pdf.cell(35, 7, label)
        pdf.set_font(FONT_NAME, "", 10)
        pdf.cell(0, 7, boxes, new_x="LMARGIN", new_y="NEXT")
    for label, text in ((tr("Evidence"), answer.evidence), (tr("Rationale"), answer.rationale)):
        _lines(pdf, label, text)


def _phase_table(pdf: ReportPDF, framework: Framework, sub: Subdomain, answer: Answer) -> None:
    """The four phases side by side: a box to tick with the phase's name, its criterion text."""
    drafted = pdf.tr("drafted text, not UNICEF's")
    criteria = [sub.criteria[p.number] for p in framework.phases]
    pdf.set_text_shaping(needs_shaping(*criteria, *(p.label for p in framework.phases)))
    pdf.set_font(FONT_NAME, size=8)
    with pdf.table(line_height=3.8, text_align="LEFT", padding=1.5) as table:
        heads = table.row()
        for phase in framework.phases:
            heads.cell(f"{_box(answer.rated_phase == phase.number)} {phase.label}")
        texts = table.row()
        for phase in framework.phases:
            mark = f" {DRAFTED_MARK} {drafted}" if sub.is_drafted(phase.number) else ""
            texts.cell(sub.criteria[phase.number] + mark)


def _tick_rows(framework: Framework, answer: Answer, tr: Text) -> list[tuple[str, str]]:
    """The current phase's statuses, the target and the confidence: a label and its boxes."""
    statuses = "    ".join(
        f"{_box(answer.status == s)} {tr(STATUS_LABELS[s])}" for s in (DONT_KNOW, NOT_APPLICABLE)
    )
    targets = (f"{_box(answer.target == p.number)} {p.label}" for p in framework.phases)
    levels = (
        f"{_box(answer.confidence == c)} {tr(CONFIDENCE_WORDS[c])}" for c in CONFIDENCE_LEVELS
    )
    return [
        (tr("Current phase"), tr("(tick above)    or    {statuses}", statuses=statuses)),
        (tr("Target phase"), "    ".join(targets)),
        (tr("Confidence"), "    ".join(levels)),
    ]


def _lines(pdf: ReportPDF, label: str, text: str) -> None:
    """A label, the prefilled text if any, and ruled lines to write on, kept on this page."""
    pdf.set_text_shaping(needs_shaping(label))
    pdf.set_font(FONT_NAME, "B", 10)
    pdf.cell(0, 7, label, new_x="LMARGIN", new_y="NEXT")
    if text:
        pdf.text_block(text, size=9)
    right = pdf.w - pdf.r_margin
    for _ in range(WRITING_LINES):
        if pdf.get_y() + 7 > pdf.page_break_trigger:
            return  # a very long phase text leaves fewer lines rather than a second page
        pdf.ln(6.5)
        pdf.line(pdf.l_margin, pdf.get_y(), right, pdf.get_y())
