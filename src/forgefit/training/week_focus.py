"""Steps for what a coach insists on: a focus group's key exercise twice a week and the
direct side-delt and calf work of a hypertrophy program, making room in short sessions."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import partial
from itertools import combinations

from forgefit.training.coach import direct_work_needs
from forgefit.training.rules import PULL_PATTERNS, PUSH_PATTERNS
from forgefit.training.templates import Movement, SlotSpec
from forgefit.training.week_keepers import sole_of_its_kind
from forgefit.training.week_parts import (
    FOCUS_OVERLAP,
    PROTECTED_MOVES,
    BuiltSession,
    Slot,
    WeekSnapshot,
)
from forgefit.training.week_room import RoomSteps

# Candidates tried per movement for a wanted exercise before giving up on the session.
WANTED_TRIES = 3
# Sets of pulling added, at most, to make room for a pressing key exercise.
PULL_TRADES = 3


def _aims_at(slot: Slot, muscle: str) -> bool:
    return slot.facts.exercise.target == muscle


def _pulls(slot: Slot) -> bool:
    return slot.facts.pattern in PULL_PATTERNS


def _is_key(slot: Slot, keys: set[str]) -> bool:
    return slot.facts.slug in keys


class FocusSteps(RoomSteps):
    def serve_focus(self) -> None:
        """Each focus group gets its key exercise (the best staple of a movement keyed to it:
        hip thrust for glutes) in two sessions a week where the minutes allow (coach-7)."""
        need = 2 if len(self.sessions) >= 2 else 1
        every_key = {group: self._key_exercises(group) for group in self.profile.focus}
        for group, (keys, usable) in every_key.items():
            if not usable:
                continue
            # Room is never made by taking out another focus group's key exercise.
            others = {slug for g, (k, _) in every_key.items() if g != group for slug in k}
            having = [se for se in self.sessions if keys & se.taken()]
            # First where it makes no new hard day for any group it is allowed to; only then
            # in a session that already loads the group hard next to another hard day (see
            # _volume_ok's `settled`): a coach adds the glute bridge to leg day even when the
            # carries day after it is hard for the glutes too, but would rather not.
            for settled in (False, True):
                for session in self.roomiest_first():
                    if len(having) >= need:
                        break
                    if session in having:
                        continue
                    if self._try_key(session, usable, keys, group, settled, others):
                        having.append(session)
            if len(having) < need and self._pressing(keys):
                self._key_with_more_pulling(group, usable, keys, others, having, need)

    def _pressing(self, keys: set[str]) -> bool:
        by_slug = self.filler.pool.by_slug()
        return any(by_slug[slug].pattern in PUSH_PATTERNS for slug in keys if slug in by_slug)

    def _key_with_more_pulling(
        self,
        group: str,
        movements: list[Movement],
        keys: set[str],
        others: set[str],
        having: list[BuiltSession],
        need: int,
    ) -> None:
        """A pressing key exercise (the bench for a chest focus) held back only by the
        push/pull balance (soft-5): a coach adds rowing for it, a set on a pull already in the
        week or a pull of its own, and then the press. Nothing changes when the press still
        does not fit."""
        for session in self.roomiest_first():
            if len(having) >= need:
                return
            if session in having:
                continue
            saved = WeekSnapshot(self.sessions)
            served = False
            for _ in range(PULL_TRADES):
                if not self._more_pulling(keys):
                    break
                if self._try_key(session, movements, keys, group, True, others):
                    served = True
                    break
            if served:
                having.append(session)
            else:
                saved.restore()
                self.failed.clear()

    def _more_pulling(self, keys: set[str]) -> bool:
        """One more set of pulling: a set on a row or pulldown already in the week, else a new
        row or vertical pull where it fits, else one in the place of an accessory."""
        pulls = [(se, sl) for se in self.sessions for sl in se.slots if _pulls(sl)]
        for session, slot in sorted(pulls, key=lambda pair: pair[1].sets):
            if self.can_add_sets(session, slot):
                slot.sets += 1
                return True
        specs = [SlotSpec(move, "secondary", 2, vary=True) for move in ("row", "vertical-pull")]
        roomiest = self.roomiest_first()
        if any(
            self.try_new_slot(se, spec, settled=True) is not None
            for se in roomiest
            for spec in specs
        ):
            return True
        # In the place of work its group can spare first, only then of any accessory or core
        # drill: the focus's key exercise and the balance both outrank a second core drill.
        return any(
            self._swap_in(se, specs, _pulls, keys, settled=True, spared_only=spared)
            for spared in (True, False)
            for se in roomiest
        )

    def _key_exercises(self, group: str) -> tuple[set[str], list[Movement]]:
        """A focus group's key exercises (the best staples the person can do of the movements
        keyed to it) and those movements; they depend only on the profile's candidates, so
        each group's are found once per week built."""
        found = self.key_exercises.get(group)
        if found is None:
            found = self.key_exercises[group] = self._find_key_exercises(group)
        return found

    def _find_key_exercises(self, group: str) -> tuple[set[str], list[Movement]]:
        keys: set[str] = set()
        usable = []
        for movement in self.filler.data.movements.values():
            if group not in movement.key_for:
                continue
            found = self.filler.candidates(movement)
            tiers = [t for f in found if (t := movement.staple_tier(f.slug)) is not None]
            if tiers:
                keys |= {f.slug for f in found if movement.staple_tier(f.slug) == min(tiers)}
                usable.append(movement)
        return keys, usable

    def _try_key(
        self,
        session: BuiltSession,
        movements: list[Movement],
        keys: set[str],
        group: str,
        settled: bool,
        others: set[str],
    ) -> bool:
        specs = [SlotSpec(movement.slug, "secondary", 3) for movement in movements]
        saved = WeekSnapshot(self.sessions)
        for _ in range(3):
            if self._add_wanted(session, specs, lambda slot: slot.facts.slug in keys, settled):
                return True
            if not self._free_for(group, keys, others, session):
                break
        # What _free_for took out did not make the room: it goes back before a swap is tried
        # (a second core drill on the core day does not make minutes on leg day; a coach does
        # not drop the hamstring walkout for a single-leg RDL the minutes cannot hold). A swap
        # that fails puts everything back itself (_swap_in).
        saved.restore()
        self.failed.clear()
        return self._swap_in_key(session, movements, keys, settled)

    def _swap_in_key(
        self, session: BuiltSession, movements: list[Movement], keys: set[str], settled: bool
    ) -> bool:
        """Short sessions: the key exercise of a focus takes the place of the session's last
        accessory or core exercise (a coach serves the focus before a second ab exercise)."""
        specs = [SlotSpec(movement.slug, "secondary", 2) for movement in movements]
        wanted = partial(_is_key, keys=keys)
        if self._swap_in(session, specs, wanted, keys, settled=settled):
            return True
        return settled and self._swap_two_for_key(session, specs, wanted, keys)

    def _swap_two_for_key(
        self,
        session: BuiltSession,
        specs: list[SlotSpec],
        wanted: Callable[[Slot], bool],
        keys: set[str],
    ) -> bool:
        """The key exercise in the place of two accessories whose groups are past their
        target (a hip thrust for a glutes focus also loads the quads and hamstrings: on a leg
        day where both are full, the knee extension and the leg curl make way together)."""
        protected = keys | self._focus_keys()
        volume = self.volume()
        extra = [
            sl
            for sl in session.slots
            if sl.spec.tier == "accessory"
            and sl.movement.slug not in PROTECTED_MOVES
            and sl.facts.slug not in protected
            and volume.get(sl.facts.target_group, 0.0) > self.target(sl.facts.target_group)
            and not sole_of_its_kind(sl, self.sessions, self.filler.data)
        ]
        for first, second in combinations(extra[::-1], 2):
            saved = WeekSnapshot([session])
            session.slots.remove(first)
            session.slots.remove(second)
            self.failed.clear()
            if self._add_wanted(session, specs, wanted, settled=True):
                return True
            saved.restore()
        self.failed.clear()
        return False

    def _swap_in(
        self,
        session: BuiltSession,
        specs: list[SlotSpec],
        wanted: Callable[[Slot], bool],
        keep: Collection[str] = (),
        spared_first: bool = False,
        settled: bool = False,
        spared_only: bool = False,
    ) -> bool:
        """Put a wanted exercise in the place of the session's last accessory or core
        exercise, else of a secondary lift trained elsewhere in the week (never a main lift,
        direct side-delt or calf work, a focus group's key exercise, or pulling sets the
        pressing needs (soft-5)); everything is put back when it does not fit there either.
        `spared_only`: only in the place of an accessory or core exercise its group can spare
        (_spared)."""
        protected = set(keep) | self._focus_keys()
        push, pull = self.push_pull()
        movable = [
            sl
            for sl in session.slots
            if sl.movement.slug not in PROTECTED_MOVES
            and sl.facts.slug not in protected
            and not (sl.facts.pattern in PULL_PATTERNS and pull - sl.sets < push)
            and not sole_of_its_kind(sl, self.sessions, self.filler.data)  # the dearest test
        ]
        if spared_only:
            movable = [
                sl for sl in movable if sl.spec.tier in ("accessory", "core") and self._spared(sl)
            ]
        spare = [sl for sl in movable if sl.spec.tier in ("accessory", "core")][::-1]
        if spared_first:
            # Direct side-delt and calf work takes the place of work its group can spare
            # first: a coach drops a Turkish get-up (the shoulders are past their target)
            # before the push-up that trains the chest a second time. A focus's key exercise
            # keeps the plain order: measured on the bench profiles, the reorder cost more
            # there than it gained.
            spare.sort(key=lambda sl: not self._spared(sl))
        # Then a secondary lift whose pattern another session of the week also trains (a
        # second press on a 15-minute push day gives way to the focus's triceps work).
        elsewhere = {
            sl.facts.pattern for se in self.sessions if se is not session for sl in se.slots
        }
        spare += [
            sl for sl in movable if sl.spec.tier == "secondary" and sl.facts.pattern in elsewhere
        ][::-1]
        for slot in spare:
            position = session.slots.index(slot)
            session.slots.remove(slot)
            self.failed.clear()
            if self._add_wanted(session, specs, wanted, settled):
                return True
            session.slots.insert(position, slot)
        return False

    def _spared(self, slot: Slot) -> bool:
        """Whether the slot's group keeps its weekly target and other work aimed at it
        without the slot."""
        group = slot.facts.target_group
        left = self.volume().get(group, 0.0) - slot.sets
        return left >= self.target(group) and self.direct_sets(group) > slot.sets

    def _add_wanted(
        self,
        session: BuiltSession,
        specs: list[SlotSpec],
        wanted: Callable[[Slot], bool],
        settled: bool = False,
    ) -> bool:
        """Add the first exercise the specs bring that is wanted; one that is not is taken out
        again and the next candidate tried (a favourite preacher curl comes first for the
        biceps movement, but the focus's key exercise is the barbell curl). A focus group's key
        exercise (or direct work) may carry the groups it half-trains a set past their band
        (a hip thrust's half-set for the quads); `settled`: see WeekBase._volume_ok."""
        for spec in specs:
            skip: set[str] = set()
            for _ in range(WANTED_TRIES):
                added = self.try_new_slot(
                    session, spec, FOCUS_OVERLAP, frozenset(skip), settled=settled
                )
                if added is None:
                    break
                if wanted(added):
                    return True
                session.slots.remove(added)
                skip.add(added.facts.slug)
        return False

    def _focus_keys(self) -> set[str]:
        """Every focus group's key exercises (never swapped out): the ones coach-7 counts, so
        a dumbbell leg curl may give way to a glutes focus's hip thrust while the Romanian
        deadlift, the hamstrings' key exercise, stays."""
        return {slug for group in self.profile.focus for slug in self._key_exercises(group)[0]}

    def _free_for(
        self, group: str, keys: set[str], others: set[str], session: BuiltSession
    ) -> bool:
        """Room for a focus group's key exercise: drop a second key exercise from a session
        that has two, or an accessory aimed at the group that is not a key exercise, its own
        or another focus group's (`others`: a kettlebell deadlift aims at the glutes, but it
        is the key exercise of a hamstring focus). The session the key exercise is meant
        for first: a fly dropped from the other day makes no room on this one."""
        for other in self.sessions:
            doubled = [s for s in other.slots if s.facts.slug in keys]
            if len(doubled) > 1:
                other.slots.remove(doubled[-1])
                self.failed.clear()
                return True
        for where in sorted(self.sessions, key=lambda se: se is not session):
            for slot in where.slots:
                if (
                    slot.facts.target_group == group
                    and slot.facts.slug not in keys
                    and slot.facts.slug not in others
                    and slot.spec.tier in ("accessory", "secondary")
                    and slot.movement.slug not in PROTECTED_MOVES
                    and not sole_of_its_kind(slot, self.sessions, self.filler.data)
                ):
                    where.slots.remove(slot)
                    self.failed.clear()
                    return True
        return False

    def direct_work(self) -> None:
        """Hypertrophy: at least 4 direct side-delt sets a week, and for trained lifters at
        least 6 direct calf sets (3 and 4 with one session a week; coach-5), where the
        minutes allow: an accessory or core exercise gives way if nothing else does."""
        profile = self.profile
        moves = {"side-delts": "lateral-raise", "calves": "calf"}
        needs = direct_work_needs(profile.goal, profile.experience, len(self.sessions))
        for muscle, wanted in needs:
            move = moves[muscle]
            for _ in range(8):
                direct = [
                    (se, sl)
                    for se in self.sessions
                    for sl in se.slots
                    if sl.facts.exercise.target == muscle
                ]
                if sum(sl.sets for _, sl in direct) >= wanted:
                    break
                grown = next(
                    (
                        (se, sl)
                        for se, sl in sorted(direct, key=lambda x: x[1].sets)
                        if sl.sets < min(sl.max_sets, self._isolation_cap(se))
                        and se.seconds(profile) + sl.per_set <= se.budget + 1e-6
                    ),
                    None,
                )
                if grown is not None:
                    grown[1].sets += 1
                    continue
                if self._raise_cap(direct):
                    continue
                spec = SlotSpec(move, "accessory", 2, vary=True)
                roomiest = self.roomiest_first()
                # Spacing is settled by now: like a focus's key exercise, direct work goes
                # where it makes no new hard day first, then where it moves no hard day (see
                # _volume_ok's `settled`; a calf raise loads no group soft-4 spaces).
                if any(
                    self.try_new_slot(se, spec, settled=settled) is not None
                    for settled in (False, True)
                    for se in roomiest
                ):
                    continue
                aimed = partial(_aims_at, muscle=muscle)
                if any(self._swap_in(se, [spec], aimed, spared_first=True) for se in roomiest):
                    continue
                # Then where it moves no hard day, but only in the place of work its group can
                # spare: a calf raise on push day instead of a second chest drill (the calves
                # are loaded hard on the leg and pull days around it; soft-4 spaces the major
                # groups, not the calves).
                if any(
                    self._swap_in(se, [spec], aimed, settled=True, spared_only=True)
                    for se in roomiest
                ):
                    continue
                holders = {id(se) for se, _ in direct}
                free = [se for se in self.sessions if id(se) not in holders] or self.sessions
                where = max(free, key=lambda se: se.budget - se.seconds(profile))
                if not self._make_time(move, where):
                    break

    def _raise_cap(self, direct: list[tuple[BuiltSession, Slot]]) -> bool:
        """Where direct work is held back only by the session's main lifts having fewer sets,
        give the smallest main lift a set (if it fits), so both can grow."""
        for session, slot in direct:
            if slot.sets < self._isolation_cap(session) or slot.sets >= slot.max_sets:
                continue
            if session.seconds(self.profile) + slot.per_set > session.budget:
                continue
            smallest = min(session.main_lifts(), key=lambda s: s.sets, default=None)
            if smallest is not None and self.can_add_sets(session, smallest):
                smallest.sets += 1
                return True
        return False
