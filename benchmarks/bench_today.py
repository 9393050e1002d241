"""Training with the app under load: logging one set (the Today page's request), sending the
same set again (a phone retrying after lost signal), and computing the next session, at 50
concurrent users on SQLite and PostgreSQL, measured with wrk (Lua-scripted: every request
carries a different user's token and a new Idempotency-Key). Baseline in the same run:
/healthz, which touches no database. The target (issue 13): logging a set, p95 under 20 ms.

Shares the server, users and wrk runner with bench_accounts.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_accounts import (
    CONNECTIONS,
    TARGET_P95_MS,
    THINK_MS,
    USERS,
    make_users,
    postgres_schema,
    run_scenario,
    start_server,
)
from benchmarks.timing import print_table

SECONDS = 6
SET_BODY = (
    '\'{"workout_key": "\' .. run .. \'-w-\' .. i .. \'", "started_at": "2026-11-28T18:00:00Z", '
    '"set": {"exercise": "goblet-squat", "load_kg": 20, "reps": 10, "rir": 2}}\''
)
SCENARIOS: dict[str, tuple[str, int]] = {
    "baseline: GET /healthz (no database)": ('return wrk.format("GET", "/healthz", headers)', 5),
    "log a set (POST /api/v1/me/sets, new Idempotency-Key)": (
        'headers["idempotency-key"] = run .. "-" .. counter; '
        f'return wrk.format("POST", "/api/v1/me/sets", headers, {SET_BODY})',
        SECONDS,
    ),
    "the same set sent again (replayed, nothing stored)": (
        'headers["idempotency-key"] = run .. "-again-" .. i; '
        f'return wrk.format("POST", "/api/v1/me/sets", headers, {SET_BODY})',
        SECONDS,
    ),
    "next session (GET /api/v1/me/today, adapted)": (
        'return wrk.format("GET", "/api/v1/me/today", headers)',
        SECONDS,
    ),
}


def measure(engine: str, url: str, rows: list[list[str]]) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"forgefit-bench-today-{engine}-"))
    process, base = start_server(url, folder)
    try:
        users = make_users(base)
        for name, (body, seconds) in SCENARIOS.items():
            paced = run_scenario(base, users, body, seconds, paced=True)
            flat_out = run_scenario(base, users, body, seconds, paced=False)
            verdict = (
                ""
                if name.startswith("baseline")
                else ("yes" if paced.p95 < TARGET_P95_MS else "no")
            )
            rows.append(
                [
                    engine,
                    name,
                    f"{paced.p50:.1f}",
                    f"{paced.p95:.1f}",
                    f"{paced.p99:.1f}",
                    verdict,
                    f"{flat_out.requests / seconds:,.0f}/s",
                    f"{flat_out.p95:.1f}",
                    str(paced.errors + flat_out.errors),
                ]
            )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): Today benchmark skipped")
        return 0
    rows: list[list[str]] = []
    load_before = os.getloadavg()[0]
    sqlite_folder = Path(tempfile.mkdtemp(prefix="forgefit-bench-today-db-"))
    try:
        measure("SQLite", f"sqlite:///{sqlite_folder / 'bench.db'}", rows)
    finally:
        shutil.rmtree(sqlite_folder, ignore_errors=True)
    postgres = postgres_schema()
    if postgres is None:
        print("PostgreSQL not measured: set FORGEFIT_BENCH_DATABASE_URL (or the test URL)")
    else:
        url, drop = postgres
        try:
            measure("PostgreSQL", url, rows)
        finally:
            drop()
    print_table(
        f"Training log, {CONNECTIONS} concurrent users (wrk; {USERS} accounts; 2 server workers; "
        f"ms). Paced: each user sends a request every {THINK_MS} ms (target p95 < "
        f"{TARGET_P95_MS:.0f} ms). Flat out: no pause, the server's ceiling.",
        [
            "engine",
            "request",
            "paced p50",
            "paced p95",
            "paced p99",
            "p95 met",
            "flat-out rate",
            "flat-out p95",
            "errors",
        ],
        rows,
    )
    print(
        f"\nMachine load average (1 min) before / after: {load_before:.1f} / "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work shares them)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
