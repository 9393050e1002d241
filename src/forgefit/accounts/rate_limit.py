"""Sign-in rate limiting, per account and per address, counted in the database so every app
server shares the limit. Only failures count; a success clears the account's failures.

Sign-in reads the counts in the same statement as the account (users.authenticate): one
database round trip before the password hash instead of three."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BindParameter, Subquery, bindparam, case, delete, func, select
from sqlalchemy.orm import Session

from forgefit.accounts.errors import TooManyAttemptsError
from forgefit.accounts.models import SignInFailure, utc_now

WINDOW = timedelta(minutes=15)
# Enough for typos, far too few for guessing; an address (a shared office or a phone carrier's
# gateway) gets more room than one account.
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
# Rows older than this are deleted as new failures arrive, so the table stays small.
KEEP = timedelta(days=1)


def account_key(email: str) -> str:
    return f"account:{email}"


def address_key(address: str) -> str:
    return f"address:{address}"


def _limits(email: str, address: str | None) -> list[tuple[str, int]]:
    """The keys a sign-in is counted under, the account's first, each with its limit."""
    limits = [(account_key(email), MAX_FAILURES_PER_ACCOUNT)]
    if address:
        limits.append((address_key(address), MAX_FAILURES_PER_ADDRESS))
    return limits


def recent_failures(with_address: bool) -> Subquery:
    """Always exactly one row: for the account, then the address (`with_address`), the number
    of failures within the window and the oldest of them (None when there are none); one pass
    over the (key, failed_at) index counts both. Its values are bound parameters (see
    `parameters`), so a caller can build its statement once: building costs more than running.
    """
    failed = SignInFailure
    keys: list[BindParameter[str]] = [bindparam("account_key")]
    if with_address:
        keys.append(bindparam("address_key"))
    columns: list[Any] = []
    for key in keys:
        columns.append(func.count(case((failed.key == key, 1))))
        columns.append(func.min(case((failed.key == key, failed.failed_at))))
    return (
        select(*columns)
        .where(failed.key.in_(keys), failed.failed_at > bindparam("since"))
        .subquery("recent_failures")
    )


def parameters(email: str, address: str | None, now: datetime) -> dict[str, Any]:
    """The values for `recent_failures(with_address=bool(address))`."""
    values: dict[str, Any] = {"account_key": account_key(email), "since": now - WINDOW}
    if address:
        values["address_key"] = address_key(address)
    return values


def check_allowed(email: str, address: str | None, failures: Sequence[Any], now: datetime) -> int:
    """Raise TooManyAttemptsError while the account or the address is paused; else return the
    account's recent failures (a success only needs to clear them when there are some).
    `failures` is the row of `recent_failures`."""
    for index, (_key, limit) in enumerate(_limits(email, address)):
        # The oldest is a zoned datetime on both engines: the CASE keeps the column's type.
        count, oldest = int(failures[2 * index]), failures[2 * index + 1]
        if count >= limit and oldest is not None:
            wait = max(1, int((oldest + WINDOW - now).total_seconds()) + 1)
            raise TooManyAttemptsError(wait)
    return int(failures[0])


def record_failure(session: Session, email: str, address: str | None) -> None:
    now = utc_now()
    session.add(SignInFailure(key=account_key(email), failed_at=now))
    if address:
        session.add(SignInFailure(key=address_key(address), failed_at=now))
    session.execute(delete(SignInFailure).where(SignInFailure.failed_at < now - KEEP))


def clear_account(session: Session, email: str) -> None:
    session.execute(delete(SignInFailure).where(SignInFailure.key == account_key(email)))
