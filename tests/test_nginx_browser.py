"""``deploy/nginx.conf`` in front of two app servers, with a browser going through it over TLS.

Debian's nginx (tools/ensure_test_programs.sh) runs the repository's file with only its ports, upstreams and
certificate changed (tests/nginx_support.py). The checks: the security headers are on every answer,
the browser logs no content-security-policy violation on any page (charts, the workshop's QR code
and its same-device script included), saving, downloading and uploading work, and every request of
one browser reaches one app server while browsers spread over both, and a browser routed to the
other app server sees what the first one saved (both servers on one PostgreSQL database).
"""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser_support import TIMEOUT_MS, ServerError, serve, wait_for_app
from tests.conftest import ROOT
from tests.nginx_support import NginxError, access_log, run_nginx
from tests.test_browser import (
    checked_choice,
    choose,
    export_json,
    import_file,
    start_assessment,
)
from tests.test_workshop_browser import start_workshop

SECURITY_HEADERS = (
    "content-security-policy",
    "strict-transport-security",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
)
# What lets a browser report a CSP violation to the test, on every page it opens.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  window.cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


@pytest.fixture(scope="module")
def app_databases(module_pg_url) -> list[dict[str, str]]:
    """The database settings of the two app servers: one PostgreSQL database for both, as a
    deployment with several app servers needs."""
    return [{"CPSS_DATABASE_URL": module_pg_url}] * 2


@pytest.fixture(scope="module")
def proxy(tmp_path_factory, app_databases):
    """Two app servers and nginx in front of them; yields (https URL, http URL, nginx's folder)."""
    folder = tmp_path_factory.mktemp("nginx")
    try:
        with (
            _app_server(folder, 1, app_databases[0]) as first,
            _app_server(folder, 2, app_databases[1]) as second,
            run_nginx(
                folder, [first.removeprefix("http://"), second.removeprefix("http://")]
            ) as urls,
        ):
            yield (*urls, folder)
    except (ServerError, NginxError) as problem:
        pytest.fail(str(problem))


def _app_server(folder: Path, n: int, settings: dict[str, str]):
    database = Path(settings.get("CPSS_DB", folder / f"unused{n}.duckdb"))
    return serve(ROOT / "app.py", database, folder / f"app{n}.log", env=settings)


def _upstream(context: BrowserContext, folder: Path) -> str:
    """The app server this browser's requests go to (by its affinity cookie in nginx's log)."""
    cookie = next(c["value"] for c in context.cookies() if c["name"] == "cpss_server")
    servers = {entry[0] for entry in access_log(folder) if entry[1] == cookie}
    assert len(servers) == 1, f"one browser's requests went to {servers}"
    return servers.pop()


def _browser_on_another_server(browser, https: str, folder: Path, avoid: str) -> BrowserContext:
    """A new browser that nginx routes to another app server than ``avoid``."""
    for _ in range(30):  # each new browser lands on either server by chance
        ctx = browser.new_context(
            viewport={"width": 1400, "height": 1000}, ignore_https_errors=True
        )
        ctx.set_default_timeout(TIMEOUT_MS)
        page = ctx.new_page()
        page.goto(https)
        wait_for_app(page)
        if _upstream(ctx, folder) != avoid:
            return ctx
        ctx.close()
    raise AssertionError(f"30 new browsers all went to {avoid}")


@pytest.fixture
def context(browser, proxy):
    """A browser context that accepts the test's self-signed certificate and collects every CSP
    violation any of its pages reports (in ``context.violations``)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, ignore_https_errors=True)
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.violations = []
    ctx.expose_function("cspViolation", lambda text: ctx.violations.append(text))
    ctx.add_init_script(REPORT_VIOLATIONS)
    yield ctx
    ctx.close()


def new_page(context: BrowserContext) -> Page:
    """A tab whose console messages about the security policy also count as violations."""
    tab = context.new_page()
    tab.on(
        "console",
        lambda msg: "Content Security Policy" in msg.text and context.violations.append(msg.text),
    )
    return tab


def _get(url: str, cookie: str = "") -> tuple[int, dict[str, str]]:
    """Status and headers (names in lower case) of a GET, following no redirect."""
    insecure = ssl.create_default_context()
    insecure.check_hostname, insecure.verify_mode = False, ssl.CERT_NONE
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=insecure), _NoRedirect()
    )
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as answer:
        return answer.code, {k.lower(): v for k, v in answer.headers.items()}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_every_answer_carries_the_security_headers_and_plain_http_goes_to_https(proxy):
    https, http, _ = proxy
    for path in ("/", "/_stcore/health", "/no-such-page", "/static/no-such-file.js"):
        status, headers = _get(https + path)
        missing = [name for name in SECURITY_HEADERS if name not in headers]
        assert not missing, f"{path} ({status}) lacks {missing}"
    _, headers = _get(https + "/")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["set-cookie"].startswith("cpss_server=")  # the affinity cookie, once
    assert "set-cookie" not in _get(https + "/", cookie="cpss_server=abc")[1]
    status, headers = _get(http + "/assess?x=1")
    assert status == 301 and headers["location"].startswith("https://")


def test_a_browser_through_nginx_saves_downloads_uploads_and_breaks_no_policy(
    proxy, context, tmp_path
):
    """Every page opens; an answer is saved; a JSON export downloads (/media) and uploads again
    (/_stcore/upload_file); a workshop shows its QR code, and a participant joins; no CSP violation
    is reported; all of it went to one app server."""
    https, _, folder = proxy
    page = new_page(context)
    start_assessment(page, https, "Through nginx")
    choose(page, "2 · System Enhancement")
    page.goto(https)
    wait_for_app(page)
    page.locator(".st-key-load_demo button").click()
    wait_for_app(page)
    page.get_by_role("link", name="Dashboard").click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stVegaLiteChart"] canvas, svg.marks').first).to_be_visible()
    for path in ("plan", "change", "compare", "benchmark", "admin"):
        page.goto(f"{https}/{path}")
        wait_for_app(page)
    _export_and_import(page, https, tmp_path)
    _workshop_with_participant(page, context, https)
    assert context.violations == []
    _upstream(context, folder)  # every request of this browser went to one app server


def _export_and_import(page: Page, https: str, tmp_path: Path) -> None:
    page.goto(f"{https}/exchange")
    wait_for_app(page)
    import_file(page, export_json(page, tmp_path)[0])
    expect(
        page.get_by_text("Everything in this file is already here: nothing to import.")
    ).to_be_visible()
    # Larger than nginx's default limit (1 MB, which would answer 413 before the app saw it).
    large = tmp_path / "large.json"
    large.write_text("{" + " " * 1_500_000)
    import_file(page, large)
    expect(page.get_by_text("The file is not valid JSON")).to_be_visible()


def _workshop_with_participant(page: Page, context: BrowserContext, https: str) -> None:
    """The facilitator's QR code (an image from /media) and a participant's join (the inline
    same-device script), in a second tab of the same browser (so on the same app server)."""
    start_workshop(page, https, "Workshop through nginx")
    expect(page.locator('[data-testid="stImage"] img').first).to_be_visible()
    link = page.locator(".st-key-join_link").inner_text().strip()
    participant = new_page(context)
    participant.goto(link)
    wait_for_app(participant)
    participant.locator(".st-key-join_enter button").click()
    expect(participant.get_by_text("You have joined.")).to_be_visible()


def test_a_browser_on_the_other_app_server_sees_what_the_first_saved(proxy, context, browser):
    """Sticky sessions keep each browser on one app server; the data is in the one database, so
    an answer saved through one server is the answer on the other."""
    https, _, folder = proxy
    first = new_page(context)
    assessment_id = start_assessment(first, https, "Saved on one server")
    choose(first, "3 · System Integration")
    other = _browser_on_another_server(browser, https, folder, _upstream(context, folder))
    second = other.new_page()
    second.goto(f"{https}/assess?assessment={assessment_id}&subdomain=1.1")
    wait_for_app(second)
    expect(second.get_by_role("heading", name="Kenya · Saved on one server")).to_be_visible()
    assert checked_choice(second) == "3 · System Integration"
    other.close()


def test_browsers_spread_over_both_app_servers_and_each_sticks_to_one(proxy, browser):
    """New browsers get their own affinity cookie; over a few of them both servers serve, and
    each browser's page, websocket and static files all reach the same one."""
    https, _, folder = proxy
    for _ in range(30):  # a new browser lands on either server by chance: one in 2**30 never
        ctx = browser.new_context(ignore_https_errors=True)
        ctx.set_default_timeout(TIMEOUT_MS)
        page = ctx.new_page()
        page.goto(https)
        wait_for_app(page)
        ctx.close()
        if len({entry[0] for entry in access_log(folder)}) == 2:
            break
    by_cookie = defaultdict(set)
    for upstream, cookie, *_ in access_log(folder):
        if cookie != "-":
            by_cookie[cookie].add(upstream)
    assert all(len(servers) == 1 for servers in by_cookie.values()), by_cookie
    assert len(set().union(*by_cookie.values())) == 2, by_cookie
