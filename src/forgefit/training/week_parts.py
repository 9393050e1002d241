"""The pieces a week is built from: a slot (an exercise with its sets and prescription), a
session of slots, and the limits every step of the week builder (construct.py) respects."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Self, SupportsIndex

from forgefit.training.coach import NEW_EXERCISE_SECONDS
from forgefit.training.pool import ExerciseFacts
from forgefit.training.prescription import SetScheme, set_seconds
from forgefit.training.prescription import warmup_seconds as warmup_time
from forgefit.training.profile import Profile
from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    MAX_EXERCISES_PER_SESSION,
    MAX_WEEKLY_SETS_PER_GROUP,
    PlannedSession,
)
from forgefit.training.templates import Movement, SlotSpec

MAX_EXERCISES = MAX_EXERCISES_PER_SESSION
# Two short sets and a changeover: a session with less free time takes no new exercise.
MIN_NEW_SLOT_SECONDS = NEW_EXERCISE_SECONDS
# Secondary credits may carry a group a little past its band maximum. The shoulders get half
# a set from every press and pull (front, side and rear delts counted as one group), so their
# half-credits never hold back the presses and rows a coach would never drop for them; only
# work aimed at the shoulders counts against their band.
INDIRECT_TOLERANCE = 0.0
LOOSE_GROUPS = ("shoulders",)


def indirect_limit(group: str, maximum: float) -> float:
    if group in LOOSE_GROUPS:
        return max(maximum, MAX_WEEKLY_SETS_PER_GROUP)
    return maximum + INDIRECT_TOLERANCE


PROTECTED_MOVES = ("lateral-raise", "calf")
DIRECT_WORK_MUSCLES = ("side-delts", "calves")
PRESSING_GROUPS = ("chest", "triceps")
FOCUS_OVERLAP = 1.0
ANY_DAY_PATTERNS = ("locomotion", "calf-raise", "shoulder-raise")
TIME_USE_TARGET = 0.8
INJURY_MAX_SETS = 3
INJURY_MIN_RIR = 3
# A session without a main lift puts no cap on its isolation sets (set_bounds caps them).
MAX_SETS_WITHOUT_MAIN_LIFTS = 99

# Every change to a week's exercises or set counts takes a new tick from _TICKS, so a measure
# of the week taken at one tick still holds while `changes()` returns it (WeekBase._measure).
# Each tick is written once, so a change can never leave the value it found, even with other
# threads building other weeks (their changes only cost a re-measure).
_TICKS = itertools.count(1)
_tick = 0


def changes() -> int:
    """The tick of the last change to any slot or session being built."""
    return _tick


def _touch() -> None:
    global _tick
    _tick = next(_TICKS)


@dataclass(init=False)
class Slot:
    facts: ExerciseFacts
    movement: Movement
    spec: SlotSpec
    scheme: SetScheme
    sets: int
    min_sets: int
    max_sets: int
    drill: bool
    power: bool
    conditioning: bool
    capped_joints: tuple[str, ...] = ()
    per_set: float = field(init=False)
    # Prescribed as a main lift (the scheme is never replaced, so this never goes stale).
    main: bool = field(init=False)

    def __init__(
        self,
        facts: ExerciseFacts,
        movement: Movement,
        spec: SlotSpec,
        scheme: SetScheme,
        sets: int,
        min_sets: int,
        max_sets: int,
        drill: bool,
        power: bool,
        conditioning: bool,
        capped_joints: tuple[str, ...] = (),
    ) -> None:
        # Straight into the instance: a new slot changes no week until a session takes it,
        # and __setattr__ below would count each field as a change.
        self.__dict__.update(
            facts=facts,
            movement=movement,
            spec=spec,
            scheme=scheme,
            sets=sets,
            min_sets=min_sets,
            max_sets=max_sets,
            drill=drill,
            power=power,
            conditioning=conditioning,
            capped_joints=capped_joints,
            per_set=set_seconds(scheme, facts.sides),
            main=scheme.role == "main",
        )

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "sets" and value != self.sets:
            _touch()
        object.__setattr__(self, name, value)

    @property
    def compound(self) -> bool:
        return self.facts.exercise.mechanic == "compound"


class SlotList(list[Slot]):
    """A session's slots: every change to the list is a change to the week (see changes())."""

    __slots__ = ()

    def append(self, slot: Slot) -> None:
        super().append(slot)
        _touch()

    def extend(self, slots: Iterable[Slot]) -> None:
        super().extend(slots)
        _touch()

    def insert(self, index: SupportsIndex, slot: Slot) -> None:
        super().insert(index, slot)
        _touch()

    def remove(self, slot: Slot) -> None:
        super().remove(slot)
        _touch()

    def pop(self, index: SupportsIndex = -1) -> Slot:
        slot = super().pop(index)
        _touch()
        return slot

    def clear(self) -> None:
        super().clear()
        _touch()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        super().sort(*args, **kwargs)
        _touch()

    def reverse(self) -> None:
        super().reverse()
        _touch()

    def __setitem__(self, index: Any, value: Any) -> None:
        super().__setitem__(index, value)
        _touch()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        _touch()

    def __iadd__(self, slots: Iterable[Slot]) -> Self:  # type: ignore[override,misc]
        super().__iadd__(slots)
        _touch()
        return self

    def __imul__(self, times: SupportsIndex) -> Self:
        super().__imul__(times)
        _touch()
        return self


@dataclass
class BuiltSession:
    planned: PlannedSession
    slots: list[Slot]
    reserve: list[SlotSpec]
    budget: float
    # Warm-up seconds with and without ramp-up sets (they depend only on the profile).
    warmups: tuple[float, float] = (0.0, 0.0)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "slots":
            value = SlotList(value)
            _touch()
        object.__setattr__(self, name, value)

    @property
    def has_main(self) -> bool:
        # A plain loop: any() over a generator costs twice as much, and this runs in every
        # seconds() call, tens of thousands of times per program.
        for slot in self.slots:  # noqa: SIM110
            if slot.main:
                return True
        return False

    def seconds(self, profile: Profile) -> float:
        """prescription.session_seconds, inlined (the planner asks this thousands of times
        per program) with the same order of additions, so the totals are identical."""
        slots = self.slots
        total = self.warmup_seconds(profile)
        for slot in slots:
            total += slot.sets * slot.per_set
        return total + CHANGEOVER_SECONDS * max(0, len(slots) - 1)

    def warmup_seconds(self, profile: Profile) -> float:
        """prescription.warmup_seconds for the session (with ramp-up sets if it has a main
        lift), worked out once per session."""
        if self.warmups == (0.0, 0.0):
            self.warmups = (warmup_time(profile, False), warmup_time(profile, True))
        return self.warmups[self.has_main]

    def main_lifts(self) -> list[Slot]:
        """The session's multi-joint main lifts: isolation work never gets more sets."""
        return [s for s in self.slots if s.main and s.compound]

    def taken(self) -> set[str]:
        return {s.facts.slug for s in self.slots}


class WeekSnapshot:
    """Every session's exercises, their set counts and its reserve, taken before a step that may
    fail: a step that cannot do what it set out to must not cost the week anything on the way."""

    __slots__ = ("_saved",)

    def __init__(self, sessions: list[BuiltSession]) -> None:
        self._saved = [
            (
                session,
                list(session.slots),
                [slot.sets for slot in session.slots],
                list(session.reserve),
            )
            for session in sessions
        ]

    def restore(self) -> None:
        for session, slots, sets, reserve in self._saved:
            session.slots[:] = slots
            session.reserve[:] = reserve
            for slot, count in zip(slots, sets, strict=True):
                slot.sets = count
