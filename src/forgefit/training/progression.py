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
from forgefit.training.program import Progression, ProgressionKind
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


FAMILY_RULES: dict[str, tuple[ProgressionKind, str]] = {
    "Main barbell lifts": (
        "linear",
        "Linear: when every set reaches the top of its reps, add 2.5 kg to upper-body and 5 kg "
        f"to lower-body lifts next session, never more than {MAX_LOAD_STEP_PERCENT:g} % of the "
        f"working weight. {STALL_RULE}",
    ),
    "Other main lifts": (
        "linear",
        "Linear: when every set reaches the top of its reps, move to the next dumbbell, "
        f"kettlebell or pin next session (at most {MAX_LOAD_STEP_PERCENT:g} %). {STALL_RULE}",
    ),
    "Loaded lifts": (
        "double",
        "Double progression: work up the rep range at one load; when every set reaches the "
        f"top, add the smallest step (at most {MAX_LOAD_STEP_PERCENT:g} %) and go back to the "
        f"bottom of the range. {STALL_RULE}",
    ),
    "Body-weight and band exercises": (
        "reps-then-harder",
        "Add reps up to the top of the range on every set, then a set (up to five), then move "
        "to the harder variant named for the exercise (or a stronger band, or a slower "
        "3-4 second lowering) and start again at the bottom of the range.",
    ),
    "Timed holds and carries": (
        "seconds",
        "Add about 10 % to each set's time every building week; when a set feels easy at 60 s "
        "or more, move to a harder variant. " + STALL_RULE.replace("load", "time"),
    ),
    "Power work": (
        "power",
        "Every rep fast and crisp: add height, distance or load only while the speed stays, and "
        "end a set as soon as a rep slows.",
    ),
    "Conditioning": (
        "conditioning",
        "Keep the work and rest times; add a round every building week while you can hold the "
        "pace, and drop back a round after a hard day.",
    ),
    "Drills": (
        "drill",
        "Slow, controlled reps with perfect position; add reps or a 2-second pause before "
        "moving to a harder variant. These are never taken close to failure.",
    ),
}


def progression_family(
    facts: ExerciseFacts,
    role: Role,
    profile: Profile,
    *,
    drill: bool,
    power: bool,
    conditioning: bool,
) -> str:
    """Which family's rule an exercise follows (TRAINING.md "Progression")."""
    exercise = facts.exercise
    if conditioning:
        return "Conditioning"
    if power:
        return "Power work"
    if drill:
        return "Drills"
    if facts.timed:
        return "Timed holds and carries"
    if exercise.equipment in ("body-weight", "resistance-band") or not facts.loadable:
        return "Body-weight and band exercises"
    if profile.experience == "beginner" and role == "main":
        if exercise.equipment in BARBELL_EQUIPMENT:
            return "Main barbell lifts"
        return "Other main lifts"
    return "Loaded lifts"


def progression_for(
    facts: ExerciseFacts,
    role: Role,
    profile: Profile,
    allowed: Mapping[str, ExerciseFacts],
    catalog: Catalog,
    *,
    drill: bool = False,
    power: bool = False,
    conditioning: bool = False,
) -> Progression:
    """The progression rule for one exercise: its family's rule, stated once per family in
    the program, with what is particular to the exercise (load step, next variant)."""
    family = progression_family(
        facts, role, profile, drill=drill, power=power, conditioning=conditioning
    )
    kind, rule = FAMILY_RULES[family]
    step = None
    next_variant = None
    if family == "Main barbell lifts":
        step = LINEAR_STEP_KG["lower" if facts.lower_body else "upper"]
    if kind == "reps-then-harder":
        next_variant = next((slug for slug in facts.exercise.harder if slug in allowed), None)
        if next_variant is not None:
            rule = f"{rule} Next for this one: {catalog.get(next_variant).name}."
    loaded = kind in ("linear", "double")
    return Progression(
        kind=kind,
        rule=rule,
        family=family,
        step_kg=step,
        max_step_percent=MAX_LOAD_STEP_PERCENT if loaded else None,
        next_variant=next_variant,
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
