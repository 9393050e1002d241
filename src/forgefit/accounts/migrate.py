"""Bring a database to the newest schema (on start and with `forgefit db upgrade`).

Several processes may start at once (Granian workers, or app servers sharing PostgreSQL), so the
upgrade runs under a lock: a PostgreSQL advisory lock, or a lock file beside the SQLite file.
The first process upgrades; the others wait, then find nothing left to do.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from forgefit.accounts.db import Database, is_sqlite
from forgefit.accounts.errors import StorageError

# Any constant shared by every ForgeFit process; "FF" "ACCT" in hex.
ADVISORY_LOCK_ID = 0x4646_4143_4354


def _config() -> Config:
    config = Config()
    location = resources.files("forgefit.accounts").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None  # the package ships migrations
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _sqlite_file_lock(url: str) -> Iterator[None]:
    database = make_url(url).database
    if not database or database == ":memory:":
        yield
        return
    lock_path = Path(database).with_name(Path(database).name + ".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(connection: Connection, revision: str) -> None:
    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def upgrade_database(database: Database, revision: str = "head") -> tuple[str | None, str]:
    """Upgrade to `revision` (default: the newest). Returns (revision before, revision after)."""
    try:
        if is_sqlite(database.url):
            with _sqlite_file_lock(database.url), database.engine.connect() as connection:
                before = MigrationContext.configure(connection).get_current_revision()
                _run(connection, revision)
                connection.commit()
        else:
            with database.engine.connect() as connection:
                connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": ADVISORY_LOCK_ID})
                try:
                    before = MigrationContext.configure(connection).get_current_revision()
                    _run(connection, revision)
                    connection.commit()
                finally:
                    connection.execute(
                        text("SELECT pg_advisory_unlock(:id)"), {"id": ADVISORY_LOCK_ID}
                    )
                    connection.commit()
    except StorageError:
        raise
    except Exception as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise StorageError(
            f"Could not upgrade the database at {database.display_url}: {reason}. Check that "
            "the database server is running and FORGEFIT_DATABASE_URL is right."
        ) from None
    return before, current_revision(database) or ""
