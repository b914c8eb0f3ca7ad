"""The Reports & data page through app.py (AppTest): reports built with their steps, downloads.

AppTest cannot upload a file: the import is driven in the browser test.
"""

from datetime import date

from cpss.db import assessments
from cpss.model.assessments import AssessmentDetails
from cpss.reports.comparison import report_contents


def open_page(app):
    app.button(key="load_demo").click().run()
    app.switch_page("app_pages/exchange.py").run()
    assert not app.exception and not app.error
    return app


def test_building_a_report_shows_its_steps_then_the_download(app):
    open_page(app)
    assert len(app.multiselect(key="exchange_pick").value) == 1
    # before a report is built only the offline worksheets are offered for download
    assert [b.key for b in app.get("download_button")] == ["worksheet_pdf", "worksheet_xlsx"]
    app.button(key="build_pdf").click().run()
    assert not app.exception and not app.error
    steps = [m.value for m in app.markdown]
    assert {"Reading the assessment", "Drawing the charts", "Writing the PDF file"} <= set(steps)
    assert "download_pdf" in [b.key for b in app.get("download_button")]


def test_two_picked_give_a_comparison_report(app):
    open_page(app)
    from ui.resources import db

    app.multiselect(key="exchange_pick").set_value(list(assessments.list_all(db())["id"])).run()
    assert app.caption[0].value == report_contents(2)
    assert "no action plan" in app.caption[0].value  # the comparison has none
    app.button(key="build_docx").click().run()
    assert not app.exception and not app.error
    assert "Reading the assessments" in [m.value for m in app.markdown]
    assert "download_docx" in [b.key for b in app.get("download_button")]


def test_exports_are_read_when_asked_for_then_offered(app, monkeypatch):
    from cpss.exchange import export  # the page imports gather on each run: this one counts calls

    calls = []
    monkeypatch.setattr(
        export, "gather", lambda *a, _real=export.gather: calls.append(a) or _real(*a)
    )
    open_page(app)
    keys = [b.key for b in app.get("download_button")]
    assert {"worksheet_pdf", "worksheet_xlsx"} <= set(keys) and "export_json" not in keys
    app.run()  # a rerun reads nothing either
    assert calls == []
    app.button(key="export_build").click().run()
    assert not app.exception and len(calls) == 1
    keys = [b.key for b in app.get("download_button")]
    assert {"export_xlsx", "export_csv", "export_json"} <= set(keys)
    app.run()  # the prepared files stay offered, without reading again
    assert len(calls) == 1 and "export_json" in [b.key for b in app.get("download_button")]


def test_with_many_assessments_a_search_offers_any_and_keeps_those_picked(app, db):
    offered = 100  # MAX_OFFERED of app_pages/exchange.py
    titles = ["Turkana baseline"] + [f"Round {n}" for n in range(1, offered + 5)]
    ids = [
        assessments.create(
            db, AssessmentDetails("KEN", "Kenya", title, date(2026, 1, 1)), "v", by="t"
        )
        for title in titles
    ]
    app.switch_page("app_pages/exchange.py").run()
    picker = app.multiselect(key="exchange_pick")
    assert len(picker.options) == offered and picker.value == [ids[-1]]  # the newest, picked
    assert "Kenya · Turkana baseline (1 Jan 2026)" not in picker.options  # the oldest
    assert "The 100 most recently changed are shown: search to find the others." in [
        c.value for c in app.caption
    ]

    app.text_input(key="exchange_search").input("turkana").run()
    picker = app.multiselect(key="exchange_pick")
    assert picker.options == [
        "Kenya · Round 104 (1 Jan 2026)",
        "Kenya · Turkana baseline (1 Jan 2026)",
    ]
    assert picker.value == [ids[-1]]  # still picked, though the search does not find it
    picker.set_value([ids[-1], ids[0]]).run()
    assert report_contents(2) in [c.value for c in app.caption]
