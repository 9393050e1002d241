"""TRAINING.md tables as data: %1RM, deload placement, splits, prescriptions."""

from __future__ import annotations

import math

import pytest

from forgefit.training.progression import deload_sets, deload_weeks
from forgefit.training.rule_catalog import COACH_RULES, HARD_RULES, RULES, SOFT_RULES
from forgefit.training.rules import (
    max_reps_at_percent,
    percent_1rm_for_reps,
    prescription_for,
    split_for,
)


def test_rule_ids_are_hard_one_to_six_soft_one_to_ten_and_coach_one_to_ten():
    assert tuple(f"hard-{i}" for i in range(1, 7)) == HARD_RULES
    assert tuple(f"soft-{i}" for i in range(1, 11)) == SOFT_RULES
    assert tuple(f"coach-{i}" for i in range(1, 11)) == COACH_RULES
    assert set(RULES) == set(HARD_RULES) | set(SOFT_RULES) | set(COACH_RULES)
    assert all(RULES[rule].source for rule in COACH_RULES)


@pytest.mark.parametrize(("reps", "percent"), [(1, 100), (5, 87), (8, 80), (10, 75), (15, 65)])
def test_percent_1rm_follows_the_table(reps: int, percent: float):
    assert percent_1rm_for_reps(reps) == percent


def test_percent_1rm_interpolates_between_rows_and_stops_past_fifteen():
    assert percent_1rm_for_reps(11) == pytest.approx(72.5)
    assert percent_1rm_for_reps(16) is None


def test_eighty_five_percent_for_twelve_is_impossible():
    assert max_reps_at_percent(85) == pytest.approx(6)
    assert max_reps_at_percent(85) < 12
    assert max_reps_at_percent(60) == math.inf
    assert max_reps_at_percent(101) == 0


@pytest.mark.parametrize(
    ("weeks", "deloads"),
    [(3, []), (4, [4]), (5, [5]), (6, [6]), (7, [5]), (8, [4, 8]), (11, [5, 11]), (13, [4, 8, 13])],
)
def test_a_deload_ends_every_four_to_six_week_block(weeks: int, deloads: list[int]):
    assert deload_weeks(weeks) == deloads


def test_a_deload_keeps_about_half_the_sets_and_one_per_exercise():
    assert deload_sets([3, 3, 3, 3]) == [2, 2, 1, 1]
    assert deload_sets([5, 2]) == [3, 1]
    assert sum(deload_sets([4, 4, 4])) == 6


def test_splits_follow_the_table():
    assert split_for(2, "intermediate").slug == "full-body"
    assert split_for(4, "beginner").slug == "upper-lower"
    assert split_for(6, "beginner").note is not None
    assert [s.day for s in split_for(7, "advanced").sessions] == [1, 2, 3, 4, 5, 6, 7]


def test_prescriptions_follow_the_goal_table():
    strength = prescription_for("strength", "intermediate")
    assert strength.main_reps[1] <= 6 and 120 <= strength.main_rest <= 300
    assert prescription_for("strength", "beginner").main_reps[0] >= 6
    assert prescription_for("hypertrophy", "beginner").sets == (2, 4)
    endurance = prescription_for("endurance", "advanced")
    assert endurance.main_reps[0] >= 12 and endurance.sets == (2, 3)
