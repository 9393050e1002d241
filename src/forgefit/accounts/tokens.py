"""API tokens for scripts and apps: create (the token is returned once), list, revoke, resolve."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from forgefit.accounts import security, users
from forgefit.accounts.db import Database
from forgefit.accounts.errors import InvalidSignUpError, NotFoundError
from forgefit.accounts.models import ApiToken, User, utc_now

MAX_LABEL_LENGTH = 100
# "Last used" is a hint for people, not an audit log: refresh it at most this often, so
# reading with a token is not a write on every request.
LAST_USED_PRECISION = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    id: int
    token: str
    label: str
    prefix: str
    created_at: datetime


def create_token(
    database: Database, user_id: int, label: str = "", *, sign_in: users.SignIn | None = None
) -> NewToken:
    """A new token for the user. `sign_in`: the sign-in it is created by; what that still has
    to store is written in the same transaction."""
    label = users.check_text(label, "label").strip()
    if len(label) > MAX_LABEL_LENGTH:
        raise InvalidSignUpError("label", f"Labels are at most {MAX_LABEL_LENGTH} characters.")
    token = security.new_api_token()
    prefix = token[: security.TOKEN_PREFIX_SHOWN]
    with database.write() as session:
        if sign_in is not None:
            sign_in.record(session)
        row = ApiToken(
            user_id=user_id, label=label, token_hash=security.token_hash(token), prefix=prefix
        )
        session.add(row)
        session.flush()
        return NewToken(row.id, token, label, prefix, row.created_at)


def list_tokens(database: Database, user_id: int) -> list[ApiToken]:
    with database.read() as session:
        query = select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)
        return list(session.scalars(query))


def revoke_token(database: Database, user_id: int, token_id: int) -> None:
    """Revoke one of the user's tokens; another user's token id is NotFoundError."""
    with database.write() as session:
        result = session.execute(
            delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(f"You have no API token {token_id}.")


def user_for_token(database: Database, token: str) -> User | None:
    """The account a bearer token belongs to, or None for an unknown or revoked token."""
    digest = security.token_hash(token)
    with database.read() as session:
        row = session.execute(
            select(User, ApiToken.id, ApiToken.last_used_at)
            .join(ApiToken, ApiToken.user_id == User.id)
            .where(ApiToken.token_hash == digest)
        ).first()
    if row is None:
        return None
    user, token_id, last_used = row
    now = utc_now()
    if last_used is None or now - last_used > LAST_USED_PRECISION:
        with database.write() as session:
            session.execute(
                update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now)
            )
    return user
