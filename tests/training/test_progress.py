"""Progress figures from logged workouts: estimated 1RM, records, weekly sets, streaks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forgefit.catalog import Catalog
from forgefit.training.increments import estimated_1rm, load_for, round_down, step_up
from forgefit.training.logs import LoggedSet, LoggedWorkout, check_set
from forgefit.training.progress import (
    adherence,
    e1rm_series,
    personal_records,
    weekly_sets_by_group,
)

MONDAY = date(2026, 11, 2)


def workout(day: date, *sets: LoggedSet) -> LoggedWorkout:
    return LoggedWorkout(day, sets)


def test_epley_and_brzycki_are_named_and_only_use_sets_of_ten_reps_or_fewer() -> None:
    assert estimated_1rm(100, 5) == pytest.approx(116.667, abs=0.01)
    assert estimated_1rm(100, 5, "brzycki") == pytest.approx(112.5)
    assert estimated_1rm(100, 11) is None
    log = [
        workout(
            MONDAY, LoggedSet("barbell-back-squat", 100, 5), LoggedSet("barbell-back-squat", 60, 15)
        ),
        workout(MONDAY + timedelta(days=3), LoggedSet("barbell-back-squat", 105, 3)),
    ]
    series = e1rm_series(log, "barbell-back-squat")
    assert [(p.on, p.e1rm_kg, p.formula) for p in series] == [
        (MONDAY, 116.7, "epley"),
        (MONDAY + timedelta(days=3), 115.5, "epley"),
    ]


def test_personal_records_cover_weight_reps_e1rm_and_volume() -> None:
    log = [
        workout(MONDAY, *[LoggedSet("barbell-bench-press", 60, 10)] * 3),
        workout(MONDAY + timedelta(days=3), LoggedSet("barbell-bench-press", 80, 3)),
        workout(MONDAY + timedelta(days=7), LoggedSet("barbell-bench-press", 60, 12)),
    ]
    records = {(r.kind, r.detail) for r in personal_records(log, "barbell-bench-press")}
    assert ("heaviest", "80 kg x 3") in records
    assert ("best-volume", "1800 kg lifted in one session") in records
    assert ("best-e1rm", "88 kg (Epley, from 80 kg x 3)") in records
    assert ("most-reps-at-weight", "12 reps at 60 kg") in records


def test_weekly_sets_count_secondary_muscles_as_half(catalog: Catalog) -> None:
    squat = catalog.get("barbell-back-squat")
    log = [workout(MONDAY, *[LoggedSet("barbell-back-squat", 100, 5)] * 4)]
    volume = {v.group: v for v in weekly_sets_by_group(log, catalog, "hypertrophy", "beginner")}
    target_group = catalog.vocab.muscles[squat.target].group
    assert volume[target_group].sets == 4
    secondary_groups = {catalog.vocab.muscles[m].group for m in squat.secondary} - {target_group}
    for group in secondary_groups:
        assert volume[group].sets == 2
    assert volume[target_group].band_low is not None


def test_streaks_and_adherence_count_weeks_with_a_workout() -> None:
    days = [
        MONDAY,
        MONDAY + timedelta(days=2),
        MONDAY + timedelta(days=7),
        MONDAY + timedelta(days=21),
    ]
    log = [workout(d, LoggedSet("push-up", None, 10)) for d in days]
    result = adherence(log, days_per_week=2, since=MONDAY, today=MONDAY + timedelta(days=22))
    assert (result.workouts, result.planned) == (4, 8)
    assert result.share == 0.5
    assert result.longest_streak_weeks == 2
    assert result.current_streak_weeks == 1


def test_loads_are_real_weights() -> None:
    assert round_down(23.7, "dumbbell") == 22.5
    assert round_down(13.0, "kettlebell") == 12.0
    assert round_down(61.0, "barbell") == 60.0
    assert step_up(16.0, "kettlebell").load_kg == 16.0  # 20 kg would be 25 % heavier
    assert step_up(100.0, "barbell", 1, 5.0).load_kg == 105.0
    assert step_up(100.0, "barbell", 3, 5.0).load_kg == 110.0  # capped at 10 %
    assert load_for(100.0, 5, 2, "barbell") == 82.5  # 7 reps to failure: 83 %


def test_impossible_sets_are_refused_with_the_field_named() -> None:
    known = {"barbell-back-squat"}
    problems = check_set(LoggedSet("barbell-back-squat", -5, 1000, None, 9), known)
    assert {p.field for p in problems} == {"load_kg", "reps", "rir"}
    missing = check_set(LoggedSet("moon-squat", 50, 5), known)
    assert [p.field for p in missing] == ["exercise"]
    assert check_set(LoggedSet("barbell-back-squat", 100, 5, None, 2), known) == []
