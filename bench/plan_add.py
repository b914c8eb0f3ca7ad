"""Milliseconds from clicking "Add" on the plan page until the new action is on screen, in
headless Chromium, for one or more checkouts of the app measured in the same process.

    python -m bench.plan_add [--adds N] [CHECKOUT ...]   (default: this checkout)

Each checkout is served on the demo (loaded through its home page's button); the clock runs in
the page, from the click until a new run has finished and the typed action is shown.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.browser_support import ROOT, launch_chromium, serve, wait_for_app

# Resolves with the ms from the click on Add until the run has finished showing ``text`` (which
# only a run after the click can show). No wait for a "running" state: a fragment's run may not
# set it.
_ADD_TO_SHOWN = """async ([text, limit]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const add = document.querySelector('.st-key-new_item_add button');
  return await new Promise((resolve, reject) => {
    const start = performance.now();
    const check = () => {
      const done = app.getAttribute('data-test-script-state') !== 'running'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && document.body.innerText.includes(text);
      if (done) { resolve(performance.now() - start); return; }
      if (performance.now() - start > limit) { reject(new Error('timeout')); return; }
      requestAnimationFrame(check);
    };
    add.click();
    requestAnimationFrame(check);
  });
}"""


def open_plan(page: Page, url: str) -> None:
    """Load the demo and open the plan page of its newest assessment."""
    page.goto(url)
    wait_for_app(page)
    page.locator(".st-key-load_demo button").click()
    wait_for_app(page)
    page.get_by_role("link", name="Priorities and plan", exact=True).click()
    wait_for_app(page)
    plan_tab = page.get_by_role("tab", name="Action plan")
    if plan_tab.count():  # the plan has its own tab since issue 23
        plan_tab.click()


def add_ms(page: Page, text: str) -> float:
    """Type ``text`` as a new action and time its "Add"."""
    page.locator(".st-key-new_item_what input").fill(text)
    page.locator(".st-key-new_item_what input").press("Tab")  # the form takes the typed value
    page.wait_for_timeout(300)  # a person's pause (not timed)
    return page.evaluate(_ADD_TO_SHOWN, [text, 60_000])


def measure(browser, checkout: Path, adds: int) -> list[float]:
    """The "Add" timings of ``checkout``'s app, on a fresh database with the demo."""
    folder = Path(tempfile.mkdtemp())
    with serve(
        checkout / "app.py", folder / "t.duckdb", folder / "log.txt", folder=checkout
    ) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        open_plan(page, url)
        timings = [add_ms(page, f"Bench action {n} of the plan") for n in range(adds)]
        context.close()
    return timings


def main(argv: list[str] | None = None) -> None:
    """Measure each checkout and print its timings and median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--adds", type=int, default=7)
    parser.add_argument("checkouts", nargs="*", type=Path, default=[ROOT])
    args = parser.parse_args(argv)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for checkout in args.checkouts:
            timings = measure(browser, checkout.resolve(), args.adds)
            shown = " ".join(f"{t:.0f}" for t in timings)
            print(f"{checkout}: {shown} ms; median {statistics.median(timings):.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
