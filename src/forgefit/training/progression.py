"""Progression: the rule each exercise moves forward by, and how the weeks of a program build.

Session to session (TRAINING.md "Progression"): linear load steps for beginners' main lifts,
double progression for everyone else's loaded work, reps-then-harder-variant for bodyweight and
band exercises, seconds for timed work, and the stall rule for all. Week to week: every building
week adds a few sets where the muscle group's band and the session's minutes allow, takes one
rep in reserve off, and a deload week every 4-6 weeks halves the sets at ~10 % lighter loads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from forgefit.catalog.index import Catalog
from forgefit.training.pool import ExerciseFacts
from forgefit.training.profile import Profile
from forgefit.training.program import Progression
from forgefit.training.rules import (
    BARBELL_EQUIPMENT,
    DELOAD_EVERY_WEEKS,
    LINEAR_STEP_KG,
    MAX_LOAD_STEP_PERCENT,
    Role,
)

STALL_RULE = (
    "After two or three sessions that miss the target at the same load, drop the load about "
    "10 % and build back up."
)


def deload_weeks(weeks: int) -> list[int]:
    """Which weeks (1-based) are deloads: each cycle is 4-6 weeks ending in a deload.

    Cycles of five (four building weeks and a deload) are the default (Rogerson et al. 2024);
    lengths stretch to six or shrink to four so the program ends on a deload where it can. A
    program shorter than four weeks has none; seven weeks is one cycle of five plus two weeks.
    """
    low, high = DELOAD_EVERY_WEEKS
    if weeks < low:
        return []
    cycles = max(1, round(weeks / 5))
    for count in (cycles, cycles - 1, cycles + 1):
        if count >= 1 and count * low <= weeks <= count * high:
            lengths = [weeks // count] * count
            for index in range(weeks % count):
                lengths[-1 - index] += 1
            ends, total = [], 0
            for length in lengths:
                total += length
                ends.append(total)
            return ends
    return [week for week in range(5, weeks + 1, 5)]


def is_lower_body(facts: ExerciseFacts) -> bool:
    return facts.lower_body


def progression_for(
    facts: ExerciseFacts,
    role: Role,
    profile: Profile,
    reps: tuple[int, int] | None,
    allowed: Mapping[str, ExerciseFacts],
    catalog: Catalog,
) -> Progression:
    """The progression rule for one exercise in this person's program."""
    exercise = facts.exercise
    if facts.timed:
        return Progression(
            kind="seconds",
            rule="Add about 10 % to each set's time every building week (a few seconds at a "
            "time); when a set feels easy at 60 s or more, move to a harder variant. "
            + STALL_RULE.replace("load", "time"),
        )
    if exercise.equipment in ("body-weight", "resistance-band"):
        harder = next((slug for slug in exercise.harder if slug in allowed), None)
        then = (
            f"then move to {catalog.get(harder).name}"
            if harder
            else "then slow the lowering to 3-4 seconds or pause at the hardest point"
        )
        band = " or a stronger band" if exercise.equipment == "resistance-band" else ""
        low, high = reps or (8, 12)
        return Progression(
            kind="reps-then-harder",
            rule=f"Add reps up to {high} on every set, then add a set (up to five){band}, "
            f"{then}, and start again at {low} reps.",
            next_variant=harder,
        )
    low, high = reps or (8, 12)
    if profile.experience == "beginner" and role == "main":
        if exercise.equipment in BARBELL_EQUIPMENT:
            step = LINEAR_STEP_KG["lower" if is_lower_body(facts) else "upper"]
            how = f"add {step:g} kg next session"
        else:
            step = None
            how = "move to the next available weight next session"
        return Progression(
            kind="linear",
            rule=f"Linear: when every set reaches {high} reps, {how}, never more than "
            f"{MAX_LOAD_STEP_PERCENT:g} % of the working weight. {STALL_RULE}",
            step_kg=step,
            max_step_percent=MAX_LOAD_STEP_PERCENT,
        )
    return Progression(
        kind="double",
        rule=f"Double progression: work up from {low} to {high} reps at one load; when every "
        f"set reaches {high}, add the smallest step (at most {MAX_LOAD_STEP_PERCENT:g} %) and "
        f"return to {low}. {STALL_RULE}",
        step_kg=None,
        max_step_percent=MAX_LOAD_STEP_PERCENT,
    )


def deload_sets(sets: list[int]) -> list[int]:
    """About half the sets (at least one per exercise), taken from the biggest first and,
    among equals, from the later (accessory) exercises so the main lifts keep theirs."""
    halved = [max(1, math.ceil(count / 2)) for count in sets]
    target = max(len(sets), round(sum(sets) / 2))
    while sum(halved) > target:
        biggest = max(range(len(halved)), key=lambda i: (halved[i], i))
        if halved[biggest] <= 1:
            break
        halved[biggest] -= 1
    return halved
