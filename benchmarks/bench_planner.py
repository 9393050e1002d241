"""Planner figures: speed, hard violations, soft-rule and coach-check quality, template choice.

1. Build a 6-week program for 1,000 random valid profiles (seeded) on the shipped catalog:
   p50/p95 milliseconds (aim: p95 under 20 ms) of one pass and of the best of three passes per
   profile (the planner's own cost without the machine's other work; the catalog is settled
   first as each plan worker settles it), hard violations (must be 0), refusals, the
   share of soft-rule checks met (of all checks, and of those the profile's minutes, days and
   equipment allow: the review marks the others `limited_by`), coach-check findings where the
   profile allows (aim: 0), and how often each template was chosen. Baseline in the same run:
   a naive planner (the same split table, the most popular allowed exercise per pattern, 3 sets
   each, cut to fit the minutes), reviewed by the same review.
2. The same for a synthetic 2,000-exercise catalog (the shipped records renamed), fewer
   profiles: p50/p95 (aim: p95 under 100 ms).
3. Week 1 of ten typical profiles (the plan builder's presets and common combinations), one
   line per session, so a reader can judge the programs at a glance.

Usage: python -m benchmarks.bench_planner [--profiles N] [--synthetic-profiles N]
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.synthetic import write_synthetic_catalog
from benchmarks.timing import print_table
from forgefit.catalog import Catalog, default_catalog, load_catalog
from forgefit.training import ProfileError, build_program, review_program
from forgefit.training.pool import build_pool
from forgefit.training.prescription import base_scheme, set_seconds, warmup_seconds
from forgefit.training.profile import parse_profile
from forgefit.training.program import PlannedExercise, Program, Review, Session, Week
from forgefit.training.rule_catalog import COACH_RULES, RULES, SOFT_RULES
from forgefit.training.rules import SESSION_PATTERNS, WEEKDAYS, prescription_for, split_for
from forgefit.web.plan_workers import settle_for_planning

GOALS = ["strength", "hypertrophy", "endurance", "general-fitness"]
LEVELS = ["beginner", "intermediate", "advanced"]
PRESETS = ["full-gym", "home-dumbbells", "bodyweight", "bands", "kettlebell"]
MINUTES = [15, 20, 25, 30, 40, 45, 50, 60, 75, 90, 120, 150, 180]
ROUNDS = 3


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
    """The split table and prescriptions, no templates: per session, the most popular allowed
    exercise for each pattern in a fixed order, 3 sets each, dropped from the end until the
    session fits."""
    profile = parse_profile(raw, catalog)
    pool = build_pool(catalog, profile)
    split = split_for(profile.days_per_week, profile.experience)
    table = prescription_for(profile.goal, profile.experience)
    order = ["squat", "hinge", "horizontal-push", "horizontal-pull", "vertical-push",
             "vertical-pull", "lunge", "hip-extension", "elbow-flexion", "elbow-extension",
             "shoulder-raise", "calf-raise", "anti-extension", "trunk-flexion"]  # fmt: skip
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


# --- Quality tallies ------------------------------------------------------------------------


@dataclass
class Quality:
    checks: int = 0
    met: int = 0
    limited: int = 0
    hard_violations: int = 0
    coach_findings: int = 0
    coach_limited: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    coach_examples: Counter[str] = field(default_factory=Counter)

    def add(self, review: Review) -> None:
        for rule in review.rules:
            self.by_rule[f"{rule.rule}:checks"] += rule.checks
            self.by_rule[f"{rule.rule}:met"] += rule.met
            self.by_rule[f"{rule.rule}:limited"] += rule.limited
            if rule.rule not in SOFT_RULES:
                continue
            self.checks += rule.checks
            self.met += rule.met
            self.limited += rule.limited
        for finding in review.findings:
            if finding.level == "error":
                self.hard_violations += 1
            if finding.rule in COACH_RULES:
                if finding.level == "warning":
                    self.coach_findings += 1
                    self.coach_examples[finding.message[:110]] += 1
                else:
                    self.coach_limited += 1

    def share(self) -> float:
        return self.met / self.checks if self.checks else 1.0

    def share_allowed(self) -> float:
        allowed = self.checks - self.limited
        return self.met / allowed if allowed else 1.0


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[int(0.95 * (len(ordered) - 1))] * 1000


def measure_profiles(catalog: Catalog, count: int) -> tuple[list[list[str]], list[list[str]]]:
    rng = random.Random(2026)
    profiles = [random_profile(rng, catalog) for _ in range(count)]
    settle_for_planning(catalog)  # as every plan worker does when it starts
    for warm in profiles[:5]:  # imports, caches
        with contextlib.suppress(ProfileError):
            build_program(warm, catalog)
    # Each profile is timed in ROUNDS passes: the first pass alone is what one request costs on
    # this machine at that moment; the best of the passes is the planner's own cost, without
    # the other programs sharing these two cores (their noise moves a single pass's p95 by
    # up to 40 % from one run to the next). The naive baseline is timed the same way.
    times: dict[int, list[float]] = {}
    naive_times: dict[int, list[float]] = {}
    refusals: list[str] = []
    templates: Counter[str] = Counter()
    ours, naive = Quality(), Quality()
    for round_number in range(ROUNDS):
        for index, raw in enumerate(profiles):
            start = time.perf_counter()
            try:
                program = build_program(raw, catalog)
            except ProfileError as error:
                if round_number == 0:
                    refusals.append(f"{raw}: {error}")
                continue
            times.setdefault(index, []).append(time.perf_counter() - start)
            start = time.perf_counter()
            naive_review = review_program(naive_program(raw, catalog), catalog)
            naive_times.setdefault(index, []).append(time.perf_counter() - start)
            if round_number:
                continue
            assert program.review is not None and program.template is not None
            templates[program.template.slug] += 1
            ours.add(program.review)
            naive.add(naive_review)
    first = [passes[0] for passes in times.values()]
    best = [min(passes) for passes in times.values()]
    naive_first = [passes[0] for passes in naive_times.values()]
    naive_best = [min(passes) for passes in naive_times.values()]
    rows = [
        ["profiles built", str(len(times)), ""],
        ["refused (unservable)", str(len(refusals)), ""],
        [
            "p50 ms, one pass (6-week program, review included)",
            f"{statistics.median(first) * 1000:.1f}",
            f"naive planner + review: {statistics.median(naive_first) * 1000:.1f}",
        ],
        [
            "p95 ms, one pass",
            f"{_p95(first):.1f}",
            f"naive {_p95(naive_first):.1f}; {'ok' if _p95(first) < 20 else 'OVER 20'}",
        ],
        [
            f"p50 ms, best of {ROUNDS} passes",
            f"{statistics.median(best) * 1000:.1f}",
            f"naive {statistics.median(naive_best) * 1000:.1f}",
        ],
        [
            f"p95 ms, best of {ROUNDS} passes",
            f"{_p95(best):.1f}",
            f"naive {_p95(naive_best):.1f}; {'ok' if _p95(best) < 20 else 'OVER 20'}",
        ],
        ["max ms, best of passes", f"{max(best) * 1000:.1f}", ""],
        ["hard violations", str(ours.hard_violations), "ok" if not ours.hard_violations else "BUG"],
        ["soft checks met, all", f"{ours.share():.1%}", f"naive {naive.share():.1%}"],
        [
            "soft checks met, where the profile allows",
            f"{ours.share_allowed():.1%}",
            f"naive {naive.share_allowed():.1%}",
        ],
        [
            "coach findings where the profile allows",
            str(ours.coach_findings),
            f"naive {naive.coach_findings}; limited by the profile: {ours.coach_limited}",
        ],
    ]
    for rule in RULES.values():
        if rule.hard:
            continue
        checks = ours.by_rule[f"{rule.id}:checks"]
        allowed = checks - ours.by_rule[f"{rule.id}:limited"]
        met = ours.by_rule[f"{rule.id}:met"]
        naive_allowed = naive.by_rule[f"{rule.id}:checks"] - naive.by_rule[f"{rule.id}:limited"]
        naive_met = naive.by_rule[f"{rule.id}:met"]
        rows.append(
            [
                f"  {rule.id} {rule.title}",
                f"{met / allowed:.1%} of {allowed}" if allowed else "-",
                f"naive {naive_met / naive_allowed:.1%}" if naive_allowed else "",
            ]
        )
    for message, seen in ours.coach_examples.most_common(8):
        print(f"coach finding x{seen}: {message}", file=sys.stderr)
    for refusal in refusals[:10]:
        print(f"refused: {refusal}", file=sys.stderr)
    built = len(times)
    choice = [[slug, str(n), f"{n / built:.1%}"] for slug, n in templates.most_common()]
    return rows, choice


def measure_synthetic(size: int, count: int) -> list[list[str]]:
    with tempfile.TemporaryDirectory(prefix="forgefit-bench-") as folder:
        catalog = load_catalog(write_synthetic_catalog(Path(folder), size), use_cache=False)
        rng = random.Random(7)
        profiles = [random_profile(rng, catalog) for _ in range(count)]
        settle_for_planning(catalog)
        with contextlib.suppress(ProfileError):
            build_program(profiles[0], catalog)
        times = []
        for raw in profiles:
            start = time.perf_counter()
            with contextlib.suppress(ProfileError):
                build_program(raw, catalog)
            times.append(time.perf_counter() - start)
    p95 = _p95(times)
    return [
        [f"{len(catalog)} exercises, {count} profiles", f"{statistics.median(times) * 1000:.1f}",
         f"{p95:.1f}", "ok" if p95 < 100 else "OVER 100"],
    ]  # fmt: skip


TYPICAL: list[tuple[str, dict[str, Any]]] = [
    ("strength, beginner, 3 x 60, full gym",
     {"goal": "strength", "experience": "beginner", "days_per_week": 3,
      "minutes_per_session": 60, "preset": "full-gym"}),
    ("strength, intermediate, 4 x 75, full gym",
     {"goal": "strength", "experience": "intermediate", "days_per_week": 4,
      "minutes_per_session": 75, "preset": "full-gym"}),
    ("size, intermediate, 4 x 60, full gym",
     {"goal": "hypertrophy", "experience": "intermediate", "days_per_week": 4,
      "minutes_per_session": 60, "preset": "full-gym"}),
    ("size, intermediate, 3 x 60, home dumbbells, mild lower back",
     {"goal": "hypertrophy", "experience": "intermediate", "days_per_week": 3,
      "minutes_per_session": 60, "preset": "home-dumbbells",
      "injuries": [{"joint": "lower-back", "severity": "mild"}]}),
    ("size, advanced, 6 x 75, full gym, glute focus",
     {"goal": "hypertrophy", "experience": "advanced", "days_per_week": 6,
      "minutes_per_session": 75, "preset": "full-gym", "focus": ["glutes"]}),
    ("size, beginner, 3 x 45, home dumbbells",
     {"goal": "hypertrophy", "experience": "beginner", "days_per_week": 3,
      "minutes_per_session": 45, "preset": "home-dumbbells"}),
    ("general fitness, beginner, 3 x 45, body weight",
     {"goal": "general-fitness", "experience": "beginner", "days_per_week": 3,
      "minutes_per_session": 45, "preset": "bodyweight"}),
    ("general fitness, intermediate, 3 x 40, full gym, mild knee",
     {"goal": "general-fitness", "experience": "intermediate", "days_per_week": 3,
      "minutes_per_session": 40, "preset": "full-gym",
      "injuries": [{"joint": "knee", "severity": "mild"}]}),
    ("general fitness, beginner, 2 x 30, one kettlebell",
     {"goal": "general-fitness", "experience": "beginner", "days_per_week": 2,
      "minutes_per_session": 30, "preset": "kettlebell"}),
    ("endurance, intermediate, 3 x 45, bands",
     {"goal": "endurance", "experience": "intermediate", "days_per_week": 3,
      "minutes_per_session": 45, "preset": "bands"}),
]  # fmt: skip


def print_typical(catalog: Catalog) -> None:
    """Week 1 of each typical profile: the template, then one line per session."""
    print("\nWeek 1 of ten typical profiles")
    for label, profile in TYPICAL:
        program = build_program(profile, catalog)
        assert program.review is not None and program.template is not None
        warnings = [f.rule for f in program.review.findings if f.level == "warning"]
        print(f"\n{label}: {program.template.name}; warnings: {', '.join(warnings) or 'none'}")
        for session in program.weeks[0].sessions:
            items = []
            for item in session.exercises:
                dose = (
                    f"{item.reps[0]}-{item.reps[1]}"
                    if item.reps and item.reps[0] != item.reps[1]
                    else str(item.reps[0])
                    if item.reps
                    else f"{item.seconds}s"
                )
                items.append(f"{item.name} {item.sets}x{dose}")
            print(f"  {session.name} ({session.estimated_minutes} min): {'; '.join(items)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--synthetic-size", type=int, default=2000)
    parser.add_argument("--synthetic-profiles", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    catalog = default_catalog()
    rows, choice = measure_profiles(catalog, args.profiles)
    print_table(
        f"Planner: {args.profiles} random profiles, 6-week programs (ours vs naive baseline)",
        ["figure", "value", "note"],
        rows,
    )
    print_table("Template chosen", ["template", "programs", "share"], choice)
    print_table(
        "Planner on a synthetic catalog (ms per program)",
        ["catalog", "p50", "p95", "aim < 100"],
        measure_synthetic(args.synthetic_size, args.synthetic_profiles),
    )
    print_typical(catalog)


if __name__ == "__main__":
    main()
