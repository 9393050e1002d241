"""Minutes still spare once the week is spaced go to more sets for the groups below target,
where no hard day is added or moved."""

from __future__ import annotations

from forgefit.catalog import Catalog
from forgefit.training import build_program

# Seven 45-minute days with kettlebells and a pull-up bar: the second leg day was already hard
# for the glutes beside the carries day that is hard for them too, so every set of squats was
# refused there, and it used 29 of its 45 minutes with the quads below their band.
SEVEN_KETTLEBELL_DAYS = {"goal": "hypertrophy", "experience": "advanced", "days_per_week": 7,
                         "minutes_per_session": 45, "seed": 121252,
                         "equipment": ["kettlebell", "medicine-ball", "stationary-bike",
                                       "pull-up-bar", "rowing-machine", "body-weight"],
                         "focus": ["triceps", "shoulders"]}  # fmt: skip


def test_a_short_leg_day_beside_a_hard_day_still_uses_its_minutes(catalog: Catalog):
    program = build_program(SEVEN_KETTLEBELL_DAYS, catalog)
    assert program.review is not None
    unused = [f for f in program.review.findings if f.rule == "coach-9" and f.level == "warning"]
    assert unused == []


def test_spare_minutes_add_no_hard_day(catalog: Catalog):
    # The extra sets go where the group is already loaded hard or stays light: soft-4 finds
    # nothing new to space.
    program = build_program(SEVEN_KETTLEBELL_DAYS, catalog)
    assert program.review is not None
    spacing = [f for f in program.review.findings if f.rule == "soft-4" and f.level == "warning"]
    assert spacing == []
