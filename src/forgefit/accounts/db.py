"""Connecting to the accounts database: a SQLite file by default, PostgreSQL by URL.

SQLite is tuned for a web server with several threads and worker processes: write-ahead logging
(readers never wait for the writer), foreign keys enforced, a busy timeout instead of instant
"database is locked" errors, and write transactions that take the write lock when they begin
(`BEGIN IMMEDIATE`), so two writers queue instead of one failing mid-transaction. Writes that
arrive together share one transaction and one flush to disk (group_commit.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from forgefit import settings
from forgefit.accounts.errors import StorageError
from forgefit.accounts.group_commit import GroupCommit

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option read by the SQLite "begin" hook: start the transaction holding the write lock.
WRITE_OPTION = "forgefit_write"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        pool_size=20,
        max_overflow=20,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let the hooks below issue BEGIN themselves (pysqlite's own BEGIN is always DEFERRED).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL: a commit is on disk before the client hears 2xx, even if the machine loses power.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def create_database_engine(url: str) -> Engine:
    try:
        if is_sqlite(url):
            return _sqlite_engine(url)
        return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)
    except Exception as error:  # a malformed URL or a driver that is not installed
        raise StorageError(
            f"Cannot use the database URL {_redacted(url)!r}: {error}. Set FORGEFIT_DATABASE_URL "
            "to a sqlite:///path or postgresql://user@host/db URL, or unset it."
        ) from None


def _redacted(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unreadable URL)"


@dataclass
class Database:
    """One engine and two session factories: reads, and writes that hold the write lock (on
    SQLite, writes go through group commit instead of their own transactions)."""

    url: str
    engine: Engine
    _reads: sessionmaker[Session]
    _writes: sessionmaker[Session]
    _group_commit: GroupCommit | None = None

    @classmethod
    def connect(cls, url: str | None = None) -> Database:
        url = settings.with_postgres_driver(url) if url else settings.database_url()
        engine = create_database_engine(url)
        writer = engine.execution_options(**{WRITE_OPTION: True})
        return cls(
            url=url,
            engine=engine,
            _reads=sessionmaker(engine, expire_on_commit=False),
            _writes=sessionmaker(writer, expire_on_commit=False),
            _group_commit=GroupCommit(writer, make_url(url).database) if is_sqlite(url) else None,
        )

    @property
    def display_url(self) -> str:
        return _redacted(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reads() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits when the block ends and rolls back on any error: nothing
        is half-written. It returns once the change is on disk."""
        if self._group_commit is None:
            with self._writes() as session, session.begin():
                yield session
            return
        with (
            self._group_commit.connection() as connection,
            self._writes(bind=connection, join_transaction_mode="create_savepoint") as session,
            session.begin(),
        ):
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
