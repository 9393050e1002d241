"""Direct side-delt and calf work (coach-5) takes the place of work its group can spare, never
the exercise that trains a short group a second time in the week."""

from __future__ import annotations

from forgefit.catalog import Catalog
from forgefit.training import build_program


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
