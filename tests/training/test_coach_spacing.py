"""Recovery spacing (soft rule 4) is fixed the way a coach fixes it: by moving sets, not by
taking a group's direct exercise out of the week."""

from __future__ import annotations

from forgefit.catalog import Catalog
from forgefit.training import build_program
from forgefit.training.program import Program

HOME_BEGINNER = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
    "seed": 1,
}


def direct_targets(program: Program, catalog: Catalog) -> set[str]:
    return {catalog.get(e.slug).target for s in program.weeks[0].sessions for e in s.exercises}


def test_a_gap_in_the_hamstrings_week_is_closed_with_a_leg_curl_not_by_dropping_work(
    catalog: Catalog,
):
    # Three full-ish 45-minute days: the deadlift day and the squat day load the hamstrings,
    # day A does not, so Friday to Wednesday is four rest days. A coach gives up a third set of
    # a day-A lift for a leg curl; dropping Friday's hip thrust fixes nothing (the squat still
    # loads the hamstrings) and costs the glutes their direct work.
    program = build_program(HOME_BEGINNER, catalog)
    assert program.review is not None
    targets = direct_targets(program, catalog)
    assert {"hamstrings", "glutes"} <= targets
    assert not [f for f in program.review.findings if f.rule == "soft-4" and f.level == "warning"]
