"""Writes that arrive at the same moment (on SQLite they share one transaction and one flush to
disk): each is stored whole or not at all, a failing one takes nothing else with it, and every
write that returned can be read back at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from forgefit.accounts import Database, set_log, users
from forgefit.accounts.models import LoggedSet, User, Workout
from forgefit.catalog import Catalog
from tests.accounts.conftest import PASSWORD

WRITERS = 24


def _at_once(count: int, action: Callable[[int], object]) -> list[object]:
    """Run action(0..count-1) on as many threads, released together; each result or error."""
    start = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(n: int) -> None:
        start.wait()
        try:
            results[n] = action(n)
        except Exception as error:
            results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_sets_logged_at_once_into_one_workout_are_all_stored_with_distinct_positions(
    database: Database, catalog: Catalog
):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    started = datetime(2026, 11, 28, 18, tzinfo=UTC)

    def log(n: int) -> object:
        body = set_log.LogSetIn.model_validate(
            {
                "workout_key": "the-workout",
                "started_at": started,
                "set": {"exercise": "goblet-squat", "load_kg": 20, "reps": n + 1, "rir": 2},
            }
        )
        return set_log.log_set(database, catalog, user.id, body, f"set-{n}")

    results = _at_once(WRITERS, log)

    assert all(isinstance(r, tuple) and r[1] is True for r in results), results
    with database.read() as session:
        assert len(session.scalars(select(Workout)).all()) == 1
        stored = session.scalars(select(LoggedSet)).all()
    assert sorted(s.position for s in stored) == list(range(WRITERS))
    assert sorted(s.reps or 0 for s in stored) == list(range(1, WRITERS + 1))


def test_a_failing_write_rolls_back_alone_while_writes_beside_it_are_kept(database: Database):
    class Refused(Exception):
        pass

    def write(n: int) -> str:
        email = f"{'kept' if n % 2 == 0 else 'dropped'}-{n}@example.org"
        with database.write() as session:
            session.add(User(email=email, password_hash="not a real hash"))
            session.flush()
            if n % 2:
                raise Refused(email)
        return email

    results = _at_once(WRITERS, write)

    assert [isinstance(r, Refused) for r in results] == [n % 2 == 1 for n in range(WRITERS)]
    with database.read() as session:
        emails = set(session.scalars(select(User.email)))
    assert emails == {f"kept-{n}@example.org" for n in range(0, WRITERS, 2)}


def test_the_write_lock_file_beside_the_database_is_never_changed(tmp_path: Path):
    """Writers queue on `<database>.write-lock`. A file of that name that ForgeFit did not
    write is opened to be locked only: its bytes and its mode stay exactly as they were."""
    from forgefit.accounts import upgrade_database

    path = tmp_path / "forgefit.db"
    lock = tmp_path / "forgefit.db.write-lock"
    lock.write_bytes(b"someone else's notes\n")
    lock.chmod(0o640)
    database = Database.connect(f"sqlite:///{path}")
    try:
        upgrade_database(database)
        _at_once(8, lambda n: users.create_user(database, f"u{n}@example.org", PASSWORD))
    finally:
        database.dispose()
    assert lock.read_bytes() == b"someone else's notes\n"
    assert lock.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("forgefit.db")) == []
