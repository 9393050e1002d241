"""The review checks any program, rule by rule; findings name the rule, the number and a fix."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from forgefit.catalog import Catalog
from forgefit.training import Finding, ProgramError, review_program
from tests.training.conftest import Plan


def findings(program: dict[str, Any], catalog: Catalog, rule: str) -> list[Finding]:
    return [f for f in review_program(program, catalog).findings if f.rule == rule]


@pytest.fixture
def program(plan: Plan) -> dict[str, Any]:
    return plan(goal="strength", experience="intermediate", preset="home-dumbbells").to_dict()


def first_exercise(program: dict[str, Any]) -> dict[str, Any]:
    exercise: dict[str, Any] = program["weeks"][0]["sessions"][0]["exercises"][0]
    return exercise


def test_review_of_a_planned_program_passes(program: dict[str, Any], catalog: Catalog):
    review = review_program(program, catalog)
    assert review.passed
    assert not [f for f in review.findings if f.level == "error"]


def test_review_flags_hard_rule_with_number(program: dict[str, Any], catalog: Catalog):
    first_exercise(program)["sets"] = 14
    [finding, *_] = findings(program, catalog, "hard-3")
    assert finding.level == "error"
    assert finding.message.startswith("hard-3 (Time budget)")
    assert "min by the time model against a 45-min budget" in finding.message
    assert finding.value is not None and finding.value > 45
    assert finding.fix and "minutes_per_session" in finding.fix
    assert not review_program(program, catalog).passed


def test_review_flags_missing_equipment_and_names_a_replacement(
    program: dict[str, Any], catalog: Catalog
):
    first_exercise(program)["slug"] = "barbell-back-squat"
    [finding] = findings(program, catalog, "hard-1")
    assert "needs a barbell and a squat rack" in finding.message
    assert finding.fix is not None and finding.fix.startswith("replace it with")


def test_review_flags_an_injury_conflict(program: dict[str, Any], catalog: Catalog):
    program["profile"]["injuries"] = [{"joint": "lower-back", "severity": "serious"}]
    first_exercise(program)["slug"] = "dumbbell-romanian-deadlift"
    # Other planned lifts may load the lower back too; the swapped-in one must be flagged.
    [finding] = [
        f for f in findings(program, catalog, "hard-2") if "Dumbbell Romanian Deadlift" in f.message
    ]
    assert "moderate stress on the lower back" in finding.message
    assert "serious lower back note" in finding.message


def test_review_flags_an_excluded_exercise(program: dict[str, Any], catalog: Catalog):
    program["profile"]["exclude"] = [first_exercise(program)["slug"]]
    [finding] = findings(program, catalog, "hard-2")
    assert "you excluded it" in finding.message


def test_review_flags_an_advanced_exercise_for_a_beginner(
    program: dict[str, Any], catalog: Catalog
):
    program["profile"]["experience"] = "beginner"
    program["profile"]["preset"] = "full-gym"
    program["profile"]["equipment"] = []
    first_exercise(program)["slug"] = "nordic-hamstring-curl"
    # The intermediate plan may hold other advanced lifts; check the one planted here.
    [finding] = [
        f for f in findings(program, catalog, "hard-4") if f.slug == "nordic-hamstring-curl"
    ]
    assert "advanced, more than one level above beginner" in finding.message


def test_review_flags_an_impossible_percent_and_reps_pair(
    program: dict[str, Any], catalog: Catalog
):
    item = first_exercise(program)
    item["load_percent_1rm"] = 85.0
    item["reps"] = [10, 12]
    [finding] = findings(program, catalog, "hard-6")
    assert "12 reps at 85 % of 1RM" in finding.message
    assert "about 6 reps" in finding.message


def test_review_flags_a_load_jump_over_ten_percent(plan: Plan, catalog: Catalog):
    lifts = {"barbell-back-squat": {"weight_kg": 120, "reps": 5},
             "barbell-bench-press": {"weight_kg": 90, "reps": 5}}  # fmt: skip
    program = plan(goal="strength", experience="intermediate", preset="full-gym",
                   lifts=lifts).to_dict()  # fmt: skip
    loaded = [
        (w, s, e)
        for w, week in enumerate(program["weeks"][:2])
        for s, session in enumerate(week["sessions"])
        for e, item in enumerate(session["exercises"])
        if item["load_percent_1rm"] is not None
    ]
    _, session, index = next(key for key in loaded if key[0] == 1)
    earlier = program["weeks"][0]["sessions"][session]["exercises"][index]["load_percent_1rm"]
    program["weeks"][1]["sessions"][session]["exercises"][index]["load_percent_1rm"] = min(
        100.0, earlier * 1.2
    )
    program["weeks"][1]["sessions"][session]["exercises"][index]["reps"] = [1, 1]
    step = [f for f in findings(program, catalog, "hard-5") if f.week == 2]
    assert step and "a 20.0 % step" in step[0].message


def test_review_flags_progression_steps_over_ten_percent(program: dict[str, Any], catalog: Catalog):
    first_exercise(program)["progression"]["max_step_percent"] = 15
    [finding] = findings(program, catalog, "hard-5")
    assert "15" in finding.message and "10 %" in finding.message


def test_review_flags_low_volume_with_the_band(plan: Plan, catalog: Catalog):
    program = plan(goal="hypertrophy", preset="full-gym", minutes_per_session=60).to_dict()
    for week in program["weeks"]:
        for session in week["sessions"]:
            session["exercises"] = [
                e for e in session["exercises"] if catalog.get(e["slug"]).target != "chest"
            ]
    prefix = "soft-2 (Weekly hard sets): Chest"
    chest = [f for f in findings(program, catalog, "soft-2") if f.message.startswith(prefix)]
    assert chest
    assert "below the 8-12 band for hypertrophy (beginner)" in chest[0].message
    assert chest[0].fix and chest[0].level in ("warning", "info")


def test_review_flags_more_push_than_pull(program: dict[str, Any], catalog: Catalog):
    for week in program["weeks"]:
        for session in week["sessions"]:
            session["exercises"] = [
                e for e in session["exercises"]
                if e.get("pattern") not in ("horizontal-pull", "vertical-pull")
            ]  # fmt: skip
    rule = findings(program, catalog, "soft-5")
    assert any("pull sets against" in f.message or "pull pattern" in f.message for f in rule)


def test_review_flags_a_program_without_a_deload(program: dict[str, Any], catalog: Catalog):
    extra = [copy.deepcopy(program["weeks"][0]) for _ in range(3)]
    program["weeks"] = program["weeks"][:4] + extra
    for number, week in enumerate(program["weeks"], start=1):
        week["week"] = number
        week["deload"] = False
    [finding] = findings(program, catalog, "soft-10")
    assert "7 building weeks in a row" in finding.message


def test_review_flags_a_weak_deload(program: dict[str, Any], catalog: Catalog):
    deload = program["weeks"][-1]
    assert deload["deload"]
    deload["sessions"] = copy.deepcopy(program["weeks"][-2]["sessions"])
    [finding] = findings(program, catalog, "soft-10")
    assert "keeps 100% of the sets" in finding.message


def test_review_flags_too_many_sets_for_one_exercise(program: dict[str, Any], catalog: Catalog):
    item = first_exercise(program)
    item["sets"] = 8
    program["profile"]["minutes_per_session"] = 180
    [finding] = findings(program, catalog, "soft-8")
    assert "has 8 sets" in finding.message


def test_review_flags_isolation_before_a_compound_lift(plan: Plan, catalog: Catalog):
    program = plan().to_dict()
    session = program["weeks"][0]["sessions"][0]
    isolation = next(
        e for e in session["exercises"] if catalog.get(e["slug"]).mechanic == "isolation"
    )
    session["exercises"].remove(isolation)
    session["exercises"].insert(0, isolation)
    assert findings(program, catalog, "soft-3")


def test_review_notes_days_outside_the_usual_range_as_info(plan: Plan, catalog: Catalog):
    program = plan(days_per_week=6, preset="full-gym").to_dict()
    [finding] = findings(program, catalog, "soft-7")
    assert finding.level == "info" and finding.limited_by == "days"
    assert "6 sessions a week" in finding.message and "2-3" in finding.message


def test_review_lists_every_rule_with_its_checks(program: dict[str, Any], catalog: Catalog):
    review = review_program(program, catalog)
    by_rule = {r.rule: r for r in review.rules}
    assert len(by_rule) == 26
    assert by_rule["hard-3"].checks == sum(len(w["sessions"]) for w in program["weeks"])
    assert all(r.met <= r.checks for r in review.rules)


def test_review_accepts_a_program_without_the_planner_extras(
    program: dict[str, Any], catalog: Catalog
):
    keep = {"slug", "sets", "reps", "seconds", "rest_seconds", "rir", "why"}
    for week in program["weeks"]:
        week.pop("weekly_sets", None)
        for session in week["sessions"]:
            for key in ("warmup", "type", "weekday"):
                session.pop(key, None)
            session["exercises"] = [{k: e[k] for k in keep} for e in session["exercises"]]
    program.pop("review")
    review = review_program(program, catalog)
    assert review.rules


def test_review_refuses_a_program_of_the_wrong_shape(catalog: Catalog):
    with pytest.raises(ProgramError) as caught:
        review_program({"profile": {}, "split": "x", "weeks": "nope"}, catalog)
    fields = {p.field for p in caught.value.problems}
    assert "weeks" in fields


def test_review_refuses_an_unknown_exercise_with_its_location(
    program: dict[str, Any], catalog: Catalog
):
    first_exercise(program)["slug"] = "goblet-sqat"
    with pytest.raises(ProgramError) as caught:
        review_program(program, catalog)
    assert caught.value.problems[0].field == "weeks[0].sessions[0].exercises[0].slug"
    assert "goblet-squat" in caught.value.problems[0].message
