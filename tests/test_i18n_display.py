"""The dashboard's words in another language (issue 17): charts, their summaries and tables, the
answer labels and the priorities' reasons take a ``tr``; the data keys behind them do not change.

A made-up language marks every translated message «thus», so that a test sees which words went
through the catalogue and that their placeholders were still filled."""

from __future__ import annotations

import gettext

import pandas as pd

from cpss.i18n import Text
from cpss.model.answers import DONT_KNOW, Answer
from cpss.model.priorities import method, rank_priorities
from cpss.model.scoring import choice_label
from cpss.present.chart_data import CURRENT, TARGET, heatmap_table, radar_table
from cpss.present.chart_summary import heatmap_summary, radar_summary
from cpss.present.heatmap import heatmap_chart
from cpss.present.radar import LINE_STYLES, radar_chart


class Marked(gettext.NullTranslations):
    """Every message «marked», placeholders kept."""

    def gettext(self, message):
        return f"«{message}»"

    def ngettext(self, singular, plural, n):
        return f"«{singular if n == 1 else plural}»"


MARKED = Text("xx", Marked())


def values(framework) -> pd.DataFrame:
    """Current and target lines; the first outcome unrated."""
    rows = []
    for name, value in ((CURRENT, 2.0), (TARGET, 3.0)):
        for i, outcome in enumerate(framework.outcomes):
            rows.append(
                {"series": name, "outcome_id": outcome.id, "value": None if i == 0 else value}
            )
    return pd.DataFrame(rows)


def cells(framework) -> pd.DataFrame:
    subs = framework.subdomains
    return pd.DataFrame(
        [
            {"subdomain_id": subs[0].id, "column": CURRENT, "choice": DONT_KNOW},
            {"subdomain_id": subs[1].id, "column": CURRENT, "choice": "2"},
        ]
    ).assign(low_confidence=False, drafted=False)


def test_the_radar_table_and_summary_are_in_the_readers_words(framework):
    table = radar_table(framework, values(framework), tr=MARKED)
    assert list(table.columns) == ["«Intermediate outcome»", "«Current»", "«Target»"]
    assert table.iloc[0, 1] == "«Unrated»"
    summary = radar_summary(framework, values(framework), tr=MARKED)
    assert summary.startswith("««Current»: the highest average phase is 2.0, for ")
    assert "«{count} outcomes unrated»" not in summary  # the placeholders are filled


def test_the_radar_legend_shows_translated_names_in_the_dashboards_own_styles(framework):
    spec = radar_chart(framework, values(framework), tr=MARKED).to_dict()
    lines = next(
        layer
        for layer in spec["layer"]
        if layer.get("mark", {}).get("type") == "line" and "strokeDash" in layer.get("encoding", {})
    )
    colour = lines["encoding"]["color"]["scale"]
    assert colour["domain"] == ["«Current»", "«Target»"]
    assert colour["range"] == [LINE_STYLES[0][0], LINE_STYLES[1][0]]
    assert "«Rings, from the centre: " in str(spec)
    assert "«(unrated)»" in str(spec)


def test_the_heatmap_its_summary_and_table_are_in_the_readers_words(framework):
    grid = cells(framework)
    spec = str(heatmap_chart(framework, grid, [CURRENT], tr=MARKED).to_dict())
    assert "«Answer»" in spec and "«Don't know»" in spec and "«Current»" in spec
    assert "'Don\\'t know'" not in spec and "'Current'" not in spec
    table = heatmap_table(framework, grid, [CURRENT], tr=MARKED)
    assert list(table.columns) == ["«Intermediate outcome»", "«Subdomain»", "«Current»"]
    assert table.iloc[0, 2] == "«Don't know»" and table.iloc[2, 2] == "«Not answered»"
    assert heatmap_summary(framework, grid, [CURRENT], tr=MARKED).startswith(
        "««Current»: most subdomains are at "
    )


def test_answer_labels_and_priority_reasons_are_in_the_readers_words(framework):
    assert choice_label(framework, None, tr=MARKED) == "«Not answered»"
    assert choice_label(framework, DONT_KNOW, tr=MARKED) == "«Don't know»"
    first = framework.subdomains[0].id
    (priority,) = rank_priorities(framework, {first: Answer(status=DONT_KNOW)}, tr=MARKED)
    assert priority.reasons[0].startswith("«Evidence is missing")
    assert priority.milestone_text.startswith("«Gather the evidence")
    assert method(tr=MARKED).startswith("«Each answered subdomain earns points")
    assert "{gap}" not in method(tr=MARKED)
