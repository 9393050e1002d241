"""A focus group's key exercise goes into a second session even when that session already
loads the group hard next to another hard day: adding it there moves no hard day (soft-4 is
about which days load a group hard), so spacing is no reason to leave the focus served once."""

from __future__ import annotations

from typing import Any

import pytest

from forgefit.catalog import Catalog
from forgefit.training import build_program, review_program

# A body-weight upper/lower week with a shoulder focus: Upper B already loads the shoulders
# hard (push-ups, a handstand push-up) beside a lower day that loads them hard too (mountain
# climbers), so the pike push-up was refused there and the focus got it once a week.
SHOULDERS = {"goal": "general-fitness", "experience": "advanced", "days_per_week": 4,
             "minutes_per_session": 50, "seed": 360314, "preset": "bodyweight",
             "focus": ["shoulders"]}  # fmt: skip
# Five long gym days with a biceps focus: every curl was refused for the forearms' spacing
# in sessions whose rows already load the forearms hard.
BICEPS = {"goal": "general-fitness", "experience": "beginner", "days_per_week": 5,
          "minutes_per_session": 180, "seed": 198315, "preset": "full-gym",
          "focus": ["biceps", "triceps"], "favourites": ["kettlebell-seesaw-press",
          "preacher-curl", "kettlebell-push-press"]}  # fmt: skip


@pytest.mark.parametrize("profile", [SHOULDERS, BICEPS], ids=["shoulders", "biceps"])
def test_a_focus_key_exercise_goes_where_the_group_is_already_loaded_hard(
    catalog: Catalog, profile: dict[str, Any]
):
    program = build_program(profile, catalog)
    review = review_program(program, catalog)
    focus = [f for f in review.findings if f.rule == "coach-7" and f.level == "warning"]
    assert focus == []


def test_a_focus_curl_is_not_held_back_by_the_forearms_spacing(catalog: Catalog):
    # Seven kettlebell days with a biceps focus: a curl's half-set for the forearms made the
    # pull days hard for the grip next to the swing and deadlift days, so the week had no
    # curl at all. A coach spaces the major groups and the focus (what soft-4 checks), not
    # the grip.
    profile = {"goal": "strength", "experience": "intermediate", "days_per_week": 7,
               "minutes_per_session": 40, "seed": 238642, "preset": "kettlebell",
               "focus": ["biceps", "hamstrings"]}  # fmt: skip
    program = build_program(profile, catalog)
    curls = [s for s in program.weeks[0].sessions if any(e.slug == "kettlebell-curl"
             for e in s.exercises)]  # fmt: skip
    assert len(curls) >= 2
    review = review_program(program, catalog)
    assert not [f for f in review.findings if f.rule == "coach-7" and f.level == "warning"]
