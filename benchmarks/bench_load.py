"""Reads stay fast while plans are being built: p50/p95 latency of a prerendered page and of
GET /api/v1/exercises/{slug}, idle and while 64 clients post plans non-stop, with plans built in
worker processes (the default) and, for comparison, in worker threads.

The plan load comes from wrk (a Lua script makes it POST a profile) with 64 connections; the
reads are timed by a separate client, one request at a time, alongside it. Each configuration
gets a fresh `forgefit serve --workers 1` per round, and its idle baseline is measured in the
same run; rounds alternate the configurations and their samples are pooled.
Needs `wrk` (a Debian package; `make bench` installs it when it can).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.bench_serve import free_port, stop, wait_until_up
from benchmarks.timing import print_table

PAGE = "/exercise/band-bent-over-kickback"
API = "/api/v1/exercises/goblet-squat"
CONNECTIONS = 64
LOAD_SECONDS = 10
IDLE_SECONDS = 4
ROUNDS = 2
# Time between two read probes: the reads are a light trickle, the plans the heavy load.
PROBE_GAP_SECONDS = 0.01
PROFILE = {
    "goal": "hypertrophy",
    "experience": "intermediate",
    "days_per_week": 4,
    "minutes_per_session": 60,
    "preset": "full-gym",
    "weeks": 6,
}
WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
"""


def start_server(port: int, pool: str) -> subprocess.Popen[bytes]:
    forgefit = str(Path(sys.executable).parent / "forgefit")
    command = [forgefit, "serve", "--port", str(port), "--workers", "1"]
    env = {**os.environ, "FORGEFIT_PLAN_POOL": pool}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def probe(base: str, seconds: float) -> dict[str, list[float]]:
    """Alternate GETs of the page and the API record for `seconds`; latencies in ms."""
    samples: dict[str, list[float]] = {PAGE: [], API: []}
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < deadline:
            for path, latencies in samples.items():
                start = time.perf_counter()
                response = client.get(path)
                latencies.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            time.sleep(PROBE_GAP_SECONDS)
    return samples


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def run_wrk(url: str, script: Path, seconds: int, result: dict[str, str]) -> None:
    completed = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    )
    result["stdout"] = completed.stdout


def plans_per_second(wrk_output: str, seconds: int) -> tuple[float, float]:
    """(plans built per second, 503 answers per second) from wrk's summary."""
    total = int(re.search(r"(\d+) requests in", wrk_output).group(1))  # type: ignore[union-attr]
    refused_match = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk_output)
    refused = int(refused_match.group(1)) if refused_match else 0
    return (total - refused) / seconds, refused / seconds


@dataclass
class Run:
    """What one configuration measured, pooled over the rounds."""

    idle: dict[str, list[float]] = field(default_factory=lambda: {PAGE: [], API: []})
    busy: dict[str, list[float]] = field(default_factory=lambda: {PAGE: [], API: []})
    built: list[float] = field(default_factory=list)
    refused: list[float] = field(default_factory=list)


def measure(pool: str, script: Path, run: Run) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_server(port, pool)
    try:
        wait_until_up(f"forgefit ({pool} pool)", f"{base}{PAGE}", process)
        # Start the plan workers and warm every path before timing anything.
        for _ in range(3):
            assert httpx.post(f"{base}/api/v1/plans", json=PROFILE, timeout=60).status_code == 200
        idle = probe(base, IDLE_SECONDS)
        wrk_result: dict[str, str] = {}
        load = threading.Thread(
            target=run_wrk, args=(f"{base}/api/v1/plans", script, LOAD_SECONDS, wrk_result)
        )
        load.start()
        time.sleep(1)  # let the load reach full pressure
        busy = probe(base, LOAD_SECONDS - 2)
        load.join()
    finally:
        stop(process)
    for path in (PAGE, API):
        run.idle[path] += idle[path]
        run.busy[path] += busy[path]
    built, refused = plans_per_second(wrk_result["stdout"], LOAD_SECONDS)
    run.built.append(built)
    run.refused.append(refused)


def p50_p95(values: list[float]) -> str:
    return f"{percentile(values, 0.5):.1f} / {percentile(values, 0.95):.1f}"


def main() -> int:
    if shutil.which("wrk") is None:
        print("skipped: wrk not installed (apt-get install wrk)")
        return 0
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    runs = {pool: Run() for pool in ("process", "thread")}
    with tempfile.TemporaryDirectory() as temp:
        script = Path(temp) / "post_plan.lua"
        script.write_text(WRK_SCRIPT.format(body=json.dumps(PROFILE)))
        # Alternate the configurations, so a noisy neighbour hurts both alike.
        for _ in range(ROUNDS):
            for pool, run in runs.items():
                measure(pool, script, run)
    rows = []
    for pool, run in runs.items():
        plans = (
            f"{statistics.median(run.built):.0f} built, "
            f"{statistics.median(run.refused):,.0f} refused (503)"
        )
        for path, name in ((PAGE, "page"), (API, "API record")):
            rows.append(
                [
                    f"{pool} pool",
                    name,
                    p50_p95(run.idle[path]),
                    p50_p95(run.busy[path]),
                    str(len(run.busy[path])),
                    plans,
                ]
            )
    print_table(
        f"Reads while {CONNECTIONS} clients post plans non-stop ({ROUNDS} rounds of "
        f"{LOAD_SECONDS}s, one server worker; latency p50 / p95 in ms over every round; "
        "aim: p95 < 100 ms under load)",
        ["plans built in", "read", "idle p50/p95", "under load p50/p95", "reads", "plans/s"],
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
