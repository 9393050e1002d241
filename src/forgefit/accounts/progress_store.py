"""From stored rows to the trainer's plain values and back to JSON: the history of changes the
adaptation engine made to a saved program, and the person's progress.

Adjustments are not stored: they are recomputed from the logged workouts on every request with
`training.adaptation.next_session(...).history`. The engine is pure and replays the logs in date
order, so the same logs always give the same history; an edited or deleted workout changes the
history at once, and there is no second copy that could disagree with the logs. A year of logs
(150 workouts) costs about 20 ms of CPU per request on SQLite, reading included
(benchmarks/bench_progress.py). The entries dated the day of the request are the changes waiting
in the next session.

The API and the pages both call these functions, so they show the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from forgefit.accounts.db import Database
from forgefit.accounts.errors import AccountError, InvalidSignUpError, NotFoundError
from forgefit.accounts.injuries import injury_reports
from forgefit.accounts.models import LoggedSet as SetRow
from forgefit.accounts.models import SavedProgram, Workout
from forgefit.accounts.programs import get_profile
from forgefit.accounts.workout_values import logged_workout
from forgefit.catalog import Catalog
from forgefit.training.adaptation import next_session
from forgefit.training.increments import E1RM_MAX_REPS, E1RMFormula
from forgefit.training.logs import InjuryReport, LoggedSet, LoggedWorkout
from forgefit.training.program import Program
from forgefit.training.progress import (
    adherence,
    e1rm_series,
    personal_records,
    weekly_sets_by_group,
)
from forgefit.training.rules import EXPERIENCES, GOALS, Experience, Goal

FORMULA_TEXT = {
    "epley": "Epley: weight x (1 + reps / 30)",
    "brzycki": "Brzycki: weight x 36 / (37 - reps)",
}


class UnreadableProgramError(AccountError):
    """A stored program this version cannot read (saved by a much older ForgeFit)."""

    def __init__(self, program_id: int) -> None:
        super().__init__(
            f"Program {program_id} was saved in a form this version of ForgeFit cannot read, so "
            "its changes cannot be worked out. Build a new program from your profile; your "
            "logged workouts are kept."
        )


@dataclass(frozen=True, slots=True)
class _Plan:
    """What progress measures against: the current program's goal, level and days a week."""

    goal: Goal | None
    experience: Experience | None
    days_per_week: int
    since: date | None


def logged_workouts(
    database: Database, user_id: int, program_id: int | None = None
) -> list[LoggedWorkout]:
    """The user's logged workouts (only those of `program_id` when given), oldest first; the
    day is the UTC start date. Reads plain columns, not ORM objects: a year of logs is a few
    thousand sets and this runs on every history or progress request."""
    workouts = select(Workout.id, Workout.started_at, Workout.week, Workout.day).where(
        Workout.user_id == user_id
    )
    if program_id is not None:
        workouts = workouts.where(Workout.program_id == program_id)
    with database.read() as session:
        heads = session.execute(workouts.order_by(Workout.started_at, Workout.id)).all()
        sets = session.execute(
            select(
                SetRow.workout_id,
                SetRow.exercise,
                SetRow.load_kg,
                SetRow.reps,
                SetRow.seconds,
                SetRow.rir,
                SetRow.note,
            )
            .where(SetRow.workout_id.in_(workouts.with_only_columns(Workout.id)))
            .order_by(SetRow.workout_id, SetRow.position)
        ).all()
    by_workout: dict[int, list[LoggedSet]] = defaultdict(list)
    # Unpacked here rather than through workout_values.logged_set: attribute access on result
    # rows is about three times slower than unpacking, over thousands of sets a request.
    for workout_id, exercise, load_kg, reps, seconds, rir, note in sets:
        by_workout[workout_id].append(LoggedSet(exercise, load_kg, reps, seconds, rir, note))
    return [
        logged_workout(started_at, week, day, by_workout.get(workout_id, ()))
        for workout_id, started_at, week, day in heads
    ]


def weighted_exercises(database: Database, catalog: Catalog, user_id: int) -> list[tuple[str, str]]:
    """(slug, name) of every exercise the user logged with a weight and reps, by name."""
    with database.read() as session:
        slugs = session.scalars(
            select(SetRow.exercise)
            .where(SetRow.user_id == user_id, SetRow.load_kg.is_not(None), SetRow.reps > 0)
            .distinct()
        ).all()
    return sorted(
        ((slug, catalog.get(slug).name) for slug in slugs if slug in catalog),
        key=lambda pair: pair[1],
    )


def _owned_program(database: Database, user_id: int, program_id: int) -> SavedProgram:
    with database.read() as session:
        row = session.scalar(
            select(SavedProgram).where(
                SavedProgram.id == program_id, SavedProgram.user_id == user_id
            )
        )
    if row is None:
        raise NotFoundError(f"You have no saved program {program_id}.")
    return row


def program_history(
    database: Database,
    catalog: Catalog,
    user_id: int,
    program_id: int,
    today: date,
    injuries: Sequence[InjuryReport] | None = None,
) -> dict[str, Any]:
    """Every change the trainer made to program `program_id` from its logged workouts, oldest
    first, injuries included (`injuries`: the person's stored reports unless given). Someone
    else's program is NotFoundError, like a missing one."""
    row = _owned_program(database, user_id, program_id)
    if injuries is None:
        injuries = injury_reports(database, user_id)
    try:
        program = Program.model_validate(row.program)
    except ValidationError:
        raise UnreadableProgramError(program_id) from None
    workouts = logged_workouts(database, user_id, program_id)
    result = next_session(
        program,
        workouts,
        catalog,
        today,
        injuries=injuries,
        equipment=program.profile.equipment_set if program.profile.equipment else None,
    )
    names = {
        change.exercise: catalog.get(change.exercise).name
        for change in result.history
        if change.exercise in catalog
    }
    return {
        "program_id": row.id,
        "program_name": row.name,
        "workouts": len(workouts),
        "computed_on": today.isoformat(),
        "items": [
            {
                "date": change.on.isoformat(),
                "exercise": change.exercise,
                "exercise_name": names.get(
                    change.exercise, "Whole session" if change.exercise == "*" else change.exercise
                ),
                "field": change.field,
                "before": change.before,
                "after": change.after,
                "rule": change.rule,
                "data": change.data,
                "reason": change.reason,
            }
            for change in result.history
        ],
    }


def _plan(database: Database, user_id: int, workouts: Sequence[LoggedWorkout]) -> _Plan:
    """The current program's profile (else the saved profile) and the day adherence starts."""
    with database.read() as session:
        current = session.execute(
            select(SavedProgram.profile, SavedProgram.created_at).where(
                SavedProgram.user_id == user_id, SavedProgram.is_current
            )
        ).first()
    profile = current.profile if current is not None else get_profile(database, user_id)
    profile = profile or {}
    goal = profile.get("goal")
    experience = profile.get("experience")
    days = profile.get("days_per_week")
    starts = [w.performed_on for w in workouts[:1]]
    if current is not None:
        starts.append(current.created_at.date())
    return _Plan(
        goal=goal if goal in GOALS else None,
        experience=experience if experience in EXPERIENCES else None,
        days_per_week=days if isinstance(days, int) and 1 <= days <= 7 else 0,
        since=min(starts) if starts else None,
    )


def _check_exercise(catalog: Catalog, exercise: str) -> None:
    if exercise not in catalog:
        suggestions = catalog.close_matches(exercise, limit=3)
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise InvalidSignUpError("exercise", f"No exercise with slug '{exercise}'.{hint}")


def _band_status(sets: float, low: float | None, high: float | None) -> str | None:
    if low is None or high is None:
        return None
    if sets < low:
        return "below"
    return "above" if sets > high else "within"


def progress(
    database: Database,
    catalog: Catalog,
    user_id: int,
    today: date,
    exercise: str | None = None,
    formula: E1RMFormula = "epley",
) -> dict[str, Any]:
    """Estimated 1RM over time and personal records per exercise (only `exercise` when given),
    weekly sets per muscle group against the target band, adherence and streaks."""
    if exercise is not None:
        _check_exercise(catalog, exercise)
    workouts = logged_workouts(database, user_id)
    loaded = sorted(
        {s.exercise for w in workouts for s in w.sets if s.load_kg is not None and s.reps}
    )
    chosen = [exercise] if exercise is not None else [e for e in loaded if e in catalog]
    plan = _plan(database, user_id, workouts)
    groups = catalog.vocab.muscle_groups
    exercises = []
    for slug in chosen:
        series = e1rm_series(workouts, slug, formula)
        exercises.append(
            {
                "exercise": slug,
                "name": catalog.get(slug).name,
                "e1rm": [
                    {
                        "date": p.on.isoformat(),
                        "e1rm_kg": p.e1rm_kg,
                        "load_kg": p.from_load_kg,
                        "reps": p.from_reps,
                    }
                    for p in series
                ],
                "records": [
                    {
                        "kind": r.kind,
                        "value": r.value,
                        "detail": r.detail,
                        "date": r.on.isoformat(),
                    }
                    for r in personal_records(workouts, slug, formula)
                ],
            }
        )
    weekly = [
        {
            "week_start": v.week_start.isoformat(),
            "group": v.group,
            "group_name": groups[v.group].name if v.group in groups else v.group,
            "sets": v.sets,
            "band_low": v.band_low,
            "band_high": v.band_high,
            "status": _band_status(v.sets, v.band_low, v.band_high),
        }
        for v in weekly_sets_by_group(workouts, catalog, plan.goal, plan.experience)
    ]
    kept = adherence(workouts, plan.days_per_week, plan.since or today, today)
    return {
        "formula": formula,
        "formula_text": FORMULA_TEXT[formula],
        "e1rm_max_reps": E1RM_MAX_REPS,
        "exercises": exercises,
        "weekly_sets": weekly,
        "adherence": {
            "since": (plan.since or today).isoformat(),
            "days_per_week": plan.days_per_week,
            "workouts": kept.workouts,
            "planned": kept.planned,
            "share": kept.share,
            "current_streak_weeks": kept.current_streak_weeks,
            "longest_streak_weeks": kept.longest_streak_weeks,
        },
    }
