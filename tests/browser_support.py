"""Serving the app with ``streamlit run`` and driving it in headless Chromium, for tests and benches.

Debian's ``/usr/bin/chromium`` is used; ``playwright install`` never is (it downloads a browser).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 30_000
START_SECONDS = 60


class ServerError(RuntimeError):
    """The Streamlit server did not start; the message holds its log."""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether the server answers its health check with ``ok``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@contextlib.contextmanager
def serve(
    script: str | Path,
    db_path: Path,
    log_path: Path,
    extra_args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    folder: Path = ROOT,
):
    """Run ``streamlit run script`` in ``folder`` (whose ``.streamlit/`` configures it) on a free
    port with ``CPSS_DB=db_path``; yield its base URL.

    The server's output goes to ``log_path`` (a pipe could fill and block it). Stopped on exit.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *extra_args,
    ]
    environment = {**os.environ, **(env or {}), "CPSS_DB": str(db_path)}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerError(f"The Streamlit server did not start:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def launch_chromium(playwright):
    """Headless Debian Chromium with the flags this closed network needs."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(apt-get install chromium) to run the browser tests."
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def wait_for_app(page: Page) -> None:
    """Wait until the app is connected, its script has finished and nothing is still loading."""
    page.wait_for_timeout(250)  # without it the checks can pass on the previous run's state
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=TIMEOUT_MS)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT_MS)
