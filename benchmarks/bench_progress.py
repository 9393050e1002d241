"""Figure: the history and progress answers from a year of stored logs (about 150 workouts) on
SQLite, the cost of recomputing the trainer's changes on every request instead of storing them.

Baseline in the same run: the pure engine on the same logs already in memory
(`next_session(...)`), so the table shows what reading the rows from the database adds.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from benchmarks.bench_adaptation import PROFILE, year_of_logs
from benchmarks.timing import print_table
from forgefit.accounts import Database, programs, progress_store, upgrade_database, users
from forgefit.accounts.workouts import SetIn, WorkoutIn, create_workout
from forgefit.catalog import default_catalog
from forgefit.training.adaptation import next_session
from forgefit.training.program import Program

REPEAT = 30


def _milliseconds(action: Callable[[], object]) -> tuple[float, float]:
    """Median CPU and wall milliseconds per call."""
    cpu, wall = [], []
    for _ in range(REPEAT):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    catalog = default_catalog()
    log = year_of_logs()
    today = log[-1].performed_on + timedelta(days=2)
    folder = Path(tempfile.mkdtemp(prefix="forgefit-bench-progress-"))
    try:
        database = Database.connect(f"sqlite:///{folder / 'accounts.db'}")
        upgrade_database(database)
        user = users.create_user(database, "bench@example.org", "correct horse battery")
        row = programs.create_program(database, catalog, user.id, PROFILE)
        for workout in log:
            body = WorkoutIn(
                program_id=row.id,
                started_at=datetime.combine(workout.performed_on, clock(18), tzinfo=UTC),
                sets=[
                    SetIn(
                        exercise=s.exercise,
                        load_kg=s.load_kg,
                        reps=s.reps,
                        seconds=s.seconds,
                        rir=s.rir,
                    )
                    for s in workout.sets
                ],
            )
            create_workout(database, catalog, user.id, body)
        program = Program.model_validate(row.program)
        stored = progress_store.logged_workouts(database, user.id, row.id)
        assert len(stored) == len(log)
        measured = [
            (
                "next_session on logs in memory (baseline)",
                lambda: next_session(program, log, catalog, today),
            ),
            (
                "read the logs from SQLite",
                lambda: progress_store.logged_workouts(database, user.id, row.id),
            ),
            (
                "program history (read + replay)",
                lambda: progress_store.program_history(database, catalog, user.id, row.id, today),
            ),
            (
                "progress, every exercise",
                lambda: progress_store.progress(database, catalog, user.id, today),
            ),
        ]
        rows = []
        baseline_cpu = None
        for label, action in measured:
            cpu, wall = _milliseconds(action)
            baseline_cpu = baseline_cpu or cpu
            rows.append([label, f"{cpu:.1f}", f"{wall:.1f}", f"{cpu / baseline_cpu:.1f}x"])
        sets = sum(len(w.sets) for w in log)
        print_table(
            f"History and progress from {len(log)} stored workouts ({sets} sets), SQLite",
            ["what", "median CPU ms", "median wall ms", "CPU vs baseline"],
            rows,
        )
        database.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
