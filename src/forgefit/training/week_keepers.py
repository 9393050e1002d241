"""Which exercise a week must keep: the only one of its movement pattern (coach-2) or the
only staple squat, hinge, press or pull of its tier or better (coach-1). Spacing, focus and
direct-work steps ask this before taking an exercise out, so that trimming for one coach rule
never breaks another."""

from __future__ import annotations

from collections.abc import Iterable

from forgefit.training.coach import PATTERN_NEEDS, STAPLE_MOVEMENTS, qualifies
from forgefit.training.templates import TrainingData
from forgefit.training.week_parts import BuiltSession, Slot


def sole_of_its_kind(slot: Slot, sessions: Iterable[BuiltSession], data: TrainingData) -> bool:
    """The week's only exercise for a movement pattern or its only staple of a kind: a coach
    trims sets or another exercise first."""
    exercise = slot.facts.exercise
    others = [sl.facts.exercise for se in sessions for sl in se.slots if sl is not slot]
    for moves in PATTERN_NEEDS.values():
        movements = [data.movements[m] for m in moves]
        if not any(qualifies(exercise, m, data) for m in movements):
            continue
        # qualifies() wants the movement's pattern first: look only at exercises that have it.
        patterns = frozenset().union(*(m.patterns for m in movements))
        if not any(
            qualifies(o, m, data) for o in others if o.pattern in patterns for m in movements
        ):
            return True
    for move in STAPLE_MOVEMENTS:
        movement = data.movements[move]
        tier = movement.staple_tier(exercise.slug)
        if exercise.pattern not in movement.patterns or tier is None:
            continue
        # A lesser staple elsewhere does not stand in for it: a single-leg RDL does not make
        # the dumbbell RDL (the best hinge with dumbbells) spare.
        if not any(
            o.pattern in movement.patterns
            and (other := movement.staple_tier(o.slug)) is not None
            and other <= tier
            for o in others
        ):
            return True
    return False
