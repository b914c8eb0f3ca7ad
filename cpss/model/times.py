"""Time as the tables store it: naive timestamps in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current time in UTC, as the naive timestamp the tables store."""
    return datetime.now(UTC).replace(tzinfo=None)
