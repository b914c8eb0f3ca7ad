"""The same phone or browser continues as the same workshop participant.

A participant's secret token is in their address (``?join=CODE&p=TOKEN``). Re-scanning the code, or
opening the join link in a new tab, gives an address without it, and so a second participant: one
person voting twice. The token is therefore also kept in the browser's localStorage (per workshop
code), and the join page, finding one there for its code, goes to the address with it. Streamlit's
``st.context.cookies`` is read-only, so a cookie would need a server response or a component; a
short script through ``st.html`` (our own constant text; the only values put in are a join code
and a token, both checked to be plain letters and digits) needs neither. Nothing is fetched.
"""

from __future__ import annotations

import json
import re

import streamlit as st

_SAFE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_KEY = "cpss-workshop-"

_REMEMBER = """<script>
try { localStorage.setItem(%(key)s, %(token)s); } catch (e) { /* storage off: the address still works */ }
</script>"""

# Only when the address has no token: a stale one (a removed participant) then shows the join form
# instead of going round in circles.
_RESUME = """<script>
(() => {
  const url = new URL(window.location.href);
  if (url.searchParams.get("p")) return;
  let token = null;
  try { token = localStorage.getItem(%(key)s); } catch (e) { return; }
  if (!token) return;
  url.searchParams.set("p", token);
  window.location.replace(url.toString());
})();
</script>"""


def _script(template: str, code: str, token: str = "") -> None:
    for value in (code, token or "x"):
        if not _SAFE.fullmatch(value):
            raise ValueError("A join code or token with other characters than letters and digits.")
    body = template % {"key": json.dumps(_KEY + code), "token": json.dumps(token)}
    st.html(body, unsafe_allow_javascript=True)


def remember(code: str, token: str) -> None:
    """Keep this participant's token in the browser, for the join link opened again on it."""
    _script(_REMEMBER, code, token)


def resume(code: str) -> None:
    """Go on as the participant this browser joined as, when it kept a token for this code."""
    _script(_RESUME, code)
