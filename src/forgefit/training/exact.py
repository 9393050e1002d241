"""Exact optima of the week problem, to measure the heuristic in `optimiser.py` against.

Two solvers of the same model (`optimiser.cost_breakdown` is the objective both must agree
with):

- `brute_force_week`: enumerates every plan. Pure Python, no dependency; only for tiny
  problems (a session or two, a handful of exercises).
- `mip_week`: the model as a mixed-integer program for HiGHS (`highspy`, optional: the planner
  never needs it; benchmarks and tests use it when it is installed). Every soft-rule term of
  the objective becomes linear with indicator variables; see the comments at each block.
"""

from __future__ import annotations

import importlib
import itertools
from dataclasses import dataclass
from typing import Any

from forgefit.training.optimiser import (
    WeekPlan,
    WeekProblem,
    back_to_back_pairs,
    is_feasible,
    long_gaps,
    plan_cost,
)
from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    EXERCISES_PER_SESSION,
    HARD_LOAD_CREDIT,
    MAX_WEEKLY_SETS_PER_GROUP,
    TRAINED_CREDIT,
)


@dataclass(frozen=True, slots=True)
class ExactResult:
    plan: WeekPlan
    cost: float
    optimal: bool  # False when the solver stopped at its time limit with a gap left
    bound: float  # the best proven lower bound on the cost


def highspy_available() -> bool:
    try:
        importlib.import_module("highspy")
    except ImportError:
        return False
    return True


def _session_choices(problem: WeekProblem, session: int) -> list[dict[int, int]]:
    spec = problem.sessions[session]
    per_option = []
    for o in spec.options:
        option = problem.options[o]
        per_option.append([0, *range(option.min_sets, option.max_sets + 1)])
    choices = []
    for combo in itertools.product(*per_option):
        plan = {o: sets for o, sets in zip(spec.options, combo, strict=True) if sets}
        seconds = sum(
            sets * problem.options[o].set_seconds + CHANGEOVER_SECONDS for o, sets in plan.items()
        )
        if seconds <= spec.capacity + 1e-6:
            choices.append(plan)
    return choices


def brute_force_week(problem: WeekProblem, limit: int = 2_000_000) -> ExactResult:
    """The optimum by enumeration; raises ValueError beyond `limit` plans."""
    per_session = [_session_choices(problem, s) for s in range(len(problem.sessions))]
    total = 1
    for choices in per_session:
        total *= len(choices)
    if total > limit:
        raise ValueError(f"{total} plans is too many to enumerate (limit {limit}).")
    best: tuple[float, WeekPlan] | None = None
    for combo in itertools.product(*per_session):
        plan = [dict(choice) for choice in combo]
        cost = plan_cost(problem, plan)
        if best is None or cost < best[0] - 1e-9:
            best = (cost, plan)
    assert best is not None
    return ExactResult(best[1], best[0], True, best[0])


def mip_week(problem: WeekProblem, time_limit: float = 30.0) -> ExactResult:
    """The optimum (or the best plan found within `time_limit` seconds) from HiGHS."""
    highspy: Any = importlib.import_module("highspy")
    h = highspy.Highs()
    h.silent()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 1e-6)
    w = problem.weights
    sessions = range(len(problem.sessions))
    groups = range(len(problem.groups))
    options = problem.options
    objective: list[Any] = []
    constant = 0.0

    x: dict[tuple[int, int], Any] = {}
    u: dict[tuple[int, int], Any] = {}
    for s in sessions:
        for o in problem.sessions[s].options:
            option = options[o]
            x[s, o] = h.addIntegral(lb=0, ub=option.max_sets)
            u[s, o] = h.addBinary()
            # x = 0 or min <= x <= max.
            h.addConstr(x[s, o] >= option.min_sets * u[s, o])
            h.addConstr(x[s, o] <= option.max_sets * u[s, o])
            objective.append(option.cost * u[s, o])
        # Hard rule 3: sets and changeovers fit the session.
        used = [
            options[o].set_seconds * x[s, o] + CHANGEOVER_SECONDS * u[s, o]
            for o in problem.sessions[s].options
        ]
        if used:
            h.addConstr(sum(used[1:], used[0]) <= problem.sessions[s].capacity)

    def total(terms: list[Any]) -> Any:
        return sum(terms[1:], terms[0]) if terms else None

    def positive_part(expression: Any, weight: float) -> None:
        """weight * max(0, expression) in the objective."""
        nonlocal constant
        if weight == 0:
            return
        if isinstance(expression, (int, float)):
            constant += weight * max(0.0, float(expression))
            return
        slack = h.addVariable(lb=0)
        h.addConstr(slack >= expression)
        objective.append(weight * slack)

    credit: dict[tuple[int, int], Any] = {}
    for s in sessions:
        for g in groups:
            terms = [
                c * x[s, o]
                for o in problem.sessions[s].options
                for group, c in options[o].credits
                if group == g
            ]
            credit[s, g] = total(terms)
    for g in groups:
        volume = total([credit[s, g] for s in sessions if credit[s, g] is not None])
        volume = 0.0 if volume is None else volume
        # Soft-2: outside the band, away from the target, above the absolute cap.
        positive_part(volume - MAX_WEEKLY_SETS_PER_GROUP, w.over_cap)
        if problem.banded[g]:
            positive_part(problem.minimum[g] - volume, w.under_band)
            positive_part(volume - problem.maximum[g], w.over_band)
            positive_part(volume - problem.target[g], w.off_target)
            positive_part(problem.target[g] - volume, w.off_target)
        # Soft-1: y = 1 only where the session gives the group a full set's credit.
        if problem.need_sessions[g]:
            trained = []
            for s in sessions:
                if credit[s, g] is None:
                    continue
                y = h.addBinary()
                h.addConstr(credit[s, g] >= TRAINED_CREDIT * y)
                trained.append(y)
            shortfall = (
                problem.need_sessions[g] - total(trained) if trained else problem.need_sessions[g]
            )
            positive_part(shortfall, w.missing_session)
        # Soft-4: h = 1 exactly when the session loads the group hard (credit >= 2, and
        # credits move in half sets, so <= 1.5 otherwise).
        if problem.spaced[g]:
            hard: dict[int, Any] = {}
            for s in sessions:
                if credit[s, g] is None:
                    continue
                most = sum(
                    options[o].max_sets * c
                    for o in problem.sessions[s].options
                    for group, c in options[o].credits
                    if group == g
                )
                if most < HARD_LOAD_CREDIT:
                    continue
                flag = h.addBinary()
                h.addConstr(credit[s, g] >= HARD_LOAD_CREDIT * flag)
                h.addConstr(credit[s, g] <= HARD_LOAD_CREDIT - 0.5 + most * flag)
                hard[s] = flag
            days = [spec.day for spec in problem.sessions]
            for a, b in back_to_back_pairs(days):
                if a in hard and b in hard:
                    positive_part(hard[a] + hard[b] - 1, w.back_to_back)
            for a, b, between in long_gaps(days):
                if a in hard and b in hard:
                    middle = [hard[c] for c in between if c in hard]
                    expression = hard[a] + hard[b] - 1
                    if middle:
                        expression = expression - total(middle)
                    positive_part(expression, w.long_gap)

    # Soft-5, soft-6: a missing balance role.
    for r, weight in enumerate(problem.role_weights):
        filling = [u[key] for key in u if r in options[key[1]].roles]
        positive_part(1 - total(filling) if filling else 1, weight)
    push = [x[key] for key in x if options[key[1]].push_pull > 0]
    pull = [x[key] for key in x if options[key[1]].push_pull < 0]
    if push:
        positive_part(total(push) - total(pull) if pull else total(push), w.push_over_pull)
    low, high = EXERCISES_PER_SESSION
    for s in sessions:
        chosen = [u[s, o] for o in problem.sessions[s].options]
        count = total(chosen) if chosen else 0
        positive_part(low - count, w.exercise_count)
        positive_part(count - high, w.exercise_count)
        by_pattern: dict[str, list[Any]] = {}
        for o in problem.sessions[s].options:
            by_pattern.setdefault(options[o].pattern, []).append(u[s, o])
        for same in by_pattern.values():
            if len(same) > 1:
                positive_part(total(same) - 1, w.pattern_twice)
        if problem.sessions[s].wants_main:
            mains = [u[s, o] for o in problem.sessions[s].options if options[o].main]
            positive_part(1 - total(mains) if mains else 1, w.no_main_lift)
    for o, option in enumerate(options):
        uses = [u[key] for key in u if key[1] == o]
        if len(uses) > 1:
            positive_part(total(uses) - 1, w.repeat_in_week)
        if option.favourite:
            positive_part(1 - total(uses) if uses else 1, w.favourite_missing)

    h.minimize(total(objective))
    solution = h.getSolution()
    values = list(solution.col_value)
    plan: WeekPlan = [{} for _ in sessions]
    for (s, o), variable in x.items():
        sets = round(values[variable.index])
        if sets:
            plan[s][o] = sets
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    if not is_feasible(problem, plan):
        raise RuntimeError(f"HiGHS returned an infeasible plan ({status}).")
    cost = plan_cost(problem, plan)
    bound = float(info.mip_dual_bound) + constant
    return ExactResult(plan, cost, status == "Optimal", min(bound, cost))
