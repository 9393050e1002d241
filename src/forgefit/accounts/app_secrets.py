"""The server's secret key: FORGEFIT_SECRET_KEY, else one generated on the first start and kept
in the database, so every app server sharing the database signs and checks cookies alike."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from forgefit import settings
from forgefit.accounts import security
from forgefit.accounts.db import Database
from forgefit.accounts.models import AppSecret

SIGNING_KEY = "signing_key"


def signing_key(database: Database) -> str:
    configured = settings.secret_key()
    if configured:
        return configured
    with database.read() as session:
        stored = session.scalar(select(AppSecret.value).where(AppSecret.name == SIGNING_KEY))
    if stored:
        return stored
    try:
        with database.write() as session:
            session.add(AppSecret(name=SIGNING_KEY, value=security.new_secret_key()))
    except IntegrityError:
        pass  # another server stored one first: use theirs
    with database.read() as session:
        value = session.scalar(select(AppSecret.value).where(AppSecret.name == SIGNING_KEY))
    assert value is not None
    return value
