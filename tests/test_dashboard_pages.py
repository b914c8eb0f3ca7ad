"""The result pages through ``app.py`` with AppTest, on the demo: what a leader sees and can do."""

import json
from datetime import date

import pandas as pd
import pyarrow as pa
import pytest

from cpss.db import assessments, plans
from cpss.model.answers import Answer
from cpss.model.plans import ActionItem
from tests.test_pages import app_db, texts


@pytest.fixture
def demo(app):
    """The app with the two demo assessments loaded (2023 baseline, 2026 follow-up)."""
    app.button(key="load_demo").click().run()
    return app


def charts(app) -> list[tuple[dict, list[pd.DataFrame]]]:
    """The page's charts in page order: each its Vega-Lite spec and the data frames it draws."""
    return [
        (
            json.loads(chart.proto.spec),
            [
                pa.ipc.open_stream(ds.data.data).read_all().to_pandas()
                for ds in chart.proto.datasets
            ],
        )
        for chart in app.get("vega_lite_chart")
    ]


def grid_cells(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The heatmap's cells among the data frames of its chart."""
    return next(frame for frame in frames if "subdomain" in frame)


def plan_table(app) -> pd.DataFrame:
    """The dashboard's action plan table (the charts' tables come before it)."""
    return next(t.value for t in app.table if "Owner" in t.value.columns)


def test_dashboard_headline_counts_and_phases(demo):
    demo.switch_page("app_pages/dashboard.py").run()
    metrics = {m.label: m.value for m in demo.metric}
    # The newest demo assessment (the 2026 follow-up) opens first; it leaves 7.3 unanswered, and
    # data/demo.yaml rates 3 subdomains at phase 1, 10 at phase 2 and 3 at phase 3.
    assert metrics == {
        "Rated": "16 of 19",
        "Don't know": "1 of 19",
        "Not applicable": "1 of 19",
        "Not answered": "1 of 19",
        "1 · System Building": "3",
        "2 · System Enhancement": "10",
        "3 · System Integration": "3",
        "4 · System Maturity": "0",
    }


def test_dashboard_draws_radar_with_previous_and_heatmap(demo):
    demo.switch_page("app_pages/dashboard.py").run()
    # each chart twice: for a wide screen, and for a phone (the page shows the one that fits)
    # then the compact investment section's charts (the demo's money, per currency)
    (radar, radar_data), (phone_radar, _), (heatmap, heatmap_data), (phone_heatmap, phone_data) = (
        charts(demo)[:4]
    )
    assert radar["width"] == 480 and "layer" in radar and phone_radar["width"] == 350
    lines = next(frame for frame in radar_data if "series" in frame)
    assert list(dict.fromkeys(lines["series"])) == ["Current", "Target", "Previous"]
    assert heatmap["width"] > 800 and phone_heatmap["width"] <= 350
    cells = grid_cells(heatmap_data).set_index(["subdomain", "column"])["text"]
    area = (
        "2.3 Availability of intra- and inter-sectoral coordination mechanisms at the "
        "implementation level"
    )
    # demo.yaml: 2.3 fell from phase 2 (2023) to 1 (2026, after floods), low confidence, target 3
    assert cells[area, "Previous"] == "2 · System Enhancement"
    assert cells[area, "Current"] == "1 · System Building (low conf.)"
    assert cells[area, "Target"] == "3 · System Integration"
    phone_cells = grid_cells(phone_data).set_index(["subdomain", "column"])["text"]
    assert phone_cells[area, "Current"] == "1 (low)"
    assert any(
        c.value.startswith("Previous\\: DEMO · National baseline 2023") for c in demo.caption
    )
    assert demo.dataframe[0].value["Rated"].tolist() == [
        "2 of 2",
        "3 of 3",
        "3 of 3",
        "1 of 2",
        "2 of 2",
        "3 of 4",
        "2 of 3",
    ]


def test_dashboard_shows_the_first_priorities_with_their_milestone(demo):
    demo.switch_page("app_pages/dashboard.py").run()
    text = " ".join(texts(demo))
    assert "Priority investments" in text
    assert "**1. 2\\.3 Availability of intra\\- and inter\\-sectoral" in text
    assert "Milestone, System Enhancement:" in text


def priority_order(app) -> list[str]:
    """The subdomain ids of the suggestions, in the order shown."""
    return [
        key.removeprefix("up_")
        for key in (button.key for button in app.button)
        if key and key.startswith("up_")
    ]


def demo_ids(app) -> tuple[str, str]:
    """The ids of the 2023 baseline and the 2026 follow-up."""
    listing = assessments.list_all(app_db()).sort_values("assessment_date")
    return tuple(listing["id"])


def test_priorities_can_be_reordered_dismissed_and_restored(demo):
    demo.switch_page("app_pages/plan.py").run()
    first = priority_order(demo)
    assert first[:3] == ["2.3", "4.2", "6.3"] and len(first) == 17
    demo.button(key="up_6.3").click().run()
    assert priority_order(demo)[:3] == ["2.3", "6.3", "4.2"]
    demo.button(key="dismiss_2.3").click().run()
    assert priority_order(demo)[:2] == ["6.3", "4.2"] and "2.3" not in priority_order(demo)
    demo.button(key="restore_2.3").click().run()
    assert "2.3" in priority_order(demo)
    _, follow_up = demo_ids(demo)
    assert plans.review(app_db(), follow_up).dismissed == ()


def test_accepting_a_priority_puts_its_milestone_in_the_plan(demo):
    demo.switch_page("app_pages/plan.py").run()
    demo.button(key="accept_2.3").click().run()
    _, follow_up = demo_ids(demo)
    items = plans.items(app_db(), follow_up)
    assert len(items) == 1 and items[0].item.subdomain_id == "2.3"
    assert items[0].item.what.startswith(
        "2.3 Availability of intra- and inter-sectoral "
        "coordination mechanisms at the implementation level: "
        "reach System Enhancement. Formal coordination"
    )
    assert not [b for b in demo.button if b.key == "accept_2.3"]  # now marked "In the action plan"
    form = f"item_{items[0].item_id}"
    demo.text_input(key=f"{form}_owner").input("Ministry of Social Affairs")
    demo.selectbox(key=f"{form}_status").set_value("in_progress")
    demo.button(key=f"{form}_save").click().run()
    assert not demo.error, [e.value for e in demo.error]
    stored = plans.items(app_db(), follow_up)[0]
    assert (stored.item.owner, stored.item.status) == ("Ministry of Social Affairs", "in_progress")
    versions = next(d.value for d in demo.dataframe if "Status" in d.value.columns)
    assert list(versions["Status"]) == ["In progress", "Planned"]
    demo.switch_page("app_pages/dashboard.py").run()
    plan = plan_table(demo)
    assert list(plan["Owner"]) == ["Ministry of Social Affairs"]
    assert list(plan["Status"]) == ["In progress"]


def test_an_action_without_text_is_refused_and_keeps_what_was_typed(demo):
    demo.switch_page("app_pages/plan.py").run()
    demo.text_input(key="new_item_owner").input("Jo")
    demo.button(key="new_item_add").click().run()
    assert [e.value for e in demo.error] == ["Say what is to be done: the action is required."]
    assert demo.text_input(key="new_item_owner").value == "Jo"
    demo.text_input(key="new_item_what").input("Cost the national plan")
    demo.button(key="new_item_add").click().run()
    assert not demo.error and demo.text_input(key="new_item_what").value == ""
    _, follow_up = demo_ids(demo)
    assert [i.item.what for i in plans.items(app_db(), follow_up)] == ["Cost the national plan"]


def test_open_actions_of_the_baseline_are_followed_up_in_the_follow_up(demo):
    baseline, follow_up = demo_ids(demo)
    item_id = plans.add_item(
        app_db(), baseline, ActionItem("Adopt the coordination decree"), by="t"
    )
    demo.switch_page("app_pages/plan.py").run()
    form = f"item_{item_id}"
    assert demo.text_area(key=f"{form}_what").value == "Adopt the coordination decree"
    demo.selectbox(key=f"{form}_status").set_value("done")
    demo.button(key=f"{form}_save").click().run()
    stored = plans.carried_items(app_db(), follow_up)[0]
    assert (stored.item.status, stored.reviewed_in) == ("done", follow_up)


def test_change_over_time_flags_what_moved_back_with_both_rationales(demo):
    demo.switch_page("app_pages/change.py").run()
    metrics = {m.label: m.value for m in demo.metric}
    assert metrics["Moved back"] == "1"
    # every subdomain in one tile: the tiles add up to the 19 subdomains
    assert sum(int(value) for value in metrics.values()) == 19
    assert "moved back to a lower phase" in demo.warning[0].value
    text = " ".join(texts(demo))
    assert ":red-badge[:material/trending_down: Moved back]" in text
    assert "District coordination groups meet quarterly in most districts\\." in text
    assert "Floods in 2025 disrupted local coordination\\: most district groups stopped" in text
    assert ":gray-badge[No change]" in text
    demo.toggle(key="change_only_changed").set_value(True).run()
    text = " ".join(texts(demo))
    assert ":gray-badge[No change]" not in text and ":red-badge[" in text


def test_compare_filters_and_overlays(demo):
    demo.switch_page("app_pages/compare.py").run()
    assert "2 assessments match." in [c.value for c in demo.caption]
    assert len(demo.multiselect(key="cmp_radar").value) == 2
    assert len(demo.get("vega_lite_chart")) == 4  # radar and heatmap, each wide and narrow
    demo.multiselect(key="cmp_statuses").set_value(["final"]).run()
    assert "1 assessment match." in [c.value for c in demo.caption]
    demo.multiselect(key="cmp_countries").set_value(["DEMO"]).run()
    demo.multiselect(key="cmp_statuses").set_value(["draft", "final"]).run()
    (_, _), (_, _), (_, data), _ = charts(demo)
    assert sorted(set(grid_cells(data)["column"])) == [
        "Demoland (fictional country) · 2023-05-16",
        "Demoland (fictional country) · 2026-03-10",
    ]
    baseline, _ = demo_ids(demo)
    demo.multiselect(key="cmp_shown").set_value([baseline]).run()
    (_, _), (_, _), (_, data), _ = charts(demo)
    assert set(grid_cells(data)["column"]) == {"Demoland (fictional country) · 2023-05-16"}
    demo.date_input(key="cmp_from").set_value(date(2030, 1, 1)).run()
    assert [i.value for i in demo.info] == ["No assessment matches these filters."]


def test_action_text_is_shown_as_typed_never_as_markup(demo):
    _, follow_up = demo_ids(demo)
    typed = "**Fund** [the plan](http://example.org) <b>now</b>\n===="
    plans.add_item(app_db(), follow_up, ActionItem(typed, owner="_Jo_"), by="t")
    escaped = (
        "\\*\\*Fund\\*\\* \\[the plan\\]\\(http\\://example\\.org\\) \\<b\\>now\\</b\\>  \n"
        "\\=\\=\\=\\="
    )
    demo.switch_page("app_pages/dashboard.py").run()
    row = plan_table(demo).iloc[0]
    assert (row["Action"], row["Owner"]) == (escaped, "\\_Jo\\_")
    demo.switch_page("app_pages/plan.py").run()
    assert any(e.label.startswith("Planned · \\*\\*Fund\\*\\*") for e in demo.expander)


def test_change_over_time_reads_forward_even_when_picked_backwards(demo):
    baseline, follow_up = demo_ids(demo)
    demo.switch_page("app_pages/change.py")
    demo.query_params.update(baseline=follow_up, followup=baseline)
    demo.run()
    assert "shown the other way round" in demo.warning[0].value
    assert {m.label: m.value for m in demo.metric}["Moved back"] == "1"  # 2.3, after the floods


def test_compare_keeps_assessments_apart_when_place_date_and_title_are_the_same(app, db):
    from tests.test_dashboard import assess

    _first, _second = (
        assess(db, {"1.1": Answer(status="phase", phase=p)}, title="Baseline") for p in (1, 4)
    )
    app.switch_page("app_pages/compare.py").run()
    assert sorted(app.multiselect(key="cmp_radar").options) == [
        "Kenya · 2026-03-01 · Baseline (1)",
        "Kenya · 2026-03-01 · Baseline (2)",
    ]
    (_, _), (_, _), (_, data), _ = charts(app)
    cells = grid_cells(data)
    assert len(set(cells["column"])) == 2


def test_compare_radar_picks_follow_the_heatmap_picks(demo):
    from tests.test_dashboard import assess

    kenya = assess(app_db(), {"1.1": Answer(status="phase", phase=2)}, title="Kenya")
    demo.switch_page("app_pages/compare.py").run()
    assert kenya in demo.multiselect(key="cmp_radar").value
    demo.multiselect(key="cmp_countries").set_value(["DEMO"]).run()
    for key in ("cmp_shown", "cmp_radar"):
        picker = demo.multiselect(key=key)
        assert kenya not in picker.options and len(picker.value) == 2, key
    follow_up = demo.multiselect(key="cmp_shown").value[0]  # the newest first
    demo.multiselect(key="cmp_shown").set_value([follow_up]).run()
    # the radar keeps what is still in the heatmap, in the picker as on the chart
    assert demo.multiselect(key="cmp_radar").value == [follow_up]
    assert "Please select" not in " ".join(texts(demo, "error"))


def test_unanswered_subdomains_are_listed_to_rate_first(demo):
    coordination = "7\\.3 "  # demo.yaml leaves 7.3 unanswered in the 2026 follow-up
    for page in ("app_pages/plan.py", "app_pages/dashboard.py"):
        demo.switch_page(page).run()
        (note,) = [w.value for w in demo.warning if "Rate these first" in w.value]
        assert "1 subdomain is not answered yet" in note and coordination in note, page


def test_a_low_confidence_top_rating_is_labelled_confirm_not_invest(app):
    from tests.test_dashboard import assess

    assess(app_db(), {"5.2": Answer(status="phase", phase=4, confidence="low")})
    for page in ("app_pages/plan.py", "app_pages/dashboard.py"):
        app.switch_page(page).run()
        (title,) = [t for t in texts(app) if t.startswith("**1. 5\\.2")]
        assert "Confirm the rating" in title and "Invest" not in title, page
        assert any(t.startswith("**Milestone:** Confirm with evidence") for t in texts(app))
