"""The app's mode (single-user, team or open), the roles of people who sign in with OpenID, and
who a session is before any sign-in: the rule that keeps single-user mode to this computer.

Read from the ``[cpss]`` table of ``.streamlit/secrets.toml`` (or ``CPSS_MODE`` in the
environment); the ``[auth]`` table, when present, configures Streamlit's ``st.login`` and switches
team mode on too. This module only interprets the values (the app passes them in), so it is tested
without Streamlit and without an identity provider.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field

from cpss.model.access import ELSEWHERE, SOLO, Actor, parse_role
from cpss.model.errors import UserError

# single-user: no sign-in, the full app for this computer only; team: everyone signs in with a
# role; open: no sign-in for anyone who can reach the address (the operator's explicit choice).
SINGLE_USER, TEAM, OPEN = "single-user", "team", "open"
_MODE_NAMES = {"": SINGLE_USER, "single": SINGLE_USER, SINGLE_USER: SINGLE_USER}
_MODE_NAMES |= {TEAM: TEAM, OPEN: OPEN}


class SettingsError(UserError):
    """A sign-in setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class TeamSettings:
    """``mode``: single-user, team or open; ``oidc``: an identity provider is configured for
    ``st.login``; ``oidc_roles``: e-mail address (or ``*@domain``) to role."""

    mode: str = SINGLE_USER
    oidc: bool = False
    oidc_roles: dict[str, str] = field(default_factory=dict)

    @property
    def team(self) -> bool:
        """Whether everyone signs in (team mode)."""
        return self.mode == TEAM

    def oidc_actor(self, email: str | None) -> Actor | None:
        """The actor of someone the provider signed in, or None when their address has no role.

        An exact address wins over a ``*@domain`` entry; case does not matter.
        """
        email = (email or "").strip().lower()
        if "@" not in email:
            return None
        role = self.oidc_roles.get(email) or self.oidc_roles.get("*@" + email.rsplit("@", 1)[1])
        return Actor(email, role) if role else None


def team_settings(secrets: Mapping, environ: Mapping) -> TeamSettings:
    """The settings from the secrets' ``[cpss]`` and ``[auth]`` tables and the environment."""
    section = secrets.get("cpss") or {}
    oidc = bool(secrets.get("auth"))
    mode = _mode(str(environ.get("CPSS_MODE") or section.get("mode") or ""), oidc)
    roles = {}
    for email, role in dict(section.get("oidc_roles") or {}).items():
        try:
            roles[str(email).strip().lower()] = parse_role(role)
        except UserError as problem:
            raise SettingsError(
                "[cpss.oidc_roles] in secrets.toml, {email}: {problem}",
                email=email,
                problem=problem,
            ) from None
    return TeamSettings(mode=mode, oidc=oidc, oidc_roles=roles)


def _mode(text: str, oidc: bool) -> str:
    """The mode named by ``CPSS_MODE`` (or ``mode`` in ``[cpss]``); ``[auth]`` means team mode."""
    mode = _MODE_NAMES.get(text.strip().lower())
    if mode is None:
        raise SettingsError(
            'CPSS_MODE (or mode in [cpss] of secrets.toml) is {text!r}: use "team" for '
            'sign-in with roles, "open" to let anyone who can reach the address change '
            'everything, or leave it out (or "single-user") for use on this computer only.',
            text=text.strip(),
        )
    if oidc and mode == OPEN:
        raise SettingsError(
            'CPSS_MODE (or mode in [cpss] of secrets.toml) is "open", but secrets.toml has an '
            "[auth] section, which asks everyone to sign in: remove one of the two."
        )
    return TEAM if oidc else mode


def is_local(address: object) -> bool:
    """Whether a client address is this computer: Streamlit gives None for 127.0.0.1 and ::1
    (anything not a string, such as AppTest's stand-in, counts as None); a loopback address
    written out counts too. Behind a proxy that does not pass on the client's address, every
    client looks local: a safety net for single-user mode, never a sign-in."""
    if not isinstance(address, str):
        return True
    try:
        parsed = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False  # not an address we can read: not known to be this computer
    mapped = getattr(parsed, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
    return (mapped or parsed).is_loopback


def visitor(mode: str, local: bool) -> Actor | None:
    """Who a session is before any join code, share link or sign-in: in single-user mode the
    full app (:data:`SOLO`) on this computer and :data:`ELSEWHERE` (may join a workshop or open a
    share link, nothing else) from another device; in open mode the full app for everyone; in
    team mode None (the sign-in decides)."""
    if mode == TEAM:
        return None
    return SOLO if local or mode == OPEN else ELSEWHERE
