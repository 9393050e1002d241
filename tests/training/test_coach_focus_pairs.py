"""Two focus groups: making room for one group's key exercise never takes out the other's."""

from __future__ import annotations

from forgefit.catalog import Catalog
from forgefit.training import build_program, review_program


def test_room_for_one_focus_never_costs_another_focus_its_key_exercise(catalog: Catalog):
    # Seven 30-minute kettlebell days with hamstrings and glutes as focus: the kettlebell
    # deadlift (the hamstrings' key exercise) aims at the glutes, so room for the glutes' bridge
    # was made by taking it out of a leg day, and the hamstrings got their key exercise once.
    profile = {"goal": "hypertrophy", "experience": "intermediate", "days_per_week": 7,
               "minutes_per_session": 30, "seed": 781110, "preset": "kettlebell",
               "focus": ["hamstrings", "glutes"],
               "injuries": [{"joint": "wrist", "severity": "mild"},
                            {"joint": "knee", "severity": "serious"},
                            {"joint": "elbow", "severity": "serious"}]}  # fmt: skip
    program = build_program(profile, catalog)
    review = review_program(program, catalog)
    unserved = [f for f in review.findings if f.rule == "coach-7" and f.level == "warning"]
    assert unserved == []
