"""The first page a user sees is drawn without the heavy libraries only other pages need.

Importing pandas (and with it NumPy and PyArrow) took a third of a second, a third of the app's own
part of a cold start (bench/RESULTS.md); the home page lists assessments from plain rows.
``PYTHONPROFILEIMPORTTIME`` makes the server log every module it imports.
"""

from playwright.sync_api import expect

from tests.browser_support import ROOT, serve, wait_for_app

HEAVY = (
    "pandas",
    "numpy",
    "pyarrow",
    "altair",
    "fpdf",
    "openpyxl",
    "docx",
    "vl_convert",
    "psycopg",
)


def imported(log: str) -> set[str]:
    """Top-level modules named in a ``-X importtime`` log."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in log.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_home_page_is_drawn_without_pandas_or_the_report_libraries(browser, tmp_path):
    log_path = tmp_path / "server.log"
    with serve(
        ROOT / "app.py", tmp_path / "db.duckdb", log_path, env={"PYTHONPROFILEIMPORTTIME": "1"}
    ) as url:
        tab = browser.new_page()
        tab.goto(url)
        wait_for_app(tab)
        expect(tab.get_by_text("None yet. Start one, or load the demo")).to_be_visible()
        tab.close()
        modules = imported(log_path.read_text())
    assert "cpss.db.listing" in modules  # the log holds the home page's imports
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))
