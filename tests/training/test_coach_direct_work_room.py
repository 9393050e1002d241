"""Direct side-delt and calf work (coach-5) takes the place of work its group can spare, never
the exercise that trains a short group a second time in the week."""

from __future__ import annotations

from forgefit.catalog import Catalog
from forgefit.training import build_program, review_program


def test_calf_work_leaves_the_chests_second_session_in_place(catalog: Catalog):
    # Advanced size work with one kettlebell, three 60-minute days: the calf raises take the
    # place of the Turkish get-ups (the shoulders are past their target), not of the push-up
    # that is the chest's second session of the week.
    profile = {"goal": "hypertrophy", "experience": "advanced", "days_per_week": 3,
               "minutes_per_session": 60, "preset": "kettlebell", "focus": ["quads", "back"],
               "seed": 342538}  # fmt: skip
    week = build_program(profile, catalog).weeks[0]
    chest_days = [
        s for s in week.sessions if any(catalog.get(e.slug).target == "chest" for e in s.exercises)
    ]
    assert len(chest_days) >= 2
    calves = sum(e.sets for s in week.sessions for e in s.exercises if "calf" in e.slug)
    assert calves >= 6


# Seven 30-minute kettlebell days: the only sessions with minutes for a calf raise sit between
# days that load the calves hard (squats, the tibialis raise). Soft-4 spaces the major groups,
# not the calves, so the calf raise goes there (in place of a chest drill the chest can spare)
# rather than leaving the calves at four sets.
SEVEN_KETTLEBELL_DAYS = {"goal": "hypertrophy", "experience": "intermediate",
                         "days_per_week": 7, "minutes_per_session": 30, "seed": 781110,
                         "preset": "kettlebell", "focus": ["hamstrings", "glutes"],
                         "injuries": [{"joint": "wrist", "severity": "mild"},
                                      {"joint": "knee", "severity": "serious"},
                                      {"joint": "elbow", "severity": "serious"}]}  # fmt: skip


def test_calf_work_goes_beside_the_leg_days_when_nothing_else_has_room(catalog: Catalog):
    week = build_program(SEVEN_KETTLEBELL_DAYS, catalog).weeks[0]
    calves = sum(
        e.sets for s in week.sessions for e in s.exercises if catalog.get(e.slug).target == "calves"
    )
    assert calves >= 6


def test_calf_work_takes_a_pull_days_free_minutes_before_the_cores_last_exercise(
    catalog: Catalog,
):
    # Six 40-minute days with a sandbag and a dip station: the pull day between the leg day
    # and the push day has minutes to spare, but both neighbours load the calves hard, so the
    # calf raise took the push day's side plank and left the core below its band (soft-2).
    profile = {"goal": "hypertrophy", "experience": "intermediate", "days_per_week": 6,
               "minutes_per_session": 40, "seed": 388079,
               "equipment": ["sandbag", "dip-station"],
               "injuries": [{"joint": "hip", "severity": "serious"},
                            {"joint": "knee", "severity": "mild"},
                            {"joint": "ankle", "severity": "serious"}],
               "favourites": ["standing-quad-stretch"]}  # fmt: skip
    program = build_program(profile, catalog)
    review = review_program(program, catalog)
    short = [f for f in review.findings if f.rule in ("soft-2", "coach-5") and f.level == "warning"]
    assert short == []
