"""The Map page over 10,000 assessments against 10 (issue 19): a full AppTest render of the page,
the sizes interleaved, on databases filled as for the dashboard (bench/fill.py: about 190
countries, two thirds of the assessments final). The map draws at most one latest final
assessment per country, so its cost should not follow the number of assessments.

    python -m bench --only map
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.benchmarks import Figure
from bench.dashboard_scale import create, quiet_bare_mode
from bench.render import app_connections, page_run
from bench.timing import interleaved_ms
from cpss.model.framework_file import load_framework

PAGE, TITLE = "app_pages/map.py", "Map"


def map_render(sizes: tuple[int, int], repeats: int, progress) -> list[Figure]:
    """The Map page's server render (AppTest) with ``sizes[1]`` assessments against ``sizes[0]``."""
    quiet_bare_mode()
    framework = load_framework()
    small, large = sizes
    with tempfile.TemporaryDirectory(prefix="cpss-speed-map-") as name:
        dbs = [create(Path(name), framework, size) for size in sizes]
        progress(f"map, server side: {repeats} AppTest renders per size, interleaved")
        with app_connections():
            runs = {db.size: page_run(db.path, PAGE, TITLE, db.known.followup_id) for db in dbs}
            ms = interleaved_ms(runs, repeats)
    return [
        Figure(
            "9 map at scale",
            f"server render (AppTest), {large:,} vs {small:,} assessments",
            ms[large],
            ms[small],
            "ms",
            1.2,
        )
    ]
