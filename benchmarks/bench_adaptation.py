"""Figure: computing the next session from a year of logs (about 150 workouts) - aim < 10 ms.

Baseline in the same run: the same call with no logs (the fixed cost of reading the program and
the catalog), so the table shows what replaying a year of training adds.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from benchmarks.timing import print_table
from forgefit.catalog import default_catalog
from forgefit.training.adaptation import RecentLift, next_session
from forgefit.training.logs import InjuryReport, LoggedSet, LoggedWorkout
from forgefit.training.planner import build_program

PROFILE = {
    "goal": "strength",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 60,
    "preset": "full-gym",
    "weeks": 12,
    "seed": 1,
}


def year_of_logs(count: int = 150) -> list[LoggedWorkout]:
    """Follow the trainer's own targets for a year, with realistic noise in reps and effort."""
    catalog = default_catalog()
    program = build_program(PROFILE, catalog)
    known = {"barbell-back-squat": RecentLift(80, 5)}
    rng = random.Random(7)
    log: list[LoggedWorkout] = []
    day = date(2025, 1, 6)
    for _ in range(count):
        session = next_session(program, log, catalog, day, known_lifts=known)
        sets = []
        for target in session.targets:
            load = target.load_kg if target.load_kg is not None else 20.0
            for _ in range(target.sets):
                reps = max(0, (target.reps or 8) + rng.choice([-1, 0, 0, 1]))
                sets.append(
                    LoggedSet(
                        target.slug,
                        load,
                        None if target.seconds else reps,
                        target.seconds,
                        rng.choice([1, 2, 2, 3]),
                    )
                )
        log.append(LoggedWorkout(day, tuple(sets), None))
        day += timedelta(days=rng.choice([2, 2, 3]))
    return log


def main() -> None:
    catalog = default_catalog()
    program = build_program(PROFILE, catalog)
    log = year_of_logs()
    today = log[-1].performed_on + timedelta(days=2)
    injuries = [InjuryReport("knee", "mild", today - timedelta(days=30))]

    def timed(workouts: list[LoggedWorkout], repeat: int = 60) -> tuple[list[float], list[float]]:
        """Wall-clock and CPU milliseconds per call (CPU time is what the call itself costs;
        wall time also counts waiting for a core on a shared machine)."""
        wall, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            next_session(program, workouts, catalog, today, injuries)
            cpu.append((time.process_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
        return wall, cpu

    rows = []
    for label, workouts in (("no logs (baseline)", []), (f"{len(log)} workouts", log)):
        wall, cpu = timed(workouts)
        sets = sum(len(w.sets) for w in workouts)
        rows.append(
            [
                f"{label}, {sets} sets",
                f"{statistics.median(cpu):.2f}",
                f"{statistics.median(wall):.2f}",
                f"{_p95(wall):.2f}",
            ]
        )
    print_table(
        "Next session from a year of logs (aim: < 10 ms)",
        ["logs", "median CPU ms", "median wall ms", "p95 wall ms"],
        rows,
    )


def _p95(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.95) - 1]


if __name__ == "__main__":
    main()
