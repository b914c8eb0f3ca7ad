"""Who may do what: the actor behind a store's writes, the roles, and the check every write makes.

A :class:`cpss.db.core.Db` carries an :class:`Actor`; every write goes through ``Db.write(need,
...)``, which calls :meth:`Actor.require` once, so a write made without the page's buttons (a
crafted request, a script) is refused the same way as in the UI.
With no configuration the app is a single-user tool and the actor is :data:`SOLO`, allowed all.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpss.i18n import N_
from cpss.model.errors import UserError

ADMIN, EDITOR, VIEWER, PARTICIPANT, SHARE = "admin", "editor", "viewer", "participant", "share"
NOBODY = "nobody"  # team mode, not signed in: may read the sign-in page only
# Single-user mode, another device: may join a workshop (then PARTICIPANT) or open a share link.
REMOTE = "remote"
# Roles an administrator gives to accounts; "facilitator" is a synonym of editor in configuration.
ACCOUNT_ROLES = {  # English message ids: translated where shown
    ADMIN: N_("Administrator"),
    EDITOR: N_("Facilitator / editor"),
    VIEWER: N_("Viewer"),
}
ROLE_SYNONYMS = {"facilitator": EDITOR}

# What a write needs: EDIT (assessments, answers, plans, workshops, imports, share links),
# VOTE (a participant's join and votes, scoped to one workshop), MANAGE (accounts, purge, backup).
# SIGN_IN (a wrong password recorded, so that guessing slows down) is allowed to everyone.
EDIT, VOTE, MANAGE, SIGN_IN = "edit", "vote", "manage", "sign_in"
_ALLOWED = {
    ADMIN: {EDIT, VOTE, MANAGE, SIGN_IN},
    EDITOR: {EDIT, VOTE, SIGN_IN},
    VIEWER: {SIGN_IN},
    PARTICIPANT: {VOTE, SIGN_IN},
    SHARE: {SIGN_IN},
    NOBODY: {SIGN_IN},
    REMOTE: {SIGN_IN},
}
_NEEDS = {
    EDIT: "create or change assessments",
    VOTE: "vote in this workshop",
    MANAGE: "manage accounts, purge assessments or make backups",
    SIGN_IN: "sign in",
}


class AccessDenied(UserError):
    """A write the actor's role does not allow; the message says who, what and why."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: a name recorded with every change, a role, and an optional scope.

    ``workshop_id`` scopes a participant to the one workshop whose code they typed;
    ``assessment_id`` scopes a share link to the one assessment it opens. ``solo`` marks the
    single-user mode, where the name a page passes (the assessor's) is recorded as before.
    """

    name: str
    role: str
    workshop_id: str | None = None
    assessment_id: str | None = None
    solo: bool = False
    shows: frozenset[str] = frozenset()  # a share link: what it shows beyond the dashboard

    def may(self, need: str, workshop_id: str | None = None) -> bool:
        """True when this actor may do a write needing ``need`` (in ``workshop_id`` for votes)."""
        if need not in _ALLOWED.get(self.role, set()):
            return False
        return not (need == VOTE and self.role == PARTICIPANT and workshop_id != self.workshop_id)

    def require(self, need: str, workshop_id: str | None = None) -> None:
        """Raise :class:`AccessDenied` unless :meth:`may` allows the write."""
        if self.may(need, workshop_id):
            return
        who = f"{self.name} ({role_label(self.role)})"
        raise AccessDenied(
            "Not allowed: {who} may not {need}. Nothing was changed. Ask an administrator "
            "if you need this.",
            who=who,
            need=_NEEDS[need],
        )

    def author(self, given: str) -> str:
        """The name recorded with a change: the signed-in person, whatever the page passed.

        In single-user mode there is no sign-in and the page's name (the assessor) is kept.
        """
        return given if self.solo else self.name

    @property
    def can_edit(self) -> bool:
        """Whether pages should offer the widgets that change assessments."""
        return self.may(EDIT)

    @property
    def is_admin(self) -> bool:
        """Whether pages should offer account management, purge and backup."""
        return self.may(MANAGE)


SOLO = Actor("solo user", ADMIN, solo=True)
SIGNED_OUT = Actor("not signed in", NOBODY)
ELSEWHERE = Actor("another device", REMOTE)


def role_label(role: str) -> str:
    """The role in words: ``"Viewer"``, ``"Workshop participant"``..."""
    return {
        **ACCOUNT_ROLES,
        PARTICIPANT: "Workshop participant",
        SHARE: "Share link",
        NOBODY: "not signed in",
        REMOTE: "another device",
    }.get(role, role)


def parse_role(text: str) -> str:
    """A role name from configuration or the command line; :class:`UserError` when unknown."""
    role = ROLE_SYNONYMS.get(str(text).strip().lower(), str(text).strip().lower())
    if role not in ACCOUNT_ROLES:
        raise UserError(
            "Unknown role {text!r}: use admin, facilitator (or editor) or viewer.", text=text
        )
    return role


def participant(workshop_id: str | None = None) -> Actor:
    """A workshop participant: may vote in ``workshop_id`` (once the code was accepted), nothing else."""
    return Actor("workshop participant", PARTICIPANT, workshop_id=workshop_id)


def share_viewer(assessment_id: str, shows: frozenset[str] = frozenset()) -> Actor:
    """Someone holding a share link: reads one assessment's dashboard, and the parts its maker
    chose to show (``shows``: scopes such as "investment"), writes nothing."""
    return Actor("share link", SHARE, assessment_id=assessment_id, shows=shows)


def may_see(actor: Actor, scope: str) -> bool:
    """Whether ``actor`` may read a part of an assessment that a share link shows only when its
    maker ticked it (``scope``: "investment", "documents"): everyone who signed in (or the single
    user) may; a share link only when it shows that scope; a workshop participant never."""
    if actor.role == SHARE:
        return scope in actor.shows
    return actor.role not in (PARTICIPANT, NOBODY, REMOTE)
