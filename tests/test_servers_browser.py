"""Two ``streamlit run`` app servers on ONE PostgreSQL database, with browsers on both: nothing one
server needs lives only in the other's memory.

A workshop runs with the facilitator on server A and two participants on server B: B's screens
follow what A opens, A counts B's votes and records the room's consensus, and B shows it. An answer
saved in the walk-through on A shows on B's dashboard at B's next rerun. Both servers listen on
127.0.0.1, so the browser is "this computer" and gets single-user mode on both.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_support import ServerError, serve, wait_for_app
from tests.conftest import ROOT
from tests.test_browser import checked_choice, choose, start_assessment
from tests.test_workshop_browser import (
    FOLLOW_MS,
    join,
    new_tab,
    open_subdomain,
    reveal_phases_2_and_3,
    start_workshop,
    vote,
)

HEADING_1_1 = "1.1 Understanding and articulation of national child protection systems"


@pytest.fixture(scope="module")
def servers(tmp_path_factory, module_pg_url) -> tuple[str, str]:
    """Server A and server B (their base URLs), both on the module's PostgreSQL database."""
    folder = tmp_path_factory.mktemp("servers")
    settings = {"CPSS_DATABASE_URL": module_pg_url, "CPSS_WORKSHOP_MIN_VOTES": "2"}
    try:
        with (
            serve(ROOT / "app.py", folder / "a.duckdb", folder / "a.log", env=settings) as a,
            serve(ROOT / "app.py", folder / "b.duckdb", folder / "b.log", env=settings) as b,
        ):
            yield a, b
    except ServerError as problem:
        pytest.fail(str(problem))
    # Neither server touched a DuckDB file: everything went to the shared database.
    assert not list(folder.glob("*.duckdb"))


def test_a_workshop_run_on_one_server_with_participants_on_the_other(servers, browser, page):
    a, b = servers
    facilitator = page
    assessment_id = start_workshop(facilitator, a, "Workshop across servers")
    code = facilitator.locator(".st-key-join_code").inner_text().replace(" ", "")
    laptop, phone = new_tab(browser, 1400, 1000), new_tab(browser, 390, 844)
    join(laptop, f"{b}/?join={code}")  # a code server B never saw being made
    join(phone, f"{b}/?join={code}")

    open_subdomain(facilitator, "1.1 Understanding")
    for participant in (laptop, phone):  # B's screens follow A's state, read from the database
        expect(participant.get_by_role("heading", name=HEADING_1_1)).to_be_visible(
            timeout=FOLLOW_MS
        )
    vote(laptop, "2 · System Enhancement")
    vote(phone, "3 · System Integration", comment="Drafted on B")
    reveal_phases_2_and_3(facilitator, "Drafted on B")  # A counts B's votes within the polls
    facilitator.locator(".st-key-ws_rationale textarea").fill("Agreed across two servers")
    facilitator.locator(".st-key-ws_record button").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("Recorded: 2 · System Enhancement")).to_be_visible()

    open_subdomain(facilitator, "1.2")
    for participant in (laptop, phone):
        expect(participant.get_by_role("heading", name=HEADING_1_1)).to_have_count(
            0, timeout=FOLLOW_MS
        )
        expect(participant.get_by_role("heading", name="1.2", exact=False)).to_be_visible()

    # The consensus is the assessment's answer on B too.
    laptop.goto(f"{b}/assess?assessment={assessment_id}&subdomain=1.1")
    wait_for_app(laptop)
    assert checked_choice(laptop) == "2 · System Enhancement"
    for participant in (laptop, phone):
        participant.context.close()


def test_an_answer_saved_on_one_server_shows_on_the_other_at_its_next_rerun(servers, browser, page):
    a, b = servers
    assessment_id = start_assessment(page, a, "Answered on A")
    other = new_tab(browser, 1400, 1000)
    other.goto(f"{b}/dashboard?assessment={assessment_id}")
    wait_for_app(other)
    rated = other.locator('[data-testid="stMetric"]').filter(has_text="Rated")
    expect(rated).to_contain_text("0 of 19")

    choose(page, "3 · System Integration")  # saved on A
    other.locator("body").press("r")  # Streamlit's key for "rerun": the same session on B
    wait_for_app(other)
    expect(rated).to_contain_text("1 of 19")
    other.context.close()
