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


# The schema tools load Alembic (~12 MB resident, with Mako and Pygments), which a web worker
# never needs when `forgefit serve` has upgraded the database before starting it; so the
# migrate module is imported only when one of these is called.


def upgrade_database(database: Database, revision: str = "head") -> tuple[str | None, str]:
    """Upgrade to `revision` (default: the newest). Returns (revision before, revision after)."""
    from forgefit.accounts import migrate

    return migrate.upgrade_database(database, revision)


def head_revision() -> str:
    from forgefit.accounts import migrate

    return migrate.head_revision()


def current_revision(database: Database) -> str | None:
    from forgefit.accounts import migrate

    return migrate.current_revision(database)
