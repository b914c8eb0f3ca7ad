"""Migration 13's statements: retention settings, data events, the access log, vote tallies and
the retention run's lock (cpss.db.retention, cpss.db.access_log). Kept beside migrations.py, which
lists it, so that the schema file stays short."""

from __future__ import annotations

from cpss.db.history import latest_view

RETENTION: list[str | dict[str, str]] = [
    # Every change of a retention rule; the latest row per rule is in force (none: the default).
    """CREATE TABLE retention_settings (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        rule VARCHAR NOT NULL,
        days INTEGER NOT NULL CHECK (days >= 1),
        enabled BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_retention_settings", "retention_settings", "rule"),
    # Every removal of data, by a rule or a person: what (kind), how many, about what (ids only,
    # never the removed words), when and by whom. Never a translated text: pages translate kind.
    """CREATE TABLE data_events (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        kind VARCHAR NOT NULL,
        detail VARCHAR NOT NULL,
        removed INTEGER NOT NULL,
        rule VARCHAR,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    # Who opened, exported or downloaded what, in team mode. A share link is named by a digest of
    # its token (never the token: the log must not open the dashboard); a visitor's address is
    # erased by the hourly retention run once it is 22 hours old (cpss.db.retention).
    """CREATE TABLE access_log (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        person VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        action VARCHAR NOT NULL CHECK (action IN
            ('opened', 'exported', 'downloaded_report', 'share_link_opened')),
        assessment_id VARCHAR NOT NULL,
        link_id VARCHAR,
        address VARCHAR,
        recorded_at TIMESTAMP NOT NULL)""",
    {"postgresql": "CREATE INDEX access_log_time ON access_log (recorded_at)"},
    # Votes reduced to counts by the votes rule: per workshop, subdomain and answer.
    """CREATE TABLE workshop_tallies (
        workshop_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        answer VARCHAR NOT NULL CHECK (answer IN ('phase', 'dont_know')),
        phase INTEGER CHECK (phase BETWEEN 1 AND 4),
        votes INTEGER NOT NULL CHECK (votes > 0),
        recorded_at TIMESTAMP NOT NULL)""",
    # One row: when the retention run is next due, and the lease of the server running it (one
    # server at a time: it takes the lease in one UPDATE, which a second server cannot also win).
    # The row is made by the first run (a migration's row would make a new database look used).
    """CREATE TABLE retention_lock (
        name VARCHAR PRIMARY KEY,
        next_due TIMESTAMP,
        holder VARCHAR,
        lease_until TIMESTAMP NOT NULL)""",
]
