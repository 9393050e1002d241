"""Copies of one session that are all cut to fit their minutes take turns with the staple
lifts left out, so the week still has every staple (coach-1) and pattern (coach-2)."""

from __future__ import annotations

from typing import Any

from forgefit.catalog import Catalog
from forgefit.training import build_program

from .test_coach_staples import staple_and_pattern_warnings


def test_repeated_bodyweight_days_rotate_the_presses_and_pulls(catalog: Catalog):
    # The bodyweight routine's one session three times a week: 45 strength minutes hold five
    # lifts, so every copy used to lose the push-up and the pike push-up (and keep the dip).
    # Now one copy has the push-up and another the pike push-up in place of the dip.
    for minutes, neck, back in ((45, "serious", None), (40, None, "serious")):
        injuries = [{"joint": "ankle", "severity": "serious"}]
        if neck:
            injuries.append({"joint": "neck", "severity": neck})
        if back:
            injuries.append({"joint": "lower-back", "severity": back})
        profile: dict[str, Any] = {
            "goal": "strength",
            "experience": "beginner",
            "days_per_week": 3,
            "minutes_per_session": minutes,
            "preset": "bodyweight",
            "injuries": injuries,
            "seed": 1,
        }
        program = build_program(profile, catalog)
        assert program.template.slug == "bodyweight-recommended-routine"
        patterns = {e.pattern for s in program.weeks[0].sessions for e in s.exercises}
        assert {"horizontal-push", "vertical-push", "horizontal-pull"} <= patterns, profile
        assert not staple_and_pattern_warnings(program), profile
        review = program.review
        assert review is not None
        assert not [f for f in review.findings if f.level == "error"]
