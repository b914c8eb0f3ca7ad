"""Accounts for team mode: names, roles and passwords kept only as salted scrypt hashes.

Every change of an account (added, new password, new role, disabled) is a new row of
``user_accounts`` (migration 4) with who and when; the latest row per name is current. Only an
administrator (``MANAGE``) may change accounts; anyone may try to sign in. Wrong passwords are kept
(``sign_in_failures``) per account and per client address, and slow further tries down however
the guesser reconnects.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from cpss.db.core import Db, Tx
from cpss.model.access import ACCOUNT_ROLES, MANAGE, SIGN_IN, Actor, parse_role
from cpss.model.errors import UserError
from cpss.model.throttle import check_wait, delay_after
from cpss.model.times import utc_now

if TYPE_CHECKING:  # pandas is imported by DuckDB when a table is asked for, not on every page
    import pandas as pd

MAX_NAME_CHARS = 80
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200
# scrypt's recommended interactive cost (2^14, r=8): about 50 ms and 16 MiB per check here, which
# makes guessing slow without making sign-in slow.
# Wrong tries older than this no longer slow anyone down.
FAILURE_WINDOW = timedelta(hours=1)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32, "maxmem": 64 * 1024 * 1024}


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
        raise AccountError(
            "The name is too long: {length} characters, at most {max_name_chars}.",
            length=len(name),
            max_name_chars=MAX_NAME_CHARS,
        )
    if not name.isprintable():
        raise AccountError("The name may not hold line breaks or control characters.")
    return name


def check_password(password: str) -> str:
    """The password as given; :class:`AccountError` when too short or too long."""
    if len(password or "") < MIN_PASSWORD_CHARS:
        raise AccountError(
            "The password is too short: at least {min_password_chars} characters.",
            min_password_chars=MIN_PASSWORD_CHARS,
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(
            "The password is too long: at most {max_password_chars} characters.",
            max_password_chars=MAX_PASSWORD_CHARS,
        )
    return password


@dataclass(frozen=True)
class Account:
    """An account's current state (never its password)."""

    name: str
    role: str
    active: bool


def add(db: Db, name: str, role: str, password: str, by: str = "administrator") -> Account:
    """Create an account, or give an existing one a new role and password (admin only)."""
    name, role, password = check_name(name), parse_role(role), check_password(password)
    return _append(db, name, role, password, True, by)


def set_password(db: Db, name: str, password: str, by: str = "administrator") -> None:
    """Give an existing account a new password (admin only)."""
    found = account(db, name)
    _append(db, found.name, found.role, check_password(password), found.active, by)


def set_active(db: Db, name: str, active: bool, by: str = "administrator") -> None:
    """Disable an account (it can no longer sign in) or enable it again (admin only)."""
    account(db, name)
    db.write(
        MANAGE,
        lambda tx: tx.run(
            "INSERT INTO user_accounts (name, role, salt, password_hash, active, recorded_at, "
            "recorded_by) SELECT name, role, salt, password_hash, :active, :now, :by "
            "FROM current_accounts WHERE name = :name",
            {"active": active, "now": utc_now(), "by": tx.author, "name": name},
        ),
        by,
    )


def _append(db: Db, name: str, role: str, password: str, active: bool, by: str) -> Account:
    salt = secrets.token_bytes(16)
    digest = hash_password(password, salt)
    db.write(
        MANAGE,
        lambda tx: tx.run(
            "INSERT INTO user_accounts (name, role, salt, password_hash, active, recorded_at, "
            "recorded_by) VALUES (:name, :role, :salt, :digest, :active, :now, :by)",
            {
                "name": name,
                "role": role,
                "salt": salt,
                "digest": digest,
                "active": active,
                "now": utc_now(),
                "by": tx.author,
            },
        ),
        by,
    )
    return Account(name, role, active)


def account(db: Db, name: str) -> Account:
    """The account's current state; :class:`AccountError` when there is none."""
    row = db.row(
        "SELECT name, role, active FROM current_accounts WHERE name = :name",
        {"name": (name or "").strip()},
    )
    if row is None:
        raise AccountError("No account named {name!r}.", name=name)
    return Account(*row)


def verify(db: Db, name: str, password: str) -> Actor:
    """The signed-in actor for a right name and password; :class:`AccountError` otherwise.

    The same message for an unknown name and a wrong password (it tells a guesser nothing),
    and a hash is computed either way so that the time taken tells nothing either.
    """
    row = db.row(
        "SELECT name, role, salt, password_hash, active FROM current_accounts WHERE name = :name",
        {"name": (name or "").strip()},
    )
    salt, stored = (row[2], row[3]) if row else (b"\0" * 16, b"")
    given = hash_password((password or "")[:MAX_PASSWORD_CHARS], bytes(salt))
    if row is None or not hmac.compare_digest(given, bytes(stored)) or not row[4]:
        raise AccountError("Wrong name or password (or the account is disabled).")
    return Actor(row[0], row[1])


def sign_in(db: Db, name: str, password: str, address: str | None = None) -> Actor:
    """:func:`verify`, slowed down after wrong tries for this account or from this address.

    Raises :class:`~cpss.model.throttle.TooManyTries` while a wait is running (nothing is
    checked then), :class:`AccountError` for a wrong try, which is recorded.
    """
    name = (name or "").strip()[:MAX_NAME_CHARS]
    for column, key in (("account", name), ("address", address)):
        if key:
            _check_pace(db, column, key)
    try:
        return verify(db, name, password)
    except AccountError:
        db.write(SIGN_IN, lambda tx: _record_failure(tx, name, address or ""))
        raise


def _check_pace(db: Db, column: str, key: str) -> None:
    """Refuse a try while the wait after the recent wrong tries of ``column = key`` runs."""
    now = utc_now()
    failures, last = db.row(
        f"SELECT count(*), max(recorded_at) FROM sign_in_failures WHERE {column} = :key "
        "AND recorded_at > :since",
        {"key": key, "since": now - FAILURE_WINDOW},
    ) or (0, None)
    if failures and last is not None:
        wait_until = last + timedelta(seconds=delay_after(failures))
        check_wait((wait_until - now).total_seconds(), "password")


def _record_failure(tx: Tx, name: str, address: str) -> None:
    tx.run(
        "INSERT INTO sign_in_failures (account, address, recorded_at) "
        "VALUES (:name, :address, :now)",
        {"name": name, "address": address, "now": utc_now()},
    )


def listing(db: Db) -> pd.DataFrame:
    """Every account with its role, whether it is active, and its last change."""
    frame = db.frame(
        "SELECT name, role, active, recorded_at, recorded_by FROM current_accounts ORDER BY name"
    )
    frame["role"] = frame["role"].map(ACCOUNT_ROLES)
    return frame


def count(db: Db) -> int:
    """How many accounts exist (active or not)."""
    return db.value("SELECT count(*) FROM current_accounts")
