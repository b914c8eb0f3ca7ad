"""Timings taken inside headless Chromium, so that Playwright's own round trips are not counted.

Each measure runs in the page as one JavaScript promise: it starts the clock (``performance.now()``),
acts, and stops the clock on the frame where the awaited state is on screen. Waiting for a state
that only a new script run can produce (the run was seen ``running``, then ``notRunning``) keeps a
measure from ending on the previous run's screen.
"""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Page

from tests.browser_support import serve

LIMIT_MS = 60_000
PAUSE_MS = 300
NO_RUN_MS = 5_000
RETRIES = 3
dropped: dict[str, int] = {}  # clicks that started no run, by page address

# Resolves with the milliseconds from the click on the option labelled ``label`` in the radio
# ``.st-key-{key}`` until a new run has finished and ``.st-key-save_state`` says ``saved`` ("Saved",
# or the word in the page's language).
_CLICK_TO_SAVED = """async ([key, labels, limit, noRun, saved]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const option = [...document.querySelectorAll(`.st-key-${key} label`)]
    .find(l => labels.includes(l.innerText.trim()) && !l.querySelector('input:checked'));
  if (!option) throw new Error(`no unchecked option among ${labels}`);
  let sawRunning = false;
  // Records keep the old values: a run that went running -> notRunning between two callbacks
  // is still seen.
  const watch = new MutationObserver(records => {
    if (records.some(r => r.oldValue === 'running')
        || app.getAttribute('data-test-script-state') === 'running') sawRunning = true;
  });
  watch.observe(app, {attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
  return await new Promise((resolve, reject) => {
    const start = performance.now();
    const check = () => {
      const done = sawRunning && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && (document.querySelector('.st-key-save_state')?.innerText || '').includes(saved);
      if (done) { watch.disconnect(); resolve(performance.now() - start); return; }
      if (!sawRunning && performance.now() - start > noRun) { watch.disconnect(); resolve(-1); return; }
      if (performance.now() - start > limit) { watch.disconnect(); reject(new Error('timeout')); return; }
      requestAnimationFrame(check);
    };
    option.click();
    requestAnimationFrame(check);
  });
}"""

# ``performance.now()`` once the script has finished, nothing is loading and ``charts`` Vega-Lite charts are drawn
# (each holds its canvas or svg), with a heading on screen.
_DRAWN = """([charts]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!document.querySelector('h1, h2, h3')) return false;
  const drawn = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .filter(c => c.querySelector('canvas, svg'));
  return drawn.length >= charts ? performance.now() : false;
}"""


def click_to_saved_ms(
    page: Page, labels: list[str], key: str = "choice", saved: str = "Saved"
) -> float:
    """Milliseconds from clicking whichever of ``labels`` is not chosen in radio ``key`` until
    the page shows it ``saved`` (the word in the page's language).

    A click after which no run starts within ``NO_RUN_MS`` is dropped and clicked again (Streamlit's
    frontend now and then ignores a click that lands as the previous run ends); ``dropped`` counts
    them, so that the suite can say so.
    """
    page.bring_to_front()  # a background tab gets no animation frames
    for _ in range(RETRIES):
        # A person's pause between two clicks (not timed).
        page.wait_for_timeout(PAUSE_MS)
        ms = page.evaluate(_CLICK_TO_SAVED, [key, labels, LIMIT_MS, NO_RUN_MS, saved])
        if ms >= 0:
            return ms
        dropped[page.url.split("?")[0]] = dropped.get(page.url.split("?")[0], 0) + 1
    raise RuntimeError(f"{RETRIES} clicks in a row started no run on {page.url}")


def wait_drawn(page: Page, charts: int = 0) -> float:
    """Wait (polling every frame) until the page is drawn with ``charts`` charts; returns the
    page's clock then (ms since its navigation started)."""
    return page.wait_for_function(
        _DRAWN, arg=[charts], polling="raf", timeout=LIMIT_MS
    ).json_value()


def load_ms(page: Page, url: str, charts: int = 0) -> float:
    """Milliseconds from navigating to ``url`` until it is drawn (see :func:`wait_drawn`)."""
    page.bring_to_front()  # a background tab gets no animation frames
    page.goto(url, wait_until="commit")
    return wait_drawn(page, charts)


def cold_start_ms(browser, script: Path, db_path: Path, log_path: Path) -> float:
    """Milliseconds from ``streamlit run script`` until its first page is drawn in a new tab."""
    start = time.perf_counter()
    with serve(script, db_path, log_path) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url, wait_until="commit")
            wait_drawn(page)
            return (time.perf_counter() - start) * 1000
        finally:
            context.close()


__all__ = ["click_to_saved_ms", "cold_start_ms", "load_ms", "wait_drawn"]
