"""How long the PDF report of one assessment takes, against rendering its two charts alone.

Prints medians of several runs and their ratio (absolute times are noise on shared machines).
Run: .venv/bin/python bench/report_speed.py [runs]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import interleaved_ms
from cpss.db.core import connect
from cpss.db.dashboard import outcome_summary, previous_assessment
from cpss.db.demo import load_demo
from cpss.model.framework_file import load_framework
from cpss.reports.comparison import build_report
from cpss.reports.content import _charts


def measure(runs: int = 5) -> tuple[float, float, float]:
    """Median seconds of (the two charts alone, the PDF report, the Word report) of the demo's
    follow-up assessment, on an in-memory database."""
    framework = load_framework()
    db = connect(":memory:").db()
    assessment_id = load_demo(db, framework)[-1]  # the follow-up: it has a previous assessment
    previous_id = previous_assessment(db, assessment_id)

    def charts_only():
        # Exactly the report's charts section (radar and heatmap of this assessment and the
        # previous one, from the same summary query): the report's own code, nothing else.
        summary = outcome_summary(db, framework, [assessment_id, previous_id])
        list(_charts(db, framework, assessment_id, previous_id, summary))

    # After a warm-up round (vl-convert's first call starts its engine, about 1 s), interleaved
    # (one of each per round), so that a busy moment slows all three alike.
    ms = interleaved_ms(
        {
            "charts": charts_only,
            "pdf": lambda: build_report(db, framework, [assessment_id], "pdf"),
            "docx": lambda: build_report(db, framework, [assessment_id], "docx"),
        },
        runs,
    )
    charts, pdf, word = (ms[name] / 1000 for name in ("charts", "pdf", "docx"))
    return charts, pdf, word


def pdf_only(runs: int) -> None:
    """Build the demo follow-up's PDF report ``runs`` times after one warm-up (for a profiler)."""
    framework = load_framework()
    db = connect(":memory:").db()
    assessment_id = load_demo(db, framework)[-1]
    for _ in range(runs + 1):
        build_report(db, framework, [assessment_id], "pdf")


def main(runs: int = 5) -> None:
    """Measure and print the medians and ratios."""
    charts, pdf, word = measure(runs)
    print(f"runs: {runs} (medians)")
    print(f"charts alone (radar + heatmap):  {charts:.2f} s")
    print(f"PDF report of one assessment:    {pdf:.2f} s  = {pdf / charts:.1f} x the charts alone")
    print(
        f"Word report of one assessment:   {word:.2f} s  = {word / charts:.1f} x the charts alone"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
