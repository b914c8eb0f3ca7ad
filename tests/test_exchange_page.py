"""The Reports & data page through app.py (AppTest): reports built with their steps, downloads.

AppTest cannot upload a file: the import is driven in the browser test.
"""

def open_page(app):
    app.button(key="load_demo").click().run()
    app.switch_page("app_pages/exchange.py").run()
    assert not app.exception and not app.error
    return app


def test_building_a_report_shows_its_steps_then_the_download(app):
    open_page(app)
    assert len(app.multiselect(key="exchange_pick").value) == 1
    assert not app.get("download_button") or "download_pdf" not in [b.key for b in app.get("download_button")]
    app.button(key="build_pdf").click().run()
    assert not app.exception and not app.error
    steps = [m.value for m in app.markdown]
    assert {"Reading the assessment", "Drawing the charts", "Writing the PDF file"} <= set(steps)
    assert "download_pdf" in [b.key for b in app.get("download_button")]


def test_two_picked_give_a_comparison_report(app):
    open_page(app)
    from ui.resources import store
    app.multiselect(key="exchange_pick").set_value(list(store().list_assessments()["id"])).run()
    assert "comparison report of 2 assessments" in app.caption[0].value
    app.button(key="build_docx").click().run()
    assert not app.exception and not app.error
    assert "Reading the assessments" in [m.value for m in app.markdown]
    assert "download_docx" in [b.key for b in app.get("download_button")]


def test_exports_are_read_when_asked_for_then_offered(app, monkeypatch):
    from cpss.exchange import export  # the page imports gather on each run: this one counts calls
    calls = []
    monkeypatch.setattr(export, "gather", lambda *a, _real=export.gather: calls.append(a) or _real(*a))
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

