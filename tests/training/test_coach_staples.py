"""The week's only exercise for a movement pattern, or its only staple squat, hinge, press or
pull, survives the planner's later steps (spacing, focus, direct work)."""

from __future__ import annotations

from typing import Any

from forgefit.catalog import Catalog
from forgefit.training import build_program
from forgefit.training.program import Program


def staple_and_pattern_warnings(program: Program) -> list[str]:
    assert program.review is not None
    return [
        f.message
        for f in program.review.findings
        if f.rule in ("coach-1", "coach-2") and f.level == "warning"
    ]


def test_spacing_never_drops_the_weeks_only_overhead_press(catalog: Catalog):
    # Five days with the shoulders loaded on back-to-back days: the spacing fix lightens a
    # session, but not by taking out every overhead press of the week.
    profile: dict[str, Any] = {
        "goal": "general-fitness",
        "experience": "beginner",
        "days_per_week": 5,
        "minutes_per_session": 40,
        "equipment": ["landmine", "weight-plate", "battle-ropes", "sled", "kettlebell",
                      "resistance-band", "cable", "sandbag"],
        "injuries": [{"joint": "hip", "severity": "serious"},
                     {"joint": "shoulder", "severity": "mild"}],
        "seed": 1,
    }  # fmt: skip
    program = build_program(profile, catalog)
    week = program.weeks[0]
    assert any(e.pattern == "vertical-push" for s in week.sessions for e in s.exercises)
    assert not staple_and_pattern_warnings(program)


def test_a_focus_exercise_never_replaces_the_weeks_only_hinge(catalog: Catalog):
    # Glutes as a focus: the glute bridge is added beside the week's deadlift, not in its place.
    for profile in (
        {"goal": "strength", "experience": "beginner", "days_per_week": 1,
         "minutes_per_session": 150, "focus": ["glutes", "quads"],
         "equipment": ["cable", "weight-plate", "trap-bar", "body-weight"]},
        {"goal": "hypertrophy", "experience": "intermediate", "days_per_week": 6,
         "minutes_per_session": 180, "preset": "kettlebell", "focus": ["glutes", "core"]},
    ):  # fmt: skip
        program = build_program({**profile, "seed": 1}, catalog)
        hinges = [e.slug for s in program.weeks[0].sessions for e in s.exercises
                  if e.pattern == "hinge"]  # fmt: skip
        assert hinges, profile
        assert not staple_and_pattern_warnings(program), profile


def test_a_lesser_staple_elsewhere_does_not_make_the_best_one_spare(catalog: Catalog):
    # Three 25-minute dumbbell days with a triceps focus: the triceps extension took the place
    # of the dumbbell RDL, the best hinge there is with dumbbells, because a single-leg RDL
    # (a lesser staple of the hinge) was on another day.
    profile = {"goal": "strength", "experience": "intermediate", "days_per_week": 3,
               "minutes_per_session": 25, "seed": 932559, "focus": ["triceps"],
               "equipment": ["jump-rope", "dumbbell", "body-weight", "squat-rack",
                             "stair-climber", "elliptical"]}  # fmt: skip
    program = build_program(profile, catalog)
    assert not staple_and_pattern_warnings(program)


def test_full_body_b_days_lead_with_the_overhead_press_and_a_pull_up(catalog: Catalog):
    # Three 40-minute full-body strength days have room for three or four heavy lifts each:
    # day B leads with the overhead press and a pull-up or pulldown, so the week holds every
    # press and pull instead of squat, bench and row three times.
    program = build_program(
        {
            "goal": "strength",
            "experience": "advanced",
            "days_per_week": 3,
            "minutes_per_session": 40,
            "preset": "full-gym",
            "injuries": [{"joint": "elbow", "severity": "serious"}],
            "seed": 1,
        },
        catalog,
    )
    day_b = program.weeks[0].sessions[1]
    assert [e.pattern for e in day_b.exercises][1:3] == ["vertical-push", "vertical-pull"]
    assert not staple_and_pattern_warnings(program)


def test_a_favourite_does_not_stand_in_for_a_focus_groups_key_exercise(catalog: Catalog):
    # The biceps movement offers the favourite preacher curl first; the focus still gets one
    # of its key exercises (a barbell, cable or hammer curl) rather than none at all.
    program = build_program(
        {
            "goal": "general-fitness",
            "experience": "beginner",
            "days_per_week": 5,
            "minutes_per_session": 180,
            "preset": "full-gym",
            "focus": ["biceps", "triceps"],
            "favourites": ["kettlebell-seesaw-press", "preacher-curl", "kettlebell-push-press"],
            "seed": 198315,
        },
        catalog,
    )
    assert program.review is not None
    focus = [f.message for f in program.review.findings if f.rule == "coach-7"]
    assert not any("biceps" in m and "in 0 session(s)" in m for m in focus), focus


def test_volume_is_added_with_well_known_exercises_first(catalog: Catalog):
    # Six kettlebell days short of chest work: the extra chest sets come from a push-up
    # variation, not from the little-known isometric squeeze that is the only kettlebell "fly".
    profile: dict[str, Any] = {"goal": "hypertrophy", "experience": "advanced",
                               "days_per_week": 6, "minutes_per_session": 40, "seed": 861016,
                               "preset": "kettlebell", "focus": ["core"]}  # fmt: skip
    program = build_program(profile, catalog)
    popularity = {e.slug: e.popularity for e in catalog.exercises}
    chest = {e.slug for e in catalog.exercises if e.target in ("chest", "upper-chest")}
    planned = {i.slug for s in program.weeks[0].sessions for i in s.exercises}
    assert planned & chest, planned
    assert all(popularity[slug] >= 2 for slug in planned & chest), planned & chest


def test_pulling_keeps_up_with_pressing_in_short_kettlebell_sessions(catalog: Catalog):
    # Two 30-minute sessions with one bell, pulling behind pressing: the biceps' extra sets
    # come from a row (which balances the pressing too), not from a curl.
    profile: dict[str, Any] = {"goal": "general-fitness", "experience": "beginner",
                               "days_per_week": 2, "minutes_per_session": 30,
                               "preset": "kettlebell"}  # fmt: skip
    program = build_program(profile, catalog)
    assert program.review is not None
    balance = [f for f in program.review.findings if f.rule == "soft-5" and f.level == "warning"]
    assert not balance, balance
