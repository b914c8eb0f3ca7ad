"""Team mode's settings: whether sign-in is on, and the roles of people who sign in with OpenID.

Read from the ``[cpss]`` table of ``.streamlit/secrets.toml`` (or ``CPSS_MODE=team`` in the
environment); the ``[auth]`` table, when present, configures Streamlit's ``st.login`` and switches
team mode on too. This module only interprets the values (the app passes them in), so it is tested
without Streamlit and without an identity provider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cpss.model.access import Actor, parse_role
from cpss.model.errors import UserError

TEAM = "team"


class SettingsError(UserError):
    """A sign-in setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class TeamSettings:
    """``team``: sign-in required; ``oidc``: an identity provider is configured for ``st.login``;
    ``oidc_roles``: e-mail address (or ``*@domain``) to role."""

    team: bool = False
    oidc: bool = False
    oidc_roles: dict[str, str] = field(default_factory=dict)

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
    mode = str(environ.get("CPSS_MODE") or section.get("mode") or "").strip().lower()
    if mode not in ("", TEAM, "single"):
        raise SettingsError(
            f"CPSS_MODE (or mode in [cpss] of secrets.toml) is {mode!r}: use "
            '"team" for sign-in with roles, or leave it out for single-user use.'
        )
    oidc = bool(secrets.get("auth"))
    roles = {}
    for email, role in dict(section.get("oidc_roles") or {}).items():
        try:
            roles[str(email).strip().lower()] = parse_role(role)
        except UserError as problem:
            raise SettingsError(f"[cpss.oidc_roles] in secrets.toml, {email}: {problem}") from None
    return TeamSettings(team=mode == TEAM or oidc, oidc=oidc, oidc_roles=roles)
