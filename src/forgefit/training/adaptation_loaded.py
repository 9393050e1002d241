"""Progression with a load: the first session calibrates, then linear steps (beginners' main
lifts) or double progression, reported effort moving the load up to two steps either way, missed
reps holding it, and a second miss in a row resetting it about 10 % lighter (a stall)."""

from __future__ import annotations

from datetime import date

from forgefit.catalog.model import Exercise
from forgefit.training.adaptation_rules import (
    RIR_TRUSTED_MAX_REPS,
    RULE_CALIBRATE,
    RULE_DOUBLE,
    RULE_EFFORT,
    RULE_LINEAR,
    RULE_MISSED,
    RULE_STALL,
    STALL_SESSIONS,
)
from forgefit.training.adaptation_state import ExerciseState, Replay
from forgefit.training.adaptation_text import load_text, sets_text
from forgefit.training.increments import LoadKind, reduce_by_percent, step_down, step_up
from forgefit.training.logs import LoggedSet
from forgefit.training.program import PlannedExercise
from forgefit.training.rules import LINEAR_STEP_KG


def _is_lower(exercise: Exercise) -> bool:
    return exercise.body_part == "legs" or exercise.pattern in ("squat", "hinge", "lunge")


def progress_loaded(
    replay: Replay,
    planned: PlannedExercise,
    slug: str,
    exercise: Exercise,
    kind: LoadKind,
    sets: list[LoggedSet],
    loads: list[float],
    state: ExerciseState,
    on: date,
    *,
    known: bool,
    main_lift: bool,
) -> None:
    """`known`: the person gave a recent lift for it (no calibration from the first session);
    `main_lift`: a stall on it counts towards bringing the deload forward."""
    load = max(loads)
    work = [s for s in sets if s.load_kg == load]
    reps = [s.reps or 0 for s in work]
    low, high = planned.reps or (8, 12)
    linear = planned.progression is not None and planned.progression.kind == "linear"
    target_reps = high if linear else (state.reps_target or low)
    first = state.load_kg is None
    state.load_kg = load
    rirs = [s.rir for s in work if s.rir is not None]
    data = sets_text(reps, load, min(rirs) if rirs else None)
    trusted = len(rirs) == len(work) and max(reps) <= RIR_TRUSTED_MAX_REPS
    planned_rir = planned.rir
    missed = min(reps) < target_reps
    preferred = LINEAR_STEP_KG["lower" if _is_lower(exercise) else "upper"]

    def move(increments: int, rule: str, why: str) -> None:
        step = (
            step_up(load, kind, increments, preferred)
            if increments > 0
            else step_down(load, kind, -increments)
        )
        if step.moved:
            replay.record(
                on, slug, "load_kg", load_text(load), load_text(step.load_kg), rule, data, why
            )
            state.load_kg = step.load_kg
        elif increments > 0:
            replay.record(
                on,
                slug,
                "reps",
                target_reps,
                min(high + 2, target_reps + 1),
                rule,
                data,
                f"{why} The next real weight is more than 10 % heavier, so add a rep "
                "instead (or use smaller plates).",
            )

    def hold(rule: str, why: str) -> None:
        replay.record(on, slug, "load_kg", load_text(load), load_text(load), rule, data, why)

    if first and not known:
        replay.record(
            on,
            slug,
            "load_kg",
            "-",
            load_text(load),
            RULE_CALIBRATE,
            data,
            "First logged session: this load is the starting point.",
        )
    if missed:
        state.misses += 1
        if state.misses >= STALL_SESSIONS:
            new = reduce_by_percent(load, 10, kind)
            replay.record(
                on,
                slug,
                "load_kg",
                load_text(load),
                load_text(new),
                RULE_STALL,
                data,
                f"Missed the target ({target_reps} reps) {state.misses} sessions in a row: "
                "about 10 % lighter, then build back up.",
            )
            state.load_kg = new
            state.misses = 0
            state.reps_target = low
            if main_lift:
                replay.stalls.append((on, planned.slug))
        elif trusted and min(rirs) == 0:
            move(
                -1,
                RULE_EFFORT,
                f"Reps missed at failure (target {target_reps}): one step lighter.",
            )
        else:
            hold(
                RULE_MISSED,
                f"Reps missed (target {target_reps}): same load next time to try again.",
            )
        return
    state.misses = 0
    if trusted and planned_rir is not None:
        reported = min(min(rirs), 5)
        diff = reported - planned_rir
        effort = f"RIR {reported} reported against a target of {planned_rir}"
        if diff >= 2:
            move(2, RULE_EFFORT, f"{effort}: two steps heavier.")
            return
        if diff == 1:
            move(1, RULE_EFFORT, f"{effort}: one step heavier.")
            return
        if diff == -1:
            hold(RULE_EFFORT, f"{effort}: harder than intended, so the load holds.")
            return
        if diff <= -2:
            move(-1, RULE_EFFORT, f"{effort}: too close to failure, one step lighter.")
            return
    if linear:
        move(1, RULE_LINEAR, f"Every set reached {high} reps: the next step up.")
        return
    if min(reps) >= high:
        move(
            1,
            RULE_DOUBLE,
            f"Every set reached the top of the range ({high}): a step up, back to {low} reps.",
        )
        if state.load_kg != load:
            state.reps_target = low
        return
    new_target = min(high, min(reps) + 1)
    if new_target != target_reps:
        replay.record(
            on,
            slug,
            "reps",
            target_reps,
            new_target,
            RULE_DOUBLE,
            data,
            f"All sets reached {target_reps}: aim for {new_target} reps at the same load.",
        )
    state.reps_target = new_target
