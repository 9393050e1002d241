"""Sign-in rate limiting, per account and per address, counted in the database so every app
server shares the limit. Only failures count; a success clears the account's failures."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
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


def _recent_failures(session: Session, key: str, now: datetime) -> tuple[int, datetime | None]:
    count, oldest = session.execute(
        select(func.count(), func.min(SignInFailure.failed_at)).where(
            SignInFailure.key == key, SignInFailure.failed_at > now - WINDOW
        )
    ).one()
    if isinstance(oldest, str):  # SQLite aggregates bypass the column type
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=now.tzinfo)
    return int(count), oldest


def check_allowed(session: Session, email: str, address: str | None) -> int:
    """Raise TooManyAttemptsError while the account or the address is paused; else return the
    account's recent failures (a success only needs to clear them when there are some)."""
    now = utc_now()
    checks = [(account_key(email), MAX_FAILURES_PER_ACCOUNT)]
    if address:
        checks.append((address_key(address), MAX_FAILURES_PER_ADDRESS))
    account_failures = 0
    for key, limit in checks:
        count, oldest = _recent_failures(session, key, now)
        if key == checks[0][0]:
            account_failures = count
        if count >= limit and oldest is not None:
            wait = max(1, int((oldest + WINDOW - now).total_seconds()) + 1)
            raise TooManyAttemptsError(wait)
    return account_failures


def record_failure(session: Session, email: str, address: str | None) -> None:
    now = utc_now()
    session.add(SignInFailure(key=account_key(email), failed_at=now))
    if address:
        session.add(SignInFailure(key=address_key(address), failed_at=now))
    session.execute(delete(SignInFailure).where(SignInFailure.failed_at < now - KEEP))


def clear_account(session: Session, email: str) -> None:
    session.execute(delete(SignInFailure).where(SignInFailure.key == account_key(email)))
