"""Where each exercise stands while the logs replay, the record of every change made so far,
and the target being drafted for the next session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from forgefit.catalog.model import Exercise
from forgefit.training.adaptation_results import Adjustment
from forgefit.training.increments import LoadKind, load_kind
from forgefit.training.program import PlannedExercise


@dataclass(slots=True)
class ExerciseState:
    """Where one exercise stands after replaying the logs."""

    load_kg: float | None = None
    reps_target: int | None = None
    extra_sets: int = 0
    seconds: int | None = None
    variant: str | None = None
    misses: int = 0
    last_timed_step: date | None = None
    last_logged: date | None = None


@dataclass(slots=True)
class Replay:
    """Everything the replay of the logs has found so far."""

    states: dict[tuple[str, str], ExerciseState] = field(default_factory=dict)
    history: list[Adjustment] = field(default_factory=list)
    stalls: list[tuple[date, str]] = field(default_factory=list)  # (day, main-lift slug)
    bad_days: list[date] = field(default_factory=list)
    variant_origin: dict[str, str] = field(default_factory=dict)  # harder variant -> program's

    def record(
        self,
        on: date,
        slug: str,
        field_name: str,
        before: object,
        after: object,
        rule: str,
        data: str,
        reason: str,
    ) -> Adjustment:
        adjustment = Adjustment(on, slug, field_name, str(before), str(after), rule, data, reason)
        self.history.append(adjustment)
        return adjustment


@dataclass(slots=True)
class TargetDraft:
    """One exercise's target while the next session is worked out: what it is so far, and the
    changes and notes that led there."""

    today: date
    slug: str
    exercise: Exercise
    kind: LoadKind | None
    sets: int
    rir: int | None
    load: float | None
    changes: list[Adjustment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def note(
        self, field_name: str, before: object, after: object, rule: str, data: str, why: str
    ) -> None:
        adjustment = Adjustment(
            self.today, self.slug, field_name, str(before), str(after), rule, data, why
        )
        self.changes.append(adjustment)


def rep_shape(planned: PlannedExercise) -> str:
    """Programs may use one lift at two rep ranges (heavy and light days): separate states."""
    return f"{planned.reps[0]}-{planned.reps[1]}" if planned.reps else f"{planned.seconds}s"


def loaded_kind(exercise: Exercise) -> LoadKind | None:
    """None for unloaded work (body weight, bands, cardio machines): reps and time progress."""
    kind = load_kind(exercise.equipment)
    if kind == "other":
        return None
    return kind
