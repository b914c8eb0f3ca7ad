"""A workshop in a real ``streamlit run``: a facilitator's browser and two participants' browsers,
and a protocol-level check that a participant's session cannot open another page."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import TIMEOUT_MS, ServerError, serve, wait_for_app
from tests.conftest import ROOT
from tests.protocol_client import Session
from tests.test_browser import checked_choice, start_assessment

FOLLOW_MS = 15_000  # the screens poll every 3 s; allow for a busy 2-core machine


@pytest.fixture(scope="module")
def ws_server(tmp_path_factory):
    """The app with two votes enough to reveal, and XSRF off for the protocol-level client."""
    folder = tmp_path_factory.mktemp("workshop")
    try:
        with serve(
            ROOT / "app.py",
            folder / "test.duckdb",
            folder / "server.log",
            extra_args=("--server.enableXsrfProtection", "false"),
            env={"CPSS_WORKSHOP_MIN_VOTES": "2"},
        ) as url:
            yield url, folder / "test.duckdb"
    except ServerError as problem:
        pytest.fail(str(problem))


def new_tab(browser: Browser, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def join(page: Page, link: str) -> None:
    """Open the join link and join anonymously."""
    page.goto(link)
    wait_for_app(page)
    page.locator(".st-key-join_enter button").click()
    expect(page.get_by_text("You have joined.")).to_be_visible()
    assert "p=" in page.url


def vote(page: Page, label: str, comment: str = "") -> None:
    """Vote (and comment) on the subdomain on screen; wait until the page says it is saved."""
    if comment:
        page.locator(".st-key-vote_comment textarea").fill(comment)
    page.locator(".st-key-vote").get_by_text(label, exact=True).click()
    wait_for_app(page)
    saved = "Your vote and comment are saved" if comment else "Your vote is saved"
    expect(page.locator(".st-key-vote_state")).to_contain_text(f"{saved}: {label}.")


def start_workshop(facilitator: Page, url: str, title: str) -> str:
    """Start an assessment and a workshop on it in the facilitator's browser; the assessment id."""
    assessment_id = start_assessment(facilitator, url, title)
    facilitator.goto(f"{url}/workshop?assessment={assessment_id}")
    wait_for_app(facilitator)
    facilitator.locator(".st-key-ws_start button").click()
    wait_for_app(facilitator)
    return assessment_id


def reveal_phases_2_and_3(facilitator: Page, comment: str) -> None:
    """Once the facilitator's count shows both votes (one for phase 2, one for 3 with
    ``comment``), reveal them and check the tally and the comment."""
    expect(facilitator.get_by_text("2 of 2")).to_be_visible(timeout=FOLLOW_MS)
    facilitator.locator(".st-key-ws_reveal button").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("2 · System Enhancement: 1 of 2")).to_be_visible()
    expect(facilitator.get_by_text("3 · System Integration: 1 of 2")).to_be_visible()
    expect(facilitator.get_by_text(comment)).to_be_visible()


def test_a_workshop_from_join_link_to_recorded_consensus(ws_server, browser, page):
    url, _ = ws_server
    facilitator = page
    assessment_id = start_workshop(facilitator, url, "Workshop in the browser")
    code = facilitator.locator(".st-key-join_code").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code)
    link = facilitator.locator(".st-key-join_link").inner_text().strip()
    assert link == f"{url}/?join={code}"

    laptop, phone = new_tab(browser, 1400, 1000), new_tab(browser, 390, 844)
    join(laptop, link)
    join(phone, link)
    expect(laptop.locator('[data-testid="stSidebarNav"]')).to_have_count(0)  # no way elsewhere

    open_subdomain(facilitator, "1.1 Understanding")
    heading = "1.1 Understanding and articulation of national child protection systems"
    for participant in (laptop, phone):  # their screens follow by themselves, no reload
        expect(participant.get_by_role("heading", name=heading)).to_be_visible(timeout=FOLLOW_MS)
    projected = facilitator.locator(".st-key-projector [data-testid=stText]").first
    expect(projected).to_have_css("font-size", "19.2px")  # large type, read from the back of a room
    vote(laptop, "2 · System Enhancement")
    marks = laptop.locator(".st-key-vote_texts strong").evaluate_all(
        "all => all.map(e => getComputedStyle(e, '::after').content)"
    )
    assert marks == ["none", '" ✓ chosen"', "none", "none"]  # the vote's text is marked
    vote(phone, "3 · System Integration", comment="Policy drafted, not yet adopted")
    reveal_phases_2_and_3(facilitator, "Policy drafted, not yet adopted")
    agreed = facilitator.locator(".st-key-ws_agreed input[type=radio]:checked")
    expect(agreed).to_have_count(1)  # the median, 2 (the lower of the two middle votes)
    expect(
        facilitator.locator(".st-key-ws_agreed label").filter(
            has=facilitator.locator("input:checked")
        )
    ).to_have_text("2 · System Enhancement")
    facilitator.locator(".st-key-ws_rationale textarea").fill("A framework exists; not applied")
    facilitator.locator(".st-key-ws_record button").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("Recorded: 2 · System Enhancement")).to_be_visible()
    expect(facilitator.get_by_text("1 of 19 subdomains agreed in this workshop")).to_be_visible()

    phone.reload()  # a phone waking up: back to the open subdomain with its vote
    wait_for_app(phone)
    expect(phone.locator(".st-key-vote_state")).to_contain_text(
        "Your vote and comment are saved: 3 · System Integration."
    )

    facilitator.goto(f"{url}/assess?assessment={assessment_id}&subdomain=1.1")
    wait_for_app(facilitator)
    assert checked_choice(facilitator) == "2 · System Enhancement"
    expect(facilitator.locator(".st-key-rationale textarea")).to_have_value(
        "A framework exists; not applied"
    )
    for participant in (laptop, phone):
        participant.context.close()


def test_a_participant_session_cannot_open_other_pages(ws_server):
    """Asking the server for the walk-through from a participant's session gives the join page."""
    url, _ = ws_server

    async def scenario():
        other = await Session.open(url)  # an ordinary session: it is offered every page
        walkthrough = other.pages["assess"]
        participant = await Session.open(url, "join=ZZZZZZ")
        run = await participant.rerun(page_script_hash=walkthrough)
        await other.close()
        await participant.close()
        return run

    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API holds this thread's event loop
        run = thread.submit(asyncio.run, scenario()).result()
    assert run.shows("Join a workshop") and not run.shows("Choose or start an assessment first.")


def test_the_same_phone_opening_the_join_link_again_stays_one_participant(ws_server, browser, page):
    """Re-scanning the code in a new tab continues as the participant this browser joined as (the
    token kept in its localStorage), so one person cannot vote twice by accident; another browser
    still gets the join form."""
    url, _ = ws_server
    facilitator = page
    start_workshop(facilitator, url, "Same phone twice")
    link = facilitator.locator(".st-key-join_link").inner_text().strip()

    first = new_tab(browser, 390, 844)
    join(first, link)
    token = re.search(r"[?&]p=([^&]+)", first.url).group(1)
    second = first.context.new_page()  # the same phone, a new tab
    second.goto(link)
    expect(second.get_by_text("You have joined.")).to_be_visible()
    assert re.search(r"[?&]p=([^&]+)", second.url).group(1) == token
    expect(second.locator(".st-key-join_enter")).to_have_count(0)

    elsewhere = new_tab(browser, 390, 844)  # another phone: its own join form
    elsewhere.goto(link)
    wait_for_app(elsewhere)
    expect(elsewhere.locator(".st-key-join_enter button")).to_be_visible()
    assert "p=" not in elsewhere.url

    facilitator.reload()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("Participants (1): remove a double join")).to_be_visible()
    for tab in (first, elsewhere):
        tab.context.close()


def open_subdomain(page: Page, typed: str) -> None:
    """Open a subdomain for voting from the facilitator's list: the one whose label starts with
    ``typed``; the projector then shows it.

    The list filters fuzzily ("1.2" also finds "1.1 … ✓ 2 · System Enhancement"), so Enter waits
    until the option it would pick is the one meant. The live count above the list grows as
    people join, and a click can land as it moves the list down: the list then never opened, and
    the facilitator (like this helper) clicks again.
    """
    starts = re.compile("^" + re.escape(typed))
    for _attempt in range(3):
        page.locator(".st-key-ws_pick input").click()
        page.keyboard.type(typed)
        try:
            expect(page.get_by_role("option").first).to_have_text(starts)
            page.keyboard.press("Enter")
            wait_for_app(page)
            expect(page.locator(".st-key-projector h2")).to_have_text(starts)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(page.locator(".st-key-projector h2")).to_have_text(starts)


def test_the_projector_and_a_phone_in_a_live_room(ws_server, browser, tmp_path):
    """The join screen counts arrivals; the revealed tally agrees with the count, in large type;
    the reveal's lock keeps a comment typed but not sent."""
    url, _ = ws_server
    facilitator = new_tab(browser, 1920, 1080)
    start_workshop(facilitator, url, "Room on the projector")
    link = facilitator.locator(".st-key-join_link").inner_text().strip()
    expect(facilitator.locator('[data-testid="stSidebar"]')).to_have_attribute(
        "data-collapsed", "true"
    )
    laptop, phone = new_tab(browser, 1400, 1000), new_tab(browser, 390, 844)
    phone.goto(link)
    wait_for_app(phone)
    expect(phone.get_by_text("Kenya · Room on the projector ·")).to_be_visible()
    phone.locator(".st-key-join_enter button").click()
    join(laptop, link)
    expect(facilitator.locator(".st-key-voted_count")).to_have_text("2 joined", timeout=FOLLOW_MS)

    open_subdomain(facilitator, "6.1")
    expect(phone.locator(".st-key-vote")).to_be_visible(timeout=FOLLOW_MS)
    vote(laptop, "2 · System Enhancement")
    vote(phone, "3 · System Integration")
    box = phone.locator(".st-key-vote_comment textarea")
    box.fill("A thought typed while the facilitator locks")  # typed, never sent
    facilitator.locator(".st-key-ws_reveal button").click()  # revealing locks voting
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("3 · System Integration: 1 of 2")).to_be_visible()
    expect(facilitator.locator(".st-key-voted_count")).to_have_text("2 of 2 joined have voted")
    tally = facilitator.locator(".st-key-tally [data-testid=stProgress] p").first
    expect(tally).to_have_css("font-size", "24px")  # larger than the phase texts' 19.2 px
    facilitator.locator(".st-key-tally").scroll_into_view_if_needed()
    facilitator.screenshot(path=str(tmp_path / "projector.png"))

    expect(phone.locator(".st-key-vote_state")).to_contain_text(
        "Voting on this subdomain is locked.", timeout=FOLLOW_MS
    )
    expect(box).to_have_value("A thought typed while the facilitator locks")
    expect(phone.locator(".st-key-vote_state")).to_contain_text(
        "Anything typed in the comment box since your last save was not sent"
    )
    box.blur()  # leaving the box sends it: refused, and said so, and still kept
    expect(phone.locator(".st-key-vote_state")).to_contain_text(
        "Your comment was not sent: voting was locked first. It is still in the box."
    )
    expect(box).to_have_value("A thought typed while the facilitator locks")

    for participant in (laptop, phone, facilitator):
        participant.context.close()


def test_a_phone_that_lost_the_server_says_it_is_reconnecting(browser, tmp_path):
    """The server goes away under a phone's open join page: a banner says so, over the page."""
    banner = "getComputedStyle(document.querySelector('[data-testid=stApp]'), '::before').content"
    phone = new_tab(browser, 390, 844)
    try:
        with serve(ROOT / "app.py", tmp_path / "test.duckdb", tmp_path / "server.log") as url:
            phone.goto(f"{url}/?join=ZZZZZZ")
            wait_for_app(phone)
            expect(phone.get_by_text("No workshop has the code ZZZ ZZZ")).to_be_visible()
            assert "Reconnecting" not in phone.evaluate(banner)
    except ServerError as problem:
        pytest.fail(str(problem))
    expect(phone.locator('[data-testid="stApp"]')).not_to_have_attribute(
        "data-test-connection-state", "CONNECTED", timeout=FOLLOW_MS
    )
    assert "Reconnecting… this screen may be out of date" in phone.evaluate(banner)
    phone.screenshot(path=str(tmp_path / "phone-offline.png"))
    phone.context.close()
