"""Stored workouts as the trainer's plain values (`training.logs`): one reading of the rows for
the next session, the history of changes and progress, so they all see the same workouts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from forgefit.accounts.models import LoggedSet as SetRow
from forgefit.training.logs import LoggedSet, LoggedWorkout, SessionRef


def logged_workout(
    started_at: datetime, week: int | None, day: int | None, sets: Iterable[LoggedSet]
) -> LoggedWorkout:
    """A stored workout as a LoggedWorkout: its day is the UTC start date, and it carried out a
    planned session only when both the week and the day were stored."""
    return LoggedWorkout(
        performed_on=started_at.date(),
        sets=tuple(sets),
        session=SessionRef(week, day) if week is not None and day is not None else None,
    )


def logged_set(row: SetRow) -> LoggedSet:
    return LoggedSet(row.exercise, row.load_kg, row.reps, row.seconds, row.rir, row.note)
