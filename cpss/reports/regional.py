"""The comparison report's section on a region (or on every country): the map of the latest final
national assessments with the UN disclaimer, and the regional summary (countries at each phase per
outcome, the outcomes lagging across them). The same figures as the Map page.
"""

from __future__ import annotations

from cpss.db.core import Db
from cpss.db.world_map import finals_in
from cpss.i18n import ENGLISH, Text
from cpss.model.framework import Framework
from cpss.model.regions import countries_of, region_name
from cpss.present import map_data, regional
from cpss.present.chart_summary import map_summary
from cpss.present.world_map import DISCLAIMER, world_map_chart
from cpss.reports.document import Heading, Image, Paragraph, Table
from cpss.reports.images import chart_png


def region_section(db: Db, framework: Framework, region: str | None, *, tr: Text = ENGLISH):
    """The section's blocks: heading, map, disclaimer, lagging outcomes and the summary table."""
    where = region_name(region, tr) if region else tr("Every region")
    yield Heading(tr("Across the countries: {region}", region=where))
    finals, cells = finals_in(db, framework, countries_of(region) if region else None)
    placed = map_data.place_phases(framework, finals, cells, map_data.Scope())
    frame = map_data.map_frame(framework, placed, region, tr)
    yield Image(
        chart_png(world_map_chart(framework, frame, whole_world=region is None, tr=tr)),
        tr("Overall phase of each country's latest final national assessment."),
        map_summary(framework, frame, tr=tr),
    )
    yield Paragraph(tr(DISCLAIMER), small=True)
    summary = regional.regional_summary(framework, finals, cells)
    yield Paragraph(regional.lagging_sentence(summary, len(finals), tr))
    table = regional.summary_table(framework, summary, tr)
    yield Table(
        tuple(table.columns),
        tuple(tuple(str(v) for v in row) for row in table.itertuples(index=False)),
        (3.0, *(1.1 for _ in table.columns[1:])),
    )
