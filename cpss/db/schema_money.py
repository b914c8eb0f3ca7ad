"""Migration 10: budgets, subdomain shares and spending on plan actions (cpss.db.investment).
Kept beside migrations.py, which lists it."""

from __future__ import annotations

# Money (cpss.db.investment, issue 18): an action's budget and who funds it, the shares of its cost
# per subdomain, and spending entries, all as history. Amounts are exact decimals (never floats)
# with their ISO 4217 currency; a removed share or spend entry is a later row, so nothing is lost.
# Each row names the assessment its action was planned in (an action never changes assessment): the
# exports, imports and purges of an assessment find its money as they find its answers.
INVESTMENT: list[str | dict[str, str]] = [
    # The latest row per item is the action's budget.
    """CREATE TABLE action_budgets (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        item_id VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        amount DECIMAL(18, 2) NOT NULL CHECK (amount >= 0),
        currency VARCHAR NOT NULL,
        funder VARCHAR NOT NULL CHECK (funder IN ('unicef', 'government', 'donor', 'other')),
        donor VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    # The latest row per (item, subdomain) counts when ``linked``; ``share`` NULL means equal
    # shares over the action's linked subdomains (1/3 has no exact decimal).
    """CREATE TABLE action_shares (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        item_id VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        subdomain_id VARCHAR NOT NULL,
        share DECIMAL(9, 6) CHECK (share BETWEEN 0 AND 1),
        linked BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    # The latest row per entry counts unless ``removed``.
    """CREATE TABLE spend_entries (
        seq BIGINT NOT NULL DEFAULT nextval('history_seq'),
        entry_id VARCHAR NOT NULL,
        item_id VARCHAR NOT NULL,
        assessment_id VARCHAR NOT NULL,
        spent_on DATE NOT NULL,
        amount DECIMAL(18, 2) NOT NULL CHECK (amount >= 0),
        currency VARCHAR NOT NULL,
        note VARCHAR NOT NULL,
        removed BOOLEAN NOT NULL,
        recorded_at TIMESTAMP NOT NULL,
        recorded_by VARCHAR NOT NULL)""",
    *(
        {"postgresql": f"CREATE INDEX {name} ON {table} ({columns})"}
        for name, table, columns in [
            ("action_budgets_latest", "action_budgets", "item_id, seq"),
            ("action_shares_latest", "action_shares", "item_id, subdomain_id, seq"),
            ("spend_entries_item", "spend_entries", "item_id"),
            ("action_budgets_assessment", "action_budgets", "assessment_id"),
            ("action_shares_assessment", "action_shares", "assessment_id"),
            ("spend_entries_assessment", "spend_entries", "assessment_id"),
            ("spend_entries_latest", "spend_entries", "entry_id, seq"),
        ]
    ),
]
