"""Loads: %1RM and kilograms from a person's known lifts, and how to pick a load without one.

A known lift is a recent set (weight and reps, at most 10 reps). Its one-rep max is estimated
with Epley, w x (1 + r/30) (TRAINING.md "Estimated 1RM"); the working load for a week is that
estimate times the %1RM the week's reps and reps in reserve allow, rounded down to a load
that really exists (training/increments.py: plate pairs on a barbell, the dumbbell and
kettlebell sizes people own, machine stack plates), so a step never exceeds the planned one.
%1RM is shown only for barbell-style lifts; without a known lift nobody gets a percentage,
but a plain instruction.
"""

from __future__ import annotations

from forgefit.training.increments import estimated_1rm as epley_or_brzycki
from forgefit.training.increments import load_kind, round_down
from forgefit.training.profile import KnownLift
from forgefit.training.rules import MAX_LOAD_STEP_PERCENT

EPLEY = "Epley"


def estimated_1rm(lift: KnownLift) -> float:
    """Epley's estimate from a set of at most 10 reps (one rep is the max itself); the formula
    lives in training/increments.py, which the adaptation engine uses too."""
    estimate = epley_or_brzycki(lift.weight_kg, lift.reps)
    # A KnownLift holds 1-10 reps and a positive weight, so there is always an estimate.
    return lift.weight_kg if estimate is None else estimate


def load_kg(lift: KnownLift, percent: float, equipment: str) -> float:
    """The week's working load: the estimated 1RM times `percent`, rounded down to a real one."""
    return round_down(estimated_1rm(lift) * percent / 100, load_kind(equipment))


def capped_step(load: float, previous: float, equipment: str) -> float:
    """At most 10 % above last week's load (hard rule 5), in real increments."""
    ceiling = previous * (1 + MAX_LOAD_STEP_PERCENT / 100)
    return min(load, round_down(ceiling, load_kind(equipment)))


def starting_load_text(experience: str, rir: int | None, reps: tuple[int, int] | None) -> str:
    """How to choose a load with no known lift: plain words, never a percentage."""
    if reps is None or rir is None:
        return ""
    if experience == "beginner":
        return (
            f"a weight you could lift about {reps[1] + 4} times: about 4 more times than the "
            f"{reps[1]} reps asked; add weight as the progression says"
        )
    return f"a weight that leaves about {rir} reps in reserve at {reps[1]} reps"
