"""The week optimiser: its incremental bookkeeping agrees with the objective computed from
scratch, its plans are feasible, and it comes close to the exact optimum on small cases."""

from __future__ import annotations

import random
from typing import Any

import pytest

from forgefit.catalog import Catalog
from forgefit.training.exact import brute_force_week, highspy_available, mip_week
from forgefit.training.optimiser import (
    WeekProblem,
    _Search,
    is_feasible,
    plan_cost,
    solve_week,
)
from forgefit.training.planner import _adapt_split, build_week_problem
from forgefit.training.pool import build_pool
from forgefit.training.profile import parse_profile
from forgefit.training.rules import split_for
from tests.training.conftest import BASE_PROFILE


def week_problem(catalog: Catalog, **changes: Any) -> WeekProblem:
    profile = parse_profile({**BASE_PROFILE, **changes}, catalog)
    pool = build_pool(catalog, profile)
    split = _adapt_split(split_for(profile.days_per_week, profile.experience), pool, [])
    problem, _ = build_week_problem(profile, pool, split, catalog.vocab)
    return problem


def small(problem: WeekProblem, rng: random.Random, size: int) -> WeekProblem:
    """One session with `size` of its candidate exercises."""
    spec = problem.sessions[0]
    options = tuple(sorted(rng.sample(spec.options, size)))
    wants_main = any(problem.options[o].main for o in options)
    session = type(spec)(spec.day, spec.capacity, options, wants_main)
    return WeekProblem(**{**problem.__dict__, "sessions": (session,)})


@pytest.mark.parametrize("preset", ["full-gym", "bodyweight"])
def test_incremental_cost_matches_the_cost_computed_from_scratch(catalog: Catalog, preset: str):
    problem = week_problem(catalog, preset=preset, days_per_week=5, experience="advanced")
    search = _Search(problem)
    rng = random.Random(3)
    for _ in range(400):
        s = rng.randrange(len(problem.sessions))
        o = rng.choice(problem.sessions[s].options)
        option = problem.options[o]
        new = rng.choice([0, *range(option.min_sets, option.max_sets + 1)])
        predicted = search.delta(s, o, new)
        before = search.cost
        search.apply(s, o, new)
        assert search.cost == pytest.approx(before + predicted)
        assert search.cost == pytest.approx(plan_cost(problem, search.sets))


def test_undo_restores_the_plan_and_its_cost(catalog: Catalog):
    problem = week_problem(catalog)
    search = _Search(problem)
    o = problem.sessions[0].options[0]
    search.apply(0, o, problem.options[o].min_sets)
    saved = ([dict(s) for s in search.sets], search.cost)
    mark = search.begin()
    for other in problem.sessions[1].options[:5]:
        search.apply(1, other, problem.options[other].max_sets)
    search.undo(mark)
    search.end(mark)
    assert ([dict(s) for s in search.sets], search.cost) == saved


@pytest.mark.parametrize("minutes", [15, 30, 60, 120])
def test_plans_fit_every_session_and_use_allowed_set_counts(catalog: Catalog, minutes: int):
    problem = week_problem(catalog, minutes_per_session=minutes, days_per_week=4)
    assert is_feasible(problem, solve_week(problem))


def test_heuristic_is_near_the_brute_force_optimum_on_small_cases(catalog: Catalog):
    rng = random.Random(11)
    gaps = []
    for goal in ("strength", "hypertrophy", "endurance", "general-fitness"):
        for minutes in (20, 45):
            problem = week_problem(catalog, goal=goal, minutes_per_session=minutes,
                                   days_per_week=1, preset="full-gym")  # fmt: skip
            case = small(problem, rng, 6)
            heuristic = plan_cost(case, solve_week(case))
            exact = brute_force_week(case).cost
            assert heuristic >= exact - 1e-9
            gaps.append((heuristic - exact) / abs(exact))
    assert sum(gaps) / len(gaps) < 0.02
    assert max(gaps) < 0.10


@pytest.mark.skipif(not highspy_available(), reason="highspy is not installed")
def test_the_mip_model_has_the_same_objective_as_the_heuristic(catalog: Catalog):
    rng = random.Random(5)
    problem = week_problem(catalog, preset="bands", days_per_week=1, minutes_per_session=30)
    case = small(problem, rng, 6)
    exact = brute_force_week(case)
    mip = mip_week(case, time_limit=20)
    assert mip.optimal
    assert mip.cost == pytest.approx(exact.cost)
    assert mip.bound == pytest.approx(exact.cost, abs=1e-4)
