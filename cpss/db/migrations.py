"""The database schema as numbered migrations; each runs once and is recorded in the database.

History tables are append-only: a change is a new row, the current state is the latest row per key
(highest ``seq``). Add a migration at the end of ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

from datetime import datetime, timezone

import duckdb

_INITIAL = [
    "CREATE SEQUENCE history_seq",
    """CREATE TABLE assessments (
        id VARCHAR PRIMARY KEY,
        framework_version VARCHAR NOT NULL,
        is_demo BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL,
        created_by VARCHAR NOT NULL)""",
    # Details and status of an assessment over time; the latest row is the current one.
    """CREATE TABLE assessment_details (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        country_code VARCHAR NOT NULL,
        country VARCHAR NOT NULL,
        unit VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        assessment_date DATE NOT NULL,
        assessor VARCHAR NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('draft', 'final')),
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    # Every saved answer; the latest row per (assessment, subdomain) is the current answer.
    """CREATE TABLE ratings (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        answer VARCHAR CHECK (answer IN ('phase', 'dont_know', 'not_applicable')),
        phase INTEGER CHECK (phase BETWEEN 1 AND 4),
        target INTEGER CHECK (target BETWEEN 1 AND 4),
        confidence VARCHAR CHECK (confidence IN ('low', 'medium', 'high')),
        evidence VARCHAR NOT NULL,
        rationale VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL,
        CHECK ((answer = 'phase') = (phase IS NOT NULL)))""",
    # Where the user last was in the walk-through, so that a resumed assessment opens there.
    """CREATE TABLE positions (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL)""",
    """CREATE VIEW current_details AS
        SELECT * FROM assessment_details
        QUALIFY row_number() OVER (PARTITION BY assessment_id ORDER BY seq DESC) = 1""",
    """CREATE VIEW current_ratings AS
        SELECT * FROM ratings
        QUALIFY row_number() OVER (PARTITION BY assessment_id, subdomain_id ORDER BY seq DESC) = 1""",
]

_ACTION_PLAN = [
    # Every version of an action item; the latest row per item_id is the current one. An item
    # belongs to the assessment it was planned in; ``reviewed_in`` names the (later) assessment
    # during whose follow-up this version was recorded, NULL when recorded in its own.
    """CREATE TABLE action_items (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        item_id VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        subdomain_id VARCHAR,
        what VARCHAR NOT NULL,
        owner VARCHAR NOT NULL,
        due_date DATE,
        status VARCHAR NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
        notes VARCHAR NOT NULL,
        reviewed_in VARCHAR,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    """CREATE VIEW current_action_items AS
        SELECT * FROM action_items
        QUALIFY row_number() OVER (PARTITION BY item_id ORDER BY seq DESC) = 1""",
    # The user's arrangement of the suggested priorities: their order and the dismissed ones.
    """CREATE TABLE priority_reviews (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        ordering VARCHAR[] NOT NULL,
        dismissed VARCHAR[] NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
]

# Facilitated workshops (cpss.db.workshops). Every table is history or an insert-once record:
# a state change, a vote change or a consensus is a new row; the latest row per key is current.
_WORKSHOPS = [
    """CREATE TABLE workshops (
        id VARCHAR PRIMARY KEY,
        code VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        ask_names BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL,
        created_by VARCHAR NOT NULL)""",
    # What participants follow; the latest row per workshop is its state.
    """CREATE TABLE workshop_states (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        workshop_id VARCHAR NOT NULL,
        subdomain_id VARCHAR,
        locked BOOLEAN NOT NULL,
        revealed BOOLEAN NOT NULL,
        ended BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    # The token is the participant's secret (kept in their address); votes refer to the id.
    """CREATE TABLE workshop_participants (
        id VARCHAR PRIMARY KEY,
        token VARCHAR NOT NULL UNIQUE,
        workshop_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        joined_at TIMESTAMP NOT NULL)""",
    # Every vote and change of vote; the latest row per participant and subdomain is current.
    """CREATE TABLE workshop_votes (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        workshop_id VARCHAR NOT NULL,
        participant_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        answer VARCHAR NOT NULL CHECK (answer IN ('phase', 'dont_know')),
        phase INTEGER CHECK (phase BETWEEN 1 AND 4),
        comment VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        CHECK ((answer = 'phase') = (phase IS NOT NULL)))""",
    # Each agreed answer recorded in a workshop; the rating itself is in ratings (source workshop).
    """CREATE TABLE workshop_consensus (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        workshop_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        answer VARCHAR NOT NULL,
        phase INTEGER,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    """CREATE VIEW current_workshop_votes AS
        SELECT * FROM workshop_votes
        QUALIFY row_number() OVER (PARTITION BY workshop_id, participant_id, subdomain_id
                                   ORDER BY seq DESC) = 1""",
]

# Trust (cpss.db.accounts, cpss.db.share_links, cpss.db.lifecycle): accounts, share links and deletions, all as
# history. A deleted assessment is hidden by redefining current_details, which every page's query
# joins: the deletion is a row, undone by a later row, and its data stays until an admin purges it.
_TRUST = [
    # Every version of an account; the latest row per name is current (an inactive one cannot
    # sign in). Only a salted scrypt hash of the password is kept.
    """CREATE TABLE user_accounts (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        name VARCHAR NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
        salt BLOB NOT NULL,
        password_hash BLOB NOT NULL,
        active BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    """CREATE VIEW current_accounts AS
        SELECT * FROM user_accounts
        QUALIFY row_number() OVER (PARTITION BY name ORDER BY seq DESC) = 1""",
    # Read-only links to one assessment's dashboard; a later row with revoked = true ends one.
    """CREATE TABLE share_links (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        token VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        revoked BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    """CREATE VIEW current_share_links AS
        SELECT * FROM share_links
        QUALIFY row_number() OVER (PARTITION BY token ORDER BY seq DESC) = 1""",
    # Deleting (deleted = true) and undoing it (false); the latest row per assessment counts.
    """CREATE TABLE assessment_deletions (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        deleted BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    """CREATE VIEW current_deletions AS
        SELECT * FROM assessment_deletions
        QUALIFY row_number() OVER (PARTITION BY assessment_id ORDER BY seq DESC) = 1""",
    """CREATE OR REPLACE VIEW current_details AS
        SELECT * FROM assessment_details
        WHERE assessment_id NOT IN (SELECT assessment_id FROM current_deletions WHERE deleted)
        QUALIFY row_number() OVER (PARTITION BY assessment_id ORDER BY seq DESC) = 1""",
]

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "assessments, details, ratings and positions as append-only history", _INITIAL),
    (2, "action plan items and priority reviews as append-only history", _ACTION_PLAN),
    (3, "facilitated workshops: states, participants, votes and consensus as history", _WORKSHOPS),
    (4, "accounts, share links and deletions as history; deleted assessments hidden", _TRUST),
]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this database has not recorded yet; return the numbers applied."""
    con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)""")
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, statements in MIGRATIONS:
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        [version, name, utc_now()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def utc_now() -> datetime:
    """The current time in UTC, as the naive timestamp the tables store."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
