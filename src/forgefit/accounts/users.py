"""Accounts: sign up, sign in (rate limited), look up, delete."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from forgefit.accounts import rate_limit, security
from forgefit.accounts.db import Database
from forgefit.accounts.errors import (
    BadCredentialsError,
    EmailTakenError,
    InvalidSignUpError,
    NotFoundError,
)
from forgefit.accounts.models import User, utc_now

MIN_PASSWORD_LENGTH = 10
# Long enough for any passphrase, short enough that hashing it costs nothing extra.
MAX_PASSWORD_LENGTH = 1024
MAX_EMAIL_LENGTH = 254


# One definition of acceptable text, shared with the API schema (web/accounts_schemas.py) so the
# two can never disagree. Explicit ranges rather than \s: JSON Schema and Python read \s
# differently. SPACE covers every character Python counts as whitespace (and NUL).
SPACE = "\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
# Lone surrogates are refused by `is_text`, not by the patterns: JSON Schema tools built on Rust
# regexes cannot express them and would drop the whole pattern.
EMAIL_PATTERN = f"^[^@{SPACE}]+@[^@.{SPACE}][^@{SPACE}]*\\.[^@{SPACE}]*[^@.{SPACE}]$"
TEXT_PATTERN = "^[^\\x00]*$"
# Some visible character, and no NUL.
NAME_PATTERN = f"^[^\\x00]*[^{SPACE}][^\\x00]*$"

# Only ASCII letters are folded: full Unicode lowercasing can change a string's length.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def is_text(value: str) -> bool:
    """False for strings no database can store (lone surrogates from a JSON escape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


def check_text(value: str, field: str) -> str:
    if not is_text(value):
        raise InvalidSignUpError(field, f"The {field} contains characters that are not text.")
    return value


def normalise_email(email: str) -> str:
    return email.strip().translate(_ASCII_LOWER)


def check_email(email: str) -> str:
    email = normalise_email(check_text(email, "email"))
    if not re.fullmatch(EMAIL_PATTERN, email):
        raise InvalidSignUpError("email", "Enter an email address like name@example.org.")
    if len(email) > MAX_EMAIL_LENGTH:
        raise InvalidSignUpError("email", f"Email addresses are at most {MAX_EMAIL_LENGTH} long.")
    return email


def check_password(password: str) -> None:
    check_text(password, "password")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidSignUpError(
            "password",
            f"Passwords need at least {MIN_PASSWORD_LENGTH} characters "
            f"(this one has {len(password)}). A few unrelated words work well.",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidSignUpError(
            "password", f"Passwords are at most {MAX_PASSWORD_LENGTH} characters."
        )


def create_user(database: Database, email: str, password: str) -> User:
    """A new account. Raises InvalidSignUpError or EmailTakenError."""
    email = check_email(email)
    check_password(password)
    password_hash = security.hash_password(password)  # slow: outside the transaction
    try:
        with database.write() as session:
            if session.scalar(select(User.id).where(User.email == email)) is not None:
                raise EmailTakenError()
            user = User(email=email, password_hash=password_hash)
            session.add(user)
            session.flush()
    except IntegrityError:  # another server created the same email a moment ago
        raise EmailTakenError() from None
    return user


def _account_and_failures(with_address: bool) -> Select[Any]:
    """Sign-in's one read before the hash: the recent failures (always one row) with the
    account, if there is one, beside them."""
    failures = rate_limit.recent_failures(with_address)
    return (
        select(User, failures)
        .select_from(failures)
        .outerjoin(User, User.email == bindparam("email"))
    )


# Built once, with and without an address.
_ACCOUNT_AND_FAILURES = {
    with_address: _account_and_failures(with_address) for with_address in (False, True)
}


@dataclass(frozen=True)
class SignIn:
    """A sign-in whose password matched. What the success still has to store (the account's
    earlier failures cleared; a fresh hash when the stored one used older settings, computed
    before any transaction) is written by `record`, in the same transaction as what the sign-in
    creates (a token, a session): a sign-in commits once."""

    user: User
    clear_failures: bool = False
    new_hash: str | None = None

    @property
    def has_changes(self) -> bool:
        return self.clear_failures or self.new_hash is not None

    def record(self, session: Session) -> None:
        if not self.has_changes:
            return
        rate_limit.clear_account(session, self.user.email)
        if self.new_hash is not None:
            session.execute(
                update(User).where(User.id == self.user.id).values(password_hash=self.new_hash)
            )


def sign_in(database: Database, email: str, password: str, address: str | None) -> SignIn:
    """Check the credentials. Raises TooManyAttemptsError while paused (checked before the
    slow hash, so guessing costs the server nothing), else BadCredentialsError. On success
    nothing is written yet: pass the SignIn to what the sign-in creates
    (tokens.create_token, web_sessions.start_session), or use `authenticate`."""
    if not (is_text(email) and is_text(password)):
        raise BadCredentialsError()
    email = normalise_email(email)
    now = utc_now()
    with database.read() as session:
        found, *counts = session.execute(
            _ACCOUNT_AND_FAILURES[bool(address)],
            {"email": email, **rate_limit.parameters(email, address, now)},
        ).one()
    user: User | None = found
    earlier_failures = rate_limit.check_allowed(email, address, counts, now)
    matched = security.verify_password(user.password_hash if user else None, password)
    if user is None or not matched:
        with database.write() as session:
            rate_limit.record_failure(session, email, address)
        raise BadCredentialsError()
    new_hash = None
    if security.needs_rehash(user.password_hash):
        new_hash = security.hash_password(password)  # slow: outside any transaction
    return SignIn(user, clear_failures=earlier_failures > 0, new_hash=new_hash)


def authenticate(database: Database, email: str, password: str, address: str | None) -> User:
    """The account for these credentials (`sign_in` for callers that create nothing, such as
    confirming a deletion): what the success stores is written on its own."""
    signed_in = sign_in(database, email, password, address)
    if signed_in.has_changes:
        with database.write() as session:
            signed_in.record(session)
    return signed_in.user


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("No such account.")
    return user


def delete_user(database: Database, user_id: int) -> None:
    """Delete the account; every row it owns goes with it (ON DELETE CASCADE)."""
    with database.write() as session:
        result = session.execute(delete(User).where(User.id == user_id))
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError("No such account.")


def set_units(database: Database, user_id: int, units: str) -> None:
    """How loads are shown to this person: "kg" or "lb" (always stored in kilograms)."""
    if units not in ("kg", "lb"):
        raise InvalidSignUpError("units", 'Use "kg" or "lb".')
    with database.write() as session:
        session.execute(update(User).where(User.id == user_id).values(units=units))
