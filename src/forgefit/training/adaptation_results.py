"""The adaptation's values: the recent lifts it starts loads from, and the next session it gives
back, with every adjustment and its reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class RecentLift:
    """A set the person did recently on one exercise, as stored with their account (any number
    of reps): a starting load is estimated from it when the reps allow (at most 10)."""

    weight_kg: float
    reps: int


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One change to one exercise's target, with the rule that made it and the data it used."""

    on: date
    exercise: str
    field: str  # load_kg, reps, sets, seconds, rir, exercise
    before: str
    after: str
    rule: str
    data: str
    reason: str


@dataclass(frozen=True, slots=True)
class Target:
    """What to do next time for one exercise of the session."""

    slug: str
    name: str
    planned_slug: str  # the program's exercise this stands for (differs after a swap)
    sets: int
    reps: int | None  # the rep target for every set (None for timed work)
    rep_range: tuple[int, int] | None
    seconds: int | None
    rir: int | None
    load_kg: float | None
    load_note: str | None
    rest_seconds: int
    changes: tuple[Adjustment, ...] = ()


@dataclass(frozen=True, slots=True)
class NextSession:
    week: int
    day: int
    name: str
    deload: bool
    targets: tuple[Target, ...]
    notes: tuple[str, ...]
    history: tuple[Adjustment, ...]  # every adjustment so far, oldest first
    reentry_offered: bool = False
