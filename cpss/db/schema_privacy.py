"""Migrations 9 and 14: what a share link shows beyond the dashboard, and the saves that went on
after the personal-data warning. Kept beside migrations.py, which lists them."""

from __future__ import annotations

from cpss.db.history import latest_view

# What a share link shows beyond the dashboard (a scope such as "investment" or "documents"), set by
# its maker; the latest row per link and scope counts. No row: not shown (the default is private).
SHARE_LINK_OPTIONS: list[str | dict[str, str]] = [
    """CREATE TABLE share_link_options (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        token VARCHAR NOT NULL,
        scope VARCHAR NOT NULL,
        shown BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_share_link_options", "share_link_options", "token, scope"),
    {"postgresql": "CREATE INDEX share_link_options_latest ON share_link_options (token, seq)"},
]


# Responsible data (issue 22): a save that went on after the personal-data warning is noted, with
# which kinds were seen (never the text itself) in which field, by whom and when. It only grows.
PERSONAL_DATA: list[str | dict[str, str]] = [
    """CREATE TABLE personal_data_overrides (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        place VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        kinds VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
]
