"""The next session from what was logged: progression, effort, stalls, time off and injuries.

Pure functions: a program, the person's logged workouts and injury reports go in; the next
session's targets and every change with its reason come out. Storage calls this; nothing here
knows about databases or HTTP. The rules (docs/adaptation.md gives them with their sources):

- **Starting loads** from a known lift (estimated 1RM from a set of at most 10 reps) or, failing
  that, from the first logged session: the person picks a weight they could lift about 4 more
  times, and what they report calibrates the next session.
- **Linear** (beginners' main lifts): every set at the top of the target -> the smallest real
  step (about 2.5 kg upper body, 5 kg lower body on a barbell), never more than 10 %.
- **Double progression**: work up the rep range at one load, then a step and back to the bottom.
- **Effort** (reported reps in reserve against the target, trusted only for sets of at most 12
  reps): 2+ more in reserve than asked -> +2 steps, 1 more -> +1, as asked -> the rule above,
  1 fewer -> hold, 2 fewer -> -1 step.
- **Missed reps**: the first time, the load holds (or drops a step when the effort report says
  the set was at failure); the second session in a row that misses is a stall: about -10 %, then
  build back. Stalls on two main lifts within a week, or a reported bad week, bring the deload
  forward.
- **Bodyweight and bands**: reps, then sets (up to five), then the harder variant. **Timed
  work**: about +10 % a week once every set reaches its time.
- **Time off**: two weeks or more -> loads restart about 10 % lower; four weeks or more -> about
  20 % lower and a short re-entry block is offered. A missed session comes next; nothing is
  skipped silently.
- **Injuries**: from the day one is reported, exercises it cannot tolerate are swapped for
  substitutes, and exercises that load the joint moderately get a set fewer and a rep more in
  reserve (mild injuries); clearing it brings the originals back about 10 % lighter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.catalog.related import harder as harder_variants
from forgefit.catalog.related import is_safe_for, substitutes
from forgefit.training.adaptation_results import Adjustment, NextSession, RecentLift, Target
from forgefit.training.adaptation_rules import (
    BEGINNER_START_RIR,
    DELOAD_WINDOW_DAYS,
    INJURY_RETURN_DAYS,
    LONG_TIME_OFF_DAYS,
    MAX_BODYWEIGHT_SETS,
    RIR_TRUSTED_MAX_REPS,
    RULE_CALIBRATE,
    RULE_DELOAD_FORWARD,
    RULE_DOUBLE,
    RULE_EFFORT,
    RULE_INJURY_EASE,
    RULE_INJURY_RETURN,
    RULE_INJURY_SWAP,
    RULE_LINEAR,
    RULE_MISSED,
    RULE_NO_SUBSTITUTE,
    RULE_PLANNED_DELOAD,
    RULE_REPS_SETS_VARIANT,
    RULE_STALL,
    RULE_START_KNOWN,
    RULE_TIME_OFF,
    RULE_TIMED,
    STALL_SESSIONS,
    TIME_OFF_DAYS,
    TIMED_STEP,
)
from forgefit.training.adaptation_text import START_INSTRUCTION, load_text, sets_text
from forgefit.training.increments import (
    LoadKind,
    estimated_1rm,
    load_for,
    load_kind,
    reduce_by_percent,
    round_down,
    step_down,
    step_up,
)
from forgefit.training.logs import InjuryReport, LoggedSet, LoggedWorkout, SessionRef
from forgefit.training.program import PlannedExercise, Program, Session
from forgefit.training.rules import DELOAD_LOAD_FACTOR, LINEAR_STEP_KG

# The name RecentLift had before; profile.KnownLift is a different thing, the planner's
# validated input (1-10 reps, %1RM loads).
KnownLift = RecentLift

__all__ = [
    "BEGINNER_START_RIR",
    "DELOAD_WINDOW_DAYS",
    "INJURY_RETURN_DAYS",
    "LONG_TIME_OFF_DAYS",
    "MAX_BODYWEIGHT_SETS",
    "RIR_TRUSTED_MAX_REPS",
    "RULE_CALIBRATE",
    "RULE_DELOAD_FORWARD",
    "RULE_DOUBLE",
    "RULE_EFFORT",
    "RULE_INJURY_EASE",
    "RULE_INJURY_RETURN",
    "RULE_INJURY_SWAP",
    "RULE_LINEAR",
    "RULE_MISSED",
    "RULE_NO_SUBSTITUTE",
    "RULE_PLANNED_DELOAD",
    "RULE_REPS_SETS_VARIANT",
    "RULE_STALL",
    "RULE_START_KNOWN",
    "RULE_TIMED",
    "RULE_TIME_OFF",
    "STALL_SESSIONS",
    "START_INSTRUCTION",
    "TIMED_STEP",
    "TIME_OFF_DAYS",
    "Adjustment",
    "KnownLift",
    "NextSession",
    "RecentLift",
    "Target",
    "active_injuries",
    "next_session",
]


@dataclass(slots=True)
class _State:
    """Where one exercise stands after replaying the logs."""

    load_kg: float | None = None
    reps_target: int | None = None
    extra_sets: int = 0
    seconds: int | None = None
    variant: str | None = None
    misses: int = 0
    last_timed_step: date | None = None
    last_logged: date | None = None


@dataclass(slots=True)
class _Replay:
    states: dict[tuple[str, str], _State] = field(default_factory=dict)
    history: list[Adjustment] = field(default_factory=list)
    stalls: list[tuple[date, str]] = field(default_factory=list)  # (day, main-lift slug)
    bad_days: list[date] = field(default_factory=list)


def _shape(planned: PlannedExercise) -> str:
    """Programs may use one lift at two rep ranges (heavy and light days): separate states."""
    return f"{planned.reps[0]}-{planned.reps[1]}" if planned.reps else f"{planned.seconds}s"


def _sessions(program: Program) -> list[tuple[int, Session, bool]]:
    return [(w.week, s, w.deload) for w in program.weeks for s in w.sessions]


def _kind(exercise: Exercise) -> LoadKind | None:
    """None for unloaded work (body weight, bands, cardio machines): reps and time progress."""
    kind = load_kind(exercise.equipment)
    if kind == "other":
        return None
    return kind


def _is_lower(exercise: Exercise) -> bool:
    return exercise.body_part == "legs" or exercise.pattern in ("squat", "hinge", "lunge")


class _Engine:
    def __init__(
        self,
        program: Program,
        catalog: Catalog,
        known_lifts: Mapping[str, RecentLift],
        equipment: frozenset[str] | None,
    ) -> None:
        self.program = program
        self.catalog = catalog
        self.known_lifts = known_lifts
        self.equipment = equipment
        self.sessions = _sessions(program)
        self.by_ref = {(week, s.day): (s, deload) for week, s, deload in self.sessions}
        self.slug_in_session = {
            ref: {planned.slug: planned for planned in session.exercises}
            for ref, (session, _) in self.by_ref.items()
        }
        self.variant_origin: dict[str, str] = {}  # harder variant slug -> the program's slug
        self.keys = {
            id(planned): (planned.slug, _shape(planned))
            for _, session, _ in self.sessions
            for planned in session.exercises
        }
        self.first_use: dict[str, PlannedExercise] = {}
        self.main_lifts: set[str] = set()
        for _, session, _ in self.sessions:
            for planned in session.exercises:
                self.first_use.setdefault(planned.slug, planned)
                if planned.role == "main":
                    self.main_lifts.add(planned.slug)
        self.replay = _Replay()

    def key(self, planned: PlannedExercise) -> tuple[str, str]:
        return self.keys.get(id(planned)) or (planned.slug, _shape(planned))

    # --- replay -------------------------------------------------------------------------------

    def planned_for(self, slug: str, ref: SessionRef | None) -> PlannedExercise | None:
        """The program's exercise a logged slug carried out: in the session the workout names,
        else wherever the program first uses it (or a variant it progressed to)."""
        if ref is not None:
            in_session = self.slug_in_session.get((ref.week, ref.day))
            if in_session is not None:
                found = in_session.get(slug)
                if found is not None:
                    return found
                planned_slug = self.variant_origin.get(slug)
                if planned_slug is not None and planned_slug in in_session:
                    return in_session[planned_slug]
        found = self.first_use.get(slug)
        if found is None and slug in self.variant_origin:
            found = self.first_use.get(self.variant_origin[slug])
        return found

    def run(self, workouts: Iterable[LoggedWorkout]) -> None:
        for workout in sorted(workouts, key=lambda w: w.performed_on):
            if workout.bad_week:
                self.replay.bad_days.append(workout.performed_on)
            deload = False
            if workout.session is not None:
                found = self.by_ref.get((workout.session.week, workout.session.day))
                deload = bool(found and found[1])
            grouped: dict[str, list[LoggedSet]] = defaultdict(list)
            for logged in workout.sets:
                grouped[logged.exercise].append(logged)
            for slug, sets in grouped.items():
                planned = self.planned_for(slug, workout.session)
                if planned is None or slug not in self.catalog:
                    continue  # free-workout exercises outside the program keep no targets
                state = self.replay.states.setdefault(self.key(planned), _State())
                self._update(planned, slug, sets, state, workout.performed_on, deload)

    def _record(
        self,
        on: date,
        slug: str,
        field_name: str,
        before: object,
        after: object,
        rule: str,
        data: str,
        reason: str,
    ) -> Adjustment:
        adjustment = Adjustment(on, slug, field_name, str(before), str(after), rule, data, reason)
        self.replay.history.append(adjustment)
        return adjustment

    def _update(
        self,
        planned: PlannedExercise,
        slug: str,
        sets: list[LoggedSet],
        state: _State,
        on: date,
        deload: bool,
    ) -> None:
        exercise = self.catalog.get(slug)
        state.last_logged = on
        if deload:
            return  # a lighter week tests nothing: progress resumes after it
        if planned.seconds is not None or exercise.tracking != "reps":
            self._update_timed(planned, slug, sets, state, on)
            return
        kind = _kind(exercise)
        loads = [s.load_kg for s in sets if s.load_kg is not None and s.load_kg > 0]
        if kind is None or not loads:
            self._update_unloaded(planned, slug, exercise, sets, state, on)
            return
        self._update_loaded(planned, slug, exercise, kind, sets, loads, state, on)

    def _update_timed(
        self, planned: PlannedExercise, slug: str, sets: list[LoggedSet], state: _State, on: date
    ) -> None:
        target = state.seconds or planned.seconds
        done = [s.seconds for s in sets if s.seconds is not None]
        if target is None or not done:
            state.seconds = state.seconds or (min(done) if done else None)
            return
        recent = state.last_timed_step is not None and on - state.last_timed_step < timedelta(7)
        if min(done) >= target and not recent:
            new = max(target + 5, int(round(target * (1 + TIMED_STEP) / 5) * 5))
            self._record(
                on,
                slug,
                "seconds",
                f"{target} s",
                f"{new} s",
                RULE_TIMED,
                f"{len(done)} sets of {min(done)} s or more against {target} s",
                f"Every set reached {target} s: about 10 % more time this week.",
            )
            state.seconds = new
            state.last_timed_step = on
        else:
            state.seconds = target

    def _update_unloaded(
        self,
        planned: PlannedExercise,
        slug: str,
        exercise: Exercise,
        sets: list[LoggedSet],
        state: _State,
        on: date,
    ) -> None:
        low, high = planned.reps or (8, 12)
        target = state.reps_target or low
        reps = [s.reps or 0 for s in sets]
        rirs = [s.rir for s in sets if s.rir is not None]
        data = sets_text(reps, None, min(rirs) if rirs else None)
        if min(reps) < target:
            return  # repeat the target next time
        if min(reps) < high:
            new = min(high, min(reps) + 1)
            if new != target:
                self._record(
                    on,
                    slug,
                    "reps",
                    target,
                    new,
                    RULE_REPS_SETS_VARIANT,
                    data,
                    f"All sets reached {target} reps: aim for {new} next time.",
                )
            state.reps_target = new
            return
        total_sets = planned.sets + state.extra_sets
        if total_sets < MAX_BODYWEIGHT_SETS:
            state.extra_sets += 1
            self._record(
                on,
                slug,
                "sets",
                total_sets,
                total_sets + 1,
                RULE_REPS_SETS_VARIANT,
                data,
                f"Every set reached the top of the range ({high}): one more set next time.",
            )
            state.reps_target = high
            return
        variant = self._harder(exercise)
        if variant is None:
            state.reps_target = high
            return
        self._record(
            on,
            slug,
            "exercise",
            exercise.name,
            variant.name,
            RULE_REPS_SETS_VARIANT,
            data,
            f"{total_sets} sets of {high} done: move on to {variant.name}, back to "
            f"{planned.sets} sets of {low}.",
        )
        state.variant = variant.slug
        self.variant_origin[variant.slug] = planned.slug
        state.extra_sets = 0
        state.reps_target = low

    def _harder(self, exercise: Exercise) -> Exercise | None:
        for candidate in harder_variants(self.catalog, exercise):
            if self.equipment is None or candidate.requires <= self.equipment:
                return candidate
        return None

    def _update_loaded(
        self,
        planned: PlannedExercise,
        slug: str,
        exercise: Exercise,
        kind: LoadKind,
        sets: list[LoggedSet],
        loads: list[float],
        state: _State,
        on: date,
    ) -> None:
        load = max(loads)
        work = [s for s in sets if s.load_kg == load]
        reps = [s.reps or 0 for s in work]
        low, high = planned.reps or (8, 12)
        linear = planned.progression is not None and planned.progression.kind == "linear"
        target_reps = high if linear else (state.reps_target or low)
        first = state.load_kg is None
        state.load_kg = load
        rirs = [s.rir for s in work if s.rir is not None]
        data = sets_text(reps, load, min(rirs) if rirs else None)
        trusted = len(rirs) == len(work) and max(reps) <= RIR_TRUSTED_MAX_REPS
        planned_rir = planned.rir
        missed = min(reps) < target_reps
        preferred = LINEAR_STEP_KG["lower" if _is_lower(exercise) else "upper"]

        def move(increments: int, rule: str, why: str) -> None:
            step = (
                step_up(load, kind, increments, preferred)
                if increments > 0
                else step_down(load, kind, -increments)
            )
            if step.moved:
                self._record(
                    on, slug, "load_kg", load_text(load), load_text(step.load_kg), rule, data, why
                )
                state.load_kg = step.load_kg
            elif increments > 0:
                self._record(
                    on,
                    slug,
                    "reps",
                    target_reps,
                    min(high + 2, target_reps + 1),
                    rule,
                    data,
                    f"{why} The next real weight is more than 10 % heavier, so add a rep "
                    "instead (or use smaller plates).",
                )

        if first and not self._known(planned):
            self._record(
                on,
                slug,
                "load_kg",
                "-",
                load_text(load),
                RULE_CALIBRATE,
                data,
                "First logged session: this load is the starting point.",
            )
        if missed:
            state.misses += 1
            if state.misses >= STALL_SESSIONS:
                new = reduce_by_percent(load, 10, kind)
                self._record(
                    on,
                    slug,
                    "load_kg",
                    load_text(load),
                    load_text(new),
                    RULE_STALL,
                    data,
                    f"Missed the target ({target_reps} reps) {state.misses} sessions in a row: "
                    "about 10 % lighter, then build back up.",
                )
                state.load_kg = new
                state.misses = 0
                state.reps_target = low
                if planned.slug in self.main_lifts:
                    self.replay.stalls.append((on, planned.slug))
            elif trusted and min(rirs) == 0:
                move(
                    -1,
                    RULE_EFFORT,
                    f"Reps missed at failure (target {target_reps}): one step lighter.",
                )
            else:
                self._record(
                    on,
                    slug,
                    "load_kg",
                    load_text(load),
                    load_text(load),
                    RULE_MISSED,
                    data,
                    f"Reps missed (target {target_reps}): same load next time to try again.",
                )
            return
        state.misses = 0
        if trusted and planned_rir is not None:
            reported = min(min(rirs), 5)
            diff = reported - planned_rir
            effort = f"RIR {reported} reported against a target of {planned_rir}"
            if diff >= 2:
                move(2, RULE_EFFORT, f"{effort}: two steps heavier.")
                return
            if diff == 1:
                move(1, RULE_EFFORT, f"{effort}: one step heavier.")
                return
            if diff == -1:
                self._record(
                    on,
                    slug,
                    "load_kg",
                    load_text(load),
                    load_text(load),
                    RULE_EFFORT,
                    data,
                    f"{effort}: harder than intended, so the load holds.",
                )
                return
            if diff <= -2:
                move(-1, RULE_EFFORT, f"{effort}: too close to failure, one step lighter.")
                return
        if linear:
            move(1, RULE_LINEAR, f"Every set reached {high} reps: the next step up.")
            return
        if min(reps) >= high:
            move(
                1,
                RULE_DOUBLE,
                f"Every set reached the top of the range ({high}): a step up, back to {low} reps.",
            )
            if state.load_kg != load:
                state.reps_target = low
            return
        new_target = min(high, min(reps) + 1)
        if new_target != target_reps:
            self._record(
                on,
                slug,
                "reps",
                target_reps,
                new_target,
                RULE_DOUBLE,
                data,
                f"All sets reached {target_reps}: aim for {new_target} reps at the same load.",
            )
        state.reps_target = new_target

    def _known(self, planned: PlannedExercise) -> bool:
        return planned.slug in self.known_lifts

    # --- the next session ---------------------------------------------------------------------

    def next_ref(self, workouts: Sequence[LoggedWorkout]) -> tuple[int, Session, bool, list[str]]:
        done = {(w.session.week, w.session.day) for w in workouts if w.session is not None}
        notes: list[str] = []
        for index, (week, session, deload) in enumerate(self.sessions):
            if (week, session.day) in done:
                continue
            later = [
                f"week {w} day {s.day}"
                for w, s, _ in self.sessions[index + 1 :]
                if (w, s.day) in done
            ]
            if later:
                notes.append(
                    f"Week {week} day {session.day} ({session.name}) was not logged, so it "
                    "comes next."
                )
            return week, session, deload, notes
        week, session, deload = self.sessions[-1]
        notes.append("Every session of this program is logged: repeating its last session.")
        return week, session, deload, notes

    def target_for(
        self,
        planned: PlannedExercise,
        today: date,
        deload: bool,
        load_factor: float,
        active: Mapping[str, str],
        injuries: Sequence[InjuryReport],
    ) -> tuple[Target | None, list[Adjustment], list[str]]:
        changes: list[Adjustment] = []
        notes: list[str] = []
        state = self.replay.states.get(self.key(planned), _State())
        slug = state.variant or planned.slug
        exercise = self.catalog.get(slug)
        sets = planned.sets + state.extra_sets
        rir: int | None = planned.rir
        reps = state.reps_target or (planned.reps[0] if planned.reps else None)
        if (
            planned.progression is not None
            and planned.progression.kind == "linear"
            and planned.reps
        ):
            reps = planned.reps[1]
        seconds = state.seconds or planned.seconds
        load = state.load_kg
        load_note: str | None = None
        kind = _kind(exercise)
        if exercise.category in ("stretching", "mobility", "rehabilitation"):
            rir = None

        def note(
            field_name: str, before: object, after: object, rule: str, data: str, why: str
        ) -> None:
            adjustment = Adjustment(
                today, slug, field_name, str(before), str(after), rule, data, why
            )
            changes.append(adjustment)

        # Injuries: swap what the joint cannot take, ease what loads it moderately.
        if not is_safe_for(exercise, active):
            joint = next(
                j
                for j, sev in active.items()
                if exercise.joint_stress.get(j) == "high"
                or (exercise.joint_stress.get(j) == "moderate" and sev == "serious")
            )
            options = substitutes(self.catalog, exercise, self.equipment, active, limit=1)
            report = _latest(injuries, joint)
            data = f"{joint} injury ({active[joint]}) reported {report.reported_on.isoformat()}"
            if not options:
                notes.append(
                    f"{exercise.name} is left out: it stresses your {joint} and nothing that "
                    "you can do replaces it safely."
                )
                note(
                    "exercise",
                    exercise.name,
                    "-",
                    RULE_NO_SUBSTITUTE,
                    data,
                    f"Left out because of your {joint} injury; "
                    "no safe substitute fits your equipment.",
                )
                return None, changes, notes
            swap = options[0]
            note(
                "exercise",
                exercise.name,
                swap.name,
                RULE_INJURY_SWAP,
                data,
                f"{swap.name} replaces {exercise.name} because of your {joint} injury: "
                f"{exercise.name} puts {exercise.joint_stress.get(joint)} stress on the {joint}.",
            )
            swapped_state = self.replay.states.get((swap.slug, self.key(planned)[1]))
            exercise = swap
            slug = swap.slug
            kind = _kind(exercise)
            load = swapped_state.load_kg if swapped_state else None
        for joint, severity in active.items():
            if severity == "mild" and exercise.joint_stress.get(joint) == "moderate":
                data = f"{joint} injury (mild)"
                if sets > 1:
                    note(
                        "sets",
                        sets,
                        sets - 1,
                        RULE_INJURY_EASE,
                        data,
                        f"One set fewer while your {joint} recovers.",
                    )
                    sets -= 1
                if rir is not None:
                    note(
                        "rir",
                        rir,
                        rir + 1,
                        RULE_INJURY_EASE,
                        data,
                        f"Stop one more rep short of failure while your {joint} recovers.",
                    )
                    rir += 1
        # A cleared injury brings the exercise back a little lighter.
        for report in injuries:
            cleared = report.cleared_on
            if cleared is None or cleared > today or (today - cleared).days > INJURY_RETURN_DAYS:
                continue
            stress = exercise.joint_stress.get(report.joint)
            last = state.last_logged
            if (
                load is not None
                and kind
                and stress in ("moderate", "high")
                and (last is None or last < cleared)
            ):
                new = reduce_by_percent(load, 10, kind)
                note(
                    "load_kg",
                    load_text(load),
                    load_text(new),
                    RULE_INJURY_RETURN,
                    f"{report.joint} injury cleared {cleared.isoformat()}",
                    f"Back after your {report.joint} injury: "
                    "about 10 % lighter than before, then build up.",
                )
                load = new
        # Starting loads.
        if load is None and kind is not None and reps is not None:
            known = self.known_lifts.get(slug)
            one_rm = estimated_1rm(known.weight_kg, known.reps) if known else None
            if one_rm is not None and known is not None:
                load = load_for(one_rm, reps, rir if rir is not None else 2, kind)
                note(
                    "load_kg",
                    "-",
                    load_text(load),
                    RULE_START_KNOWN,
                    f"{known.weight_kg:g} kg x {known.reps} -> "
                    f"estimated 1RM {one_rm:.1f} kg (Epley)",
                    f"Starting load from your recent {known.weight_kg:g} kg x {known.reps}.",
                )
            else:
                load_note = START_INSTRUCTION
        if load is not None and kind is not None and load_factor < 1:
            lighter = min(load, round_down(load * load_factor, kind))
            load = lighter
        if deload and load is not None and kind is not None:
            load = min(load, round_down(load * DELOAD_LOAD_FACTOR, kind))
        target = Target(
            slug=slug,
            name=exercise.name,
            planned_slug=planned.slug,
            sets=sets,
            reps=None if seconds is not None and planned.reps is None else reps,
            rep_range=tuple(planned.reps) if planned.reps else None,  # type: ignore[arg-type]
            seconds=seconds if planned.reps is None else None,
            rir=rir,
            load_kg=load,
            load_note=load_note,
            rest_seconds=planned.rest_seconds,
            changes=tuple(changes),
        )
        return target, changes, notes


def _latest(injuries: Sequence[InjuryReport], joint: str) -> InjuryReport:
    return max((i for i in injuries if i.joint == joint), key=lambda i: i.reported_on)


def active_injuries(injuries: Iterable[InjuryReport], today: date) -> dict[str, str]:
    """joint -> the worst severity among injuries active today."""
    worst: dict[str, str] = {}
    for report in injuries:
        if report.active_on(today) and worst.get(report.joint) != "serious":
            worst[report.joint] = report.severity
    return worst


def next_session(
    program: Program,
    workouts: Sequence[LoggedWorkout],
    catalog: Catalog,
    today: date,
    injuries: Sequence[InjuryReport] = (),
    known_lifts: Mapping[str, RecentLift] | None = None,
    equipment: frozenset[str] | None = None,
) -> NextSession:
    """The next session of `program` after `workouts`, adapted, with every change explained.

    `equipment` limits substitutes and harder variants to what the person has (None: no limit).
    """
    engine = _Engine(program, catalog, known_lifts or {}, equipment)
    engine.run(workouts)
    week, session, planned_deload, notes = engine.next_ref(workouts)
    notes = list(notes)
    history = list(engine.replay.history)
    deload = planned_deload
    if planned_deload:
        notes.append("A planned lighter week: about half the sets at about 10 % less weight.")
    window_start = today - timedelta(DELOAD_WINDOW_DAYS)
    recent_stalls = {slug for day, slug in engine.replay.stalls if day >= window_start}
    recent_bad = [day for day in engine.replay.bad_days if day >= window_start]
    if not deload and (len(recent_stalls) >= 2 or recent_bad):
        deload = True
        why = (
            "stalls on " + " and ".join(sorted(catalog.get(s).name for s in recent_stalls))
            if len(recent_stalls) >= 2
            else "you reported a bad week"
        )
        notes.append(f"The lighter week comes early because of {why}.")
        history.append(
            Adjustment(
                today,
                "*",
                "week",
                "normal",
                "deload",
                RULE_DELOAD_FORWARD,
                why,
                f"Lighter session brought forward: {why}.",
            )
        )
    load_factor = 1.0
    reentry = False
    last = max((w.performed_on for w in workouts), default=None)
    if last is not None:
        gap = (today - last).days
        if gap >= LONG_TIME_OFF_DAYS:
            load_factor, reentry = 0.8, True
            notes.append(
                f"{gap} days since your last workout: loads restart about 20 % lower, and a "
                "short re-entry block (one or two weeks at about two thirds of the sets) is "
                "offered before the program picks up again."
            )
        elif gap >= TIME_OFF_DAYS:
            load_factor = 0.9
            notes.append(f"{gap} days since your last workout: loads restart about 10 % lower.")
        if load_factor < 1:
            history.append(
                Adjustment(
                    today,
                    "*",
                    "load_kg",
                    "100 %",
                    f"{load_factor:.0%}",
                    RULE_TIME_OFF,
                    f"{gap} days without a logged workout",
                    notes[-1],
                )
            )
    active = active_injuries(injuries, today)
    targets: list[Target] = []
    for planned in session.exercises:
        target, changes, more_notes = engine.target_for(
            planned, today, deload, load_factor, active, injuries
        )
        history.extend(changes)
        notes.extend(more_notes)
        if target is None:
            continue
        if deload and not planned_deload:
            target = replace(target, sets=max(1, (target.sets + 1) // 2))
        targets.append(target)
    acted_on = {c.data.split(" ")[0] for c in history if c.rule.startswith("injury")}
    for joint, severity in active.items():
        if joint not in acted_on:
            notes.append(
                f"Your {joint} injury ({severity}) is noted; nothing in this session stresses it "
                "beyond what it tolerates."
            )
    return NextSession(
        week=week,
        day=session.day,
        name=session.name,
        deload=deload,
        targets=tuple(targets),
        notes=tuple(notes),
        history=tuple(history),
        reentry_offered=reentry,
    )
