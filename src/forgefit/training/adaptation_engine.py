"""The adaptation engine: replays the logged workouts against the program, exercise by
exercise (load, reps, sets and time progress as adaptation_loaded and adaptation_unloaded say),
then drafts each target of the session that comes next: injuries, starting loads, time off and
lighter weeks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from forgefit.catalog.index import Catalog
from forgefit.training.adaptation_injuries import (
    ease_for_mild,
    lighter_after_injury,
    swap_if_unsafe,
)
from forgefit.training.adaptation_loaded import progress_loaded
from forgefit.training.adaptation_results import Adjustment, RecentLift, Target
from forgefit.training.adaptation_rules import RULE_START_KNOWN
from forgefit.training.adaptation_state import (
    ExerciseState,
    Replay,
    TargetDraft,
    loaded_kind,
    rep_shape,
)
from forgefit.training.adaptation_text import START_INSTRUCTION, load_text
from forgefit.training.adaptation_unloaded import progress_timed, progress_unloaded
from forgefit.training.increments import estimated_1rm, load_for, round_down
from forgefit.training.logs import InjuryReport, LoggedSet, LoggedWorkout, SessionRef
from forgefit.training.program import PlannedExercise, Program, Session
from forgefit.training.rules import DELOAD_LOAD_FACTOR


def _sessions(program: Program) -> list[tuple[int, Session, bool]]:
    return [(w.week, s, w.deload) for w in program.weeks for s in w.sessions]


class AdaptationEngine:
    """One program's replay: `run` the logs first, then ask for the next session's targets."""

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
        self.keys = {
            id(planned): (planned.slug, rep_shape(planned))
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
        self.replay = Replay()

    def key(self, planned: PlannedExercise) -> tuple[str, str]:
        return self.keys.get(id(planned)) or (planned.slug, rep_shape(planned))

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
                planned_slug = self.replay.variant_origin.get(slug)
                if planned_slug is not None and planned_slug in in_session:
                    return in_session[planned_slug]
        found = self.first_use.get(slug)
        if found is None and slug in self.replay.variant_origin:
            found = self.first_use.get(self.replay.variant_origin[slug])
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
                state = self.replay.states.setdefault(self.key(planned), ExerciseState())
                self._update(planned, slug, sets, state, workout.performed_on, deload)

    def _update(
        self,
        planned: PlannedExercise,
        slug: str,
        sets: list[LoggedSet],
        state: ExerciseState,
        on: date,
        deload: bool,
    ) -> None:
        exercise = self.catalog.get(slug)
        state.last_logged = on
        if deload:
            return  # a lighter week tests nothing: progress resumes after it
        if planned.seconds is not None or exercise.tracking != "reps":
            progress_timed(self.replay, planned, slug, sets, state, on)
            return
        kind = loaded_kind(exercise)
        loads = [s.load_kg for s in sets if s.load_kg is not None and s.load_kg > 0]
        if kind is None or not loads:
            progress_unloaded(
                self.replay, self.catalog, self.equipment, planned, slug, exercise, sets, state, on
            )
            return
        progress_loaded(
            self.replay,
            planned,
            slug,
            exercise,
            kind,
            sets,
            loads,
            state,
            on,
            known=planned.slug in self.known_lifts,
            main_lift=planned.slug in self.main_lifts,
        )

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
        state = self.replay.states.get(self.key(planned), ExerciseState())
        slug = state.variant or planned.slug
        exercise = self.catalog.get(slug)
        rir: int | None = planned.rir
        reps = state.reps_target or (planned.reps[0] if planned.reps else None)
        if (
            planned.progression is not None
            and planned.progression.kind == "linear"
            and planned.reps
        ):
            reps = planned.reps[1]
        seconds = state.seconds or planned.seconds
        load_note: str | None = None
        if exercise.category in ("stretching", "mobility", "rehabilitation"):
            rir = None
        draft = TargetDraft(
            today=today,
            slug=slug,
            exercise=exercise,
            kind=loaded_kind(exercise),
            sets=planned.sets + state.extra_sets,
            rir=rir,
            load=state.load_kg,
        )
        shape = self.key(planned)[1]
        states = self.replay.states
        if not swap_if_unsafe(draft, self.catalog, self.equipment, active, injuries, states, shape):
            return None, draft.changes, draft.notes
        ease_for_mild(draft, active)
        lighter_after_injury(draft, injuries, state.last_logged)
        kind, load, rir = draft.kind, draft.load, draft.rir
        # Starting loads.
        if load is None and kind is not None and reps is not None:
            known = self.known_lifts.get(draft.slug)
            one_rm = estimated_1rm(known.weight_kg, known.reps) if known else None
            if one_rm is not None and known is not None:
                load = load_for(one_rm, reps, rir if rir is not None else 2, kind)
                draft.note(
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
            slug=draft.slug,
            name=draft.exercise.name,
            planned_slug=planned.slug,
            sets=draft.sets,
            reps=None if seconds is not None and planned.reps is None else reps,
            rep_range=tuple(planned.reps) if planned.reps else None,  # type: ignore[arg-type]
            seconds=seconds if planned.reps is None else None,
            rir=rir,
            load_kg=load,
            load_note=load_note,
            rest_seconds=planned.rest_seconds,
            changes=tuple(draft.changes),
        )
        return target, draft.changes, draft.notes
