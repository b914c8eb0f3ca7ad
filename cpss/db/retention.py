"""Retention: the rules' values in force, the data events, and the run (dry, real, or when due).

The app calls :func:`run_due` at start and on page loads: one read of the lock row by its key when
nothing is due (at most once an hour something is). When due, one server takes the lease on the
row (one UPDATE whose condition a second server cannot also meet), runs every enabled rule, each
in its own transaction, records each removal as a ``data_events`` row, and sets the next time.
What each rule removes is :mod:`cpss.db.retention_rules`; the rules themselves
:mod:`cpss.model.retention`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from cpss.db import retention_rules
from cpss.db.core import Db, Tx
from cpss.db.errors import StorageError
from cpss.db.retention_rules import Removal
from cpss.model.access import ADMIN, MANAGE, Actor
from cpss.model.retention import (
    ACCESS_LOG,
    ADDRESS_KEPT,
    DEFAULTS,
    LEASE,
    RULES,
    RUN_EVERY,
    RuleSetting,
    check_days,
    due_to_run,
)
from cpss.model.times import utc_now

if TYPE_CHECKING:
    import pandas as pd

# Who the scheduled run acts as: it runs on whichever page load finds it due (a viewer's, a
# participant's), so it acts as itself, recorded by this name, not as that session's person.
RUN_ACTOR = Actor("retention rule", ADMIN)
# Event kinds written by the rules (cpss.model.retention.NAMES_REMOVED_ON_REQUEST by a person).
EVENT_OF_RULE = {
    "names": "names_removed",
    "votes": "votes_reduced",
    "purge": "assessments_purged",
    ACCESS_LOG: "access_log_trimmed",
}
ADDRESSES_ERASED = "addresses_erased"


def settings(db: Db | Tx) -> dict[str, RuleSetting]:
    """Every rule's value in force (its latest saved row, else the default), by rule name."""
    rows = db.rows("SELECT rule, days, enabled FROM current_retention_settings")
    saved = {rule: RuleSetting(rule, days, enabled, True) for rule, days, enabled in rows}
    return {rule: saved.get(rule, DEFAULTS[rule]) for rule in RULES}


def save_setting(db: Db, rule: str, days: int, enabled: bool, by: str = "") -> RuleSetting:
    """Record a rule's new value (administrators; ``by`` in single-user mode), which confirms it:
    the page has shown its dry run first."""
    if rule not in RULES:
        raise ValueError(f"No retention rule {rule!r}")
    days = check_days(days)
    db.write(MANAGE, lambda tx: _append_setting(tx, rule, days, enabled), by=by)
    return RuleSetting(rule, days, enabled, True)


def _append_setting(tx: Tx, rule: str, days: int, enabled: bool) -> None:
    tx.run(
        "INSERT INTO retention_settings (rule, days, enabled, recorded_at, recorded_by) "
        "VALUES (:rule, :days, :enabled, :now, :by)",
        {"rule": rule, "days": days, "enabled": enabled, "now": utc_now(), "by": tx.author},
    )


def record_event(
    tx: Tx, kind: str, detail: str, removed: int = 0, rule: str | None = None, at=None
) -> None:
    """Inside a write: record that data was removed (``kind``; ``detail`` names what by ids, never
    the removed words), how many rows, by which ``rule`` (None: by ``tx.author`` on request)."""
    tx.run(
        "INSERT INTO data_events (kind, detail, removed, rule, recorded_at, recorded_by) "
        "VALUES (:kind, :detail, :removed, :rule, :now, :by)",
        {
            "kind": kind,
            "detail": detail,
            "removed": removed,
            "rule": rule,
            "now": at or utc_now(),
            "by": tx.author,
        },
    )


def events(db: Db, limit: int = 200) -> pd.DataFrame:
    """The latest data events, newest first."""
    return db.frame(
        "SELECT recorded_at, kind, removed, rule, detail, recorded_by FROM data_events "
        "ORDER BY seq DESC LIMIT :limit",
        {"limit": limit},
    )


def dry_run(db: Db | Tx, now: datetime) -> list[Removal]:
    """What a run at ``now`` would remove: each enabled rule's removal (confirmed or not; see
    :func:`waiting` for those a run leaves alone), in the order a run takes them."""
    rules = settings(db)
    return [retention_rules.due(db, rules[rule], now) for rule in RULES if rules[rule].enabled]


def preview(db: Db, rule: str, days: int, now: datetime) -> Removal:
    """What ``rule`` with ``days`` would remove at ``now``: the count the page asks to confirm
    before a value is saved (nothing is changed)."""
    return retention_rules.due(db, RuleSetting(rule, check_days(days), True), now)


def waiting(db: Db, now: datetime) -> list[Removal]:
    """Removals a run leaves until an administrator confirms the rule: enabled on its default,
    never saved, with something to remove (the page asks "this will remove N names")."""
    rules = settings(db)
    return [found for found in dry_run(db, now) if found.rows and not rules[found.rule].confirmed]


def run(db: Db, now: datetime) -> list[Removal]:
    """Apply every enabled rule at ``now`` and return what went (as :func:`dry_run` lists it),
    each removal recorded as an event; a rule never confirmed runs only while it removes nothing,
    and is then confirmed as it stands. Also erases visitors' addresses older than a day."""
    done = [_apply_one(db, setting, now) for setting in settings(db).values() if setting.enabled]
    db.write(MANAGE, lambda tx: _erase_addresses(tx, now), by=RUN_ACTOR.name)
    return [found for found in done if found is not None]


def _apply_one(db: Db, setting: RuleSetting, now: datetime) -> Removal | None:
    return db.write(MANAGE, lambda tx: _apply(tx, setting, now), by=RUN_ACTOR.name)


def _apply(tx: Tx, setting: RuleSetting, now: datetime) -> Removal | None:
    """One rule in one transaction; None when it waits for a confirmation."""
    if not setting.confirmed:
        if retention_rules.due(tx, setting, now).rows:
            return None
        _append_setting(tx, setting.rule, setting.days, setting.enabled)
    found = retention_rules.remove(tx, setting, now)
    if found.rows:
        detail = " ".join(found.keys)
        record_event(tx, EVENT_OF_RULE[setting.rule], detail, found.rows, setting.rule, now)
    return found


def _erase_addresses(tx: Tx, now: datetime) -> None:
    erased = retention_rules.erase_addresses(tx, now - ADDRESS_KEPT)
    if erased:
        record_event(tx, ADDRESSES_ERASED, "", erased, ACCESS_LOG, now)


def run_due(db: Db, now: datetime | None = None) -> list[Removal] | None:
    """Run retention if it is due and no other server is running it; None when not run. Cheap
    when not due: one read of one row by its key."""
    now = now or utc_now()
    found = db.row("SELECT next_due FROM retention_lock WHERE name = 'retention'")
    if found is not None and not due_to_run(found[0], now):
        return None
    system = db.as_actor(RUN_ACTOR)
    holder = uuid.uuid4().hex
    if found is None and not _make_lock_row(system):
        return None
    if not system.write(MANAGE, lambda tx: _take_lease(tx, holder, now)):
        return None  # another server holds it, or has just run
    try:
        return run(system, now)
    finally:
        system.write(MANAGE, lambda tx: _release(tx, holder, now))


def _make_lock_row(db: Db) -> bool:
    """Make the lock's row on the first run; False when another server is making it (then that
    one runs). Not made by the migration: a row there would make a new database look used to
    copy-to and restore, which want empty tables."""
    insert = (
        "INSERT INTO retention_lock VALUES ('retention', NULL, NULL, :epoch) ON CONFLICT DO NOTHING"
    )
    try:
        db.write(MANAGE, lambda tx: tx.run(insert, {"epoch": datetime(2000, 1, 1)}))
    except StorageError:
        # DuckDB refuses the key while another server's insert of it is not committed yet
        # (PostgreSQL waits for that insert, then does nothing); a real fault shows again next time.
        return False
    return True


def _take_lease(tx: Tx, holder: str, now: datetime) -> bool:
    taken = tx.run(
        """UPDATE retention_lock SET holder = :holder, lease_until = :until
           WHERE name = 'retention' AND lease_until <= :now
             AND (next_due IS NULL OR next_due <= :now)
           RETURNING name""",
        {"holder": holder, "until": now + LEASE, "now": now},
    )
    return bool(taken)


def _release(tx: Tx, holder: str, now: datetime) -> None:
    tx.run(
        """UPDATE retention_lock SET next_due = :next, holder = NULL, lease_until = :now
           WHERE name = 'retention' AND holder = :holder""",
        {"next": now + RUN_EVERY, "now": now, "holder": holder},
    )
