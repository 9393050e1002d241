"""Progression without a load: timed work gains about 10 % a week once every set reaches its
time; body weight and bands add reps, then sets (up to five), then move to the harder variant."""

from __future__ import annotations

from datetime import date, timedelta

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.catalog.related import harder as harder_variants
from forgefit.training.adaptation_rules import (
    MAX_BODYWEIGHT_SETS,
    RULE_REPS_SETS_VARIANT,
    RULE_TIMED,
    TIMED_STEP,
)
from forgefit.training.adaptation_state import ExerciseState, Replay
from forgefit.training.adaptation_text import sets_text
from forgefit.training.logs import LoggedSet
from forgefit.training.program import PlannedExercise


def progress_timed(
    replay: Replay,
    planned: PlannedExercise,
    slug: str,
    sets: list[LoggedSet],
    state: ExerciseState,
    on: date,
) -> None:
    target = state.seconds or planned.seconds
    done = [s.seconds for s in sets if s.seconds is not None]
    if target is None or not done:
        state.seconds = state.seconds or (min(done) if done else None)
        return
    recent = state.last_timed_step is not None and on - state.last_timed_step < timedelta(7)
    if min(done) >= target and not recent:
        new = max(target + 5, int(round(target * (1 + TIMED_STEP) / 5) * 5))
        replay.record(
            on,
            slug,
            "seconds",
            f"{target} s",
            f"{new} s",
            RULE_TIMED,
            f"{len(done)} sets of {min(done)} s or more against {target} s",
            f"Every set reached {target} s: about 10 % more time this week.",
        )
        state.seconds = new
        state.last_timed_step = on
    else:
        state.seconds = target


def harder_variant(
    catalog: Catalog, exercise: Exercise, equipment: frozenset[str] | None
) -> Exercise | None:
    """The first harder variant the person has the equipment for (None: no limit)."""
    for candidate in harder_variants(catalog, exercise):
        if equipment is None or candidate.requires <= equipment:
            return candidate
    return None


def progress_unloaded(
    replay: Replay,
    catalog: Catalog,
    equipment: frozenset[str] | None,
    planned: PlannedExercise,
    slug: str,
    exercise: Exercise,
    sets: list[LoggedSet],
    state: ExerciseState,
    on: date,
) -> None:
    low, high = planned.reps or (8, 12)
    target = state.reps_target or low
    reps = [s.reps or 0 for s in sets]
    rirs = [s.rir for s in sets if s.rir is not None]
    data = sets_text(reps, None, min(rirs) if rirs else None)
    if min(reps) < target:
        return  # repeat the target next time
    if min(reps) < high:
        new = min(high, min(reps) + 1)
        if new != target:
            replay.record(
                on,
                slug,
                "reps",
                target,
                new,
                RULE_REPS_SETS_VARIANT,
                data,
                f"All sets reached {target} reps: aim for {new} next time.",
            )
        state.reps_target = new
        return
    total_sets = planned.sets + state.extra_sets
    if total_sets < MAX_BODYWEIGHT_SETS:
        state.extra_sets += 1
        replay.record(
            on,
            slug,
            "sets",
            total_sets,
            total_sets + 1,
            RULE_REPS_SETS_VARIANT,
            data,
            f"Every set reached the top of the range ({high}): one more set next time.",
        )
        state.reps_target = high
        return
    variant = harder_variant(catalog, exercise, equipment)
    if variant is None:
        state.reps_target = high
        return
    replay.record(
        on,
        slug,
        "exercise",
        exercise.name,
        variant.name,
        RULE_REPS_SETS_VARIANT,
        data,
        f"{total_sets} sets of {high} done: move on to {variant.name}, back to "
        f"{planned.sets} sets of {low}.",
    )
    state.variant = variant.slug
    replay.variant_origin[variant.slug] = planned.slug
    state.extra_sets = 0
    state.reps_target = low
