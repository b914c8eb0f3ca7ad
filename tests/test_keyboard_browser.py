"""Keyboard only, in a real browser (WCAG 2.1.1 keyboard, 2.4.7 focus visible, 1.4.11 contrast):
one subdomain of the walk-through and one workshop vote, with Tab, Shift+Tab, arrows, Space and
Enter alone once the page is open. After every key the focused control must show a focus mark that
a person sees: the pixels around it that turned darker by at least 3:1 (a ring, a border) must be at
least a line round half of it. The windows are tall enough that nothing scrolls, so the screen
before and after a key compare pixel for pixel.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import numpy as np
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser_support import wait_for_app
from tests.test_browser import checked_choice, start_assessment
from tests.test_workshop_browser import FOLLOW_MS, new_tab, open_subdomain, start_workshop

# The focused control and the box a person sees of it: a radio's or a toggle's <input> is hidden,
# its <label> shows; a select box's <input> sits inside its bordered box.
FOCUSED_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const shown = (e.type === 'radio' || e.type === 'checkbox') ? e.closest('label') || e
    : e.closest('[data-baseweb="select"]') || e;
  const r = shown.getBoundingClientRect();
  const same = window.__lastFocused === e;
  window.__lastFocused = e;
  const key = [...(e.closest('[class*="st-key-"]')?.classList || [])].find(c => c.startsWith('st-key-'));
  return {x: r.x, y: r.y, width: r.width, height: r.height, same: same,
          visible: e.matches(':focus-visible'),
          name: `${e.tagName} ${key || ''} ${(e.getAttribute('aria-label') || shown.innerText || '').slice(0, 40)}`};
}"""
MARGIN = 6  # CSS px round the control where its ring may be drawn
CONTRAST = 3.0  # WCAG 1.4.11: a focus mark against what it replaces


@dataclass
class Focus:
    """The focused control after a key: a readable name, and the pixels of its focus mark."""

    name: str
    marked: int
    needed: int


def screen(page: Page) -> np.ndarray:
    """The window's pixels, as relative luminance (WCAG's formula)."""
    rgb = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")) / 255.0
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def press(page: Page, key: str, text: str = "") -> Focus | None:
    """Press ``key`` (or type ``text``), wait for the app, and measure the focus mark: the pixels
    round the focused control that turned darker by at least 3:1 (light theme). None when nothing
    has the focus."""
    before = screen(page)
    if text:
        page.keyboard.type(text)
    else:
        page.keyboard.press(key)
    wait_for_app(page)
    box = page.evaluate(FOCUSED_JS)
    if box is None:
        return None
    assert box["visible"], f"{box['name']} has the focus but not :focus-visible"
    needed = round(box["width"] + box["height"])  # a line round half the control
    if box["same"]:  # focus stayed (Enter, Space, typing): its mark, measured on arrival, stays
        return Focus(box["name"], needed, needed)
    after = screen(page)
    top, left = max(0, round(box["y"]) - MARGIN), max(0, round(box["x"]) - MARGIN)
    bottom, right = (
        round(box["y"] + box["height"]) + MARGIN,
        round(box["x"] + box["width"]) + MARGIN,
    )
    was, now = before[top:bottom, left:right], after[top:bottom, left:right]
    marked = int(((was + 0.05) / (now + 0.05) >= CONTRAST).sum())
    return Focus(box["name"], marked, needed)


def key(page: Page, key_name: str, expected: str = "", text: str = "") -> Focus:
    """One key: the focus must land on a control whose name holds ``expected``, with a visible
    mark."""
    focus = press(page, key_name, text)
    assert focus is not None, f"after {key_name or 'typing'}, nothing has the focus"
    assert expected in focus.name, f"after {key_name}, the focus is on {focus.name!r}"
    check_mark(focus)
    return focus


def check_mark(focus: Focus) -> None:
    """The focused control's mark is visible and contrasted enough."""
    assert focus.marked >= focus.needed, (
        f"{focus.name!r}: its focus mark has {focus.marked} px at {CONTRAST}:1, "
        f"fewer than {focus.needed}"
    )


def tab_to(page: Page, expected: str, backwards: bool = False, limit: int = 40) -> None:
    """Tab (or Shift+Tab) until the control named ``expected`` has the focus, checking the focus
    mark of every control on the way."""
    for _ in range(limit):
        focus = press(page, "Shift+Tab" if backwards else "Tab")
        if focus is None:  # past the end of the page: the browser's own bar, then the page again
            continue
        check_mark(focus)
        if expected in focus.name:
            return
    raise AssertionError(f"{expected!r} is not reached with {limit} presses of Tab")


def test_a_subdomain_of_the_walk_through_by_keyboard_alone(server, browser, tmp_path):
    """Phase, target, confidence, evidence and Next, with keys only; the answer is stored."""
    setup = new_tab(browser, 1400, 1000)
    assessment_id = start_assessment(setup, server, "Keyboard walk-through")
    setup.context.close()
    page = new_tab(browser, 1400, 2400)  # tall: nothing scrolls, screens compare pixel for pixel
    page.goto(f"{server}/assess?assessment={assessment_id}&subdomain=1.1")
    wait_for_app(page)

    tab_to(page, "st-key-choice 1 · System Building")  # no phase yet: the first option
    key(page, "ArrowRight", "st-key-choice 2 · System Enhancement")  # an arrow chooses
    expect(page.locator(".st-key-save_state")).to_contain_text("Saved")
    tab_to(page, "st-key-target")
    key(page, "ArrowDown", "st-key-target")  # opens the list
    key(page, "", "st-key-target", text="Integration")  # typing narrows it
    key(page, "Enter", "st-key-target")
    tab_to(page, "st-key-confidence Low")
    key(page, "ArrowRight", "st-key-confidence Medium")
    tab_to(page, "st-key-evidence")
    key(page, "", "st-key-evidence", text="Child protection policy 2024, p. 12")
    key(page, "Tab", "st-key-rationale")  # leaving the box saves it
    tab_to(page, "st-key-next", backwards=True)
    key(page, "Enter", "st-key-next")
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("subdomain") == ["1.2"])

    page.goto(f"{server}/assess?assessment={assessment_id}&subdomain=1.1")  # read back, stored
    wait_for_app(page)
    assert checked_choice(page) == "2 · System Enhancement"
    expect(page.locator(".st-key-target input")).to_have_value("3 · System Integration")
    checked = page.locator(".st-key-confidence label").filter(has=page.locator("input:checked"))
    expect(checked).to_have_text("Medium")
    expect(page.locator(".st-key-evidence textarea")).to_have_value(
        "Child protection policy 2024, p. 12"
    )
    page.context.close()


def test_a_workshop_vote_by_keyboard_alone(server, browser):
    """A participant joins by the link and votes with keys only; the facilitator's count moves."""
    facilitator = new_tab(browser, 1400, 1000)
    start_workshop(facilitator, server, "Keyboard vote")
    link = facilitator.locator(".st-key-join_link").inner_text().strip()
    open_subdomain(facilitator, "2.1")
    expect(facilitator.locator(".st-key-voted_count")).to_have_text("0 of 0 joined have voted")

    participant = new_tab(browser, 800, 2400)
    participant.goto(link)
    wait_for_app(participant)
    tab_to(participant, "st-key-join_enter")
    # The button goes with the join form: the focus goes back to the start of the page.
    assert press(participant, "Enter") is None
    expect(participant.locator(".st-key-vote")).to_be_visible(timeout=FOLLOW_MS)
    assert "p=" in participant.url  # joined: the address holds the participant's token
    tab_to(participant, "st-key-vote 1 · System Building")
    key(participant, "ArrowDown", "st-key-vote 2 · System Enhancement")
    expect(participant.locator(".st-key-vote_state")).to_contain_text(
        "Your vote is saved: 2 · System Enhancement."
    )
    expect(facilitator.locator(".st-key-voted_count")).to_have_text(
        "1 of 1 joined have voted", timeout=FOLLOW_MS
    )
    participant.context.close()
    facilitator.context.close()
