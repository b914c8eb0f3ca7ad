"""Accounts for team mode: names, roles and passwords kept only as salted scrypt hashes.

Every change of an account (added, new password, new role, disabled) is a new row of
``user_accounts`` (migration 4) with who and when; the latest row per name is current. Only an
administrator (``MANAGE``) may change accounts; anyone may try to sign in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpss.model.access import ACCOUNT_ROLES, MANAGE, Actor, parse_role
from cpss.model.errors import UserError
from cpss.db.migrations import utc_now
from cpss.db.assessments import Store

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

MAX_NAME_CHARS = 80
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200
# scrypt's recommended interactive cost (2^14, r=8): about 50 ms and 16 MiB per check here, which
# makes guessing slow without making sign-in slow.
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32, "maxmem": 64 * 1024 * 1024}


class AccountError(UserError):
    """An account change that breaks a rule, or a failed sign-in; the message says why."""


def hash_password(password: str, salt: bytes) -> bytes:
    """The scrypt hash of ``password`` with this account's own ``salt``."""
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)


def check_name(name: str) -> str:
    """The account name trimmed; :class:`AccountError` when empty, too long or not printable."""
    name = (name or "").strip()
    if not name:
        raise AccountError("The name is required.")
    if len(name) > MAX_NAME_CHARS:
        raise AccountError(f"The name is too long: {len(name)} characters, at most {MAX_NAME_CHARS}.")
    if not name.isprintable():
        raise AccountError("The name may not hold line breaks or control characters.")
    return name


def check_password(password: str) -> str:
    """The password as given; :class:`AccountError` when too short or too long."""
    if len(password or "") < MIN_PASSWORD_CHARS:
        raise AccountError(f"The password is too short: at least {MIN_PASSWORD_CHARS} characters.")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"The password is too long: at most {MAX_PASSWORD_CHARS} characters.")
    return password


@dataclass(frozen=True)
class Account:
    """An account's current state (never its password)."""

    name: str
    role: str
    active: bool


class Accounts:
    """Reads and writes of accounts, on a :class:`Store`'s cursor."""

    def __init__(self, store: Store):
        self.store = store
        self.cur = store.cur

    def add(self, name: str, role: str, password: str, by: str = "administrator") -> Account:
        """Create an account, or give an existing one a new role and password (admin only)."""
        self.store.actor.require(MANAGE)
        name, role, password = check_name(name), parse_role(role), check_password(password)
        return self._append(name, role, password, True, by)

    def set_password(self, name: str, password: str, by: str = "administrator") -> None:
        """Give an existing account a new password (admin only)."""
        self.store.actor.require(MANAGE)
        account = self.account(name)
        self._append(account.name, account.role, check_password(password), account.active, by)

    def set_active(self, name: str, active: bool, by: str = "administrator") -> None:
        """Disable an account (it can no longer sign in) or enable it again (admin only)."""
        self.store.actor.require(MANAGE)
        self.account(name)

        def work():
            self.cur.execute(
                "INSERT INTO user_accounts (name, role, salt, password_hash, active, recorded_at, "
                "recorded_by) SELECT name, role, salt, password_hash, ?, ?, ? FROM current_accounts "
                "WHERE name = ?", [active, utc_now(), self.store.author(by), name])

        self.store.transaction(work, need=MANAGE)

    def _append(self, name: str, role: str, password: str, active: bool, by: str) -> Account:
        salt = secrets.token_bytes(16)
        digest = hash_password(password, salt)
        self.store.transaction(lambda: self.cur.execute(
            "INSERT INTO user_accounts (name, role, salt, password_hash, active, recorded_at, "
            "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, role, salt, digest, active, utc_now(), self.store.author(by)]), need=MANAGE)
        return Account(name, role, active)

    def account(self, name: str) -> Account:
        """The account's current state; :class:`AccountError` when there is none."""
        row = self.cur.execute("SELECT name, role, active FROM current_accounts WHERE name = ?",
                               [(name or "").strip()]).fetchone()
        if row is None:
            raise AccountError(f"No account named {name!r}.")
        return Account(*row)

    def verify(self, name: str, password: str) -> Actor:
        """The signed-in actor for a right name and password; :class:`AccountError` otherwise.

        The same message for an unknown name and a wrong password (it tells a guesser nothing),
        and a hash is computed either way so that the time taken tells nothing either.
        """
        row = self.cur.execute(
            "SELECT name, role, salt, password_hash, active FROM current_accounts WHERE name = ?",
            [(name or "").strip()]).fetchone()
        salt, stored = (row[2], row[3]) if row else (b"\0" * 16, b"")
        given = hash_password((password or "")[:MAX_PASSWORD_CHARS], bytes(salt))
        if row is None or not hmac.compare_digest(given, bytes(stored)) or not row[4]:
            raise AccountError("Wrong name or password (or the account is disabled).")
        return Actor(row[0], row[1])

    def listing(self) -> pd.DataFrame:
        """Every account with its role, whether it is active, and its last change."""
        frame = self.cur.execute(
            "SELECT name, role, active, recorded_at, recorded_by FROM current_accounts "
            "ORDER BY name").df()
        frame["role"] = frame["role"].map(ACCOUNT_ROLES)
        return frame

    def count(self) -> int:
        """How many accounts exist (active or not)."""
        return self.cur.execute("SELECT count(*) FROM current_accounts").fetchone()[0]
