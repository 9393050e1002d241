"""What a person did: logged sets, workouts and injury reports, as plain values.

Storage keeps these in a database and the web layer receives them as JSON; the trainer only
ever sees these frozen values, so the rules that read them stay pure and testable.
`check_set` holds the limits a logged set must respect, so every way in refuses the same
impossible numbers with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

Severity = Literal["mild", "serious"]

MAX_LOAD_KG: Final = 1000.0
MAX_REPS: Final = 200
MAX_SECONDS: Final = 4 * 60 * 60
MAX_RIR: Final = 5
MAX_NOTE_CHARS: Final = 500


@dataclass(frozen=True, slots=True)
class LoggedSet:
    exercise: str
    load_kg: float | None = None
    reps: int | None = None
    seconds: int | None = None
    rir: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SessionRef:
    """Which planned session a workout carried out (1-based week and day of the program)."""

    week: int
    day: int


@dataclass(frozen=True, slots=True)
class LoggedWorkout:
    performed_on: date
    sets: tuple[LoggedSet, ...]
    session: SessionRef | None = None  # None for a free workout
    bad_week: bool = False  # the person said this week went badly (sleep, stress, illness)


@dataclass(frozen=True, slots=True)
class InjuryReport:
    joint: str
    severity: Severity
    reported_on: date
    cleared_on: date | None = None
    note: str | None = None
    id: int | None = None

    def active_on(self, day: date) -> bool:
        return self.reported_on <= day and (self.cleared_on is None or self.cleared_on > day)


@dataclass(frozen=True, slots=True)
class SetProblem:
    field: str
    message: str


@dataclass(slots=True)
class SetProblems:
    problems: list[SetProblem] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.problems.append(SetProblem(name, message))


def check_set(logged: LoggedSet, known_exercises: frozenset[str] | set[str]) -> list[SetProblem]:
    """Every reason this set cannot be stored, each naming its field; empty when it is fine."""
    found = SetProblems()
    if logged.exercise not in known_exercises:
        found.add("exercise", f"'{logged.exercise}' is not an exercise in the catalog.")
    if logged.load_kg is not None and not 0 <= logged.load_kg <= MAX_LOAD_KG:
        found.add("load_kg", f"must be between 0 and {MAX_LOAD_KG:g} kg (got {logged.load_kg:g}).")
    if logged.reps is not None and not 0 <= logged.reps <= MAX_REPS:
        found.add("reps", f"must be between 0 and {MAX_REPS} (got {logged.reps}).")
    if logged.seconds is not None and not 0 <= logged.seconds <= MAX_SECONDS:
        found.add("seconds", f"must be between 0 and {MAX_SECONDS} (got {logged.seconds}).")
    if logged.rir is not None and not 0 <= logged.rir <= MAX_RIR:
        found.add(
            "rir",
            f"reps in reserve must be 0-{MAX_RIR} (got {logged.rir}); 5 means five or more left.",
        )
    if logged.reps is None and logged.seconds is None:
        found.add("reps", "give the reps you did, or the seconds for a timed exercise.")
    if logged.note is not None and len(logged.note) > MAX_NOTE_CHARS:
        found.add("note", f"must be at most {MAX_NOTE_CHARS} characters.")
    return found.problems
