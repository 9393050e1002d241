"""Signed-in browsers. The cookie carries a random token signed with the server key; the
database keeps only the token's hash, so signing out (or deleting the account) ends the session
on every app server at once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from forgefit.accounts import security, users
from forgefit.accounts.db import Database
from forgefit.accounts.models import User, WebSession, utc_now

SESSION_LIFETIME = timedelta(days=30)


def start_session(database: Database, user_id: int, *, sign_in: users.SignIn | None = None) -> str:
    """A new session for the user; returns the token to put (signed) in the cookie.
    `sign_in`: the sign-in it is started by; what that still has to store is written in the
    same transaction."""
    token = security.new_token()
    now = utc_now()
    with database.write() as session:
        if sign_in is not None:
            sign_in.record(session)
        session.add(
            WebSession(
                user_id=user_id,
                token_hash=security.token_hash(token),
                created_at=now,
                expires_at=now + SESSION_LIFETIME,
            )
        )
        # Expired sessions of this user are cleared as new ones start.
        session.execute(
            delete(WebSession).where(WebSession.user_id == user_id, WebSession.expires_at < now)
        )
    return token


def user_for_session(database: Database, token: str) -> User | None:
    with database.read() as session:
        return session.scalar(
            select(User)
            .join(WebSession, WebSession.user_id == User.id)
            .where(
                WebSession.token_hash == security.token_hash(token),
                WebSession.expires_at > utc_now(),
            )
        )


def end_session(database: Database, token: str) -> None:
    with database.write() as session:
        session.execute(
            delete(WebSession).where(WebSession.token_hash == security.token_hash(token))
        )
