"""Accounts and storage: users, sessions, API tokens, profiles, saved programs, favourites and
exclusions, in SQLite by default or PostgreSQL (FORGEFIT_DATABASE_URL).

    from forgefit.accounts import Database, upgrade_database
    database = Database.connect()          # settings.database_url()
    upgrade_database(database)             # newest schema (also run on start)
    user = users.create_user(database, "ana@example.org", "a long passphrase")

Storage calls the planner (training/), never the other way round.
"""

from __future__ import annotations

from forgefit.accounts.db import Database
from forgefit.accounts.errors import (
    AccountError,
    BadCredentialsError,
    EmailTakenError,
    InvalidSignUpError,
    NoProfileError,
    NotFoundError,
    StorageError,
    TooManyAttemptsError,
)
from forgefit.accounts.migrate import current_revision, head_revision, upgrade_database

__all__ = [
    "AccountError",
    "BadCredentialsError",
    "Database",
    "EmailTakenError",
    "InvalidSignUpError",
    "NoProfileError",
    "NotFoundError",
    "StorageError",
    "TooManyAttemptsError",
    "current_revision",
    "head_revision",
    "upgrade_database",
]
