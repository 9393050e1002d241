"""TRAINING.md as data: volume bands, the prescription table, %1RM, splits, the time model.

Every number the planner aims for and the review checks against is defined here once; the
planner, the review, the exports and the tests import it from here. The rules themselves (ids,
titles, targets, sources) are in `rule_catalog`.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from typing import Final, Literal

Goal = Literal["strength", "hypertrophy", "endurance", "general-fitness"]
Experience = Literal["beginner", "intermediate", "advanced"]
Role = Literal["main", "accessory"]
Level = Literal["error", "warning", "info"]

GOALS: Final[tuple[Goal, ...]] = ("strength", "hypertrophy", "endurance", "general-fitness")
EXPERIENCES: Final[tuple[Experience, ...]] = ("beginner", "intermediate", "advanced")
GOAL_NAMES: Final[dict[Goal, str]] = {
    "strength": "strength",
    "hypertrophy": "hypertrophy (muscle size)",
    "endurance": "muscular endurance",
    "general-fitness": "general fitness",
}
WEEKDAYS: Final[tuple[str, ...]] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


# --- Volume (soft-2) -------------------------------------------------------------------------

SECONDARY_SET_CREDIT: Final = 0.5
MAX_WEEKLY_SETS_PER_GROUP: Final = 22.0
# A session "trains" a group (soft-1) with at least one set's worth of credit, and "loads it
# hard" (soft-4) with at least two: two direct sets, or four sets where it is secondary.
TRAINED_CREDIT: Final = 1.0
HARD_LOAD_CREDIT: Final = 2.0


@dataclass(frozen=True, slots=True)
class VolumeBand:
    """Weekly hard sets per muscle group. `minimum`/`maximum` are the rule (the review checks
    them); `target`/`focus_target` are where the planner starts week 1 and `ceiling` is how far
    weekly progression may climb (it never passes `maximum`)."""

    minimum: float
    maximum: float
    target: float
    focus_target: float
    ceiling: float
    focus_ceiling: float

    def describe(self) -> str:
        if self.maximum >= MAX_WEEKLY_SETS_PER_GROUP:
            return f"at least {self.minimum:g}"
        return f"{self.minimum:g}-{self.maximum:g}"


VOLUME_BANDS: Final[dict[Goal, dict[Experience, VolumeBand]]] = {
    "hypertrophy": {
        "beginner": VolumeBand(8, 12, 9, 11.5, 11, 12),
        "intermediate": VolumeBand(10, 16, 11.5, 15, 14, 16),
        "advanced": VolumeBand(12, 20, 14, 18, 17, 20),
    },
    "strength": {level: VolumeBand(6, 15, 8, 12, 11, 14) for level in EXPERIENCES},
    "endurance": {level: VolumeBand(6, 12, 7.5, 10.5, 10, 12) for level in EXPERIENCES},
    # The rule only asks for >= 4; the planner keeps general fitness moderate on purpose.
    "general-fitness": {
        level: VolumeBand(4, MAX_WEEKLY_SETS_PER_GROUP, 6, 9, 9, 12) for level in EXPERIENCES
    },
}
STRENGTH_MAIN_LIFT_MAX_REPS: Final = 6
STRENGTH_MAIN_LIFT_SETS: Final = (2, 5)
ENDURANCE_MIN_REPS: Final = 12


# --- Prescription by goal --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prescription:
    main_reps: tuple[int, int]
    accessory_reps: tuple[int, int]
    sets: tuple[int, int]
    main_rest: int
    accessory_rest: int
    # Rests used when sessions are short (< SHORT_SESSION_MINUTES): the low end of the range.
    main_rest_short: int
    accessory_rest_short: int
    # Reps in reserve: week 1 starts at `rir_easy` and each hard week takes one off, down to
    # `rir_hard`.
    rir_easy: int
    rir_hard: int
    timed_seconds: int
    ramp_up: tuple[tuple[int, int], ...]  # (percent of the working load, reps)


SHORT_SESSION_MINUTES: Final = 40


@functools.cache
def prescription_for(goal: Goal, experience: Experience) -> Prescription:
    """The TRAINING.md "Prescription by goal" row for this person."""
    beginner = experience == "beginner"
    if goal == "strength":
        main = (6, 8) if beginner else (4, 6) if experience == "intermediate" else (3, 5)
        return Prescription(
            main, (8, 12), (3, 5), 180, 90, 120, 60, 3, 1, 30, ((40, 5), (60, 3), (80, 2))
        )
    if goal == "hypertrophy":
        sets = (2, 4) if beginner else (3, 5)
        rir_hard = 2 if beginner else 1
        return Prescription(
            (6, 10), (8, 12), sets, 120, 75, 90, 60, 3, rir_hard, 40, ((50, 8), (70, 4))
        )
    if goal == "endurance":
        return Prescription((12, 15), (15, 20), (2, 3), 60, 45, 30, 30, 4, 2, 45, ((50, 10),))
    return Prescription((8, 12), (10, 15), (2, 3), 90, 60, 60, 45, 3, 2, 30, ((50, 8), (70, 4)))


# Timed sets never grow past this, however many weeks add their ~10 %.
MAX_TIMED_SECONDS: Final = 90
TIMED_PROGRESSION: Final = 0.10


# --- %1RM (hard-6) ---------------------------------------------------------------------------

PERCENT_1RM_BY_REPS: Final[dict[int, float]] = {
    1: 100,
    2: 95,
    3: 93,
    4: 90,
    5: 87,
    6: 85,
    7: 83,
    8: 80,
    9: 77,
    10: 75,
    12: 70,
    15: 65,
}
_TABLE = sorted(PERCENT_1RM_BY_REPS.items())


def percent_1rm_for_reps(reps: float) -> float | None:
    """The %1RM a person can lift for `reps` reps to failure (linear between table rows);
    None beyond 15 reps, where the table says nothing."""
    if reps < 1 or reps > _TABLE[-1][0]:
        return None
    for (low_reps, low_pct), (high_reps, high_pct) in itertools.pairwise(_TABLE):
        if low_reps <= reps <= high_reps:
            share = (reps - low_reps) / (high_reps - low_reps)
            return low_pct + share * (high_pct - low_pct)
    return float(_TABLE[0][1])


def max_reps_at_percent(percent: float) -> float:
    """How many reps to failure a person can do at `percent` of 1RM (inverse of the table);
    infinity below the table's last row, 0 above 100 %."""
    if percent > 100:
        return 0.0
    if percent < _TABLE[-1][1]:
        return math.inf
    for (low_reps, low_pct), (high_reps, high_pct) in itertools.pairwise(_TABLE):
        if high_pct <= percent <= low_pct:
            share = (low_pct - percent) / (low_pct - high_pct)
            return low_reps + share * (high_reps - low_reps)
    return 1.0


def rpe_for_rir(rir: int) -> int:
    return 10 - rir


MAX_LOAD_STEP_PERCENT: Final = 10.0
DELOAD_LOAD_FACTOR: Final = 0.9
DELOAD_SET_SHARE: Final = 0.5


# --- Time model (hard-3) ---------------------------------------------------------------------

SECONDS_PER_REP: Final = 3.5  # the middle of TRAINING.md's "~3-4 s"
CHANGEOVER_SECONDS: Final = 60  # moving to and setting up the next exercise
RAMP_UP_REST_SECONDS: Final = 45
GENERAL_WARMUP_MINUTES: Final = 5
SHORT_GENERAL_WARMUP_MINUTES: Final = 3  # sessions under 30 minutes


def general_warmup_minutes(minutes_per_session: int) -> int:
    return GENERAL_WARMUP_MINUTES if minutes_per_session >= 30 else SHORT_GENERAL_WARMUP_MINUTES


def ramp_up_set_count(goal: Goal, minutes_per_session: int) -> int:
    """Short sessions keep fewer ramp-up sets: the first main lift still gets one."""
    full = len(prescription_for(goal, "intermediate").ramp_up)
    if minutes_per_session < 30:
        return 1
    if minutes_per_session < 45:
        return min(full, 2)
    return full


def ramp_up_seconds(reps: int) -> float:
    return reps * SECONDS_PER_REP + RAMP_UP_REST_SECONDS


# --- Sessions per week (soft-7), exercises per session (soft-9), sets (soft-8) ----------------

SESSIONS_PER_WEEK: Final[dict[Experience, tuple[int, int]]] = {
    "beginner": (2, 3),
    "intermediate": (3, 4),
    "advanced": (4, 6),
}
EXERCISES_PER_SESSION: Final = (4, 9)
# The planner's own limit, inside soft-9's range: more exercises would mean fewer sets of each.
MAX_EXERCISES_PER_SESSION: Final = 8
TYPICAL_SETS_PER_EXERCISE: Final = (2, 5)
FLAGGED_SETS_PER_EXERCISE: Final = 6
SPACING_REST_DAYS: Final = (1, 3)
DELOAD_EVERY_WEEKS: Final = (4, 6)
DEFAULT_WEEKS: Final = 5  # four building weeks and a deload
MAX_WEEKS: Final = 52


# --- Movement families -----------------------------------------------------------------------

KNEE_DOMINANT: Final = "knee-dominant"
HIP_DOMINANT: Final = "hip-dominant"
PUSH_PATTERNS: Final = ("horizontal-push", "vertical-push")
PULL_PATTERNS: Final = ("horizontal-pull", "vertical-pull")
CORE_PATTERNS: Final = (
    "anti-extension",
    "anti-rotation",
    "trunk-flexion",
    "rotation",
    "lateral-flexion",
)
LOWER_PATTERNS: Final = (
    "squat",
    "hinge",
    "lunge",
    "hip-extension",
    "hip-abduction",
    "hip-adduction",
    "knee-extension",
    "knee-flexion",
    "calf-raise",
    "jump",
)
UPPER_PATTERNS: Final = (
    "horizontal-push",
    "vertical-push",
    "horizontal-pull",
    "vertical-pull",
    "elbow-flexion",
    "elbow-extension",
    "shoulder-raise",
    "chest-fly",
    "shrug",
    "wrist",
)
# Main lifts: the multi-joint patterns a session is built around (everything else is an
# accessory with its own reps and rest).
MAIN_LIFT_PATTERNS: Final = (
    "squat",
    "hinge",
    "lunge",
    "horizontal-push",
    "vertical-push",
    "horizontal-pull",
    "vertical-pull",
    "olympic-lift",
)
POWER_PATTERNS: Final = ("jump", "olympic-lift")
POWER_CATEGORIES: Final = ("plyometrics", "olympic-weightlifting")
# Categories the planner programs as training sets; stretches, mobility and cardio machines
# belong in warm-ups and cool-downs, which the time model counts separately.
TRAINING_CATEGORIES: Final = (
    "strength",
    "powerlifting",
    "olympic-weightlifting",
    "strongman",
    "plyometrics",
)
LARGE_GROUPS: Final = ("quads", "glutes", "hamstrings", "back", "chest")
# Equipment whose load can be set in small steps, so %1RM and load progression apply.
LOADABLE_EQUIPMENT: Final = (
    "barbell",
    "dumbbell",
    "ez-bar",
    "trap-bar",
    "kettlebell",
    "cable",
    "machine",
    "smith-machine",
    "landmine",
    "weight-plate",
    "sled",
    "medicine-ball",
)
BARBELL_EQUIPMENT: Final = ("barbell", "ez-bar", "trap-bar", "smith-machine", "landmine")
LINEAR_STEP_KG: Final = {"upper": 2.5, "lower": 5.0}


# --- Splits (TRAINING.md "Splits") -----------------------------------------------------------

SessionType = Literal["full-body", "upper", "lower", "push", "pull", "legs", "core"]


@dataclass(frozen=True, slots=True)
class PlannedSession:
    day: int  # 1..7, Monday = 1
    type: SessionType
    name: str


@dataclass(frozen=True, slots=True)
class Split:
    slug: str
    name: str
    sessions: tuple[PlannedSession, ...]
    note: str | None = None


def _sessions(*items: tuple[int, SessionType, str]) -> tuple[PlannedSession, ...]:
    return tuple(PlannedSession(day, kind, name) for day, kind, name in items)


_FULL_BODY_1 = Split("full-body", "Full body", _sessions((1, "full-body", "Full Body")))
_FULL_BODY_2 = Split(
    "full-body",
    "Full body A/B",
    _sessions((1, "full-body", "Full Body A"), (4, "full-body", "Full Body B")),
)
_FULL_BODY_3 = Split(
    "full-body",
    "Full body A/B/C",
    _sessions(
        (1, "full-body", "Full Body A"),
        (3, "full-body", "Full Body B"),
        (5, "full-body", "Full Body C"),
    ),
)
_UPPER_LOWER_4 = Split(
    "upper-lower",
    "Upper/lower x2",
    _sessions(
        (1, "upper", "Upper A"),
        (2, "lower", "Lower A"),
        (4, "upper", "Upper B"),
        (5, "lower", "Lower B"),
    ),
)
# Five days for a beginner: the full-body day sits alone so no group is loaded on back-to-back
# days (Sunday and Tuesday stay free around it).
_UPPER_LOWER_FULL_5 = Split(
    "upper-lower-full-body",
    "Upper/lower + full body",
    _sessions(
        (1, "full-body", "Full Body"),
        (3, "upper", "Upper A"),
        (4, "lower", "Lower A"),
        (5, "upper", "Upper B"),
        (6, "lower", "Lower B"),
    ),
)
_UPPER_LOWER_PPL_5 = Split(
    "upper-lower-push-pull-legs",
    "Upper/lower + push/pull/legs",
    _sessions(
        (1, "upper", "Upper"),
        (2, "lower", "Lower"),
        (4, "push", "Push"),
        (5, "pull", "Pull"),
        (6, "legs", "Legs"),
    ),
)
_PPL_6 = _sessions(
    (1, "push", "Push A"),
    (2, "pull", "Pull A"),
    (3, "legs", "Legs A"),
    (4, "push", "Push B"),
    (5, "pull", "Pull B"),
    (6, "legs", "Legs B"),
)


def split_for(days_per_week: int, experience: Experience) -> Split:
    """The split for this many days and this experience (TRAINING.md "Splits").

    Where the table offers a choice the planner takes the option that trains every group at
    least twice a week (soft-1): full body for 2 and 3 days.
    """
    beginner = experience == "beginner"
    if days_per_week == 1:
        return _FULL_BODY_1
    if days_per_week == 2:
        return _FULL_BODY_2
    if days_per_week == 3:
        return _FULL_BODY_3
    if days_per_week == 4:
        return _UPPER_LOWER_4
    if days_per_week == 5:
        return _UPPER_LOWER_FULL_5 if beginner else _UPPER_LOWER_PPL_5
    if days_per_week == 6:
        note = (
            "Six days is more than a beginner needs; three full-body days build the same "
            "strength with more recovery."
            if beginner
            else None
        )
        return Split("push-pull-legs", "Push/pull/legs x2", _PPL_6, note)
    return Split(
        "push-pull-legs-core",
        "Push/pull/legs x2 + core day",
        (*_PPL_6, PlannedSession(7, "core", "Core and Carries")),
        "Seven days leaves no full rest day; the seventh is a short core session, and "
        "most people progress as well on four to six.",
    )


SESSION_PATTERNS: Final[dict[SessionType, tuple[str, ...]]] = {
    "full-body": (*LOWER_PATTERNS, *UPPER_PATTERNS, *CORE_PATTERNS, "carry", "olympic-lift"),
    "upper": (*UPPER_PATTERNS, *CORE_PATTERNS),
    "lower": (*LOWER_PATTERNS, *CORE_PATTERNS, "olympic-lift"),
    "push": (
        "horizontal-push",
        "vertical-push",
        "chest-fly",
        "elbow-extension",
        "shoulder-raise",
        *CORE_PATTERNS,
    ),
    "pull": (
        "horizontal-pull",
        "vertical-pull",
        "elbow-flexion",
        "shrug",
        "wrist",
        *CORE_PATTERNS,
    ),
    "legs": (*LOWER_PATTERNS, *CORE_PATTERNS, "olympic-lift"),
    "core": (*CORE_PATTERNS, "carry", "calf-raise"),
}
# Neck work is only programmed when the person asks for it as a focus.
NECK_SESSION_TYPES: Final = ("full-body", "upper", "pull", "core")
