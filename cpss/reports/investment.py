"""The investment section of the reports: budget and spent per outcome (a table and a chart per
currency, the chart's alt text its sentence), the share to the top priorities and the value of
investment since the previous assessment."""

from __future__ import annotations

import pandas as pd

from cpss.db import investment_view
from cpss.db.core import Db
from cpss.i18n import ENGLISH, Text
from cpss.model.framework import Framework
from cpss.present import investment as inv
from cpss.present import investment_value as value
from cpss.present.investment_charts import money_chart, value_chart
from cpss.present.investment_compare import Place, compare_table, years_note, years_spanned
from cpss.present.investment_summary import (
    money_summary,
    money_table,
    share_sentences,
    value_rows,
    value_summary,
)
from cpss.reports.document import Bullets, Heading, Image, Paragraph, Table
from cpss.reports.images import chart_png


def _table(frame: pd.DataFrame) -> Table:
    """A reader's table (already in words) as a report table."""
    return Table(
        tuple(str(c) for c in frame.columns),
        tuple(tuple(str(v) for v in row) for row in frame.itertuples(index=False)),
    )


def investment_section(
    db: Db,
    framework: Framework,
    assessment_id: str,
    previous_id: str | None,
    top: list[str],
    *,
    tr: Text = ENGLISH,
):
    """The section's blocks; a line saying nothing is recorded when the plans have no money."""
    yield Heading(tr("Investment"))
    rows = investment_view.plan_money(db, assessment_id)
    if rows.empty:
        yield Paragraph(
            tr("No budget or spending is recorded on this plan or the plans before it.")
        )
        return
    yield Paragraph(
        tr(
            "Budget and spending recorded on this assessment's plan and on the plans of the same "
            "place before it, per currency."
        )
    )
    totals = inv.totals(framework, rows, inv.OUTCOME, tr)
    for currency in sorted(set(totals["currency"])):
        yield from _money_blocks(totals[totals["currency"] == currency], currency, tr)
    if top:
        yield Bullets(tuple(share_sentences(inv.share_to_top(rows, top), len(top), tr=tr)))
    if previous_id:
        yield from _value_blocks(db, framework, previous_id, assessment_id, tr)


def _money_blocks(totals: pd.DataFrame, currency: str, tr: Text):
    """One currency's table and chart."""
    yield Heading(tr("Budget and spent per outcome, in {currency}", currency=currency), 2)
    yield _table(money_table(totals, inv.OUTCOME, tr=tr))
    yield Image(
        chart_png(money_chart(totals, currency, tr=tr)),
        tr(
            "Budget (outlined bar) and spent (solid bar) per outcome, in {currency}.",
            currency=currency,
        ),
        money_summary(totals, currency, tr=tr),
    )


def _value_blocks(db: Db, framework: Framework, earlier: str, later: str, tr: Text):
    """Phase then and now against the money spent in between (the first currency spent in)."""
    pair = investment_view.between(db, framework, earlier, later)
    spent = value.spent_between(pair.money, pair.since, pair.until)
    currency = min(set(spent["currency"]), default=None) if not spent.empty else None
    table = value.value_table(framework, pair.then, pair.now, spent, currency)
    yield Heading(tr("Value of investment since the previous assessment"), 2)
    yield _table(value_rows(table, currency, tr=tr))
    yield Image(
        chart_png(value_chart(table, tr=tr)),
        tr(
            "Phase change against money spent in between; each point is labelled with its subdomain."
        ),
        value_summary(table, tr=tr),
    )
    yield Bullets(tuple(value.reading(table, tr=tr)))
    yield Paragraph(tr(value.NOT_CAUSE))


def comparison_section(db: Db, framework: Framework, names: dict[str, str], *, tr: Text = ENGLISH):
    """The comparison report's investment: per outcome, each assessment's spending a year (its
    plan and the plans of its place before it, over the years those assessments span)."""
    places = []
    for assessment_id, name in names.items():
        money, days = investment_view.plan_span(db, assessment_id)
        places.append(Place(name, money, years_spanned(days), {}))
    yield Heading(tr("Investment"))
    if all(p.money.empty for p in places):
        yield Paragraph(tr("No spending is recorded on the plans of these assessments."))
        return
    yield Paragraph(
        tr(
            "Spending a year per outcome: the money spent on each assessment's plan and the plans "
            "of its place before it, divided by the years those assessments span (at least "
            "one): {years}.",
            years=years_note(places, tr=tr),
        )
    )
    yield _table(compare_table(framework, places, phases=False, tr=tr))
