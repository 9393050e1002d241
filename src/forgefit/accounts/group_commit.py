"""Group commit for SQLite: writes that arrive together share one transaction and one flush to
disk.

With `synchronous=FULL` every commit waits for the disk (about 6 ms on a cloud volume), and
SQLite has one writer at a time, so committing each request's write on its own caps a server
at one disk flush per write, and a queue of writers waits for each other's flushes. Here a
write that arrives while another is running joins its transaction: each runs in a savepoint of
its own (a failing write rolls back alone), the last one in the group commits for everyone, and
no write returns before that commit is on disk. Acknowledged writes stay as durable as before;
under load one flush covers many of them.

Writers queue in the order they arrive instead of polling: threads on a lock, worker processes
(and other servers on the same file) on an flock of `<database>.write-lock`, which wakes the
next one as soon as the holder is done. SQLite's own busy handler sleeps in growing steps
(up to 100 ms) instead, which made the slowest writes wait hundreds of milliseconds.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, RootTransaction

from forgefit.accounts.errors import StorageError

# A group closes at this many writes even when more are waiting, so the first write of a busy
# moment is not held back for long.
MAX_GROUP_SIZE = 32


@dataclass
class _Group:
    connection: Connection
    transaction: RootTransaction
    members: int = 0
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class _FileLock:
    """An exclusive flock on a file beside the database, one open file per process (a lock
    opened before a fork would be shared with the child)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._handle: IO[bytes] | None = None
        self._pid = 0

    def acquire(self) -> None:
        if self._handle is None or self._pid != os.getpid():
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self._path.open("ab")
            self._pid = os.getpid()
        fcntl.flock(self._handle, fcntl.LOCK_EX)

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)


class GroupCommit:
    """Hands each write a connection inside the current group's transaction (see the module
    docstring). `writer` must begin transactions with BEGIN IMMEDIATE."""

    def __init__(self, writer: Engine, database_file: str | None) -> None:
        self._writer = writer
        self._file_lock = (
            _FileLock(Path(database_file + ".write-lock"))
            if database_file and database_file != ":memory:"
            else None
        )
        self._turn = threading.Lock()  # who may use the open group's connection
        self._counter = threading.Lock()
        self._waiting = 0
        self._group: _Group | None = None
        self._owner: int | None = None

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection in the open group's transaction; the caller works in a savepoint. The
        block's end returns only once the group's commit is on disk (StorageError if it
        failed)."""
        if self._owner == threading.get_ident():
            raise RuntimeError("A write cannot start inside another write on the same thread.")
        with self._counter:
            self._waiting += 1
        self._turn.acquire()
        with self._counter:
            self._waiting -= 1
        self._owner = threading.get_ident()
        try:
            if self._group is None:
                self._group = self._open_group()
            group = self._group
            group.members += 1
            try:
                yield group.connection
            finally:
                with self._counter:
                    nobody_waiting = self._waiting == 0
                if nobody_waiting or group.members >= MAX_GROUP_SIZE:
                    self._group = None
                    self._commit(group)
        finally:
            self._owner = None
            self._turn.release()
        # Only writes that succeeded get here: wait until the write that closed the group has
        # committed it.
        group.done.wait()
        if group.error is not None:
            raise StorageError(
                f"The database could not save this change: {group.error}. Try again."
            ) from group.error

    def _open_group(self) -> _Group:
        if self._file_lock is not None:
            self._file_lock.acquire()
        try:
            connection = self._writer.connect()
            try:
                return _Group(connection, connection.begin())
            except BaseException:
                connection.close()
                raise
        except BaseException:
            if self._file_lock is not None:
                self._file_lock.release()
            raise

    def _commit(self, group: _Group) -> None:
        try:
            group.transaction.commit()
        except BaseException as error:
            group.error = error
            # The connection may be unusable already; closing it below discards it anyway.
            with suppress(Exception):
                group.transaction.rollback()
        finally:
            group.connection.close()
            if self._file_lock is not None:
                self._file_lock.release()
            group.done.set()
