"""Browser test on a phone's screen (390×844): every page of the app, with the demo loaded, fits
the width; nothing makes the page scroll sideways or runs off its right edge.

A box the user can pan sideways on purpose (a table's own scroll, a chart too wide even in its
narrow drawing) may hold wider content; the box itself must fit.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_support import ROOT, TIMEOUT_MS, wait_for_app

PHONE = {"width": 390, "height": 844}

# Elements of the main area wider than the window, or reaching past its edges where no box that
# fits the window clips them (a progress bar's fill slides inside its track). Left out: what is
# inside a box that scrolls sideways by design (a table's grid, a chart too wide even drawn
# narrow), as long as that box itself fits.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const fits = e => { const box = e.getBoundingClientRect();
                      return box.left >= -1 && box.right <= width + 1; };
  const above = function* (e) {
    for (let up = e.parentElement; up && up.dataset.testid !== 'stMain'; up = up.parentElement) {
      yield up;
    }
  };
  const overflow = e => getComputedStyle(e).overflowX;
  const panned = e => [...above(e)].some(up => ['auto', 'scroll'].includes(overflow(up)));
  const clipped = e => [...above(e)].some(up => overflow(up) !== 'visible' && fits(up));
  const name = e => e.tagName.toLowerCase() + (e.dataset.testid ? `[${e.dataset.testid}]` : '')
    + [...e.classList].filter(c => c.startsWith('st-key')).map(c => '.' + c).join('');
  return [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || panned(e)) return false;
    return box.width > width + 1 || (!fits(e) && !clipped(e));
  }).slice(0, 5).map(e => `${name(e)} ${Math.round(e.getBoundingClientRect().left)}..`
                          + `${Math.round(e.getBoundingClientRect().right)}`);
}"""
SCROLLS_SIDEWAYS = (
    "() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1"
)


def app_pages() -> list[str]:
    """Every page's address, the default page (the assessments) as /."""
    return sorted(
        script.stem
        for script in (ROOT / "app_pages").glob("*.py")
        if script.stem not in ("home", "signin")
    )  # sign-in: team mode only


@pytest.fixture(scope="module")
def phone(server, browser):
    """A phone-sized tab with the demo loaded."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.goto(server)
    wait_for_app(tab)
    tab.locator(".st-key-load_demo button").click()
    wait_for_app(tab)
    yield tab
    context.close()


@pytest.mark.parametrize("address", ["", *app_pages()])
def test_no_page_scrolls_sideways_on_a_phone(server, phone, address):
    phone.goto(f"{server}/{address}")
    wait_for_app(phone)
    expect(phone.locator('[data-testid="stMain"] :is(h1, h2, h3)').first).to_be_visible()
    assert not phone.evaluate(SCROLLS_SIDEWAYS), address or "home"
    assert phone.evaluate(OVERFLOWING) == [], address or "home"


def test_the_dashboard_on_a_phone_shows_the_narrow_charts(server, phone):
    """The radar and the heatmap drawn for a phone are the ones shown, and they fit its width."""
    phone.goto(f"{server}/dashboard")
    wait_for_app(phone)
    for key in ("radar", "heatmap"):
        expect(phone.locator(f".st-key-{key}_narrow")).to_be_visible()
        expect(phone.locator(f".st-key-{key}_wide")).to_be_hidden()
        chart = phone.locator(f".st-key-{key}_narrow svg.marks")
        assert int(chart.get_attribute("width")) <= PHONE["width"] - 32
    # the full names, above their cells
    expect(phone.locator(".st-key-heatmap_narrow svg.marks")).to_contain_text(
        "2.2 National, multi-sector,"
    )
