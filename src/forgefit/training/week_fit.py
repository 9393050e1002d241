"""Steps that make a week fit: the minutes of each session (cutting sets before
exercises), the groups' weekly maximums, a rest day between hard sessions, and arms and
isolation work in proportion to the main lifts."""

from __future__ import annotations

from collections.abc import Callable

from forgefit.training.coach import ARM_BASES, ARM_FOCUS_SHARE
from forgefit.training.rules import HARD_LOAD_CREDIT, PULL_PATTERNS
from forgefit.training.week_keepers import sole_of_its_kind
from forgefit.training.week_parts import (
    LOOSE_GROUPS,
    PROTECTED_MOVES,
    BuiltSession,
    Slot,
    WeekSnapshot,
    indirect_limit,
)
from forgefit.training.week_room import RoomSteps

# The most sets _harden takes off other lifts in a session to make room for the exercise that
# spaces a group's week (the undo in fix_spacing puts them back if that still fails).
TRADED_SETS = 3


class FitSteps(RoomSteps):
    # --- Steps ----------------------------------------------------------------------------------
    def fit(self) -> None:
        profile = self.profile
        for session in self.sessions:
            while session.seconds(profile) > session.budget + 1e-6:
                if not self._shrink(session):
                    break

    def _shrink(self, session: BuiltSession) -> bool:
        """One step toward fitting the minutes: cut sets before exercises, and keep the
        movements (mains, then compounds, then core) longest."""
        slots = session.slots
        keep_conditioning = self.profile.goal in ("general-fitness", "endurance")

        def cut(candidates: list[Slot], floor: int) -> bool:
            above = [s for s in candidates if s.sets > max(floor, s.min_sets)]
            if not above:
                return False
            victim = max(above, key=lambda s: (s.sets, slots.index(s)))
            victim.sets -= 1
            return True

        def drop(candidates: list[Slot]) -> bool:
            if not candidates or len(slots) <= 1:
                return False
            slots.remove(candidates[-1])
            return True

        accessory = [s for s in slots if s.spec.tier in ("accessory", "core", "power")]
        secondary = [s for s in slots if s.spec.tier == "secondary"]
        main = [s for s in slots if s.spec.tier == "main"]
        conditioning = [s for s in slots if s.conditioning]
        isolation = [s for s in accessory if not s.compound and s.spec.tier == "accessory"]
        core = [s for s in accessory if s.spec.tier == "core"]
        others = [s for s in accessory if s not in isolation and s not in core]
        return (
            cut(accessory + conditioning, 0)
            or cut(secondary, 0)
            or cut(main, 3)
            or (not keep_conditioning and drop(conditioning))
            or drop(isolation)
            or cut(main, 0)
            or drop(others)
            or drop(core)
            or drop(secondary)
            # General fitness keeps its conditioning block over a fourth main lift.
            or (keep_conditioning and bool(conditioning) and len(main) > 3 and drop(main))
            or drop(conditioning)
            or drop(main)
            or (bool(slots) and slots[0].sets > 1 and cut(slots[:1], 1))
        )

    def trim_over_maximum(self) -> None:
        """Template sets can stack past a group's weekly maximum (every press and pull also
        counts half a set for the shoulders); cut sets of the lowest-tier exercises feeding
        it, down to two, then drop accessories whose movement the week has twice."""
        rank = {"accessory": 0, "core": 1, "power": 2, "conditioning": 3, "secondary": 4,
                "main": 5}  # fmt: skip
        for _ in range(80):
            volume = self.volume()
            # Maximums leave out stabiliser half-sets, as the review does (STABILISER_CREDITS).
            loaded = self.loaded_volume()
            over = [
                g
                for g, v in loaded.items()
                if g != "cardio"
                and v > self._maximum(g) + 1e-6
                and not (g in LOOSE_GROUPS and v <= indirect_limit(g, self._maximum(g)))
            ]
            acted = False
            for group in over:
                if self._trim_group(group, volume, rank):
                    acted = True
                    break
            if not acted:
                return

    def _trim_group(self, group: str, volume: dict[str, float], rank: dict[str, int]) -> bool:
        feeding = [
            (session, slot)
            for session in self.sessions
            for slot in session.slots
            if group in dict(slot.facts.load_credits)
        ]
        moves = [sl.movement.slug for se in self.sessions for sl in se.slots]

        def surplus(slot: Slot, volume: dict[str, float] = volume) -> bool:
            target = slot.facts.target_group
            return volume.get(target, 0.0) - 1 >= self.target(target)

        def droppable(item: tuple[BuiltSession, Slot], moves: list[str] = moves) -> bool:
            slot = item[1]
            protected = slot.movement.slug in PROTECTED_MOVES and self.profile.goal == (
                "hypertrophy"
            )
            return (
                slot.spec.tier in ("accessory", "core")
                and not protected
                and moves.count(slot.movement.slug) > 1
            )

        direct = [(se, sl) for se, sl in feeding if sl.facts.target_group == group]
        indirect = [(se, sl) for se, sl in feeding if sl.facts.target_group != group]
        steps: tuple[tuple[str, list[tuple[BuiltSession, Slot]]], ...] = (
            ("cut", [x for x in indirect if x[1].sets > 2 and surplus(x[1])]),
            ("cut", [x for x in direct if x[1].sets > 2]),
            ("drop", [x for x in direct if droppable(x)]),
            ("cut", [x for x in indirect if x[1].sets > 2]),
            ("drop", [x for x in feeding if droppable(x)]),
        )
        for action, found in steps:
            if found:
                session, slot = min(found, key=lambda x: (rank[x[1].spec.tier], -x[1].sets))
                if action == "cut":
                    slot.sets -= 1
                else:
                    session.slots.remove(slot)
                return True
        return False

    def fix_spacing(self) -> None:
        """Soft rule 4 after the fact: a group loaded hard on back-to-back days loses sets in
        the lighter of the two sessions; a gap of four or more rest days gets a session in
        between that loads it hard too."""
        for group in self.banded:
            for _ in range(6):
                problem = self._spacing_problem(group)
                if problem is None:
                    break
                kind, sessions = problem
                if kind == "adjacent":
                    lighter = min(sessions, key=lambda se: self.session_load(se, group))
                    if not any(sl.facts.target_group == group for sl in lighter.slots):
                        # Only half-credits from other lifts (rows for the shoulders): a
                        # coach keeps the lifts and accepts the overlap.
                        break
                    if not self._undone_unless(self._lighten, lighter, group):
                        break
                elif not any(self._undone_unless(self._harden, se, group) for se in sessions[1:-1]):
                    lighter = min(
                        (sessions[0], sessions[-1]),
                        key=lambda se: self.session_load(se, group),
                    )
                    if not self._undone_unless(self._lighten, lighter, group):
                        break

    def _undone_unless(
        self, step: Callable[[BuiltSession, str], bool], session: BuiltSession, group: str
    ) -> bool:
        """Run a spacing step; when it fails, put every set and exercise back. A step that
        cannot fix the spacing must not cost the week an exercise on the way (a hip thrust
        dropped while the squat still loads the hamstrings hard fixes nothing)."""
        saved = WeekSnapshot(self.sessions)
        if step(session, group):
            return True
        saved.restore()
        self.failed.clear()
        return False

    def _spacing_problem(self, group: str) -> tuple[str, list[BuiltSession]] | None:
        hard = sorted(
            (se for se in self.sessions if self.session_load(se, group) >= HARD_LOAD_CREDIT),
            key=lambda se: se.planned.day,
        )
        if len(hard) < 2:
            return None
        for index, session in enumerate(hard):
            following = hard[(index + 1) % len(hard)]
            gap = (following.planned.day - session.planned.day) % 7 or 7
            if gap - 1 < 1:
                return "adjacent", [session, following]
            if gap - 1 > 3:
                between = sorted(
                    (
                        se
                        for se in self.sessions
                        if 0 < (se.planned.day - session.planned.day) % 7 < gap
                    ),
                    key=lambda se: (se.planned.day - session.planned.day) % 7,
                )
                return "gap", [session, *between, following]
        return None

    def _lighten(self, session: BuiltSession, group: str) -> bool:
        for _ in range(12):
            if self.session_load(session, group) < HARD_LOAD_CREDIT:
                return True
            # Never a main lift for a group it only half-trains (a novice's squat is not cut
            # for the hamstrings' sake).
            feeding = [
                sl
                for sl in session.slots
                if group in dict(sl.facts.load_credits)
                and sl.sets > 2
                and (sl.spec.tier != "main" or sl.facts.target_group == group)
            ]
            if feeding:
                max(
                    feeding,
                    key=lambda sl: (sl.spec.tier != "main", dict(sl.facts.load_credits)[group]),
                ).sets -= 1
                continue
            if len(session.slots) <= 4:
                return False
            droppable = [
                sl
                for sl in session.slots
                if group in dict(sl.facts.load_credits)
                and sl.spec.tier != "main"
                and sl.movement.slug not in PROTECTED_MOVES
                and not sole_of_its_kind(sl, self.sessions, self.filler.data)
            ]
            if not droppable:
                return False
            session.slots.remove(droppable[-1])
        return self.session_load(session, group) < HARD_LOAD_CREDIT

    def _harden(self, session: BuiltSession, group: str) -> bool:
        for _ in range(4):
            if self.session_load(session, group) >= HARD_LOAD_CREDIT:
                return True
            grown = next(
                (
                    sl
                    for sl in session.slots
                    if group in dict(sl.facts.load_credits) and self.can_add_sets(session, sl)
                ),
                None,
            )
            if grown is not None:
                grown.sets += 1
                continue
            traded: list[Slot] = []
            if not self._add_for_group(session, group) and not any(
                self._trade_set(session, group, traded) and self._add_for_group(session, group)
                for _ in range(TRADED_SETS)
            ):
                return False
            # Minutes the new exercise left over go back to the lifts that gave them.
            for slot in reversed(traded):
                if self.can_add_sets(session, slot):
                    slot.sets += 1
        return self.session_load(session, group) >= HARD_LOAD_CREDIT

    @staticmethod
    def can_trade_set(slot: Slot, group: str) -> bool:
        """Whether a slot may give up a set for an exercise aimed at `group`: it keeps at least
        two sets (and its own minimum), does not train `group` itself and is not a protected
        movement."""
        return (
            slot.sets > max(2, slot.min_sets)
            and group not in dict(slot.facts.load_credits)
            and slot.movement.slug not in PROTECTED_MOVES
        )

    def _trade_set(self, session: BuiltSession, group: str, traded: list[Slot]) -> bool:
        """Free the minutes for an exercise aimed at `group`: a set off the session's biggest
        lift that does not train it, never below two sets - a coach gives up the third set of
        a bench press for the leg curl that spaces the hamstrings' week, not the exercise."""
        lead = next(iter(session.main_lifts()), None)
        spare = [
            slot
            for slot in session.slots
            if self.can_trade_set(slot, group)
            # A strength program's main lifts are its point: their sets are never traded.
            and not (slot.spec.tier == "main" and self.profile.goal == "strength")
        ]
        push, pull = self.push_pull()
        if pull - 1 < push:
            # A pulling set given up here would only cost a pressing set later (final_balance).
            spare = [slot for slot in spare if slot.facts.pattern not in PULL_PATTERNS]
        if not spare:
            return False
        volume = self.volume()

        def surplus(slot: Slot) -> float:
            group = slot.facts.target_group
            return volume.get(group, 0.0) - self.target(group)

        # Accessory and core sets before a main lift's; the lift the session is built around
        # (its first main lift: a beginner's squat) last, while it has no sets past its
        # prescription; then the most sets; among equals, the lift whose group is furthest
        # past its target.
        def kept_for_last(slot: Slot) -> bool:
            return slot is lead and slot.sets <= slot.spec.sets

        slot = max(
            spare,
            key=lambda sl: (sl.spec.tier != "main", not kept_for_last(sl), sl.sets, surplus(sl)),
        )
        slot.sets -= 1
        traded.append(slot)
        self.failed.clear()
        return True

    def proportions(self) -> None:
        """Arms never outgrow back and chest; no single-joint exercise gets more sets than
        its session's main lifts (coach-3, coach-4)."""
        for arm, base, floor in ARM_BASES:
            share = ARM_FOCUS_SHARE if arm in self.profile.focus else 1.0
            for _ in range(20):
                volume = self.volume()
                if self.direct_sets(arm) <= max(volume.get(base, 0.0) * share, floor) + 1e-6:
                    break
                if self._serve(base) or (self._make_time(arm) and self._serve(base)):
                    continue
                direct = [
                    (se, sl)
                    for se in self.sessions
                    for sl in se.slots
                    if sl.facts.target_group == arm or (arm == "forearms" and sl.sets > 2
                                                         and arm in dict(sl.facts.credits)
                                                         and not sl.compound)
                ]  # fmt: skip
                cuttable = [x for x in direct if x[1].sets > 2]
                if cuttable:
                    max(cuttable, key=lambda x: x[1].sets)[1].sets -= 1
                    continue
                if direct and (len(direct) > 1 or not direct[-1][1].compound):
                    session, slot = direct[-1]
                    session.slots.remove(slot)
                    continue
                break
        for session in self.sessions:
            mains = session.main_lifts()
            if not mains:
                continue
            for slot in session.slots:
                if slot.compound or slot.facts.timed:
                    continue
                # Raise the lightest main lift to match where it fits; else trim the isolation.
                for _ in range(3):
                    smallest = min(mains, key=lambda s: s.sets)
                    if slot.sets <= smallest.sets or not self.can_add_sets(session, smallest):
                        break
                    smallest.sets += 1
                slot.sets = min(slot.sets, max(min(s.sets for s in mains), 1))
