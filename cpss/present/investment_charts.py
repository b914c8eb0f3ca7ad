"""The investment charts: budget against spent per group (one currency a chart), and the value of
investment scatter of phase change against spend, each point labelled with its subdomain.

Neither relies on colour: the budget is an outlined bar and the spending a solid one inside it,
each with its amount written beside it; the scatter's points carry their subdomain's number.
Amounts are Decimals until here, turned into floats only to be drawn.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cpss.i18n import ENGLISH, Text, format_number
from cpss.present.charts import KEY_COLOUR, NARROW_WIDTH, fixed_size
from cpss.present.investment import BUDGET, SPENT, format_money

WIDE_WIDTH = 640
# The wide money chart's whole width as drawn: the subdomain names left of the plot and the
# amounts written right of the bars ("US$110,550.50 of US$120,000.00") reach past its plot.
MONEY_CHART_WIDTH = WIDE_WIDTH + 220
BAR_STEP = 34  # px per group: the budget bar, the spent bar inside it, and room to breathe
SPENT_COLOUR = "#1f5f99"
LABEL_LIMIT = 260  # px of a group's name before the axis cuts it (the table has it in full)


def money_chart(
    totals: pd.DataFrame, currency: str, *, narrow: bool = False, tr: Text = ENGLISH
) -> alt.LayerChart:
    """Budget (outlined) and spent (solid) per group of :func:`cpss.present.investment.totals`
    rows in ``currency``, with the amounts written at the bars' ends."""
    mine = totals[totals["currency"] == currency]
    data = pd.DataFrame(
        {
            "label": mine["label"],
            BUDGET: [float(v) for v in mine[BUDGET]],
            SPENT: [float(v) for v in mine[SPENT]],
            "words": [
                tr(
                    "{spent} of {budget}",
                    spent=format_money(s, currency, tr),
                    budget=format_money(b, currency, tr),
                )
                for s, b in zip(mine[SPENT], mine[BUDGET])
            ],
        }
    )
    data["end"] = data[[BUDGET, SPENT]].max(axis=1)
    y = alt.Y(
        "label:N",
        sort=None,
        title=None,
        axis=alt.Axis(labelLimit=LABEL_LIMIT // (2 if narrow else 1)),
    )
    x_title = tr("Amount ({currency})", currency=currency)
    base = alt.Chart(data)
    budget = base.mark_bar(aria=False, fill="white", stroke=KEY_COLOUR, strokeWidth=1.5).encode(
        x=alt.X(f"{BUDGET}:Q", title=x_title), y=y
    )
    spent = base.mark_bar(aria=False, color=SPENT_COLOUR, height=BAR_STEP // 3).encode(
        x=f"{SPENT}:Q", y=y
    )
    words = base.mark_text(aria=False, align="left", dx=4, color=KEY_COLOUR).encode(
        x="end:Q", y=y, text="words:N"
    )
    width = NARROW_WIDTH if narrow else WIDE_WIDTH
    height = max(BAR_STEP * len(data), BAR_STEP)
    return fixed_size(
        alt.LayerChart(layer=[budget, spent, words], width=width - 160, height=height)
    )


def value_chart(table: pd.DataFrame, *, narrow: bool = False, tr: Text = ENGLISH) -> alt.LayerChart:
    """Phase change (up, down) against money spent, one labelled point per subdomain rated with a
    phase in both assessments (:func:`cpss.present.investment_value.value_table` rows)."""
    shown = table[table["change"].notna()]
    data = pd.DataFrame(
        {
            "id": shown["subdomain_id"],
            "subdomain": shown["subdomain"],
            "spent": [float(v) for v in shown["spent"]],
            "change": [int(v) for v in shown["change"]],
        }
    )
    x = alt.X("spent:Q", title=tr("Money spent in between"))
    y = alt.Y(
        "change:Q",
        title=tr("Phase change"),
        axis=alt.Axis(tickMinStep=1, format="d"),
    )
    base = alt.Chart(data).encode(x=x, y=y, tooltip=["subdomain:N"])
    points = base.mark_point(aria=False, filled=True, size=60, color=SPENT_COLOUR)
    labels = base.mark_text(aria=False, align="left", dx=6, dy=-6, color=KEY_COLOUR).encode(
        text="id:N"
    )
    zero = (
        alt.Chart(pd.DataFrame({"change": [0]}))
        .mark_rule(aria=False, color=KEY_COLOUR, strokeDash=[4, 4])
        .encode(y="change:Q")
    )
    width = NARROW_WIDTH if narrow else WIDE_WIDTH
    return fixed_size(alt.LayerChart(layer=[zero, points, labels], width=width - 60, height=320))


def signed_phases(change: int, tr: Text = ENGLISH) -> str:
    """A phase change as a table shows it: "+1", "−2", "0"."""
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return sign + format_number(abs(change), tr)
