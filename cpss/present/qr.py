"""The workshop's join link and its QR code, made locally (segno: pure Python, no network)."""

from __future__ import annotations

import io
import os
from urllib.parse import urlencode, urlsplit

import segno

PUBLIC_URL_ENV = "CPSS_PUBLIC_URL"


def app_base_url(page_url: str) -> str:
    """The app's address participants can open: ``$CPSS_PUBLIC_URL`` when set (behind a proxy, or
    when the server is reached by another name than the facilitator's), else the page's own origin."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/") + "/"
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}/"


def join_link(base_url: str, code: str) -> str:
    """The deep link to join a workshop: the app's root with the code as a query parameter.

    The root, not ``/join``: Streamlit serves the default page at ``/``, and a participant's
    session gets the join page as its only, default page.
    """
    return f"{base_url.rstrip('/')}/?{urlencode({'join': code})}"


def qr_png(text: str, scale: int = 12) -> bytes:
    """A QR code of ``text`` as a PNG image (medium error correction: survives a glare spot)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
