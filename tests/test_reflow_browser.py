"""Zoom and reflow (WCAG 1.4.10): the main pages, with the demo loaded, at 320 CSS px wide (a phone)
and at 640 x 400 (a 1280 px screen at 200 % zoom): nothing scrolls sideways and no content is cut.
Charts and data tables may scroll inside their own box, which 1.4.10 allows for content that needs
two dimensions (docs/decisions/keyboard-and-zoom.md).
"""

from __future__ import annotations

import pytest

from tests.browser_support import wait_for_app
from tests.test_browser import open_demo_dashboard
from tests.test_workshop_browser import new_tab, open_subdomain, start_workshop

VIEWPORTS = [(320, 640), (640, 400)]

# What scrolls sideways (the page, or Streamlit's main area, which scrolls on its own), and every
# piece of content (text, a picture, a control) that reaches past the window's edges, except in a
# box that scrolls by itself and holds a chart or a data table (st.table scrolls in a box of its own,
# inside it: a chart's "Chart as a table" on a phone).
OVERFLOW_JS = """() => {
  const W = document.scrollingElement.clientWidth;
  const main = document.querySelector('main');
  const wide = [['page', document.scrollingElement], ['main area', main]]
    .filter(([, e]) => e && e.scrollWidth > e.clientWidth + 1).map(([n]) => n);
  const ownBox = e => {
    for (let x = e.parentElement; x; x = x.parentElement) {
      const o = getComputedStyle(x).overflowX;
      if ((o === 'auto' || o === 'scroll') && x !== main &&
          (x.matches(':has([data-testid="stVegaLiteChart"], [data-testid="stDataFrame"])') ||
           x.closest('[data-testid="stTable"]'))) return true;
    }
    return false;
  };
  const content = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) ||
    e.matches('img, svg, canvas, input, textarea, button');
  const cut = [];
  for (const e of main.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || !content(e) || getComputedStyle(e).visibility === 'hidden') continue;
    if ((r.right > W + 1 || r.left < -1) && !ownBox(e)) {
      const where = e.closest('[class*="st-key-"], [data-testid]');
      cut.push(`${e.tagName} "${(e.textContent || '').trim().slice(0, 30)}" in ` +
        `${where ? where.className.split(' ').find(c => c.startsWith('st-key-')) || where.dataset.testid : ''}` +
        ` at ${Math.round(r.left)}..${Math.round(r.right)} px`);
    }
  }
  return {wide, cut: cut.slice(0, 10)};
}"""


@pytest.fixture(scope="module")
def addresses(server, browser) -> dict[str, str]:
    """The pages to check, with the demo loaded and a workshop started: name -> address."""
    page = new_tab(browser, 1400, 1000)
    demo = open_demo_dashboard(page, server)
    start_workshop(page, server, "Reflow")
    facilitator = page.url
    code = page.locator(".st-key-join_code").inner_text().replace(" ", "")
    page.context.close()
    return {
        "home": server,
        "assess": f"{server}/assess?assessment={demo}",
        "dashboard": f"{server}/dashboard?assessment={demo}",
        "plan": f"{server}/plan?assessment={demo}",
        "compare": f"{server}/compare",
        "benchmark": f"{server}/benchmark",
        "exchange": f"{server}/exchange?assessment={demo}",
        "workshop, join screen": facilitator,
        "join": f"{server}/?join={code}",
        "workshop, projector": facilitator,  # after a subdomain is opened (below)
    }


def overflow(browser, address: str, width: int, height: int) -> dict:
    """What scrolls sideways or is cut on the page at ``address``, in a fresh browser (a join
    link makes a browser a participant's)."""
    tab = new_tab(browser, width, height)
    tab.goto(address)
    wait_for_app(tab)
    result = tab.evaluate(OVERFLOW_JS)
    tab.context.close()
    return result


def open_for_the_projector(browser, facilitator: str) -> None:
    """The facilitator opens a subdomain: the workshop page becomes the projector's view."""
    tab = new_tab(browser, 1400, 1000)
    tab.goto(facilitator)
    wait_for_app(tab)
    open_subdomain(tab, "1.1")
    tab.context.close()


@pytest.mark.parametrize("width,height", VIEWPORTS, ids=["320px", "200pc-zoom"])
def test_no_page_scrolls_sideways_or_cuts_content(addresses, browser, width, height):
    """Every main page at the width of a phone and of a 200 % zoomed laptop screen."""
    found = {}
    for name, address in addresses.items():
        if name == "workshop, projector":
            open_for_the_projector(browser, address)
        result = overflow(browser, address, width, height)
        if result["wide"] or result["cut"]:
            found[name] = result
    assert not found, found
