"""Trades a coach makes to serve a focus: rowing added so a pressing key exercise fits the
push/pull balance, two full accessories making way for one key exercise, and a two-handed row
accepted in a week too short for the one-arm staple."""

from __future__ import annotations

from typing import Any

from forgefit.catalog import Catalog
from forgefit.training import build_program
from forgefit.training.program import Program
from forgefit.training.rules import PULL_PATTERNS, PUSH_PATTERNS


def _sessions_with(program: Program, slugs: set[str]) -> int:
    return sum(1 for s in program.weeks[0].sessions if slugs & {e.slug for e in s.exercises})


def _push_pull(program: Program, catalog: Catalog) -> tuple[int, int]:
    push = pull = 0
    for session in program.weeks[0].sessions:
        for entry in session.exercises:
            pattern = catalog.get(entry.slug).pattern
            push += entry.sets if pattern in PUSH_PATTERNS else 0
            pull += entry.sets if pattern in PULL_PATTERNS else 0
    return push, pull


def _warnings(program: Program, rule: str) -> list[str]:
    assert program.review is not None
    return [f.message for f in program.review.findings if f.rule == rule and f.level == "warning"]


def test_a_chest_focus_gets_its_bench_twice_with_rowing_to_match(catalog: Catalog):
    # Two 90-minute endurance circuits with a chest focus: the bench was in one circuit only,
    # because a second press would have put pressing ahead of pulling. A coach adds a row and
    # then the press; the chest keeps its fly work on the other day.
    profile: dict[str, Any] = {
        "goal": "endurance", "experience": "intermediate", "days_per_week": 2,
        "minutes_per_session": 90, "seed": 748753, "preset": "full-gym", "focus": ["chest"],
    }  # fmt: skip
    program = build_program(profile, catalog)
    bench = {"barbell-bench-press", "incline-barbell-bench-press"}
    assert _sessions_with(program, bench) == 2
    push, pull = _push_pull(program, catalog)
    assert pull >= push
    assert _warnings(program, "coach-7") == []
    assert _warnings(program, "coach-9") == []


def test_a_shoulder_focus_gets_its_press_twice_in_body_weight_circuits(catalog: Catalog):
    profile: dict[str, Any] = {
        "goal": "endurance", "experience": "advanced", "days_per_week": 2,
        "minutes_per_session": 45, "seed": 942412, "equipment": ["foam-roller"],
        "focus": ["shoulders", "hamstrings"],
    }  # fmt: skip
    program = build_program(profile, catalog)
    assert _sessions_with(program, {"pike-push-up"}) == 2
    push, pull = _push_pull(program, catalog)
    assert pull >= push
    assert _warnings(program, "soft-5") == []


def test_two_full_accessories_make_way_for_a_glute_focus_hip_thrust(catalog: Catalog):
    # Six home-dumbbell days, glutes and hamstrings in focus: the quads and hamstrings were
    # past their band, so the hip thrust (which also loads them) fitted on neither leg day
    # beside a knee extension and a leg curl. Both make way on the second leg day.
    profile: dict[str, Any] = {
        "goal": "hypertrophy", "experience": "beginner", "days_per_week": 6,
        "minutes_per_session": 180, "seed": 947968, "preset": "home-dumbbells",
        "injuries": [{"joint": "neck", "severity": "serious"},
                     {"joint": "wrist", "severity": "serious"},
                     {"joint": "knee", "severity": "mild"}],
        "focus": ["glutes", "hamstrings"],
    }  # fmt: skip
    program = build_program(profile, catalog)
    assert _sessions_with(program, {"dumbbell-hip-thrust"}) == 2
    # The hamstrings' own key exercise is never what makes way.
    assert _sessions_with(program, {"dumbbell-romanian-deadlift"}) == 2
    assert _warnings(program, "coach-7") == []


def test_a_short_week_may_row_with_both_hands_instead_of_the_one_arm_staple(catalog: Catalog):
    # One 20-minute kettlebell session: the single-arm kettlebell row, done one side at a
    # time, does not fit beside the squat and the press; a door-frame row does. The review
    # marks the staple as limited by time instead of calling it a coach's mistake.
    profile: dict[str, Any] = {
        "goal": "strength", "experience": "intermediate", "days_per_week": 1,
        "minutes_per_session": 20, "seed": 860280, "preset": "kettlebell",
    }  # fmt: skip
    program = build_program(profile, catalog)
    assert program.review is not None
    staples = [f for f in program.review.findings if f.rule == "coach-1"]
    assert not [f for f in staples if f.level == "warning"]
    rows = [f for f in staples if "row" in f.message]
    assert rows and all(f.limited_by == "time" for f in rows)
