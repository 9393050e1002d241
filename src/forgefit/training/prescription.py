"""Sets, reps or seconds, rest and effort for one exercise, and the time model that turns them
into minutes (TRAINING.md hard rule 3). The planner and the review both time sessions here."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from forgefit.catalog.model import Exercise
from forgefit.training.pool import ExerciseFacts
from forgefit.training.profile import Profile
from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    SECONDS_PER_REP,
    SHORT_SESSION_MINUTES,
    Role,
    general_warmup_minutes,
    percent_1rm_for_reps,
    prescription_for,
    ramp_up_seconds,
    ramp_up_set_count,
)


@dataclass(frozen=True, slots=True)
class SetScheme:
    """How each set of one exercise is done in week 1."""

    role: Role
    reps: tuple[int, int] | None
    seconds: int | None
    rest_seconds: int
    rir: int | None


# Advanced body-weight strength moves (Nordic curl, pistol squat, one-arm push-up ...) have no
# load to take off, so a rep range made for adjustable weights asks for sets few people can do;
# our own pages start them at three to five reps. More reps come from their easier versions.
HARD_BODYWEIGHT_REPS = (3, 6)


def is_hard_bodyweight(exercise: Exercise) -> bool:
    """An advanced body-weight strength move done for reps: nothing to make it lighter."""
    return (
        exercise.equipment == "body-weight"
        and exercise.difficulty == "advanced"
        and exercise.category == "strength"
        and exercise.tracking == "reps"
    )


def fit_reps(exercise: Exercise, reps: tuple[int, int]) -> tuple[int, int]:
    """The rep range for this exercise: a goal's range, capped for hard body-weight moves."""
    if is_hard_bodyweight(exercise) and reps[1] > HARD_BODYWEIGHT_REPS[1]:
        return HARD_BODYWEIGHT_REPS
    return reps


def base_scheme(facts: ExerciseFacts, profile: Profile) -> SetScheme:
    """Week-1 prescription for an exercise, by goal and role (TRAINING.md table)."""
    table = prescription_for(profile.goal, profile.experience)
    role: Role = "main" if facts.main_lift else "accessory"
    short = profile.minutes_per_session < SHORT_SESSION_MINUTES
    if role == "main":
        rest = table.main_rest_short if short else table.main_rest
    else:
        rest = table.accessory_rest_short if short else table.accessory_rest
    if facts.timed:
        seconds = table.timed_seconds
        if profile.experience == "beginner":
            seconds = max(20, seconds - 10)
        return SetScheme(role, None, seconds, rest, table.rir_easy)
    reps = table.main_reps if role == "main" else table.accessory_reps
    return SetScheme(role, fit_reps(facts.exercise, reps), None, rest, table.rir_easy)


def work_seconds(reps: tuple[int, int] | None, seconds: int | None, sides: int) -> float:
    """Time under work for one set: the top of the rep range at ~3.5 s a rep, or the set's
    duration; one-sided exercises count both sides."""
    if reps is not None:
        return reps[1] * SECONDS_PER_REP * sides
    return float(seconds or 0) * sides


def set_seconds(scheme: SetScheme, sides: int) -> float:
    return work_seconds(scheme.reps, scheme.seconds, sides) + scheme.rest_seconds


def ramp_up_sets(profile: Profile) -> tuple[tuple[int, int], ...]:
    """(percent of the working load, reps) for the ramp-up before the first main lift."""
    ramp = prescription_for(profile.goal, profile.experience).ramp_up
    count = ramp_up_set_count(profile.goal, profile.minutes_per_session)
    return ramp[-count:]


def warmup_seconds(profile: Profile, with_ramp_up: bool) -> float:
    general = general_warmup_minutes(profile.minutes_per_session) * 60.0
    if not with_ramp_up:
        return general
    return general + sum(ramp_up_seconds(reps) for _, reps in ramp_up_sets(profile))


def session_seconds(warmup: float, blocks: Iterable[tuple[int, float]]) -> float:
    """warm-up + sum(sets x (work + rest)) + a changeover between exercises.

    `blocks` holds (sets, seconds per set including rest) for each exercise in order.
    """
    total = warmup
    count = 0
    for sets, per_set in blocks:
        total += sets * per_set
        count += 1
    return total + CHANGEOVER_SECONDS * max(0, count - 1)


def minutes(seconds: float) -> int:
    """Whole minutes, rounded up, so an estimate within budget is truly within budget."""
    return math.ceil(round(seconds, 6) / 60)


def percent_for(reps: tuple[int, int], rir: int) -> float | None:
    """%1RM for a rep target: the load that allows top-of-range reps plus the reps in reserve
    (TRAINING.md %1RM table), rounded down to half a percent; None beyond the table."""
    percent = percent_1rm_for_reps(reps[1] + rir)
    if percent is None:
        return None
    return math.floor(percent * 2) / 2


# --- Prescriptions for template slots ---------------------------------------------------------

POWER_REPS = (3, 5)  # power and plyometric work: few, fast, fresh reps (jumps never above 8)
POWER_REST = 120
DRILL_REPS = (8, 10)
DRILL_REST = 45
CONDITIONING_WORK = {"beginner": 20, "intermediate": 30, "advanced": 40}
CONDITIONING_REST = {"beginner": 40, "intermediate": 30, "advanced": 20}
STRENGTH_MAIN_TOP_REPS = 6


def slot_scheme(
    facts: ExerciseFacts,
    tier: str,
    profile: Profile,
    template_reps: tuple[int, int] | None,
    *,
    drill: bool,
    power: bool,
    conditioning: bool,
) -> SetScheme:
    """Week-1 prescription for an exercise in a template slot: the goal's table by role, the
    template's own reps where the goal is one it was built for, and the kind of work (power,
    drills, conditioning and timed holds carry no reps-in-reserve target)."""
    table = prescription_for(profile.goal, profile.experience)
    short = profile.minutes_per_session < SHORT_SESSION_MINUTES
    if conditioning:
        level = profile.experience
        return SetScheme(
            "accessory", None, CONDITIONING_WORK[level], CONDITIONING_REST[level], None
        )
    if power:
        return SetScheme("accessory", POWER_REPS, None, 90 if short else POWER_REST, None)
    if drill:
        if facts.timed:
            return SetScheme("accessory", None, 20 if profile.experience == "beginner" else 30,
                             DRILL_REST, None)  # fmt: skip
        reps = table.accessory_reps if profile.goal == "endurance" else DRILL_REPS
        return SetScheme("accessory", reps, None, DRILL_REST, None)
    role: Role = "main" if tier == "main" and facts.exercise.mechanic == "compound" else "accessory"
    reps = template_reps or (table.main_reps if role == "main" else table.accessory_reps)
    if tier == "secondary" and template_reps is None and facts.exercise.mechanic == "compound":
        reps = table.main_reps if profile.goal != "endurance" else table.accessory_reps
    if (
        role == "main"
        and profile.goal == "strength"
        and profile.experience != "beginner"
        and reps[1] > STRENGTH_MAIN_TOP_REPS
    ):
        role = "accessory"  # a lighter day's lift, not a strength main lift
    if role == "main":
        rest = table.main_rest_short if short else table.main_rest
    elif tier == "secondary" and facts.exercise.mechanic == "compound":
        main_rest = table.main_rest_short if short else table.main_rest
        accessory_rest = table.accessory_rest_short if short else table.accessory_rest
        rest = 15 * round((main_rest + accessory_rest) / 30)
    else:
        rest = table.accessory_rest_short if short else table.accessory_rest
    if facts.timed:
        seconds = table.timed_seconds
        if profile.experience == "beginner":
            seconds = max(20, seconds - 10)
        return SetScheme(role, None, seconds, rest, None)
    return SetScheme(role, fit_reps(facts.exercise, reps), None, rest, table.rir_easy)
