"""Week 1 from a template: fill the slots, fit the minutes, then put volume where it belongs.

1. Fill every slot (slots.py); power slots are skipped for beginners (the simple version
   first), goal-specific slots for other goals, optional slots kept in reserve.
2. Fit: a session over its minutes loses accessory sets, then accessory exercises, then main
   sets, until it fits (hard rule 3).
3. Volume: while a major or focus group is below its weekly target, add a set to an exercise
   that trains it directly, or add an exercise for it (reserve slots first, then extras).
4. Balance: pulling sets at least equal pressing sets; every major group in two sessions.
5. Minutes: a session using less than 80 % of its budget gets more sets where the weekly
   ceilings allow, main lifts first.
Every addition passes the same guards: session minutes, set caps per tier, the group's weekly
ceiling, isolation never above the session's main lifts, arms never above back and chest,
a rest day between sessions that load a group hard, pulling never behind pressing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial

from forgefit.catalog.vocabulary import Vocabulary
from forgefit.training.coach import (
    ARM_BASES,
    ARM_FOCUS_SHARE,
    NEW_EXERCISE_SECONDS,
    direct_work_needs,
)
from forgefit.training.pool import ExerciseFacts
from forgefit.training.prescription import SetScheme, set_seconds, slot_scheme
from forgefit.training.prescription import warmup_seconds as warmup_time
from forgefit.training.profile import Profile
from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    CORE_PATTERNS,
    HARD_LOAD_CREDIT,
    MAX_EXERCISES_PER_SESSION,
    MAX_WEEKLY_SETS_PER_GROUP,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    SESSION_PATTERNS,
    TRAINED_CREDIT,
    VOLUME_BANDS,
    PlannedSession,
    prescription_for,
)
from forgefit.training.slots import Filler
from forgefit.training.templates import Layout, Movement, SlotSpec

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


@dataclass
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

    def __post_init__(self) -> None:
        self.per_set = set_seconds(self.scheme, self.facts.sides)

    @property
    def compound(self) -> bool:
        return self.facts.exercise.mechanic == "compound"


@dataclass
class BuiltSession:
    planned: PlannedSession
    slots: list[Slot]
    reserve: list[SlotSpec]
    budget: float
    # Warm-up seconds with and without ramp-up sets (they depend only on the profile).
    warmups: tuple[float, float] = (0.0, 0.0)

    @property
    def has_main(self) -> bool:
        return any(s.scheme.role == "main" for s in self.slots)

    def seconds(self, profile: Profile) -> float:
        """prescription.session_seconds, inlined (the planner asks this thousands of times
        per program) with the same order of additions, so the totals are identical."""
        if self.warmups == (0.0, 0.0):
            self.warmups = (warmup_time(profile, False), warmup_time(profile, True))
        slots = self.slots
        total = self.warmups[self.has_main]
        for slot in slots:
            total += slot.sets * slot.per_set
        return total + CHANGEOVER_SECONDS * max(0, len(slots) - 1)

    def taken(self) -> set[str]:
        return {s.facts.slug for s in self.slots}


@dataclass
class WeekBuilder:
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
        # (session, movement, its size, its seconds, overlap allowed) that found no exercise
        # passing the guards
        self.failed: set[tuple[int, str, int, int, float]] = set()
        self._volume_key: tuple[tuple[int, int], ...] | None = None
        self._volume: dict[str, float] = {}

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
        profile = self.profile
        move = spec.beginner if spec.beginner and profile.experience == "beginner" else spec.move
        movement = self.filler.data.movements[move]
        if movement.power and profile.experience == "beginner":
            return None
        used = week_used if week_used is not None else self.week_used()
        found = self.filler.pick(
            move, session.taken() | exclude, used, spec.vary, main=spec.tier == "main"
        )
        if found is None:
            return None
        facts, filled = found
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
        capped = tuple(
            joint
            for joint, severity in profile.injury_map.items()
            if severity == "mild" and facts.exercise.joint_stress.get(joint) == "moderate"
        )
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
        key = tuple((id(slot), slot.sets) for session in self.sessions for slot in session.slots)
        if key == self._volume_key:
            return dict(self._volume)
        totals: dict[str, float] = {}
        for session in self.sessions:
            for slot in session.slots:
                for group, credit in slot.facts.credits:
                    totals[group] = totals.get(group, 0.0) + credit * slot.sets
        self._volume_key, self._volume = key, totals
        return dict(totals)

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
        return sum(
            credit * slot.sets
            for slot in session.slots
            for g, credit in slot.facts.load_credits
            if g == group
        )

    def push_pull(self) -> tuple[int, int]:
        push = pull = 0
        for session in self.sessions:
            for slot in session.slots:
                if slot.facts.pattern in PUSH_PATTERNS:
                    push += slot.sets
                elif slot.facts.pattern in PULL_PATTERNS:
                    pull += slot.sets
        return push, pull

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
    ) -> bool:
        """`growing`: adding only to use spare minutes, so the target group stops at its
        ceiling; otherwise every group may go up to its band maximum."""
        volume = self.volume()
        main = slot is not None and slot.scheme.role == "main" and slot.compound
        for group, credit in facts.credits:
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
                if main or facts.exercise.target in DIRECT_WORK_MUSCLES:
                    # A coach never holds back a squat set because its half-set for the
                    # upper back would pass the back's band: main lifts (and the direct
                    # side-delt and calf work coach-5 asks for) may carry other groups up to
                    # the absolute weekly cap.
                    limit = max(limit, MAX_WEEKLY_SETS_PER_GROUP)
            if volume.get(group, 0.0) + credit * count > limit + 1e-6:
                return False
        target = facts.target_group
        focus = self.profile.focus
        for arm, base, floor in ARM_BASES:
            share = ARM_FOCUS_SHARE if arm in focus else 1.0
            if target == arm and self.direct_sets(arm) + count > max(
                volume.get(base, 0.0) * share, floor
            ):
                return False
        if facts.exercise.mechanic != "compound" and not facts.timed:
            mains = [s.sets for s in session.slots if s.scheme.role == "main" and s.compound]
            current = slot.sets if slot is not None else 0
            if mains and current + count > min(mains):
                return False
        if facts.pattern in PUSH_PATTERNS:
            push, pull = self.push_pull()
            if push + count > pull and self._pull_possible():
                return False
        for group, credit in facts.load_credits:
            if group in LOOSE_GROUPS and group != facts.target_group:
                continue  # half-credits for the shoulders overlap in any split; accepted
            after = self.session_load(session, group) + credit * count
            if after >= HARD_LOAD_CREDIT and any(
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
        self, session: BuiltSession, spec: SlotSpec, overlap: float = 0.0
    ) -> Slot | None:
        """Add the best exercise for the movement that passes every guard (trying the next
        candidates when the best one would overshoot a group or break spacing)."""
        if len(session.slots) >= MAX_EXERCISES:
            return None
        if session.budget - session.seconds(self.profile) < MIN_NEW_SLOT_SECONDS:
            return None
        seconds = round(session.seconds(self.profile))
        key = (id(session), spec.move, len(session.slots), seconds, overlap)
        if key in self.failed:
            return None
        refused: set[str] = set()
        used = self.week_used()
        for _ in range(4):
            slot = self.make_slot(spec, session, frozenset(refused), used)
            if slot is None:
                return None
            refused.add(slot.facts.slug)
            if not self.allowed_in(session, slot.facts):
                continue
            if slot.facts.pattern in CORE_PATTERNS and any(
                s.facts.pattern == slot.facts.pattern for s in session.slots
            ):
                continue  # two Pallof presses in one session: one trunk drill of a kind is enough
            same = sum(1 for s in session.slots if s.movement.slug == slot.movement.slug)
            if same >= 2 or (same and slot.spec.tier == "accessory" and not slot.compound):
                return None  # a third curl (or a second isolation of a kind) adds nothing
            slot.sets = slot.min_sets if spec.tier != "conditioning" else slot.sets
            needed = slot.sets * slot.per_set + 60
            if session.seconds(self.profile) + needed > session.budget + 1e-6:
                continue
            if not self._volume_ok(session, slot.facts, slot.sets, None, overlap=overlap):
                continue
            session.slots.append(slot)
            return slot
        self.failed.add(key)
        return None

    def make_room(self, group: str) -> bool:
        """When adding work for `group` is blocked because its exercises also train a group
        that is already full (every press counts half a set for the shoulders), take a set
        from an accessory aimed at that full group, if it stays at its target."""
        volume = self.volume()
        for session in self.sessions:
            for slot in session.slots:
                other = slot.facts.target_group
                if (
                    other != group
                    and slot.spec.tier in ("accessory", "secondary")
                    and slot.sets > 2
                    and volume.get(other, 0.0) - 1 >= self.target(other)
                    and volume.get(other, 0.0) >= self.ceiling(other) - 1
                    and other in self._co_groups(group)
                ):
                    slot.sets -= 1
                    return True
        return False

    def _co_groups(self, group: str) -> set[str]:
        """Groups that exercises aimed at `group` also credit."""
        found: set[str] = set()
        for facts in self.filler.pool.allowed:
            if facts.target_group == group:
                found.update(g for g, _ in facts.credits if g != group)
        return found

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
            over = [
                g
                for g, v in volume.items()
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
            if group in dict(slot.facts.credits)
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

    def serve_focus(self) -> None:
        """Each focus group gets its key exercise (the best staple of a movement keyed to it:
        hip thrust for glutes) in two sessions a week where the minutes allow (coach-7)."""
        data = self.filler.data
        need = 2 if len(self.sessions) >= 2 else 1
        for group in self.profile.focus:
            movements = [m for m in data.movements.values() if group in m.key_for]
            keys: set[str] = set()
            usable = []
            for movement in movements:
                found = self.filler.candidates(movement)
                tiers = [t for f in found if (t := movement.staple_tier(f.slug)) is not None]
                if tiers:
                    keys |= {f.slug for f in found if movement.staple_tier(f.slug) == min(tiers)}
                    usable.append(movement)
            if not usable:
                continue
            having = [se for se in self.sessions if keys & se.taken()]
            for session in sorted(
                self.sessions, key=lambda se: se.seconds(self.profile) - se.budget
            ):
                if len(having) >= need:
                    break
                if session in having:
                    continue
                if self._add_key(session, usable, keys, group):
                    having.append(session)

    def _add_key(
        self, session: BuiltSession, movements: list[Movement], keys: set[str], group: str
    ) -> bool:
        for _ in range(3):
            for movement in movements:
                # A focus group's key exercise may carry the groups it half-trains a set
                # past their band (a hip thrust's half-set for the quads).
                slot = self.try_new_slot(
                    session, SlotSpec(movement.slug, "secondary", 3), overlap=FOCUS_OVERLAP
                )
                if slot is not None and slot.facts.slug in keys:
                    return True
                if slot is not None:
                    session.slots.remove(slot)
            if not self._free_for(group, keys):
                return self._swap_in_key(session, movements, keys)
        return self._swap_in_key(session, movements, keys)

    def _swap_in_key(
        self, session: BuiltSession, movements: list[Movement], keys: set[str]
    ) -> bool:
        """Short sessions: the key exercise of a focus takes the place of the session's last
        accessory or core exercise (a coach serves the focus before a second ab exercise)."""
        specs = [SlotSpec(movement.slug, "secondary", 2) for movement in movements]
        return self._swap_in(session, specs, lambda slot: slot.facts.slug in keys, keys)

    def _swap_in(
        self,
        session: BuiltSession,
        specs: list[SlotSpec],
        wanted: Callable[[Slot], bool],
        keep: Collection[str] = (),
    ) -> bool:
        """Put a wanted exercise in the place of the session's last accessory or core
        exercise, else of a secondary lift trained elsewhere in the week (never a main lift,
        direct side-delt or calf work, or a focus group's key exercise); everything is put
        back when it does not fit there either."""
        protected = set(keep) | self._focus_keys()
        movable = [
            sl
            for sl in session.slots
            if sl.movement.slug not in PROTECTED_MOVES and sl.facts.slug not in protected
        ]
        spare = [sl for sl in movable if sl.spec.tier in ("accessory", "core")][::-1]
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
            for spec in specs:
                added = self.try_new_slot(session, spec, overlap=FOCUS_OVERLAP)
                if added is not None and wanted(added):
                    return True
                if added is not None:
                    session.slots.remove(added)
            session.slots.insert(position, slot)
        return False

    def _focus_keys(self) -> set[str]:
        """Every focus group's key exercises already in the week (never swapped out)."""
        focus = set(self.profile.focus)
        return {
            sl.facts.slug
            for se in self.sessions
            for sl in se.slots
            if focus.intersection(sl.movement.key_for)
        }

    def _free_for(self, group: str, keys: set[str]) -> bool:
        """Room for a focus group's key exercise: drop a second key exercise from a session
        that has two, or an accessory aimed at the group that is not a key exercise."""
        for session in self.sessions:
            doubled = [s for s in session.slots if s.facts.slug in keys]
            if len(doubled) > 1:
                session.slots.remove(doubled[-1])
                self.failed.clear()
                return True
        for session in self.sessions:
            for slot in session.slots:
                if (
                    slot.facts.target_group == group
                    and slot.facts.slug not in keys
                    and slot.spec.tier in ("accessory", "secondary")
                    and slot.movement.slug not in PROTECTED_MOVES
                ):
                    session.slots.remove(slot)
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
                roomiest = sorted(self.sessions, key=lambda se: se.seconds(profile) - se.budget)
                if any(self.try_new_slot(se, spec) is not None for se in roomiest):
                    continue
                if any(
                    self._swap_in(se, [spec], partial(_aims_at, muscle=muscle)) for se in roomiest
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
            mains = [s for s in session.slots if s.scheme.role == "main" and s.compound]
            smallest = min(mains, key=lambda s: s.sets, default=None)
            if smallest is not None and self.can_add_sets(session, smallest):
                smallest.sets += 1
                return True
        return False

    def _isolation_cap(self, session: BuiltSession) -> int:
        mains = [s.sets for s in session.slots if s.scheme.role == "main" and s.compound]
        return min(mains) if mains else 99

    def _make_time(self, keep: str, session: BuiltSession | None = None) -> bool:
        """Free a set's worth of minutes: one set off the biggest accessory or secondary
        exercise (never the direct work being made room for, never below two sets)."""
        if session is not None and len(session.slots) >= MAX_EXERCISES:
            extra = [
                sl
                for sl in session.slots
                if (sl.drill or sl.spec.tier == "core") and sl.movement.slug not in PROTECTED_MOVES
            ]
            if extra:
                session.slots.remove(extra[-1])
                self.failed.clear()
                return True
        candidates = [
            (se, sl)
            for se in ([session] if session is not None else self.sessions)
            for sl in se.slots
            if sl.spec.tier in ("accessory", "secondary", "core")
            and sl.movement.slug != keep
            and sl.movement.slug not in PROTECTED_MOVES
            and sl.sets > 2
        ]
        if not candidates:
            return False
        _, slot = max(candidates, key=lambda x: (x[1].sets, x[1].spec.tier != "secondary"))
        slot.sets -= 1
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
            mains = [s for s in session.slots if s.scheme.role == "main" and s.compound]
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
                    if not self._lighten(lighter, group):
                        break
                elif not any(self._harden(se, group) for se in sessions[1:-1]):
                    lighter = min(
                        (sessions[0], sessions[-1]),
                        key=lambda se: self.session_load(se, group),
                    )
                    if not self._lighten(lighter, group):
                        break

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
            droppable = [
                sl
                for sl in session.slots
                if group in dict(sl.facts.load_credits)
                and sl.spec.tier != "main"
                and sl.movement.slug not in PROTECTED_MOVES
            ]
            if not droppable or len(session.slots) <= 4:
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
            if not self._add_for_group(session, group):
                return False
        return self.session_load(session, group) >= HARD_LOAD_CREDIT

    def _maximum(self, group: str) -> float:
        if group in self.banded:
            return min(self.band.maximum, MAX_WEEKLY_SETS_PER_GROUP)
        return MAX_WEEKLY_SETS_PER_GROUP

    def add_volume(self) -> None:
        """Step 3: raise every banded group toward its target, biggest deficit first."""
        for _ in range(200):
            volume = self.volume()
            short = sorted(
                (g for g in self.banded if volume.get(g, 0.0) < self.target(g) - 0.25),
                key=lambda g: -(self.target(g) - volume.get(g, 0.0)),
            )
            if any(self._serve(group) for group in short) or any(
                self.make_room(group) and self._serve(group) for group in short
            ):
                continue
            # Pressing waits for pulling (pull sets >= push sets): when a pressing group is
            # short and that is what holds it back, a pulling set comes first.
            push, pull = self.push_pull()
            pressing = [g for g in short if g in PRESSING_GROUPS]
            if not (pressing and push >= pull and self._pull_possible() and self._serve_pull()):
                return
            if not any(self._serve(group) for group in pressing):
                return

    def _serve(self, group: str) -> bool:
        sessions = sorted(
            self.sessions, key=lambda s: s.seconds(self.profile) - s.budget
        )  # most free time first
        # An existing exercise aimed at the group, if it is still below three sets.
        for session in sessions:
            for slot in session.slots:
                if (
                    slot.facts.target_group == group
                    and slot.sets < 3
                    and self.can_add_sets(session, slot)
                ):
                    slot.sets += 1
                    return True
        for session in sessions:
            if self._add_for_group(session, group):
                return True
        for session in sessions:
            for slot in session.slots:
                if slot.facts.target_group == group and self.can_add_sets(session, slot):
                    slot.sets += 1
                    return True
        return False

    def _add_for_group(self, session: BuiltSession, group: str) -> bool:
        data = self.filler.data
        for spec in list(session.reserve):
            movement = data.movements[spec.move]
            serves = group in movement.key_for or self._serves(movement, group)
            if serves and self.try_new_slot(session, spec):
                session.reserve.remove(spec)
                return True
        for move in data.extras.get(group, ()):
            spec = SlotSpec(move, "accessory", 2, vary=True)
            if self.try_new_slot(session, spec):
                return True
        return False

    def _serves(self, movement: Movement, group: str) -> bool:
        muscles = self.vocab.muscles
        return any(muscles[m].group == group for m in movement.muscles if m in muscles)

    def balance(self) -> None:
        """Step 4: pull sets >= push sets; every banded group trained in enough sessions."""
        for _ in range(40):
            push, pull = self.push_pull()
            if pull >= push or not self._pull_possible():
                break
            if not self._serve_pull():
                self._trim_push()
        need = 2 if len(self.sessions) >= 2 else 1
        for group in self.banded:
            trained = [s for s in self.sessions if self.session_credit(s, group) >= TRAINED_CREDIT]
            for session in self.sessions:
                if len(trained) >= need:
                    break
                if session in trained:
                    continue
                if self._add_for_group(session, group):
                    trained.append(session)

    def _serve_pull(self) -> bool:
        """One more pulling set: rear-delt pulls first (they balance pressing without filling
        the back's weekly sets), then rows and pulldowns."""
        for session in self.sessions:
            for slot in session.slots:
                if (
                    slot.facts.pattern in PULL_PATTERNS
                    and slot.facts.target_group != "back"
                    and self.can_add_sets(session, slot)
                ):
                    slot.sets += 1
                    return True
        for session in self.sessions:
            if self.try_new_slot(session, SlotSpec("rear-delt", "accessory", 2, vary=True)):
                return True
        for session in self.sessions:
            for slot in session.slots:
                if slot.facts.pattern in PULL_PATTERNS and self.can_add_sets(session, slot):
                    slot.sets += 1
                    return True
        for session in self.sessions:
            for move in ("row", "vertical-pull"):
                if self.try_new_slot(session, SlotSpec(move, "accessory", 2, vary=True)):
                    return True
        return False

    def _trim_push(self) -> None:
        pushes = [
            (session, slot)
            for session in self.sessions
            for slot in session.slots
            if slot.facts.pattern in PUSH_PATTERNS and slot.sets > 2
        ]
        if pushes:
            _, slot = max(pushes, key=lambda item: (item[1].spec.tier != "main", item[1].sets))
            slot.sets -= 1

    def final_balance(self) -> None:
        """Pulling sets keep up with pressing after the trims: add pulls, else cut presses."""
        for _ in range(20):
            push, pull = self.push_pull()
            if pull >= push or not self._pull_possible():
                return
            if not self._serve_pull():
                before = self.push_pull()
                self._trim_push()
                if self.push_pull() == before:
                    return

    def use_minutes(self) -> None:
        """Step 5: sessions with spare minutes get more sets where the ceilings allow."""
        tier_order = {"main": 0, "secondary": 1, "accessory": 2, "core": 3, "power": 4,
                      "conditioning": 5}  # fmt: skip
        for session in self.sessions:
            for _ in range(60):
                if session.seconds(self.profile) >= TIME_USE_TARGET * session.budget:
                    break
                slots = sorted(session.slots, key=lambda s: (tier_order[s.spec.tier], s.sets))
                grown = next(
                    (s for s in slots if self.can_add_sets(session, s, growing=True)), None
                )
                if grown is not None:
                    grown.sets += 1
                    continue
                if not self._add_any(session):
                    break

    def _add_any(self, session: BuiltSession) -> bool:
        for spec in list(session.reserve):
            if self.try_new_slot(session, spec):
                session.reserve.remove(spec)
                return True
        volume = self.volume()
        room = [g for g in self.banded if volume.get(g, 0.0) < self.ceiling(g) - 1]
        for group in sorted(room, key=lambda g: volume.get(g, 0.0) - self.ceiling(g))[:4]:
            if self._add_for_group(session, group):
                return True
        return False

    def ensure_exercise_count(self) -> None:
        for session in self.sessions:
            for _ in range(4):
                if len(session.slots) >= 4:
                    break
                if not self._add_any(session):
                    break


def _aims_at(slot: Slot, muscle: str) -> bool:
    return slot.facts.exercise.target == muscle


def build_week_one(
    profile: Profile, layout: Layout, filler: Filler, vocab: Vocabulary
) -> list[BuiltSession]:
    builder = WeekBuilder(profile, layout, filler, vocab)
    builder.build()
    builder.fit()
    builder.trim_over_maximum()
    builder.add_volume()
    builder.balance()
    builder.use_minutes()
    builder.ensure_exercise_count()
    builder.fit()
    builder.trim_over_maximum()
    builder.fix_spacing()
    builder.final_balance()
    builder.serve_focus()
    # Proportions trim isolation work to the session's main lifts; direct side-delt and calf
    # work is then added within those caps, and a last pass keeps the arms in proportion.
    builder.proportions()
    builder.direct_work()
    builder.proportions()
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
