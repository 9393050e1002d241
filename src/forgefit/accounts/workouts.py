"""Logged workouts: sets as they happened, stored in one transaction (never half-saved), with an
idempotency key so a phone can resend a workout it queued offline without making a second one.

The limits are generous for real training and refuse what is surely a typo: a negative load,
1,000 reps, 9 reps in reserve, an exercise that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from forgefit.accounts.db import Database
from forgefit.accounts.errors import InvalidSignUpError, NotFoundError
from forgefit.accounts.models import LoggedSet, SavedProgram, Workout, utc_now
from forgefit.accounts.strict_input import Timestamp
from forgefit.catalog import Catalog

MAX_LOAD_KG = 1000.0
MAX_REPS = 100
MAX_SECONDS = 3600
MAX_RIR = 5
MAX_SETS = 200
MAX_KEY_LENGTH = 200


class SetIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    exercise: str = Field(max_length=100, description="Exercise slug, e.g. goblet-squat.")
    load_kg: float | None = Field(default=None, ge=0, le=MAX_LOAD_KG)
    reps: int | None = Field(default=None, ge=0, le=MAX_REPS)
    seconds: int | None = Field(default=None, ge=1, le=MAX_SECONDS)
    rir: int | None = Field(
        default=None, ge=0, le=MAX_RIR, description="Reps in reserve: 0 (none left) to 5."
    )
    note: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> SetIn:
        if self.reps is None and self.seconds is None:
            raise ValueError("a set needs reps or seconds")
        return self


class SessionRef(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    week: int = Field(ge=1, le=52)
    day: int = Field(ge=1, le=7)


class WorkoutIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "program_id": 7,
                    "session": {"week": 1, "day": 1},
                    "started_at": "2026-11-28T18:00:00Z",
                    "sets": [
                        {"exercise": "goblet-squat", "load_kg": 20, "reps": 10, "rir": 2},
                        {"exercise": "plank", "seconds": 45},
                    ],
                }
            ]
        },
    )

    program_id: int | None = None
    session: SessionRef | None = None
    started_at: Timestamp
    finished_at: Timestamp | None = None
    sets: list[SetIn] = Field(default_factory=list, max_length=MAX_SETS)


class WorkoutPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    started_at: Timestamp | None = None
    finished_at: Timestamp | None = None
    sets: list[SetIn] | None = Field(
        default=None, max_length=MAX_SETS, description="Replaces every set when given."
    )


@dataclass(frozen=True)
class StoredWorkout:
    document: dict[str, Any]
    created: bool  # False: an earlier request with the same idempotency key made it


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise InvalidSignUpError(
            "started_at", "Give times with a zone, e.g. 2026-11-28T18:00:00Z or +01:00."
        )
    return value


def _check_exercises(catalog: Catalog, sets: list[SetIn]) -> None:
    for position, logged in enumerate(sets):
        if logged.exercise not in catalog:
            suggestions = catalog.close_matches(logged.exercise, limit=3)
            hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
            raise InvalidSignUpError(
                f"sets[{position}].exercise",
                f"No exercise with slug '{logged.exercise}'.{hint}",
            )


def _set_rows(workout_id: int, user_id: int, sets: list[SetIn]) -> list[LoggedSet]:
    return [
        LoggedSet(
            workout_id=workout_id,
            user_id=user_id,
            position=position,
            exercise=logged.exercise,
            load_kg=logged.load_kg,
            reps=logged.reps,
            seconds=logged.seconds,
            rir=logged.rir,
            note=logged.note,
        )
        for position, logged in enumerate(sets)
    ]


def _document(workout: Workout, sets: list[LoggedSet]) -> dict[str, Any]:
    return {
        "id": workout.id,
        "program_id": workout.program_id,
        "session": (
            {"week": workout.week, "day": workout.day} if workout.week is not None else None
        ),
        "started_at": workout.started_at.isoformat(),
        "finished_at": workout.finished_at.isoformat() if workout.finished_at else None,
        "sets": [
            {
                "exercise": s.exercise,
                "load_kg": s.load_kg,
                "reps": s.reps,
                "seconds": s.seconds,
                "rir": s.rir,
                "note": s.note,
            }
            for s in sorted(sets, key=lambda s: s.position)
        ],
    }


def _load(session: Any, user_id: int, workout_id: int) -> dict[str, Any] | None:
    workout = session.scalar(
        select(Workout).where(Workout.id == workout_id, Workout.user_id == user_id)
    )
    if workout is None:
        return None
    sets = session.scalars(select(LoggedSet).where(LoggedSet.workout_id == workout.id)).all()
    return _document(workout, list(sets))


def _by_key(database: Database, user_id: int, key: str) -> dict[str, Any] | None:
    with database.read() as session:
        workout_id = session.scalar(
            select(Workout.id).where(Workout.user_id == user_id, Workout.idempotency_key == key)
        )
        return _load(session, user_id, workout_id) if workout_id is not None else None


def create_workout(
    database: Database,
    catalog: Catalog,
    user_id: int,
    body: WorkoutIn,
    idempotency_key: str | None = None,
) -> StoredWorkout:
    """Store a workout and its sets in one transaction. With a key that was used before, return
    that workout instead (created=False): a resend never makes a second one."""
    if idempotency_key is not None:
        if not idempotency_key or len(idempotency_key) > MAX_KEY_LENGTH:
            raise InvalidSignUpError(
                "Idempotency-Key", f"Use 1 to {MAX_KEY_LENGTH} characters, e.g. a UUID."
            )
        earlier = _by_key(database, user_id, idempotency_key)
        if earlier is not None:
            return StoredWorkout(earlier, created=False)
    _check_exercises(catalog, body.sets)
    started = _utc(body.started_at)
    finished = _utc(body.finished_at)
    try:
        with database.write() as session:
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
                finished_at=finished,
                idempotency_key=idempotency_key,
            )
            session.add(workout)
            session.flush()
            rows = _set_rows(workout.id, user_id, body.sets)
            session.add_all(rows)
            document = _document(workout, rows)
    except IntegrityError:
        # The same key arrived twice at once (two tabs, two servers): the first one won.
        earlier = _by_key(database, user_id, idempotency_key) if idempotency_key else None
        if earlier is None:
            raise
        return StoredWorkout(earlier, created=False)
    return StoredWorkout(document, created=True)


def get_workout(database: Database, user_id: int, workout_id: int) -> dict[str, Any]:
    with database.read() as session:
        document = _load(session, user_id, workout_id)
    if document is None:
        raise NotFoundError(f"You have no workout {workout_id}.")
    return document


def list_workouts(
    database: Database,
    user_id: int,
    exercise: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[dict[str, Any]]:
    """History, newest first; `exercise` keeps workouts with that exercise (and only its sets)."""
    with database.read() as session:
        query = select(Workout).where(Workout.user_id == user_id)
        if since is not None:
            query = query.where(Workout.started_at >= since)
        if until is not None:
            query = query.where(Workout.started_at <= until)
        if exercise is not None:
            query = query.where(
                Workout.id.in_(
                    select(LoggedSet.workout_id).where(
                        LoggedSet.user_id == user_id, LoggedSet.exercise == exercise
                    )
                )
            )
        workouts = session.scalars(query.order_by(Workout.started_at.desc(), Workout.id)).all()
        ids = [w.id for w in workouts]
        sets_query = select(LoggedSet).where(LoggedSet.workout_id.in_(ids))
        if exercise is not None:
            sets_query = sets_query.where(LoggedSet.exercise == exercise)
        by_workout: dict[int, list[LoggedSet]] = {}
        for logged in session.scalars(sets_query):
            by_workout.setdefault(logged.workout_id, []).append(logged)
    return [_document(w, by_workout.get(w.id, [])) for w in workouts]


def update_workout(
    database: Database, catalog: Catalog, user_id: int, workout_id: int, patch: WorkoutPatch
) -> dict[str, Any]:
    if patch.sets is not None:
        _check_exercises(catalog, patch.sets)
    with database.write() as session:
        workout = session.scalar(
            select(Workout).where(Workout.id == workout_id, Workout.user_id == user_id)
        )
        if workout is None:
            raise NotFoundError(f"You have no workout {workout_id}.")
        if patch.started_at is not None:
            workout.started_at = _utc(patch.started_at) or workout.started_at
        if patch.finished_at is not None:
            workout.finished_at = _utc(patch.finished_at)
        if patch.sets is not None:
            session.execute(delete(LoggedSet).where(LoggedSet.workout_id == workout.id))
            session.add_all(_set_rows(workout.id, user_id, patch.sets))
        workout.updated_at = utc_now()
        session.flush()
        document = _load(session, user_id, workout_id)
    assert document is not None
    return document


def delete_workout(database: Database, user_id: int, workout_id: int) -> None:
    with database.write() as session:
        result = session.execute(
            delete(Workout).where(Workout.id == workout_id, Workout.user_id == user_id)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(f"You have no workout {workout_id}.")
