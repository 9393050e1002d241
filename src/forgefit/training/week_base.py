"""The week builder's state and the guards every step passes (construct.py assembles the
steps): filling a slot, the week's volume per group, and whether one more set or exercise
keeps to the session's minutes, the groups' weekly bands, isolation under the main lifts,
arms under back and chest, a rest day between hard sessions and pulling at least pressing."""

from __future__ import annotations

from dataclasses import dataclass, field

from forgefit.catalog.vocabulary import Vocabulary
from forgefit.training.coach import ARM_BASES, ARM_FOCUS_SHARE
from forgefit.training.pool import ExerciseFacts
from forgefit.training.prescription import SetScheme, slot_scheme
from forgefit.training.profile import Profile
from forgefit.training.rules import (
    CORE_PATTERNS,
    HARD_LOAD_CREDIT,
    MAX_WEEKLY_SETS_PER_GROUP,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    SESSION_PATTERNS,
    VOLUME_BANDS,
    SessionType,
    prescription_for,
)
from forgefit.training.slots import FALLBACK_DEPTH, Filler, movement_matches
from forgefit.training.templates import Layout, Movement, SlotSpec
from forgefit.training.week_parts import (
    ANY_DAY_PATTERNS,
    DIRECT_WORK_MUSCLES,
    INJURY_MAX_SETS,
    INJURY_MIN_RIR,
    LOOSE_GROUPS,
    MAX_EXERCISES,
    MAX_SETS_WITHOUT_MAIN_LIFTS,
    MIN_NEW_SLOT_SECONDS,
    BuiltSession,
    Slot,
    changes,
    indirect_limit,
)


@dataclass
class WeekBase:
    profile: Profile
    layout: Layout
    filler: Filler
    vocab: Vocabulary
    sessions: list[BuiltSession] = field(default_factory=list)

    def __post_init__(self) -> None:
        profile = self.profile
        self.band = VOLUME_BANDS[profile.goal][profile.experience]
        self.table = prescription_for(profile.goal, profile.experience)
        self.banded = [
            g
            for g, info in self.vocab.muscle_groups.items()
            if (info.major or g in profile.focus) and g != "cardio"
        ]
        self.template_goals = self.layout.template.goals
        # (session, movement, its size, its seconds, overlap allowed, settled, well-known
        # exercises only) that found no exercise passing the guards
        self.failed: set[tuple[int, str, int, int, float, bool, bool]] = set()
        self._measured_at = -1  # the changes() tick of the last measure
        # A focus group's key exercises and their movements (see FocusSteps._key_exercises).
        self.key_exercises: dict[str, tuple[set[str], list[Movement]]] = {}
        self._volume: dict[str, float] = {}
        self._loaded: dict[str, float] = {}
        # (movement, beginner movement, session type) -> _may_fit_day's answer.
        self._fits_day: dict[tuple[str, str | None, SessionType], bool] = {}

    # --- Building -----------------------------------------------------------------------------
    def week_used(self) -> set[str]:
        return {s.facts.slug for session in self.sessions for s in session.slots}

    def make_slot(
        self,
        spec: SlotSpec,
        session: BuiltSession,
        exclude: frozenset[str] = frozenset(),
        week_used: set[str] | None = None,
    ) -> Slot | None:
        found = self._pick_for(spec, session, exclude, week_used)
        return None if found is None else self._slot_for(spec, *found)

    def _move_for(self, spec: SlotSpec) -> str:
        """The slot's movement: a beginner gets its simple version where it names one."""
        if spec.beginner and self.profile.experience == "beginner":
            return spec.beginner
        return spec.move

    def _pick_for(
        self,
        spec: SlotSpec,
        session: BuiltSession,
        exclude: frozenset[str] = frozenset(),
        week_used: set[str] | None = None,
    ) -> tuple[ExerciseFacts, Movement] | None:
        """The exercise (and the movement it fills) make_slot would use for the slot."""
        profile = self.profile
        move = self._move_for(spec)
        movement = self.filler.data.movements[move]
        if movement.power and profile.experience == "beginner":
            return None
        used = week_used if week_used is not None else self.week_used()
        return self.filler.pick(
            move, session.taken() | exclude, used, spec.vary, main=spec.tier == "main"
        )

    def _slot_for(
        self, spec: SlotSpec, facts: ExerciseFacts, filled: Movement, fewest: bool = False
    ) -> Slot:
        """The slot for an exercise make_slot picked: its scheme, set bounds and sets (with
        `fewest`, its least sets, except conditioning work, which keeps the slot's)."""
        profile = self.profile
        move = self._move_for(spec)
        data = self.filler.data
        drill = data.is_drill(facts.exercise)
        conditioning = filled.conditioning
        power = filled.power
        reps = spec.reps if profile.goal in self.template_goals else None
        tier = spec.tier
        if tier == "main" and filled.slug != move:
            tier = "secondary"  # a stand-in from a fallback movement is not a main lift
        scheme = slot_scheme(
            facts, tier, profile, reps, drill=drill, power=power, conditioning=conditioning
        )
        low, high = self.set_bounds(spec, drill, power, conditioning)
        stress = facts.exercise.joint_stress
        capped = tuple(j for j in self.filler.mild_joints if stress.get(j) == "moderate")
        if capped:
            high = min(high, INJURY_MAX_SETS)
            if scheme.rir is not None:
                scheme = SetScheme(
                    scheme.role,
                    scheme.reps,
                    scheme.seconds,
                    scheme.rest_seconds,
                    max(scheme.rir, INJURY_MIN_RIR),
                )
        sets = max(low, min(high, spec.sets))
        if fewest and spec.tier != "conditioning":
            sets = low
        return Slot(
            facts, filled, spec, scheme, sets, low, high, drill, power, conditioning, capped
        )

    def _required(self, spec: SlotSpec) -> bool:
        """Direct side-delt and calf work is not optional in a trained lifter's hypertrophy
        program (coach-5)."""
        profile = self.profile
        if profile.goal != "hypertrophy":
            return False
        if spec.move == "lateral-raise":
            return True
        return spec.move == "calf" and profile.experience != "beginner"

    def set_bounds(
        self, spec: SlotSpec, drill: bool, power: bool, conditioning: bool
    ) -> tuple[int, int]:
        if conditioning:
            return 3, 8
        if power:
            return 2, 4
        if drill:
            return 2, 3
        # Two sets is the floor everywhere: with few minutes a coach keeps the movements and
        # trims sets before dropping a pattern.
        high = self.table.sets[1]
        if spec.tier == "core":
            return 2, 3
        if spec.tier == "accessory":
            return 2, min(high, 4)
        return 2, high

    def build(self) -> None:
        budget = self.profile.minutes_per_session * 60.0
        for planned, specs in self.layout.sessions:
            session = BuiltSession(planned, [], [], budget)
            self.sessions.append(session)
            for spec in specs:
                if spec.goals and self.profile.goal not in spec.goals:
                    continue
                if spec.optional and not self._required(spec):
                    session.reserve.append(spec)
                    continue
                slot = self.make_slot(spec, session)
                if slot is not None:
                    session.slots.append(slot)
            if not session.slots:
                for spec in session.reserve:
                    slot = self.make_slot(spec, session)
                    if slot is not None:
                        session.slots.append(slot)
                        break

    # --- Measures -------------------------------------------------------------------------------
    def volume(self) -> dict[str, float]:
        """Weekly sets per group; recomputed only when a set count or an exercise changed."""
        self._measure()
        return dict(self._volume)

    def loaded_volume(self) -> dict[str, float]:
        """Weekly sets per group without stabiliser half-sets: what the band maximum caps."""
        self._measure()
        return dict(self._loaded)

    def _measure(self) -> None:
        tick = changes()
        if tick == self._measured_at:
            return
        totals: dict[str, float] = {}
        loaded: dict[str, float] = {}
        for session in self.sessions:
            for slot in session.slots:
                for group, credit in slot.facts.credits:
                    totals[group] = totals.get(group, 0.0) + credit * slot.sets
                for group, credit in slot.facts.load_credits:
                    loaded[group] = loaded.get(group, 0.0) + credit * slot.sets
        self._measured_at, self._volume, self._loaded = tick, totals, loaded

    def session_credit(self, session: BuiltSession, group: str) -> float:
        return sum(
            credit * slot.sets
            for slot in session.slots
            for g, credit in slot.facts.credits
            if g == group
        )

    def direct_sets(self, group: str) -> int:
        """Weekly sets of exercises aimed at the group (coach-4 weighs arms by these)."""
        return sum(
            slot.sets
            for session in self.sessions
            for slot in session.slots
            if slot.facts.target_group == group
        )

    def session_load(self, session: BuiltSession, group: str) -> float:
        """The group's load in the session as recovery sees it (soft rule 4)."""
        # Loops, not sum() over a generator: the guards ask this tens of thousands of times.
        total: float = 0
        for slot in session.slots:
            for g, credit in slot.facts.load_credits:
                if g == group:
                    total += credit * slot.sets
        return total

    def push_pull(self) -> tuple[int, int]:
        push = pull = 0
        for session in self.sessions:
            for slot in session.slots:
                if slot.facts.pattern in PUSH_PATTERNS:
                    push += slot.sets
                elif slot.facts.pattern in PULL_PATTERNS:
                    pull += slot.sets
        return push, pull

    def roomiest_first(self) -> list[BuiltSession]:
        """The sessions, the one with the most free minutes first (ties in week order)."""
        return sorted(self.sessions, key=lambda se: se.seconds(self.profile) - se.budget)

    def ceiling(self, group: str) -> float:
        if group in self.profile.focus:
            return self.band.focus_ceiling
        if self.vocab.muscle_groups[group].major:
            return min(self.band.ceiling, self.band.maximum)
        return min(MAX_WEEKLY_SETS_PER_GROUP, self.band.ceiling + 2)

    def target(self, group: str) -> float:
        return self.band.focus_target if group in self.profile.focus else self.band.target

    # --- Guards ---------------------------------------------------------------------------------
    def neighbours(self, session: BuiltSession) -> list[BuiltSession]:
        day = session.planned.day
        near = []
        for other in self.sessions:
            if other is session:
                continue
            gap = (other.planned.day - day) % 7
            if gap in (1, 6):
                near.append(other)
        return near

    def can_add_sets(
        self, session: BuiltSession, slot: Slot, count: int = 1, growing: bool = False
    ) -> bool:
        if slot.sets + count > slot.max_sets:
            return False
        if session.seconds(self.profile) + count * slot.per_set > session.budget + 1e-6:
            return False
        return self._volume_ok(session, slot.facts, count, slot, growing)

    def _volume_ok(
        self,
        session: BuiltSession,
        facts: ExerciseFacts,
        count: int,
        slot: Slot | None,
        growing: bool = False,
        overlap: float = 0.0,
        settled: bool = False,
    ) -> bool:
        """`growing`: adding only to use spare minutes, so the target group stops at its
        ceiling; otherwise every group may go up to its band maximum. `settled`: the week's
        spacing is done (see the spacing guard below). Maximums are measured
        without stabiliser half-sets (STABILISER_CREDITS), as the review measures them: a
        squat's half-set for the upper back, which only steadies it, never holds back a row,
        and is never held back by the back's band."""
        # Read in place, not copied: this guard runs thousands of times per program.
        self._measure()
        volume = self._loaded
        for group, credit in facts.load_credits:
            if group in LOOSE_GROUPS and group != facts.target_group:
                continue  # see LOOSE_GROUPS: a press is never held back for the delts
            if group == facts.target_group:
                # Week 1 grows only halfway to the ceiling: building weeks need the rest.
                halfway = (self.target(group) + self.ceiling(group)) / 2
                limit = halfway if growing else self._maximum(group)
                if group in LOOSE_GROUPS and facts.exercise.target in DIRECT_WORK_MUSCLES:
                    # The delts' total is mostly half-sets from presses and rows: the direct
                    # side-delt work coach-5 asks for may take them to the weekly cap.
                    limit = max(limit, MAX_WEEKLY_SETS_PER_GROUP)
            else:
                limit = indirect_limit(group, self._maximum(group)) + overlap
                if facts.exercise.target in DIRECT_WORK_MUSCLES:
                    # The direct side-delt and calf work coach-5 asks for may carry other
                    # groups up to the absolute weekly cap.
                    limit = max(limit, MAX_WEEKLY_SETS_PER_GROUP)
            if volume.get(group, 0.0) + credit * count > limit + 1e-6:
                return False
        target = facts.target_group
        focus = self.profile.focus
        totals = self._volume  # coach-4 weighs the arms against every credit of their base
        for arm, base, floor in ARM_BASES:
            share = ARM_FOCUS_SHARE if arm in focus else 1.0
            if target == arm and self.direct_sets(arm) + count > max(
                totals.get(base, 0.0) * share, floor
            ):
                return False
        if facts.exercise.mechanic != "compound" and not facts.timed:
            current = slot.sets if slot is not None else 0
            if current + count > self._isolation_cap(session):
                return False
        if facts.pattern in PUSH_PATTERNS:
            push, pull = self.push_pull()
            if push + count > pull and self._pull_possible():
                return False
        for group, credit in facts.load_credits:
            if group in LOOSE_GROUPS and group != facts.target_group:
                continue  # half-credits for the shoulders overlap in any split; accepted
            before = self.session_load(session, group)
            spaced = self.vocab.muscle_groups[group].major or group in self.profile.focus
            if settled and (before >= HARD_LOAD_CREDIT or not spaced):
                # Spacing is about which days load a group hard: once the week is spaced, a key
                # exercise may go where its group is already loaded hard (no hard day moves) or
                # load a group soft-4 never spaces (a curl's grip). Earlier steps still refuse.
                continue
            if before + credit * count >= HARD_LOAD_CREDIT and any(
                self.session_load(other, group) >= HARD_LOAD_CREDIT
                for other in self.neighbours(session)
            ):
                return False
        return True

    def _pull_possible(self) -> bool:
        return any(f.pattern in PULL_PATTERNS for f in self.filler.pool.allowed)

    def allowed_in(self, session: BuiltSession, facts: ExerciseFacts) -> bool:
        # Conditioning, calf raises and lateral raises fit any day of any split.
        if facts.pattern in ANY_DAY_PATTERNS or facts.exercise.category == "cardio":
            return True
        patterns = SESSION_PATTERNS.get(session.planned.type)
        return patterns is None or facts.pattern in patterns or session.planned.type == "full-body"

    def try_new_slot(
        self,
        session: BuiltSession,
        spec: SlotSpec,
        overlap: float = 0.0,
        skip: frozenset[str] = frozenset(),
        settled: bool = False,
    ) -> Slot | None:
        """Add the best exercise for the movement that passes every guard (trying the next
        candidates when the best one would overshoot a group or break spacing); `skip`:
        exercises not to try; `settled`: see _volume_ok."""
        used_seconds = self.seconds_if_room(session)  # the session does not change below
        if used_seconds is None:
            return None
        seconds = round(used_seconds)
        # Failures are remembered without a skip list, or with the filler's standing one.
        well_known = skip is self.filler.obscure
        remembered = not skip or well_known
        key = (id(session), spec.move, len(session.slots), seconds, overlap, settled, well_known)
        if remembered and key in self.failed:
            return None
        if not self._may_fit_day(spec, session):
            return None  # whatever the week looks like, every try would be refused below
        refused: set[str] = set(skip)
        used = self.week_used()
        for _ in range(4):
            found = self._pick_for(spec, session, frozenset(refused), used)
            if found is None:
                return None
            facts, filled = found
            refused.add(facts.slug)
            if not self.allowed_in(session, facts):
                continue
            if facts.pattern in CORE_PATTERNS and any(
                s.facts.pattern == facts.pattern for s in session.slots
            ):
                continue  # two Pallof presses in one session: one trunk drill of a kind is enough
            same = sum(1 for s in session.slots if s.movement.slug == filled.slug)
            compound = facts.exercise.mechanic == "compound"
            if same >= 2 or (same and spec.tier == "accessory" and not compound):
                return None  # a third curl (or a second isolation of a kind) adds nothing
            slot = self._slot_for(spec, facts, filled, fewest=True)
            needed = slot.sets * slot.per_set + 60
            if used_seconds + needed > session.budget + 1e-6:
                continue
            if not self._volume_ok(
                session, slot.facts, slot.sets, None, overlap=overlap, settled=settled
            ):
                continue
            session.slots.append(slot)
            return slot
        if remembered:
            self.failed.add(key)
        return None

    def seconds_if_room(self, session: BuiltSession) -> float | None:
        """The session's seconds so far, or None when it can take no new exercise at all (it
        holds the most a session may, or has less than MIN_NEW_SLOT_SECONDS left): then
        try_new_slot refuses every slot straight away."""
        if len(session.slots) >= MAX_EXERCISES:
            return None
        used = session.seconds(self.profile)
        return None if session.budget - used < MIN_NEW_SLOT_SECONDS else used

    def _may_fit_day(self, spec: SlotSpec, session: BuiltSession) -> bool:
        """Whether any exercise make_slot could pick for the slot (from its movement or the
        fallbacks pick follows) could be one the session's type allows (allowed_in): extras
        for the legs are offered to every session, and an upper-body day takes none of them.
        Answered from the movements' patterns, so no candidate list is worked out for it."""
        kind = session.planned.type
        key = (spec.move, spec.beginner, kind)
        known = self._fits_day.get(key)
        if known is None:
            movements = self.filler.data.movements
            reachable = [self._move_for(spec)]
            for _ in range(FALLBACK_DEPTH):  # as deep as pick follows fallbacks
                for name in list(reachable):
                    reachable.extend(f for f in movements[name].fallback if f not in reachable)
            known = any(self._movement_may_fit(movements[name], kind) for name in reachable)
            self._fits_day[key] = known
        return known

    def _movement_may_fit(self, movement: Movement, kind: SessionType) -> bool:
        """allowed_in for every exercise the movement could take: its candidates all have one
        of its patterns."""
        patterns = SESSION_PATTERNS.get(kind)
        if patterns is None or kind == "full-body":
            return True
        if any(p in ANY_DAY_PATTERNS or p in patterns for p in movement.patterns):
            return True
        # Cardio fits any day; asked of the whole catalog, a superset of the pool's choices.
        filler = self.filler
        matches = movement_matches(filler.pool.catalog, filler.data, movement)
        return any(match.facts.exercise.category == "cardio" for match in matches)

    def _isolation_cap(self, session: BuiltSession) -> int:
        """The most sets a single-joint exercise may have in the session (coach-3)."""
        mains = [s.sets for s in session.main_lifts()]
        return min(mains) if mains else MAX_SETS_WITHOUT_MAIN_LIFTS

    def _maximum(self, group: str) -> float:
        if group in self.banded:
            return min(self.band.maximum, MAX_WEEKLY_SETS_PER_GROUP)
        return MAX_WEEKLY_SETS_PER_GROUP
