"""Progress from logged workouts: estimated 1RM over time, personal records, weekly sets per
muscle group against the target band, streaks and adherence.

Estimated 1RM uses only sets of at most 10 reps (Reynolds et al. 2006) and always says which
formula it used (Epley by default, Brzycki on request).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from forgefit.catalog.index import Catalog
from forgefit.training.increments import E1RMFormula, estimated_1rm
from forgefit.training.logs import LoggedWorkout
from forgefit.training.rules import VOLUME_BANDS, Experience, Goal

SECONDARY_SHARE = 0.5  # Pelland et al. 2026: a secondary muscle's set counts as half


@dataclass(frozen=True, slots=True)
class E1RMPoint:
    on: date
    exercise: str
    e1rm_kg: float
    from_load_kg: float
    from_reps: int
    formula: E1RMFormula


@dataclass(frozen=True, slots=True)
class PersonalRecord:
    exercise: str
    kind: str  # heaviest, most-reps-at-weight, best-e1rm, best-volume
    value: float
    detail: str
    on: date


@dataclass(frozen=True, slots=True)
class WeeklyVolume:
    week_start: date  # the Monday
    group: str
    sets: float
    band_low: float | None
    band_high: float | None


@dataclass(frozen=True, slots=True)
class Adherence:
    workouts: int
    planned: int
    share: float | None  # workouts / planned, None when nothing was planned
    current_streak_weeks: int
    longest_streak_weeks: int


def e1rm_series(
    workouts: Sequence[LoggedWorkout], exercise: str, formula: E1RMFormula = "epley"
) -> list[E1RMPoint]:
    """The best estimated 1RM of each workout that did `exercise`, oldest first."""
    points: list[E1RMPoint] = []
    for workout in sorted(workouts, key=lambda w: w.performed_on):
        best: E1RMPoint | None = None
        for logged in workout.sets:
            if logged.exercise != exercise or logged.load_kg is None or logged.reps is None:
                continue
            value = estimated_1rm(logged.load_kg, logged.reps, formula)
            if value is not None and (best is None or value > best.e1rm_kg):
                best = E1RMPoint(
                    workout.performed_on,
                    exercise,
                    round(value, 1),
                    logged.load_kg,
                    logged.reps,
                    formula,
                )
        if best is not None:
            points.append(best)
    return points


def personal_records(
    workouts: Sequence[LoggedWorkout], exercise: str, formula: E1RMFormula = "epley"
) -> list[PersonalRecord]:
    """Heaviest set, most reps at each weight's best, best estimated 1RM, best session volume."""
    heaviest: PersonalRecord | None = None
    volume_best: PersonalRecord | None = None
    reps_at: dict[float, PersonalRecord] = {}
    for workout in sorted(workouts, key=lambda w: w.performed_on):
        volume = 0.0
        for logged in workout.sets:
            if logged.exercise != exercise or logged.load_kg is None or not logged.reps:
                continue
            load, reps, on = logged.load_kg, logged.reps, workout.performed_on
            volume += load * reps
            if heaviest is None or load > heaviest.value:
                heaviest = PersonalRecord(exercise, "heaviest", load, f"{load:g} kg x {reps}", on)
            best_here = reps_at.get(load)
            if best_here is None or reps > best_here.value:
                reps_at[load] = PersonalRecord(
                    exercise, "most-reps-at-weight", reps, f"{reps} reps at {load:g} kg", on
                )
        if volume and (volume_best is None or volume > volume_best.value):
            volume_best = PersonalRecord(
                exercise,
                "best-volume",
                volume,
                f"{volume:g} kg lifted in one session",
                workout.performed_on,
            )
    records = [r for r in (heaviest, volume_best) if r is not None]
    series = e1rm_series(workouts, exercise, formula)
    if series:
        top = max(series, key=lambda p: p.e1rm_kg)
        records.append(
            PersonalRecord(
                exercise,
                "best-e1rm",
                top.e1rm_kg,
                f"{top.e1rm_kg:g} kg ({formula.capitalize()}, from {top.from_load_kg:g} kg x "
                f"{top.from_reps})",
                top.on,
            )
        )
    records.extend(sorted(reps_at.values(), key=lambda r: r.detail))
    return records


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_sets_by_group(
    workouts: Sequence[LoggedWorkout],
    catalog: Catalog,
    goal: Goal | None = None,
    experience: Experience | None = None,
) -> list[WeeklyVolume]:
    """Hard sets per muscle group per calendar week (secondary muscles count half), with the
    goal's target band where there is one."""
    groups_of = catalog.vocab.muscles
    totals: dict[tuple[date, str], float] = defaultdict(float)
    for workout in workouts:
        week = _monday(workout.performed_on)
        for logged in workout.sets:
            if logged.exercise not in catalog:
                continue
            exercise = catalog.get(logged.exercise)
            totals[(week, groups_of[exercise.target].group)] += 1.0
            for muscle in exercise.secondary:
                group = groups_of[muscle].group
                if group != groups_of[exercise.target].group:
                    totals[(week, group)] += SECONDARY_SHARE
    band = VOLUME_BANDS[goal][experience] if goal and experience else None
    return [
        WeeklyVolume(
            week,
            group,
            sets,
            band.minimum if band else None,
            band.maximum if band else None,
        )
        for (week, group), sets in sorted(totals.items())
    ]


def adherence(
    workouts: Sequence[LoggedWorkout], days_per_week: int, since: date, today: date
) -> Adherence:
    """Workouts against the plan's days per week since `since`, and streaks of weeks with at
    least one workout."""
    done = [w for w in workouts if since <= w.performed_on <= today]
    weeks_elapsed = max(1, ((today - since).days // 7) + 1)
    planned = weeks_elapsed * days_per_week
    trained = {_monday(w.performed_on) for w in done}
    longest = current = 0
    run = 0
    week = _monday(since)
    while week <= _monday(today):
        run = run + 1 if week in trained else 0
        longest = max(longest, run)
        week += timedelta(days=7)
    current = run if _monday(today) in trained else _previous_run(trained, _monday(today))
    return Adherence(
        workouts=len(done),
        planned=planned,
        share=round(len(done) / planned, 3) if planned else None,
        current_streak_weeks=current,
        longest_streak_weeks=longest,
    )


def _previous_run(trained: set[date], this_week: date) -> int:
    """This week is not over yet: the streak is the run of weeks ending last week."""
    run = 0
    week = this_week - timedelta(days=7)
    while week in trained:
        run += 1
        week -= timedelta(days=7)
    return run
