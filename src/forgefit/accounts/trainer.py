"""The trainer on stored data: turns a user's stored program, workouts, injuries, swaps and
recent lifts into the pure values `training.adaptation.next_session` reads, and its answer into
the Today document. Also records swaps, which need the same view of the next session.

A workout without a finish time that started in the last `OPEN_HOURS` hours is the session in
progress: it is left out of the replay (so the next session stays the one being trained) and
returned beside it with its sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from forgefit.accounts import injuries as injury_store
from forgefit.accounts.db import Database
from forgefit.accounts.errors import InvalidSignUpError, NotFoundError
from forgefit.accounts.models import LoggedSet, SavedProfile, SavedProgram, Swap, Workout
from forgefit.accounts.programs import LIFTS_FIELD, planner_profile
from forgefit.accounts.today_cache import TodayCache, inputs_fingerprint
from forgefit.accounts.workout_values import logged_set, logged_workout
from forgefit.catalog import Catalog
from forgefit.catalog.related import is_safe_for, substitutes
from forgefit.training import ProfileError, parse_profile
from forgefit.training.adaptation import (
    NextSession,
    RecentLift,
    Target,
    active_injuries,
    next_session,
)
from forgefit.training.logs import InjuryReport
from forgefit.training.program import PlannedExercise, Program

OPEN_HOURS: Final = 12
ALTERNATIVES: Final = 4
RULE_CHOSEN_SWAP: Final = "your-swap"
EFFORT_HELP: Final = (
    "Effort is given as reps in reserve (RIR): how many more reps you could still have done "
    "when you stopped the set. RIR 2 means stop about 2 reps before you couldn't do another; "
    "RIR 0 means the last rep was the last one you could do."
)
Scope = Literal["session", "program"]


class SwapIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        populate_by_name=True,
        json_schema_extra={
            "examples": [{"from": "barbell-back-squat", "to": "goblet-squat", "scope": "session"}]
        },
    )

    from_slug: str = Field(alias="from", max_length=100, description="The program's exercise.")
    to_slug: str = Field(alias="to", max_length=100, description="The exercise to do instead.")
    scope: Scope = Field(description='"session": this session only; "program": from now on.')


def effort_words(rir: int | None) -> str | None:
    """Reps in reserve in plain words."""
    if rir is None:
        return None
    if rir == 0:
        return "Go until you couldn't do another rep"
    reps = "rep" if rir == 1 else "reps"
    return f"Stop about {rir} {reps} before you couldn't do another"


@dataclass(frozen=True)
class _Stored:
    """Everything the trainer needs about one user and one program, read in one transaction."""

    program_row: SavedProgram
    profile: dict[str, Any] | None
    workouts: list[Workout]
    sets: dict[int, list[LoggedSet]]
    swaps: list[Swap]


def _read(
    database: Database, user_id: int, program_id: int | None, now: datetime
) -> tuple[_Stored, list[InjuryReport]]:
    with database.read() as session:
        query = select(SavedProgram).where(SavedProgram.user_id == user_id)
        if program_id is None:
            query = query.where(SavedProgram.is_current)
        else:
            query = query.where(SavedProgram.id == program_id)
        row = session.scalar(query)
        if row is None:
            raise NotFoundError(
                "You have no current program: build one with POST /api/v1/me/programs or the "
                "plan builder."
                if program_id is None
                else f"You have no saved program {program_id}."
            )
        profile = session.get(SavedProfile, user_id)
        workouts = list(
            session.scalars(
                select(Workout)
                .where(
                    Workout.user_id == user_id,
                    (Workout.program_id == row.id) | (Workout.program_id.is_(None)),
                )
                .order_by(Workout.started_at, Workout.id)
            )
        )
        ids = [w.id for w in workouts]
        sets: dict[int, list[LoggedSet]] = {}
        if ids:
            for logged in session.scalars(
                select(LoggedSet)
                .where(LoggedSet.workout_id.in_(ids))
                .order_by(LoggedSet.workout_id, LoggedSet.position, LoggedSet.id)
            ):
                sets.setdefault(logged.workout_id, []).append(logged)
        swaps = list(
            session.scalars(select(Swap).where(Swap.program_id == row.id).order_by(Swap.id))
        )
        stored = _Stored(row, dict(profile.data) if profile else None, workouts, sets, swaps)
        return stored, injury_store.injury_reports_in(session, user_id)


def _is_open(workout: Workout, now: datetime) -> bool:
    return workout.finished_at is None and now - workout.started_at < timedelta(hours=OPEN_HOURS)


def _open_until(workouts: list[Workout], now: datetime) -> datetime | None:
    """When the first workout open now stops counting as in progress (None: none is open)."""
    ends = [w.started_at + timedelta(hours=OPEN_HOURS) for w in workouts if _is_open(w, now)]
    return min(ends, default=None)


def _equipment(profile: Mapping[str, Any] | None, catalog: Catalog) -> frozenset[str] | None:
    if profile is None:
        return None
    try:
        return parse_profile(planner_profile(profile), catalog).equipment_set
    except ProfileError:
        return None  # a profile saved by an older version: offer everything rather than fail


def _known_lifts(profile: Mapping[str, Any] | None) -> dict[str, RecentLift]:
    lifts = (profile or {}).get(LIFTS_FIELD)
    if not isinstance(lifts, Mapping):
        return {}
    known: dict[str, RecentLift] = {}
    for slug, lift in lifts.items():
        if isinstance(lift, Mapping):
            weight, reps = lift.get("weight_kg"), lift.get("reps")
            if isinstance(weight, int | float) and isinstance(reps, int) and reps > 0:
                known[str(slug)] = RecentLift(float(weight), reps)
    return known


def _swap_reason(swap: Swap, catalog: Catalog) -> str:
    when = "for this session" if swap.scope == "session" else "from now on"
    return (
        f"You chose {catalog.get(swap.to_slug).name} in place of "
        f"{catalog.get(swap.from_slug).name} {when}."
    )


def _apply_swaps(
    program: Program, swaps: list[Swap], catalog: Catalog
) -> tuple[Program, dict[tuple[int, int, str], Swap]]:
    """The program with the person's swaps in it, and which swap made each swapped exercise
    (by week, day and the slug now planned)."""
    made: dict[tuple[int, int, str], Swap] = {}
    if not swaps:
        return program, made
    weeks = []
    for week in program.weeks:
        sessions = []
        for planned_session in week.sessions:
            exercises: list[PlannedExercise] = []
            for planned in planned_session.exercises:
                for swap in swaps:
                    applies = swap.scope == "program" or (
                        swap.week == week.week and swap.day == planned_session.day
                    )
                    if applies and planned.slug == swap.from_slug and swap.to_slug in catalog:
                        planned = planned.model_copy(
                            update={"slug": swap.to_slug, "name": catalog.get(swap.to_slug).name}
                        )
                        made[(week.week, planned_session.day, swap.to_slug)] = swap
                exercises.append(planned)
            sessions.append(planned_session.model_copy(update={"exercises": exercises}))
        weeks.append(week.model_copy(update={"sessions": sessions}))
    return program.model_copy(update={"weeks": weeks}), made


@dataclass(frozen=True)
class TrainerView:
    """The next session and what it was computed from."""

    program_row: SavedProgram
    program: Program
    session: NextSession
    planned: dict[str, PlannedExercise]  # the session's planned exercises by (swapped) slug
    swapped: dict[str, Swap]  # slug now in the session -> the swap that put it there
    open_workout: Workout | None
    open_sets: list[LoggedSet]
    equipment: frozenset[str] | None
    active: dict[str, str]
    open_until: datetime | None  # when the view changes with no write (a workout stops being open)


def trainer_view(
    database: Database,
    catalog: Catalog,
    user_id: int,
    today: date,
    now: datetime,
    program_id: int | None = None,
) -> TrainerView:
    stored, reports = _read(database, user_id, program_id, now)
    program = Program.model_validate(stored.program_row.program)
    program, made = _apply_swaps(program, stored.swaps, catalog)
    open_workout = next(
        (
            w
            for w in reversed(stored.workouts)
            if w.program_id == stored.program_row.id and _is_open(w, now)
        ),
        None,
    )
    history = [
        logged_workout(w.started_at, w.week, w.day, map(logged_set, stored.sets.get(w.id, [])))
        for w in stored.workouts
        if w is not open_workout
    ]
    # Equipment as the program was built for; recent lifts from the saved profile (kept fresh).
    equipment = _equipment(stored.program_row.profile, catalog)
    session = next_session(
        program,
        history,
        catalog,
        today,
        injuries=reports,
        known_lifts=_known_lifts(stored.profile or stored.program_row.profile),
        equipment=equipment,
    )
    planned_session = next(
        s
        for w in program.weeks
        if w.week == session.week
        for s in w.sessions
        if s.day == session.day
    )
    swapped = {
        slug: swap
        for (week, day, slug), swap in made.items()
        if week == session.week and day == session.day
    }
    return TrainerView(
        program_row=stored.program_row,
        program=program,
        session=session,
        planned={p.slug: p for p in planned_session.exercises},
        swapped=swapped,
        open_workout=open_workout,
        open_sets=stored.sets.get(open_workout.id, []) if open_workout else [],
        equipment=equipment,
        active=active_injuries(reports, today),
        open_until=_open_until(stored.workouts, now),
    )


def _set_document(logged: LoggedSet) -> dict[str, Any]:
    return {
        "key": logged.idempotency_key,
        "exercise": logged.exercise,
        "load_kg": logged.load_kg,
        "reps": logged.reps,
        "seconds": logged.seconds,
        "rir": logged.rir,
        "note": logged.note,
    }


def _target_document(view: TrainerView, target: Target, catalog: Catalog) -> dict[str, Any]:
    planned = view.planned.get(target.planned_slug)
    changes = [
        {
            "field": c.field,
            "before": c.before,
            "after": c.after,
            "rule": c.rule,
            "reason": c.reason,
        }
        for c in target.changes
    ]
    swap = view.swapped.get(target.planned_slug)
    swapped_from = None
    if swap is not None:
        reason = _swap_reason(swap, catalog)
        swapped_from = {"slug": swap.from_slug, "name": catalog.get(swap.from_slug).name}
        changes.insert(
            0,
            {
                "field": "exercise",
                "before": swapped_from["name"],
                "after": catalog.get(swap.to_slug).name,
                "rule": RULE_CHOSEN_SWAP,
                "reason": reason,
            },
        )
    exercise = catalog.get(target.slug)
    alternatives = substitutes(catalog, exercise, view.equipment, view.active, limit=ALTERNATIVES)
    return {
        "slug": target.slug,
        "name": target.name,
        "planned_slug": target.planned_slug,
        "sets": target.sets,
        "reps": target.reps,
        "rep_range": list(target.rep_range) if target.rep_range else None,
        "seconds": target.seconds,
        "rir": target.rir,
        "effort": effort_words(target.rir),
        "load_kg": target.load_kg,
        "load_instruction": target.load_note,
        "rest_seconds": target.rest_seconds,
        "why": planned.why if planned else "",
        "progression": planned.progression.rule if planned and planned.progression else None,
        "progression_kind": (planned.progression.kind if planned and planned.progression else None),
        "changes": changes,
        "swapped_from": swapped_from,
        "alternatives": [{"slug": a.slug, "name": a.name} for a in alternatives],
    }


def today_document(
    database: Database,
    catalog: Catalog,
    user_id: int,
    units: str,
    now: datetime,
    cache: TodayCache | None = None,
) -> dict[str, Any]:
    """GET /api/v1/me/today: the next session of the current program, adapted and explained.
    With a cache, a document computed from the same stored data on the same day is reused;
    it is then shared, so the caller must not change it."""
    if cache is None:
        view = trainer_view(database, catalog, user_id, now.date(), now)
        return _today_document(view, units, catalog)
    with database.read() as session:
        inputs = (units, now.date(), inputs_fingerprint(session, user_id))
    remembered = cache.get(user_id, inputs, now)
    if remembered is not None:
        return remembered
    view = trainer_view(database, catalog, user_id, now.date(), now)
    document = _today_document(view, units, catalog)
    cache.put(user_id, inputs, document, view.open_until)
    return document


def _today_document(view: TrainerView, units: str, catalog: Catalog) -> dict[str, Any]:
    session = view.session
    open_workout = view.open_workout
    return {
        "program": {"id": view.program_row.id, "name": view.program_row.name},
        "week": session.week,
        "day": session.day,
        "name": session.name,
        "deload": session.deload,
        "units": units,
        "effort_help": EFFORT_HELP,
        "notes": list(session.notes),
        "injuries": [{"joint": j, "severity": s} for j, s in sorted(view.active.items())],
        "exercises": [_target_document(view, t, catalog) for t in session.targets],
        "open_workout": (
            {
                "id": open_workout.id,
                "key": open_workout.idempotency_key,
                "started_at": open_workout.started_at.isoformat(),
                "sets": [_set_document(s) for s in view.open_sets],
            }
            if open_workout
            else None
        ),
    }


def _refuse(field: str, message: str) -> InvalidSignUpError:
    return InvalidSignUpError(field, message)


def record_swap(
    database: Database,
    catalog: Catalog,
    user_id: int,
    program_id: int,
    body: SwapIn,
    now: datetime,
) -> dict[str, Any]:
    """Check that `to` suits the person (equipment, active injuries) and remember the swap."""
    view = trainer_view(database, catalog, user_id, now.date(), now, program_id)
    planned_slugs = {p.slug for w in view.program.weeks for s in w.sessions for p in s.exercises}
    if body.from_slug not in planned_slugs:
        raise _refuse("from", f"'{body.from_slug}' is not an exercise of this program.")
    if body.to_slug not in catalog:
        close = catalog.close_matches(body.to_slug, limit=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise _refuse("to", f"No exercise with slug '{body.to_slug}'.{hint}")
    if body.to_slug == body.from_slug:
        raise _refuse("to", "Pick a different exercise from the one planned.")
    replacement = catalog.get(body.to_slug)
    if view.equipment is not None and not replacement.requires <= view.equipment:
        missing = ", ".join(sorted(replacement.requires - view.equipment))
        raise _refuse(
            "to",
            f"{replacement.name} needs equipment your profile does not list ({missing}); "
            "pick one of the alternatives offered, or add the equipment to your profile.",
        )
    if not is_safe_for(replacement, view.active):
        joints = ", ".join(
            j for j in view.active if replacement.joint_stress.get(j) in ("moderate", "high")
        )
        raise _refuse(
            "to",
            f"{replacement.name} stresses your injured {joints}; pick one of the alternatives "
            "offered.",
        )
    session_only = body.scope == "session"
    if session_only and body.from_slug not in view.planned:
        raise _refuse(
            "from",
            f"'{body.from_slug}' is not in the next session (week {view.session.week} day "
            f'{view.session.day}); swap it from now on instead (scope "program").',
        )
    with database.write() as session:
        swap = Swap(
            user_id=user_id,
            program_id=view.program_row.id,
            from_slug=body.from_slug,
            to_slug=body.to_slug,
            scope=body.scope,
            week=view.session.week if session_only else None,
            day=view.session.day if session_only else None,
        )
        session.add(swap)
        session.flush()
        return swap_document(swap, catalog)


def swap_document(swap: Swap, catalog: Catalog) -> dict[str, Any]:
    return {
        "id": swap.id,
        "from": swap.from_slug,
        "to": swap.to_slug,
        "scope": swap.scope,
        "session": {"week": swap.week, "day": swap.day} if swap.week is not None else None,
        "reason": _swap_reason(swap, catalog),
    }


def list_swaps(
    database: Database, catalog: Catalog, user_id: int, program_id: int
) -> list[dict[str, Any]]:
    with database.read() as session:
        owned = session.scalar(
            select(SavedProgram.id).where(
                SavedProgram.id == program_id, SavedProgram.user_id == user_id
            )
        )
        if owned is None:
            raise NotFoundError(f"You have no saved program {program_id}.")
        swaps = session.scalars(select(Swap).where(Swap.program_id == program_id)).all()
        return [swap_document(s, catalog) for s in swaps]
