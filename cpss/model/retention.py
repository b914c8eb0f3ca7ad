"""Retention rules, pure: which rules there are, their values, and when something is due to go.

The rules (each a number of days, switched on or off by an administrator):

- ``names``: workshop participants' names removed N days after the workshop ended (votes kept);
- ``votes``: individual workshop votes reduced to per-subdomain tallies N days after the end;
- ``purge``: deleted assessments purged (every row removed) N days after their deletion;
- ``access_log``: access-log entries removed after N days.

The storage side (what each rule finds and removes, the events, the lock) is
:mod:`cpss.db.retention`. A rule's first run that would remove something waits for an
administrator's confirmation (``confirmed``): nothing is removed on defaults nobody has seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cpss.i18n import N_
from cpss.model.errors import UserError
from cpss.model.retention_defaults import DEFAULT_ACCESS_LOG_DAYS, DEFAULT_NAME_DAYS

NAMES, VOTES, PURGE, ACCESS_LOG = "names", "votes", "purge", "access_log"
RULES = (NAMES, VOTES, PURGE, ACCESS_LOG)
MAX_DAYS = 36_500  # a hundred years: beyond it a number is a typing slip
RUN_EVERY = timedelta(hours=1)  # the app checks at start and at most this often
LEASE = timedelta(minutes=15)  # a run's hold on the lock: a crashed server's lapses by then
ADDRESS_KEPT = timedelta(hours=22)  # erased by the hourly run (+1 h, +1 min check): under a day

# What each rule removes, for the administrator's page (English message ids, translated there).
RULE_LABELS = {
    NAMES: N_("Workshop participants' names, removed this many days after the workshop ended"),
    VOTES: N_("Individual workshop votes, reduced to per-subdomain tallies after this many days"),
    PURGE: N_("Deleted assessments, purged for good this many days after their deletion"),
    ACCESS_LOG: N_("Access log entries, removed after this many days"),
}
# Event kinds (data_events.kind): the rule that removed, or a person's removal on request.
NAMES_REMOVED_ON_REQUEST = "names_removed_on_request"


@dataclass(frozen=True)
class RuleSetting:
    """One rule's value in force: ``days``, whether it is ``enabled``, and whether an administrator
    has confirmed it (a rule nobody saved yet runs on its own only while it removes nothing)."""

    rule: str
    days: int
    enabled: bool
    confirmed: bool = False


DEFAULTS = {
    NAMES: RuleSetting(NAMES, DEFAULT_NAME_DAYS, True),
    VOTES: RuleSetting(VOTES, 365, False),
    PURGE: RuleSetting(PURGE, 90, False),
    ACCESS_LOG: RuleSetting(ACCESS_LOG, DEFAULT_ACCESS_LOG_DAYS, True),
}


def check_days(days: object) -> int:
    """``days`` as a whole number of days from 1 to :data:`MAX_DAYS`, or a :class:`UserError`
    saying what is wrong (nothing is saved)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise UserError(
            "The number of days must be a whole number from 1 to {most}; {days} is not.",
            most=MAX_DAYS,
            days=days,
        )
    return days


def cutoff(setting: RuleSetting, now: datetime) -> datetime:
    """The moment before which the rule's rows are due to go."""
    return now - timedelta(days=setting.days)


def due_to_run(next_due: datetime | None, now: datetime) -> bool:
    """Whether the hourly retention run is due (never run yet, or its time has come)."""
    return next_due is None or now >= next_due


# Event kinds in data_events, in words (English message ids, translated where shown).
EVENT_LABELS = {
    "names_removed": N_("Participants' names removed"),
    "votes_reduced": N_("Individual votes reduced to tallies"),
    "assessments_purged": N_("Deleted assessments purged"),
    "access_log_trimmed": N_("Old access log entries removed"),
    "addresses_erased": N_("Visitors' addresses erased"),
    NAMES_REMOVED_ON_REQUEST: N_("A person's name removed on request"),
}
# What the access log records (access_log.action), in words.
ACTION_LABELS = {
    "opened": N_("Opened the dashboard"),
    "exported": N_("Exported the data"),
    "downloaded_report": N_("Built a report to download"),
    "share_link_opened": N_("Opened a share link"),
}
