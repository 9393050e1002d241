"""Week 1 from a template: fill the slots, fit the minutes, then put volume where it belongs.

1. Fill every slot (slots.py); power slots are skipped for beginners (the simple version
   first), goal-specific slots for other goals, optional slots kept in reserve.
2. Fit: a session over its minutes loses accessory sets, then accessory exercises, then main
   sets, until it fits (hard rule 3).
3. Volume: while a major or focus group is below its weekly target, add a set to an exercise
   that trains it directly, or add an exercise for it (reserve slots first, then extras).
4. Balance: pulling sets at least equal pressing sets; every major group in two sessions.
5. Minutes: a session using less than 80 % of its budget gets more sets where the weekly
   ceilings allow, main lifts first; once the week is spaced, a session still short of
   coach-9's share gives groups below target more sets where no hard day is added or moved.
Every addition passes the same guards: session minutes, set caps per tier, the group's weekly
ceiling, isolation never above the session's main lifts, arms never above back and chest,
a rest day between sessions that load a group hard, pulling never behind pressing.
"""

from __future__ import annotations

from forgefit.catalog.vocabulary import Vocabulary
from forgefit.training.profile import Profile
from forgefit.training.slots import Filler
from forgefit.training.templates import Layout
from forgefit.training.week_focus import FocusSteps
from forgefit.training.week_parts import BuiltSession, Slot
from forgefit.training.week_turns import TurnSteps
from forgefit.training.week_untrained import UntrainedSteps
from forgefit.training.week_volume import VolumeSteps


class WeekBuilder(TurnSteps, UntrainedSteps, VolumeSteps, FocusSteps):
    """Builds week 1 of a program from a template layout (the steps live in week_fit.py,
    week_untrained.py, week_volume.py and week_focus.py, making room and serving a group in
    week_room.py; the state and guards in week_base.py)."""


def build_week_one(
    profile: Profile, layout: Layout, filler: Filler, vocab: Vocabulary
) -> list[BuiltSession]:
    builder = WeekBuilder(profile, layout, filler, vocab)
    builder.build()
    builder.fit()
    builder.trim_over_maximum()
    # Copies of a session cut the same way rotate the staples the minutes left out.
    builder.take_turns()
    builder.add_volume()
    builder.balance()
    builder.use_minutes()
    builder.ensure_exercise_count()
    builder.fit()
    builder.trim_over_maximum()
    builder.fix_spacing()
    builder.final_balance()
    builder.serve_focus()
    # After spacing and focus: the exercise for an untrained group takes only spare minutes
    # or sets a lift has more than it needs, never the exercise that spaces the week.
    builder.train_untrained_groups()
    # Proportions trim isolation work to the session's main lifts; direct side-delt and calf
    # work is then added within those caps, and a last pass keeps the arms in proportion.
    builder.proportions()
    builder.direct_work()
    builder.proportions()
    builder.use_short_minutes()
    for session in builder.sessions:
        session.slots.sort(key=_order_key(session))
    return builder.sessions


def _order_key(session: BuiltSession):  # type: ignore[no-untyped-def]
    position = {id(slot): index for index, slot in enumerate(session.slots)}
    tier_rank = {"power": 0, "main": 1, "secondary": 2, "accessory": 3, "core": 4,
                 "conditioning": 5}  # fmt: skip

    def key(slot: Slot) -> tuple[int, int, int]:
        return (slot.facts.order_rank, tier_rank[slot.spec.tier], position[id(slot)])

    return key
