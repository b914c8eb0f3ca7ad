"""nginx from ``deploy/nginx.conf`` in front of app servers, on free ports, for the tests.

The repository's configuration is used as it is: only what the file says to change (the ``listen``
ports, the upstream ``server`` lines, the certificate paths) is replaced, and each replacement must
match exactly once, so that the test breaks when the file changes shape. A small main file around
it keeps nginx's pid, logs and temporary files in the test's folder.
"""

from __future__ import annotations

import contextlib
import getpass
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.browser_support import ROOT, free_port

CONFIG = ROOT / "deploy" / "nginx.conf"
UPSTREAM = re.compile(r"(^    server 127\.0\.0\.1:850\d max_fails=0;\n)+", re.MULTILINE)
# Each request's upstream and affinity cookie, for the checks that sessions stick to one server.
LOG_FORMAT = "'$upstream_addr $cookie_cpss_server $status $request_method $uri'"


class NginxError(RuntimeError):
    """nginx is missing or did not start; the message says which (with its log)."""


def nginx_binary() -> str:
    """Debian's nginx; a clear message when it is not installed."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not found:
        raise NginxError(
            "nginx is missing: run `sh tools/ensure_test_programs.sh` (or apt-get install nginx)."
        )
    return found


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1, made with openssl for this test run."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    request = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
    subprocess.run(
        [*request.split(), "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )
    return cert, key


def _replace_once(text: str, old: str | re.Pattern, new: str) -> str:
    pattern = old if isinstance(old, re.Pattern) else re.compile(re.escape(old))
    replaced, count = pattern.subn(lambda _: new, text, count=1)
    assert count == 1, f"{pattern.pattern!r} is not in deploy/nginx.conf any more"
    return replaced


def site_config(upstreams: list[str], http: int, https: int, cert: Path, key: Path) -> str:
    """``deploy/nginx.conf`` with these ports, app servers (host:port) and certificate."""
    text = CONFIG.read_text()
    servers = "".join(f"    server {address} max_fails=0;\n" for address in upstreams)
    text = _replace_once(text, UPSTREAM, servers)
    text = _replace_once(text, "listen 80;", f"listen 127.0.0.1:{http};")
    text = _replace_once(text, "listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;")
    text = _replace_once(text, "/etc/ssl/certs/cpss.example.org.pem", str(cert))
    return _replace_once(text, "/etc/ssl/private/cpss.example.org.key", str(key))


def main_config(folder: Path, site: Path) -> str:
    """The main file: nginx's own files in ``folder``, the site from ``site``."""
    temp = " ".join(f"{kind}_temp_path {folder / kind};" for kind in _TEMP_KINDS)
    return f"""
user {getpass.getuser()};
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    log_format cpss {LOG_FORMAT};
    access_log {folder / "access.log"} cpss;
    {temp}
    include {site};
}}
"""


_TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def access_log(folder: Path) -> list[tuple[str, str, str, str, str]]:
    """The requests nginx passed on so far: (upstream, affinity cookie, status, method, path)."""
    path = folder / "access.log"
    lines = path.read_text().splitlines() if path.exists() else []
    return [tuple(line.split(" ", 4)) for line in lines]  # type: ignore[misc]


@contextlib.contextmanager
def run_nginx(folder: Path, upstreams: list[str]):
    """nginx in front of ``upstreams`` on two free ports; yields (https URL, http URL)."""
    binary = nginx_binary()
    http, https = free_port(), free_port()
    cert, key = self_signed(folder)
    site, main = folder / "cpss.conf", folder / "nginx.conf"
    site.write_text(site_config(upstreams, http, https, cert, key))
    main.write_text(main_config(folder, site))
    log = folder / "nginx.out"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [binary, "-c", str(main), "-p", str(folder), "-g", "daemon off;"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(process, https, log)
        yield f"https://127.0.0.1:{https}", f"http://127.0.0.1:{http}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 20
    while not _listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise NginxError(f"nginx did not start:\n{log.read_text()}")
        time.sleep(0.1)


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
