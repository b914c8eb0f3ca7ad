"""Browser test of single-user mode on real addresses: the app listens on all of this machine's
addresses; Chromium reaching it on the machine's own non-loopback address is "another device" (the
WebSocket peer is not 127.0.0.1) and gets the turned-away page, the join link and share links;
reaching it on 127.0.0.1 gets the full app. Only this machine's own addresses are contacted.
"""

from __future__ import annotations

import ipaddress
import socket
import subprocess

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import wait_for_app
from tests.test_outside_requests_browser import serve_populated

TURNED_AWAY = "This app answers only the computer it runs on"


def own_address() -> str | None:
    """This machine's first non-loopback IPv4 address (``hostname -I``), confirmed as its own by
    binding a socket to it; None when it has none."""
    try:
        listed = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    for candidate in listed.stdout.split():
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if address.version != 4 or address.is_loopback:
            continue
        with socket.socket() as sock:
            try:
                sock.bind((candidate, 0))  # fails for any address that is not this machine's
            except OSError:
                continue
        return candidate
    return None


@pytest.fixture(scope="module")
def single_user(tmp_path_factory):
    """The app in single-user mode listening on 0.0.0.0: (local URL, remote URL, world, code)."""
    remote_host = own_address()
    if remote_host is None:
        pytest.skip(
            "This machine has no non-loopback IPv4 address, so no browser here can reach the "
            "app as another device; tests/test_local_only.py covers the rule and the pages."
        )
    # Listening on every address of this machine (the last --server.address given wins).
    served = serve_populated(tmp_path_factory, "solo", ("--server.address", "0.0.0.0"))
    for url, world, code in served:
        yield url, url.replace("127.0.0.1", remote_host), world, code


def test_another_device_typing_a_page_address_is_turned_away(single_user, page: Page):
    """First in the module: a fresh server's first visit, straight to the walk-through."""
    _, remote, world, _ = single_user
    page.goto(f"{remote}/assess?assessment={world.assessment_id}&subdomain=1.1")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=TURNED_AWAY)).to_be_visible()
    expect(page.locator(".st-key-choice")).to_have_count(0)
    expect(page.get_by_text("second")).to_have_count(0)  # no answer's evidence either


def test_another_device_at_the_bare_address_sees_why_and_can_join(single_user, page: Page):
    _, remote, _, code = single_user
    page.goto(remote)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=TURNED_AWAY)).to_be_visible()
    expect(page.get_by_text("CPSS_MODE=team")).to_be_visible()
    expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)
    page.get_by_role("button", name="Join a workshop with its code").click()
    wait_for_app(page)
    page.locator(".st-key-join_code_input input").fill(code)
    page.get_by_role("button", name="Join", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Join the workshop")).to_be_visible()


def test_another_device_opens_the_join_link_and_a_share_link(single_user, page: Page):
    _, remote, world, code = single_user
    page.goto(f"{remote}/?join={code}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Join the workshop")).to_be_visible()
    page.goto(f"{remote}/?share={world.share_token}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Shared read-only").first).to_be_visible()


def test_this_computer_gets_the_full_app(single_user, page: Page):
    local, _, _, _ = single_user
    page.goto(local)
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Run a workshop")
    expect(nav).to_contain_text("Walk-through")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("on this computer only")
    expect(page.get_by_role("heading", name=TURNED_AWAY)).to_have_count(0)
