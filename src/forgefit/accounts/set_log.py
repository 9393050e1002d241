"""Logging one set at a time, as the Today page does during a workout.

A phone may log sets with no signal and send them later, more than once, from two tabs. So the
device names both the workout (`workout_key`) and each set (the Idempotency-Key header) with
keys it made itself: the first set of a workout creates it, a set sent again returns the one
already stored, and edits and deletes address a set by its key. Each set is checked before
anything is written and stored in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from forgefit.accounts.db import Database
from forgefit.accounts.errors import InvalidSignUpError, NotFoundError
from forgefit.accounts.models import LoggedSet, SavedProgram, Workout, utc_now
from forgefit.accounts.strict_input import Timestamp
from forgefit.accounts.workouts import MAX_KEY_LENGTH, SessionRef, SetIn
from forgefit.catalog import Catalog

WRITE_ATTEMPTS = 3  # a new workout's first sets racing each other: the loser reads the winner's


class LogSetIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "workout_key": "5f0c1d7e-6c1b-4a53-9f7e-2f1b4c1e9a10",
                    "program_id": 7,
                    "session": {"week": 1, "day": 1},
                    "started_at": "2026-11-28T18:00:00Z",
                    "set": {"exercise": "goblet-squat", "load_kg": 20, "reps": 10, "rir": 2},
                }
            ]
        },
    )

    workout_key: str = Field(min_length=1, max_length=MAX_KEY_LENGTH)
    program_id: int | None = None
    session: SessionRef | None = None
    started_at: Timestamp
    set: SetIn


class FinishIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    workout_key: str = Field(min_length=1, max_length=MAX_KEY_LENGTH)
    finished_at: Timestamp


def _check_key(key: str | None) -> str:
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidSignUpError(
            "Idempotency-Key", f"Send a key of 1 to {MAX_KEY_LENGTH} characters (a UUID) per set."
        )
    return key


def _check_exercise(catalog: Catalog, slug: str) -> None:
    if slug not in catalog:
        close = catalog.close_matches(slug, limit=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise InvalidSignUpError("set.exercise", f"No exercise with slug '{slug}'.{hint}")


def _zoned(value: datetime, field: str) -> datetime:
    if value.tzinfo is None:
        raise InvalidSignUpError(field, "Give times with a zone, e.g. 2026-11-28T18:00:00Z.")
    return value


def _document(workout: Workout, logged: LoggedSet) -> dict[str, Any]:
    return {
        "workout_id": workout.id,
        "workout_key": workout.idempotency_key,
        "key": logged.idempotency_key,
        "position": logged.position,
        "exercise": logged.exercise,
        "load_kg": logged.load_kg,
        "reps": logged.reps,
        "seconds": logged.seconds,
        "rir": logged.rir,
        "note": logged.note,
    }


def _stored_set(session: Any, user_id: int, key: str) -> tuple[Workout, LoggedSet] | None:
    row = session.execute(
        select(Workout, LoggedSet)
        .join(LoggedSet, LoggedSet.workout_id == Workout.id)
        .where(LoggedSet.user_id == user_id, LoggedSet.idempotency_key == key)
    ).first()
    return (row[0], row[1]) if row else None


def log_set(
    database: Database, catalog: Catalog, user_id: int, body: LogSetIn, key: str | None
) -> tuple[dict[str, Any], bool]:
    """Store one set (creating its workout on the first set). Returns the stored set and whether
    it is new; a key seen before returns that set unchanged."""
    key = _check_key(key)
    _check_exercise(catalog, body.set.exercise)
    started = _zoned(body.started_at, "started_at")
    for _attempt in range(WRITE_ATTEMPTS):
        try:
            with database.write() as session:
                earlier = _stored_set(session, user_id, key)
                if earlier is not None:
                    return _document(*earlier), False
                # Locked (PostgreSQL; SQLite writers are serial anyway) so two sets sent at
                # once into one workout take positions one after the other, not the same one.
                workout = session.scalar(
                    select(Workout)
                    .where(Workout.user_id == user_id, Workout.idempotency_key == body.workout_key)
                    .with_for_update()
                )
                if workout is None:
                    workout = _new_workout(session, user_id, body, started)
                position = session.scalar(
                    select(func.coalesce(func.max(LoggedSet.position) + 1, 0)).where(
                        LoggedSet.workout_id == workout.id
                    )
                )
                logged = LoggedSet(
                    workout_id=workout.id,
                    user_id=user_id,
                    position=position,
                    idempotency_key=key,
                    **body.set.model_dump(),
                )
                session.add(logged)
                workout.updated_at = utc_now()
                session.flush()
                return _document(workout, logged), True
        except IntegrityError:
            continue  # the same set or workout was stored at this moment by another request
    with database.read() as session:
        earlier = _stored_set(session, user_id, key)
        if earlier is None:
            raise InvalidSignUpError("Idempotency-Key", "This set clashed; send it again.")
        return _document(*earlier), False


def _new_workout(session: Any, user_id: int, body: LogSetIn, started: datetime) -> Workout:
    if body.program_id is not None:
        owned = session.scalar(
            select(SavedProgram.id).where(
                SavedProgram.id == body.program_id, SavedProgram.user_id == user_id
            )
        )
        if owned is None:
            raise NotFoundError(f"You have no saved program {body.program_id}.")
    workout = Workout(
        user_id=user_id,
        program_id=body.program_id,
        week=body.session.week if body.session else None,
        day=body.session.day if body.session else None,
        started_at=started,
        idempotency_key=body.workout_key,
    )
    session.add(workout)
    session.flush()
    return workout


def update_set(
    database: Database, catalog: Catalog, user_id: int, key: str, changed: SetIn
) -> dict[str, Any]:
    """Replace a logged set's numbers and note (the exercise may change too)."""
    _check_exercise(catalog, changed.exercise)
    with database.write() as session:
        found = _stored_set(session, user_id, key)
        if found is None:
            raise NotFoundError(f"You have no set with key {key}.")
        workout, logged = found
        for name, value in changed.model_dump().items():
            setattr(logged, name, value)
        workout.updated_at = utc_now()
        session.flush()
        return _document(workout, logged)


def delete_set(database: Database, user_id: int, key: str) -> None:
    with database.write() as session:
        found = _stored_set(session, user_id, key)
        if found is None:
            raise NotFoundError(f"You have no set with key {key}.")
        workout, logged = found
        session.delete(logged)
        workout.updated_at = utc_now()


def finish_workout(database: Database, user_id: int, body: FinishIn) -> dict[str, Any]:
    finished = _zoned(body.finished_at, "finished_at")
    with database.write() as session:
        workout = session.scalar(
            select(Workout).where(
                Workout.user_id == user_id, Workout.idempotency_key == body.workout_key
            )
        )
        if workout is None:
            raise NotFoundError(
                f"You have no workout with key {body.workout_key}: log a set in it first."
            )
        if workout.finished_at is None:
            workout.finished_at = max(finished, workout.started_at)
        workout.updated_at = utc_now()
        session.flush()
        return {
            "id": workout.id,
            "workout_key": workout.idempotency_key,
            "finished_at": workout.finished_at.isoformat(),
        }
