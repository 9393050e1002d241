"""Planner figures: speed, hard violations, soft-rule quality, and the heuristic's optimality gap.

1. Build a 6-week program for 1,000 random valid profiles (seeded): p50/p95 milliseconds
   (budget: p95 under 50 ms), hard violations (must be 0), refusals (listed), and the share of
   soft-rule checks met - of all checks, and of those the profile's minutes, days and equipment
   allow (the review marks the others `limited_by`). Baseline in the same run: a naive planner
   (the same split, the most popular allowed exercise for each role, 3 sets each, cut to fit
   the minutes), reviewed by the same review.
   When highspy is installed, an independent check of "where the time allows" for weekly
   volume (soft-2): a linear-programming lower bound on the minutes needed to bring every
   banded muscle group to its band minimum with the allowed exercises; on profiles whose week
   holds that many minutes, the share of band minimums the planner meets.
2. Optimality gap: the planner's week-1 heuristic against the exact optimum of the same model,
   by brute force on small cases (1 session, 7 candidate exercises) and - when highspy is
   installed - by HiGHS on full-size week problems from random profiles (a time limit each;
   cases HiGHS did not prove optimal are compared against its best plan and counted apart),
   at three work budgets of the heuristic: constructions only, the default, and four times it.
   Gaps are given relative to the exact cost and in cost units (one unit is about one weekly
   set off target; a missing role costs 5-12, a session without a main lift 4).

Usage: python -m benchmarks.bench_planner [--profiles N] [--mip-cases N] [--mip-seconds S]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from benchmarks.timing import print_table
from forgefit.catalog import Catalog, default_catalog
from forgefit.training import ProfileError, build_program, review_program
from forgefit.training.exact import brute_force_week, highspy_available, mip_week
from forgefit.training.optimiser import EVALUATION_BUDGET, WeekProblem, plan_cost, solve_week
from forgefit.training.planner import _adapt_split, build_week_problem
from forgefit.training.pool import build_pool
from forgefit.training.prescription import base_scheme, set_seconds, warmup_seconds
from forgefit.training.profile import parse_profile
from forgefit.training.program import PlannedExercise, Program, Session, Week
from forgefit.training.rules import (
    RULES,
    VOLUME_BANDS,
    WEEKDAYS,
    general_warmup_minutes,
    prescription_for,
    split_for,
)

GOALS = ["strength", "hypertrophy", "endurance", "general-fitness"]
LEVELS = ["beginner", "intermediate", "advanced"]
PRESETS = ["full-gym", "home-dumbbells", "bodyweight", "bands", "kettlebell"]
MINUTES = [15, 20, 25, 30, 40, 45, 50, 60, 75, 90, 120, 150, 180]


def random_profile(rng: random.Random, catalog: Catalog, weeks: int | None = 6) -> dict[str, Any]:
    """A random valid profile: every field exercised, typical values more often."""
    vocab = catalog.vocab
    profile: dict[str, Any] = {
        "goal": rng.choice(GOALS),
        "experience": rng.choice(LEVELS),
        "days_per_week": rng.randint(1, 7),
        "minutes_per_session": rng.choice(MINUTES),
        "weeks": weeks if weeks is not None else rng.randint(1, 12),
        "seed": rng.randrange(1_000_000),
    }
    if rng.random() < 0.75:
        profile["preset"] = rng.choice(PRESETS)
    else:
        profile["equipment"] = rng.sample(sorted(vocab.equipment), rng.randint(1, 8))
    if rng.random() < 0.4:
        joints = rng.sample(sorted(vocab.joints), rng.randint(1, 3))
        profile["injuries"] = [
            {"joint": j, "severity": rng.choice(["mild", "serious"])} for j in joints
        ]
    if rng.random() < 0.3:
        majors = [g for g, info in vocab.muscle_groups.items() if info.major]
        profile["focus"] = rng.sample(majors, rng.randint(1, 2))
    slugs = [e.slug for e in catalog.exercises]
    if rng.random() < 0.2:
        profile["exclude"] = rng.sample(slugs, rng.randint(1, 4))
    if rng.random() < 0.2:
        profile["favourites"] = rng.sample(slugs, rng.randint(1, 3))
    return profile


# --- A naive baseline planner -----------------------------------------------------------------


def naive_program(raw: dict[str, Any], catalog: Catalog) -> Program:
    """The same split and prescriptions, but no optimisation: per session, the most popular
    allowed exercise for each role in a fixed order, 3 sets each, dropped from the end until
    the session fits."""
    profile = parse_profile(raw, catalog)
    pool = build_pool(catalog, profile)
    split = _adapt_split(split_for(profile.days_per_week, profile.experience), pool, [])
    table = prescription_for(profile.goal, profile.experience)
    order = ["squat", "hinge", "horizontal-push", "horizontal-pull", "vertical-push",
             "vertical-pull", "lunge", "hip-extension", "elbow-flexion", "elbow-extension",
             "shoulder-raise", "calf-raise", "anti-extension", "trunk-flexion"]  # fmt: skip
    from forgefit.training.rules import SESSION_PATTERNS

    weeks = []
    for number in range(1, profile.weeks + 1):
        sessions = []
        for planned in split.sessions:
            allowed = set(SESSION_PATTERNS[planned.type])
            chosen = []
            for pattern in order:
                if pattern not in allowed:
                    continue
                best = max(
                    (f for f in pool.allowed if f.pattern == pattern),
                    key=lambda f: (f.exercise.popularity, f.slug),
                    default=None,
                )
                if best is not None:
                    chosen.append(best)
            budget = profile.minutes_per_session * 60 - warmup_seconds(profile, False)
            sets = max(table.sets[0], min(3, table.sets[1]))

            def seconds(items: list[Any], sets: int = sets) -> float:
                per = [sets * set_seconds(base_scheme(f, profile), f.sides) for f in items]
                return sum(per) + 60 * max(0, len(items) - 1)

            while chosen and seconds(chosen) > budget:
                chosen.pop()
            exercises = []
            for facts in chosen:
                scheme = base_scheme(facts, profile)
                exercises.append(
                    PlannedExercise(
                        slug=facts.slug,
                        sets=sets,
                        reps=list(scheme.reps) if scheme.reps else None,
                        seconds=scheme.seconds,
                        rest_seconds=scheme.rest_seconds,
                        rir=scheme.rir,
                        name=facts.exercise.name,
                        role=scheme.role,
                    )
                )
            sessions.append(
                Session(
                    day=planned.day,
                    name=planned.name,
                    estimated_minutes=profile.minutes_per_session,
                    exercises=exercises,
                    weekday=WEEKDAYS[planned.day - 1],
                    type=planned.type,
                )
            )
        weeks.append(Week(week=number, deload=False, sessions=sessions))
    return Program(profile=profile, split=split.slug, weeks=weeks, weekly_sets={})


# --- Section 1: speed and quality -------------------------------------------------------------


def volume_fits_time(raw: dict[str, Any], catalog: Catalog) -> tuple[bool, list[str]] | None:
    """(minutes suffice, banded groups) by an LP lower bound: the fewest seconds of sets
    (continuous, any session, no changeovers) that bring every banded group some exercise
    can train to its band minimum, against the week's minutes after general warm-ups.
    None without highspy."""
    if not highspy_available():
        return None
    import highspy

    profile = parse_profile(raw, catalog)
    pool = build_pool(catalog, profile)
    band = VOLUME_BANDS[profile.goal][profile.experience]
    vocab = catalog.vocab
    groups = [g for g, info in vocab.muscle_groups.items() if info.major or g in profile.focus]
    trainable = [g for g in groups if any(g == t for f in pool.allowed for t, _ in f.credits)]
    h = highspy.Highs()
    h.silent()
    x = {f.slug: h.addVariable(lb=0) for f in pool.allowed}
    for g in trainable:
        terms = [c * x[f.slug] for f in pool.allowed for t, c in f.credits if t == g]
        h.addConstr(sum(terms[1:], terms[0]) >= band.minimum)
    seconds = [set_seconds(base_scheme(f, profile), f.sides) * x[f.slug] for f in pool.allowed]
    h.minimize(sum(seconds[1:], seconds[0]))
    needed = h.getInfo().objective_function_value
    warmup = general_warmup_minutes(profile.minutes_per_session) * 60
    available = profile.days_per_week * (profile.minutes_per_session * 60 - warmup)
    return needed <= available, trainable


@dataclass
class Quality:
    checks: int = 0
    met: int = 0
    limited: int = 0
    hard_violations: int = 0
    by_rule: Counter[str] | None = None

    def add(self, review: Any) -> None:
        if self.by_rule is None:
            self.by_rule = Counter()
        for rule in review.rules:
            if rule.hard:
                continue
            self.checks += rule.checks
            self.met += rule.met
            self.limited += rule.limited
            self.by_rule[f"{rule.rule}:checks"] += rule.checks
            self.by_rule[f"{rule.rule}:met"] += rule.met
            self.by_rule[f"{rule.rule}:limited"] += rule.limited
        self.hard_violations += sum(1 for f in review.findings if f.level == "error")

    def share(self) -> float:
        return self.met / self.checks if self.checks else 1.0

    def share_allowed(self) -> float:
        allowed = self.checks - self.limited
        return self.met / allowed if allowed else 1.0


def measure_profiles(catalog: Catalog, count: int) -> list[list[str]]:
    rng = random.Random(2026)
    profiles = [random_profile(rng, catalog) for _ in range(count)]
    for warm in profiles[:5]:  # imports, caches
        with contextlib.suppress(ProfileError):
            build_program(warm, catalog)
    times: list[float] = []
    refusals: list[str] = []
    ours, naive = Quality(), Quality()
    bound_groups = bound_met = bound_profiles = 0
    for raw in profiles:
        start = time.perf_counter()
        try:
            program = build_program(raw, catalog)
        except ProfileError as error:
            refusals.append(f"{raw}: {error}")
            continue
        times.append(time.perf_counter() - start)
        assert program.review is not None
        ours.add(program.review)
        naive.add(review_program(naive_program(raw, catalog), catalog))
        fits = volume_fits_time(raw, catalog)
        if fits is not None and fits[0]:
            bound_profiles += 1
            below = {
                f.message.split(": ", 1)[1].split(" gets ")[0].lower()
                for f in program.review.findings
                if f.rule == "soft-2" and " below the " in f.message
            }
            names = {g: catalog.vocab.muscle_groups[g].name.lower() for g in fits[1]}
            bound_groups += len(fits[1])
            bound_met += sum(1 for g in fits[1] if names[g] not in below)
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(0.95 * (len(times) - 1))] * 1000
    rows = [
        ["profiles built", str(len(times)), ""],
        ["refused (unservable)", str(len(refusals)), ""],
        ["p50 ms (6-week program)", f"{p50:.1f}", ""],
        ["p95 ms (6-week program)", f"{p95:.1f}", "ok" if p95 < 50 else "OVER 50"],
        ["max ms", f"{times[-1] * 1000:.1f}", ""],
        ["hard violations", str(ours.hard_violations), "ok" if not ours.hard_violations else "BUG"],
        ["soft checks met, all", f"{ours.share():.1%}", f"naive {naive.share():.1%}"],
        [
            "soft checks met, where the profile allows",
            f"{ours.share_allowed():.1%}",
            f"naive {naive.share_allowed():.1%}",
        ],
        ["soft checks limited by the profile", f"{ours.limited / ours.checks:.1%}", ""],
    ]
    if bound_profiles:
        rows.append(
            [
                "soft-2 band minimums met where an LP bound says the minutes suffice",
                f"{bound_met / bound_groups:.1%}",
                f"{bound_profiles} profiles, {bound_groups} groups",
            ]
        )
    by_rule = ours.by_rule or Counter()
    naive_rule = naive.by_rule or Counter()
    for rule in RULES.values():
        if rule.hard:
            continue
        checks = by_rule[f"{rule.id}:checks"]
        met = by_rule[f"{rule.id}:met"]
        limited = by_rule[f"{rule.id}:limited"]
        allowed = checks - limited
        naive_allowed = naive_rule[f"{rule.id}:checks"] - naive_rule[f"{rule.id}:limited"]
        naive_met = naive_rule[f"{rule.id}:met"]
        rows.append(
            [
                f"  {rule.id} {rule.title}",
                f"{met / allowed:.1%} of {allowed}" if allowed else "-",
                f"naive {naive_met / naive_allowed:.1%}" if naive_allowed else "",
            ]
        )
    for refusal in refusals[:10]:
        print(f"refused: {refusal}", file=sys.stderr)
    return rows


# --- Section 2: optimality gap ----------------------------------------------------------------


def week_problem(raw: dict[str, Any], catalog: Catalog) -> WeekProblem:
    profile = parse_profile(raw, catalog)
    pool = build_pool(catalog, profile)
    split = _adapt_split(split_for(profile.days_per_week, profile.experience), pool, [])
    problem, _ = build_week_problem(profile, pool, split, catalog.vocab)
    return problem


def small_problem(rng: random.Random, catalog: Catalog) -> WeekProblem | None:
    """One session and seven candidate exercises drawn from a random profile's problem."""
    raw = random_profile(rng, catalog)
    raw["days_per_week"] = 1
    try:
        problem = week_problem(raw, catalog)
    except ProfileError:
        return None
    spec = problem.sessions[0]
    if len(spec.options) < 7:
        return None
    picked = tuple(sorted(rng.sample(spec.options, 7)))
    session = type(spec)(
        spec.day, spec.capacity, picked, any(problem.options[o].main for o in picked)
    )
    return WeekProblem(**{**problem.__dict__, "sessions": (session,)})


def relative_gap(heuristic: float, exact: float) -> float:
    return (heuristic - exact) / abs(exact) if abs(exact) > 1e-9 else 0.0


def measure_gap(
    catalog: Catalog, small_cases: int, mip_cases: int, mip_seconds: float
) -> list[list[str]]:
    rng = random.Random(7)
    rows = []
    gaps = []
    while len(gaps) < small_cases:
        problem = small_problem(rng, catalog)
        if problem is None:
            continue
        heuristic = plan_cost(problem, solve_week(problem))
        exact = brute_force_week(problem).cost
        gaps.append(relative_gap(heuristic, exact))
    optimal = sum(1 for g in gaps if g < 1e-9)
    rows.append(
        [
            f"brute force, {small_cases} cases (1 session, 7 exercises)",
            f"{optimal}/{small_cases} optimal",
            f"mean {statistics.mean(gaps):.2%}, max {max(gaps):.2%}",
        ]
    )
    if mip_cases and highspy_available():
        budgets = {"constructions only": 0, "default": EVALUATION_BUDGET,
                   "4x default": 4 * EVALUATION_BUDGET}  # fmt: skip
        results: dict[str, list[tuple[float, float, bool]]] = {name: [] for name in budgets}
        solved = 0
        while solved < mip_cases:
            raw = random_profile(rng, catalog)
            try:
                problem = week_problem(raw, catalog)
            except ProfileError:
                continue
            solved += 1
            exact = mip_week(problem, mip_seconds)
            for name, budget in budgets.items():
                plan = solve_week(problem, seed=raw["seed"], budget=budget)
                heuristic = plan_cost(problem, plan)
                results[name].append(
                    (relative_gap(heuristic, exact.cost), heuristic - exact.cost, exact.optimal)
                )
        proven = sum(1 for _, _, optimal in results["default"] if optimal)
        for name, found in results.items():
            relative = sorted(g for g, _, _ in found)
            units = sorted(u for _, u, _ in found)
            p90 = relative[int(0.9 * (len(found) - 1))]
            rows.append(
                [
                    f"HiGHS, {len(found)} full-size weeks ({proven} proven optimal in "
                    f"{mip_seconds:g} s), heuristic {name}",
                    f"{sum(1 for u in units if u <= 1e-6)}/{len(found)} as good as HiGHS",
                    f"relative median {statistics.median(relative):.1%}, mean "
                    f"{statistics.mean(relative):.1%}, p90 {p90:.1%}; units median "
                    f"{statistics.median(units):.1f}, mean {statistics.mean(units):.1f}",
                ]
            )
    elif mip_cases:
        rows.append(["HiGHS", "not installed", "pip install highspy==1.16.0 to measure"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--small-cases", type=int, default=100)
    parser.add_argument("--mip-cases", type=int, default=12)
    parser.add_argument("--mip-seconds", type=float, default=20.0)
    args = parser.parse_args()
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    catalog = default_catalog()
    print_table(
        f"Planner: {args.profiles} random profiles, 6-week programs (ours vs naive baseline)",
        ["figure", "value", "note"],
        measure_profiles(catalog, args.profiles),
    )
    print_table(
        "Optimality gap of the week-1 heuristic (same objective; relative to the exact cost)",
        ["exact solver", "optimal", "gap"],
        measure_gap(catalog, args.small_cases, args.mip_cases, args.mip_seconds),
    )


if __name__ == "__main__":
    main()
