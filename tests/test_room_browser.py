"""One workshop round as a ministry's room runs it, in real browsers: a facilitator on this computer
and three phones reaching the app as other devices (on this machine's own non-loopback address), in
the default single-user mode. It checks what the room must be able to trust, end to end: phones get
the join page and never the facilitator's; the same phone joining twice stays one participant; a
reveal locks voting and keeps a comment typed but not sent; the record needs the room's own
rationale; and the exported votes link nobody across subdomains.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import ServerError, serve, wait_for_app
from tests.conftest import ROOT
from tests.test_browser import export_json
from tests.test_local_only_browser import TURNED_AWAY, own_address
from tests.test_workshop_browser import (
    FOLLOW_MS,
    join,
    new_tab,
    open_subdomain,
    start_workshop,
    vote,
)

THOUGHT = "Budget exists on paper only"


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """The app in single-user mode on every address of this machine: (local URL, remote URL)."""
    remote_host = own_address()
    if remote_host is None:
        pytest.skip(
            "This machine has no non-loopback IPv4 address: no browser here can be another "
            "device (tests/test_local_only.py covers the rule)."
        )
    folder = tmp_path_factory.mktemp("room")
    try:
        with serve(
            ROOT / "app.py",
            folder / "room.duckdb",
            folder / "server.log",
            extra_args=("--server.address", "0.0.0.0"),
            env={"CPSS_WORKSHOP_MIN_VOTES": "3"},
        ) as url:
            yield url, url.replace("127.0.0.1", remote_host)
    except ServerError as problem:
        pytest.fail(str(problem))


def phones_join(browser: Browser, link: str) -> tuple[Page, Page, Page]:
    """Three phones join by the link; the first also opens it again in a second tab."""
    phones = tuple(new_tab(browser, 390, 844) for _ in range(3))
    for phone in phones:
        join(phone, link)
    token = re.search(r"[?&]p=([^&]+)", phones[0].url).group(1)
    again = phones[0].context.new_page()  # the same phone scans the code again
    again.goto(link)
    expect(again.get_by_text("You have joined.")).to_be_visible()
    assert re.search(r"[?&]p=([^&]+)", again.url).group(1) == token
    again.close()
    return phones


def exported_votes(facilitator: Page, local: str, assessment_id: str, tmp_path) -> list[dict]:
    """The workshop votes of the JSON export, downloaded as a person would."""
    facilitator.goto(f"{local}/exchange?assessment={assessment_id}")
    wait_for_app(facilitator)
    path, _ = export_json(facilitator, tmp_path)
    return json.loads(path.read_text(encoding="utf-8"))["workshop_votes"]


def test_a_round_with_three_phones(room, browser, tmp_path):
    local, remote = room
    facilitator = new_tab(browser, 1920, 1080)
    assessment_id = start_workshop(facilitator, local, "Room of three")
    link = facilitator.locator(".st-key-join_link").inner_text().strip()
    link = link.replace(local, remote)  # the phones reach the app as other devices

    intruder = new_tab(browser, 390, 844)  # a phone typing the facilitator's page's address
    intruder.goto(f"{remote}/workshop?assessment={assessment_id}")
    wait_for_app(intruder)
    expect(intruder.get_by_role("heading", name=TURNED_AWAY)).to_be_visible()
    expect(intruder.locator(".st-key-ws_reveal")).to_have_count(0)
    intruder.context.close()

    phones = phones_join(browser, link)
    expect(facilitator.locator(".st-key-voted_count")).to_have_text("3 joined", timeout=FOLLOW_MS)

    open_subdomain(facilitator, "4.2")
    for phone in phones:
        expect(phone.locator(".st-key-vote")).to_be_visible(timeout=FOLLOW_MS)
    vote(phones[0], "2 · System Enhancement")
    vote(phones[1], "2 · System Enhancement")
    vote(phones[2], "3 · System Integration")
    box = phones[2].locator(".st-key-vote_comment textarea")
    box.fill(THOUGHT)  # typed, never sent
    expect(facilitator.locator(".st-key-voted_count")).to_have_text(
        "3 of 3 joined have voted", timeout=FOLLOW_MS
    )

    facilitator.locator(".st-key-ws_reveal button").click()  # revealing locks voting
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("2 · System Enhancement: 2 of 3")).to_be_visible()
    expect(phones[2].locator(".st-key-vote_state")).to_contain_text(
        "Voting on this subdomain is locked.", timeout=FOLLOW_MS
    )
    expect(box).to_have_value(THOUGHT)  # the lock cleared nothing

    expect(facilitator.locator(".st-key-ws_rationale textarea")).to_have_value("")
    facilitator.locator(".st-key-ws_record button").click()  # no reason typed: refused
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("The rationale is required")).to_be_visible()
    facilitator.locator(".st-key-ws_rationale textarea").fill("Two of three saw a budget line")
    facilitator.locator(".st-key-ws_record button").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("Recorded: 2 · System Enhancement")).to_be_visible()

    votes = exported_votes(facilitator, local, assessment_id, tmp_path)
    assert sorted(v["phase"] for v in votes) == [2, 2, 3]
    assert all(
        "participant" not in v and re.fullmatch(r"\d{4}-\d\d-\d\d", str(v["voted_on"]))
        for v in votes
    )  # no identifier across subdomains, the day only
    for phone in phones:
        phone.context.close()
    facilitator.context.close()
