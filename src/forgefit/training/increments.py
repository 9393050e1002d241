"""Loads in real increments, load steps that never exceed 10 %, and estimated one-rep maxes.

A prescription is only useful if the person can put it on the bar: barbells move in pairs of
plates, dumbbells and kettlebells come in fixed sizes, machines in stack plates. Every load the
trainer suggests is one of those real weights, and every increase is the largest real step
that stays within TRAINING.md hard rule 5 (never more than 10 % at once; ACSM 2009: 2-10 %).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Final, Literal

from forgefit.training.rules import MAX_LOAD_STEP_PERCENT, PERCENT_1RM_BY_REPS

LoadKind = Literal["barbell", "dumbbell", "kettlebell", "machine", "other"]

#: What a barbell load can move by: a pair of 0.5, 1.25 or 2.5 kg plates (fractional plates
#: first, so a light lift can still move up inside the 10 % cap).
BARBELL_STEPS_KG: Final = (1.0, 2.5, 5.0)
#: Common fixed dumbbells in a gym or an adjustable home set (kg, per hand).
DUMBBELLS_KG: Final = (
    *(float(kg) for kg in range(1, 11)),  # 1 ... 10
    *(10.0 + 2.5 * i for i in range(1, 17)),  # 12.5 ... 50
    *(50.0 + 5.0 * i for i in range(1, 11)),  # 55 ... 100
)
#: Competition and common cast-iron kettlebell sizes (kg).
KETTLEBELLS_KG: Final = (
    4.0,
    6.0,
    8.0,
    10.0,
    12.0,
    14.0,
    16.0,
    20.0,
    24.0,
    28.0,
    32.0,
    36.0,
    40.0,
    44.0,
    48.0,
)
#: A weight-stack plate on most machines and cable columns.
MACHINE_STEP_KG: Final = 2.5
EMPTY_BARBELL_KG: Final = 20.0

BARBELL_EQUIPMENT: Final = frozenset({"barbell", "ez-bar", "trap-bar", "smith-machine", "landmine"})


def load_kind(equipment: str) -> LoadKind:
    """How loads move for an exercise's main equipment."""
    if equipment in BARBELL_EQUIPMENT:
        return "barbell"
    if equipment == "dumbbell":
        return "dumbbell"
    if equipment == "kettlebell":
        return "kettlebell"
    if equipment in ("machine", "cable"):
        return "machine"
    return "other"


def _grid(kind: LoadKind) -> tuple[float, ...] | None:
    return {"dumbbell": DUMBBELLS_KG, "kettlebell": KETTLEBELLS_KG}.get(kind)


def round_down(load_kg: float, kind: LoadKind) -> float:
    """The heaviest real load at or below `load_kg` (never below the lightest there is)."""
    grid = _grid(kind)
    if grid is not None:
        index = bisect_right(grid, load_kg + 1e-9) - 1
        return grid[max(index, 0)]
    if kind == "barbell":
        return max(EMPTY_BARBELL_KG, _floor_to(load_kg, BARBELL_STEPS_KG[1]))
    if kind == "machine":
        return max(MACHINE_STEP_KG, _floor_to(load_kg, MACHINE_STEP_KG))
    return max(0.5, _floor_to(load_kg, 0.5))


def _floor_to(value: float, step: float) -> float:
    return round(int(value / step + 1e-9) * step, 2)


@dataclass(frozen=True, slots=True)
class Step:
    """A load change: the new load, and how many real increments it took."""

    load_kg: float
    increments: int

    @property
    def moved(self) -> bool:
        return self.increments != 0


def step_up(
    load_kg: float, kind: LoadKind, increments: int = 1, preferred_kg: float | None = None
) -> Step:
    """Up to `increments` real steps heavier, never more than 10 % above `load_kg` in total.

    Barbells use `preferred_kg` (TRAINING.md: about 2.5 kg upper body, 5 kg lower body) or the
    largest plate pair that fits under the cap; dumbbells and kettlebells move to the next
    sizes. When even the smallest real step would exceed 10 %, the load stays and `increments`
    is 0: the caller progresses reps or sets instead.
    """
    cap = load_kg * (1 + MAX_LOAD_STEP_PERCENT / 100) + 1e-9
    grid = _grid(kind)
    if grid is not None:
        index = bisect_right(grid, load_kg + 1e-9)
        taken = 0
        new = load_kg
        while taken < increments and index < len(grid) and grid[index] <= cap:
            new = grid[index]
            index += 1
            taken += 1
        return Step(new, taken)
    steps: tuple[float, ...] = (
        BARBELL_STEPS_KG
        if kind == "barbell"
        else (MACHINE_STEP_KG,)
        if kind == "machine"
        else (0.5, 1.0, 2.5)
    )
    if preferred_kg is not None:
        steps = tuple(s for s in steps if s <= preferred_kg) or steps[:1]
    for size in sorted(steps, reverse=True):
        taken = increments
        while taken > 0 and load_kg + size * taken > cap:
            taken -= 1
        if taken:
            return Step(round(load_kg + size * taken, 2), taken)
    return Step(load_kg, 0)


def step_down(load_kg: float, kind: LoadKind, increments: int = 1) -> Step:
    """`increments` real steps lighter (for missed reps), at most about 10 % lighter."""
    grid = _grid(kind)
    if grid is not None:
        index = bisect_left(grid, load_kg - 1e-9) - 1
        new = load_kg
        taken = 0
        while taken < increments and index >= 0:
            new = grid[index]
            index -= 1
            taken += 1
        return Step(new, -taken)
    size = (
        BARBELL_STEPS_KG[1] if kind == "barbell" else MACHINE_STEP_KG if kind == "machine" else 1.0
    )
    floor = EMPTY_BARBELL_KG if kind == "barbell" else size
    new = max(floor, load_kg - size * increments, reduce_by_percent(load_kg, 10, kind))
    new = min(new, load_kg)
    return Step(round(new, 2), -1 if new < load_kg else 0)


def reduce_by_percent(load_kg: float, percent: float, kind: LoadKind) -> float:
    """About `percent` % lighter, rounded down to a real load; never heavier than `load_kg`
    (a load already at or below the lightest real one stays where it is)."""
    return min(load_kg, round_down(load_kg * (1 - percent / 100), kind))


# --- Estimated one-rep max -------------------------------------------------------------------

E1RM_MAX_REPS: Final = 10  # Reynolds et al. 2006: estimates from longer sets are unreliable
E1RMFormula = Literal["epley", "brzycki"]


def estimated_1rm(load_kg: float, reps: int, formula: E1RMFormula = "epley") -> float | None:
    """Epley `w x (1 + r/30)` or Brzycki `w x 36 / (37 - r)`; None beyond 10 reps or for 0."""
    if reps < 1 or reps > E1RM_MAX_REPS or load_kg <= 0:
        return None
    if reps == 1:
        return load_kg
    if formula == "brzycki":
        return load_kg * 36 / (37 - reps)
    return load_kg * (1 + reps / 30)


def load_for(one_rep_max_kg: float, reps: int, rir: int, kind: LoadKind) -> float:
    """A working load for `reps` reps leaving `rir` in reserve: the %1RM table at reps + rir
    to failure, rounded down to a real load."""
    to_failure = min(reps + rir, max(PERCENT_1RM_BY_REPS))
    below = [r for r in PERCENT_1RM_BY_REPS if r <= to_failure]
    percent = PERCENT_1RM_BY_REPS[max(below)] if below else 100.0
    return round_down(one_rep_max_kg * percent / 100, kind)
