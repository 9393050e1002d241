"""Training with the app under load: logging one set (the Today page's request), sending the
same set again (a phone retrying after lost signal), and computing the next session, at 50
concurrent users on SQLite and PostgreSQL, measured with wrk (Lua-scripted: every request
carries a different user's token and a new Idempotency-Key). Baseline in the same run:
/healthz, which touches no database. The target (issue 13): logging a set, p95 under 20 ms.

Shares the server, users, wrk runner and pacing with bench_accounts.py: paced users think for
a random 0-1000 ms (mean 500 ms) before each request, so they are not synchronised.
"""

from __future__ import annotations

import shutil
import sys

from benchmarks.bench_accounts import BASELINE, Scenario, run_all

SET_BODY = (
    '\'{"workout_key": "\' .. run .. \'-w-\' .. i .. \'", "started_at": "2026-11-28T18:00:00Z", '
    '"set": {"exercise": "goblet-squat", "load_kg": 20, "reps": 10, "rir": 2}}\''
)
SCENARIOS: dict[str, Scenario] = {
    "baseline: GET /healthz (no database)": BASELINE,
    "log a set (POST /api/v1/me/sets, new Idempotency-Key)": Scenario(
        'headers["idempotency-key"] = run .. "-" .. counter; '
        f'return wrk.format("POST", "/api/v1/me/sets", headers, {SET_BODY})'
    ),
    "the same set sent again (replayed, nothing stored)": Scenario(
        'headers["idempotency-key"] = run .. "-again-" .. i; '
        f'return wrk.format("POST", "/api/v1/me/sets", headers, {SET_BODY})'
    ),
    "next session (GET /api/v1/me/today, adapted)": Scenario(
        'return wrk.format("GET", "/api/v1/me/today", headers)'
    ),
}


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): Today benchmark skipped")
        return 0
    run_all(SCENARIOS, "Training log")
    return 0


if __name__ == "__main__":
    sys.exit(main())
