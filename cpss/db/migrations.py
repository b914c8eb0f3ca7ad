"""The database schema as numbered migrations; each runs once and is recorded in the database.

History tables are append-only: a change is a new row, the current state is the latest row per key
(highest ``seq``), read through a ``current_*`` view made by :func:`latest_view`. Add a migration at
the end of ``MIGRATIONS``; never edit one that has shipped. The schema they make is in
``docs/schema.sql`` (``python -m cpss schema`` writes it; a test checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpss.db.core import Cursor
from cpss.db.history import latest_view, not_deleted
from cpss.db.schema_documents import DOCUMENTS
from cpss.db.schema_frameworks import FRAMEWORKS
from cpss.db.schema_money import INVESTMENT
from cpss.db.schema_privacy import PERSONAL_DATA, SHARE_LINK_OPTIONS
from cpss.db.schema_retention import RETENTION
from cpss.model.times import utc_now

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
    latest_view("current_details", "assessment_details", "assessment_id"),
    latest_view("current_ratings", "ratings", "assessment_id, subdomain_id"),
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
    latest_view("current_action_items", "action_items", "item_id"),
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
    latest_view(
        "current_workshop_votes", "workshop_votes", "workshop_id, participant_id, subdomain_id"
    ),
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
        salt BYTEA NOT NULL,
        password_hash BYTEA NOT NULL,
        active BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_accounts", "user_accounts", "name"),
    # Read-only links to one assessment's dashboard; a later row with revoked = true ends one.
    """CREATE TABLE share_links (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        token VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        revoked BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_share_links", "share_links", "token"),
    # Deleting (deleted = true) and undoing it (false); the latest row per assessment counts.
    """CREATE TABLE assessment_deletions (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        assessment_id VARCHAR NOT NULL,
        deleted BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view("current_deletions", "assessment_deletions", "assessment_id"),
    latest_view(
        "current_details",
        "assessment_details",
        "assessment_id",
        replace=True,
        where=not_deleted(),
    ),
]

# Wrong passwords, per account and per client address, so that the brake on guessing holds however
# the guesser reconnects (cpss.db.accounts). Old rows are only counted within a window.
_SIGN_IN = [
    """CREATE TABLE sign_in_failures (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        account VARCHAR NOT NULL,
        address VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL)""",
]


# Privacy in the room (cpss.db.workshops): a participant the facilitator removed (a duplicate join)
# no longer counts or votes, and each reveal that showed a tally is noted, so that a later reveal
# can tell how many votes changed since. Both as history: rows are only added.
_ROOM_PRIVACY = [
    """CREATE TABLE workshop_removals (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        workshop_id VARCHAR NOT NULL,
        participant_id VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    # The votes a reveal showed are those current just before its seq (voting is locked meanwhile).
    """CREATE TABLE workshop_reveals (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        workshop_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    latest_view(
        "current_workshop_votes",
        "workshop_votes",
        "workshop_id, participant_id, subdomain_id",
        replace=True,
        where="participant_id NOT IN (SELECT participant_id FROM workshop_removals)",
    ),
]


# Search text folded to lower case without accents, as one SQL function on both engines (the one
# place each engine's form is written): DuckDB has strip_accents; PostgreSQL decomposes (NFD, its
# database in UTF-8) and drops the combining marks, with no extension to install.
_FOLD = [
    {
        "duckdb": "CREATE MACRO cpss_fold(t) AS strip_accents(lower(t))",
        "postgresql": r"""CREATE FUNCTION cpss_fold(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE
            AS $$ SELECT regexp_replace(normalize(lower(t), NFD), '[\u0300-\u036f]', '', 'g') $$""",
    }
]


# PostgreSQL reads a history table row by row: without an index, every "current row of this
# assessment" scans the whole table, and the dashboard over 10,000 assessments took ×10-×130 the
# time of 10 per query (bench: python -m bench --only pg-dashboard; bench/RESULTS.md). Each index
# leads with the keys a ``current_*`` view partitions by, then seq, so that a filter on the keys
# reads only that assessment's (or workshop's) rows, already in the window's order. DuckDB scans
# its columns fast and uses no index for a window: it gets none (an index would slow every insert).

_HISTORY_INDEXES = [
    {"postgresql": f"CREATE INDEX {name} ON {table} ({columns})"}
    for name, table, columns in [
        ("ratings_latest", "ratings", "assessment_id, subdomain_id, seq"),
        ("details_latest", "assessment_details", "assessment_id, seq"),
        ("deletions_latest", "assessment_deletions", "assessment_id, seq"),
        ("positions_latest", "positions", "assessment_id, seq"),
        ("action_items_assessment", "action_items", "assessment_id"),
        ("action_items_latest", "action_items", "item_id, seq"),
        ("priority_reviews_latest", "priority_reviews", "assessment_id, seq"),
        ("assessments_created", "assessments", "created_at"),
        ("share_links_latest", "share_links", "token, seq"),
        ("share_links_assessment", "share_links", "assessment_id"),
        ("workshops_assessment", "workshops", "assessment_id"),
        ("workshop_states_latest", "workshop_states", "workshop_id, seq"),
        ("workshop_participants_workshop", "workshop_participants", "workshop_id"),
        (
            "workshop_votes_latest",
            "workshop_votes",
            "workshop_id, participant_id, subdomain_id, seq",
        ),
        ("workshop_consensus_latest", "workshop_consensus", "workshop_id, subdomain_id, seq"),
        ("workshop_reveals_workshop", "workshop_reveals", "workshop_id, subdomain_id"),
    ]
]


# The same SQL on both engines, or each engine's form (an engine left out runs nothing).
Statement = str | dict[str, str]


@dataclass(frozen=True)
class Migration:
    """One numbered step of the schema."""

    version: int
    name: str
    statements: Sequence[Statement]


MIGRATIONS: list[Migration] = [
    Migration(1, "assessments, details, ratings and positions as append-only history", _INITIAL),
    Migration(2, "action plan items and priority reviews as append-only history", _ACTION_PLAN),
    Migration(
        3, "facilitated workshops: states, participants, votes and consensus as history", _WORKSHOPS
    ),
    Migration(
        4, "accounts, share links and deletions as history; deleted assessments hidden", _TRUST
    ),
    Migration(5, "wrong sign-in tries per account and client address", _SIGN_IN),
    Migration(6, "workshop participants removed as duplicates; reveals noted", _ROOM_PRIVACY),
    Migration(7, "search text folded without accents, on either engine", _FOLD),
    Migration(8, "indexes on PostgreSQL for each history table's current rows", _HISTORY_INDEXES),
    Migration(9, "what a share link shows beyond the dashboard", SHARE_LINK_OPTIONS),
    Migration(10, "action budgets, subdomain shares and spending as history", INVESTMENT),
    Migration(11, "evidence documents as history, each content stored once", DOCUMENTS),
    Migration(12, "frameworks and their translations kept; assessments pinned to one", FRAMEWORKS),
    Migration(
        13, "retention settings, data events, the access log, tallies, the run's lock", RETENTION
    ),
    Migration(
        14,
        "personal-data warnings overridden (who, when, which kinds; never the text)",
        PERSONAL_DATA,
    ),
]


def pending(cur: Cursor) -> list[Migration]:
    """The migrations this database has not recorded yet."""
    cur.rows("""CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)""")
    done = {row[0] for row in cur.rows("SELECT version FROM schema_migrations")}
    return [m for m in MIGRATIONS if m.version not in done]


def _sql(statement: Statement, engine: str) -> str | None:
    return statement if isinstance(statement, str) else statement.get(engine)


def migrate(cur: Cursor) -> list[int]:
    """Apply the pending migrations, each in its own transaction; return the numbers applied.

    Several app servers may start at once on one PostgreSQL: each transaction first waits for the
    others (``lock_schema``), then reads what is still pending, so each migration runs once.
    """
    applied: list[int] = []
    while True:
        cur.begin()
        try:
            cur.lock_schema()
            todo = pending(cur)
            if todo:
                _apply(cur, todo[0])
                applied.append(todo[0].version)
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        if not todo:
            return applied


def _apply(cur: Cursor, migration: Migration) -> None:
    for statement in migration.statements:
        sql = _sql(statement, cur.engine)
        if sql is not None:
            cur.rows(sql)
    cur.rows(
        "INSERT INTO schema_migrations VALUES (:version, :name, :now)",
        {"version": migration.version, "name": migration.name, "now": utc_now()},
    )


def schema(cur: Cursor) -> str:
    """The current schema as SQL (tables, then views), as ``docs/schema.sql`` holds it."""
    sequences = cur.rows("SELECT sql FROM duckdb_sequences() ORDER BY sequence_name")
    tables = cur.rows("SELECT sql FROM duckdb_tables() WHERE NOT internal ORDER BY table_name")
    views = cur.rows("SELECT sql FROM duckdb_views() WHERE NOT internal ORDER BY view_name")
    head = (
        "-- The schema the migrations make (cpss/db/migrations.py), as DuckDB reads it back.\n"
        "-- Written by `python -m cpss schema > docs/schema.sql`; tests/test_storage.py checks it.\n\n"
    )
    return head + "".join(f"{sql.strip()}\n\n" for (sql,) in [*sequences, *tables, *views])
