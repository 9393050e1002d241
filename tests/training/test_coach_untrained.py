"""A size program trains every major group directly, and a session's lead lift keeps its
prescribed sets when the planner trades minutes for spacing or for that direct work."""

from __future__ import annotations

from typing import Any

from forgefit.catalog import Catalog
from forgefit.training import build_program, review_program

# The bench's typical "size, beginner, 3 x 45, home dumbbells" program: three full-body days
# with little spare time, where the hamstrings' spacing and the biceps compete for minutes.
SHORT_DUMBBELL_SIZE: dict[str, Any] = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
}


def test_short_dumbbell_size_week_has_a_direct_biceps_exercise(catalog: Catalog):
    program = build_program(SHORT_DUMBBELL_SIZE, catalog)
    week = program.weeks[0]
    targets = [catalog.get(e.slug).target for s in week.sessions for e in s.exercises]
    assert "biceps" in targets
    review = review_program(program, catalog)
    assert not [f.rule for f in review.findings if f.level in ("warning", "error")]


def test_the_first_sessions_lead_squat_keeps_its_three_sets(catalog: Catalog):
    # The leg curl that spaces the hamstrings' week takes its minutes from other lifts, never
    # from the squat the first session is built around.
    program = build_program(SHORT_DUMBBELL_SIZE, catalog)
    first = program.weeks[0].sessions[0]
    lead = first.exercises[0]
    assert lead.pattern == "squat"
    assert lead.sets == 3
    assert any(catalog.get(e.slug).target == "hamstrings" for e in first.exercises)


def test_a_lead_lift_still_gives_a_set_when_no_other_lift_can(catalog: Catalog):
    # Seven 20-minute body-weight days: the push day's only main lift is its push-up, and its
    # third set is the one set that can make room for the plank that spaces the core's week.
    profile = {"goal": "general-fitness", "experience": "intermediate", "days_per_week": 7,
               "minutes_per_session": 20, "preset": "bodyweight", "seed": 224255}  # fmt: skip
    program = build_program(profile, catalog)
    push_b = program.weeks[0].sessions[3]
    assert [e.slug for e in push_b.exercises if e.slug == "plank"]
    assert program.review is not None
    assert "soft-4" not in [f.rule for f in program.review.findings if f.level == "warning"]
