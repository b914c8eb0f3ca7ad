"""axe-core in the browser tests: which rules are checked, which findings fail a test, and the one
list of findings that belong to Streamlit's own markup (not ours to fix), each with its reason.

axe-core comes bundled in axe-playwright-python (``axe.min.js``): nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.1 A and AA, and axe's best practices (heading order, landmarks...).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
FAILING_IMPACTS = {"serious", "critical"}
# Rules of a lesser impact that fail too: axe rates a skipped heading level "moderate", but a
# screen reader's list of headings is how its user finds the sections of our longer pages.
ALSO_FAILING = {"heading-order"}


@dataclass(frozen=True)
class Known:
    """A finding in Streamlit's own markup: ``selector`` is the Streamlit element it is in; a node
    outside it is ours. ``reason`` says why it is not ours and where it is reported upstream."""

    selector: str
    reason: str


# Rule id -> the Streamlit element whose finding it is. A finding is left out only when every
# one of its nodes is inside that element (tests/test_accessibility_browser.py checks the rule).
STREAMLIT_FINDINGS = {
    "list": Known(
        '[data-testid="stSidebarNavItems"]',
        "st.navigation's sidebar with sections puts each section's header and links in a <div> "
        "directly inside its <ul>. Upstream: not found (the nearest is the general "
        "https://github.com/streamlit/streamlit/issues/8399).",
    ),
    "listitem": Known(
        '[data-testid="stSidebarNavItems"]',
        "The same sidebar: its <li> links sit in those <div>s, not directly in the <ul>. "
        "Upstream: not found (see streamlit/streamlit#8399).",
    ),
    "aria-dialog-name": Known(
        '[data-testid="stToast"]',
        "st.toast is role=alertdialog with aria-labelledby naming an id that is not in the page, so "
        "it has no accessible name (its text is still read). Upstream: not found.",
    ),
    "scrollable-region-focusable": Known(
        '[data-testid="stTable"]',
        "st.table wraps a table wider than the screen (a phone) in a scrolling <div> without "
        "tabindex; Chromium 130+ makes such scrollers keyboard-focusable by itself, axe still "
        "reports the markup. Upstream: not found.",
    ),
}

# axe-core's own run, with each node marked while the page still holds it (a toast can leave
# before a second look): ``streamlits`` when it lies inside the Streamlit element listed for its
# rule. A node in a frame or shadow root has no element here, so it is never Streamlit's.
_RUN = """async ([options, known]) => {
  const results = await axe.run(document, {...options, elementRef: true});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target, html: n.html,
      contrast: (n.any.find(c => c.id === "color-contrast") || {}).data || null,
      streamlits: Boolean(known[v.id] && n.element && n.element.closest(known[v.id])),
    })),
  }));
}"""
_AXE_SCRIPT = Axe().axe_script


def failing(violation: dict) -> bool:
    """Whether a violation of axe's (one rule, all its nodes) fails the test unless known."""
    return violation["impact"] in FAILING_IMPACTS or violation["id"] in ALSO_FAILING


def is_streamlits(violation: dict) -> bool:
    """Whether every node of ``violation`` lies inside the Streamlit element listed for its rule."""
    return all(node["streamlits"] for node in violation["nodes"])


def describe(where: str, violation: dict) -> list[str]:
    """One line per offending node: where, the rule, its impact and help, the node's selector (and
    the colours for a contrast finding)."""
    lines = []
    for node in violation["nodes"]:
        contrast = node["contrast"]
        colours = (
            f" [{contrast['fgColor']} on {contrast['bgColor']}: {contrast['contrastRatio']}:1]"
            if contrast
            else ""
        )
        lines.append(
            f"{where}: {violation['id']} ({violation['impact']}: {violation['help']}){colours} "
            f"at {' >>> '.join(node['target'])}: {node['html'][:160]}"
        )
    return lines


def violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it is now, each node marked ``streamlits`` or not."""
    page.evaluate(_AXE_SCRIPT)
    known = {rule: finding.selector for rule, finding in STREAMLIT_FINDINGS.items()}
    return page.evaluate(_RUN, [AXE_OPTIONS, known])


def our_findings(page: Page, where: str) -> list[str]:
    """Run axe-core on the page as it is now; the failing findings that are ours, described."""
    lines: list[str] = []
    for violation in violations(page):
        if failing(violation) and not is_streamlits(violation):
            lines += describe(where, violation)
    return lines
