"""The money of action plans in exports and imports (issue 18): budgets, subdomain shares and
spending, as history tables like the others (every version, when and by whom).

Amounts are exact decimal text in JSON ("1250.50") and numbers in Excel; each row names its
action's assessment, so that an export of assessments holds their money and an import checks it
like their answers. :data:`EXCHANGED_TABLES` is every history an export writes and an import reads.
"""

from __future__ import annotations

from cpss.exchange.tables import ASSESSMENT_ID, HISTORY_TABLES, RECORDED, Column, Table
from cpss.model.investment import FUNDERS
from cpss.model.investment import TEXT_LIMITS as MONEY_LIMITS

ITEM_ID = Column("item_id", "Item ID", "id")

BUDGETS = Table(
    "action_budgets",
    "Budget history",
    (
        ITEM_ID,
        ASSESSMENT_ID,
        Column("amount", "Budget", "money"),
        Column("currency", "Currency", limit=3),
        Column("funder", "Funder", choices=tuple(FUNDERS)),
        Column("donor", "Donor", limit=MONEY_LIMITS["donor"]),
        *RECORDED,
    ),
    ("item_id",),
)

SHARES = Table(
    "action_shares",
    "Subdomain share history",
    (
        ITEM_ID,
        ASSESSMENT_ID,
        Column("subdomain_id", "Subdomain", limit=10),
        Column("share", "Share", "share", required=False),
        Column("linked", "Linked", "bool"),
        *RECORDED,
    ),
    ("item_id", "subdomain_id"),
)

SPENDING = Table(
    "spend_entries",
    "Spending history",
    (
        Column("entry_id", "Entry ID", "id"),
        ITEM_ID,
        ASSESSMENT_ID,
        Column("spent_on", "Date spent", "date"),
        Column("amount", "Amount spent", "money"),
        Column("currency", "Currency", limit=3),
        Column("note", "Note", limit=MONEY_LIMITS["note"]),
        Column("removed", "Removed", "bool"),
        *RECORDED,
    ),
    ("entry_id",),
)

MONEY_TABLES = (BUDGETS, SHARES, SPENDING)
EXCHANGED_TABLES = (*HISTORY_TABLES, *MONEY_TABLES)
EXACT_KINDS = ("money", "share")
