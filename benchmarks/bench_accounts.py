"""Accounts under load: sign-in, reading the current program and saving one, at 50 concurrent
users, on SQLite and PostgreSQL, measured with wrk (a real HTTP load generator, Lua-scripted so
every request carries a different user's token). Baseline in the same run: /healthz, which
touches no database.

The server runs `forgefit serve --workers 2` (this machine has 2 cores, shared with the load
generator and anything else running). PostgreSQL is measured when FORGEFIT_BENCH_DATABASE_URL or
FORGEFIT_TEST_DATABASE_URL names a server; the benchmark works in a schema of its own and drops
it afterwards.

Paced rows model people using the app: each of the 50 users waits a random think time between
requests, uniform from 0 to 1000 ms (mean 500 ms, so about 100 requests a second in all). The
think time is random on purpose: a fixed one keeps all 50 connections in step, so requests land
in bursts of 50 and the last of each burst waits behind the other 49 (even /healthz then shows
a 50 ms p95); real users are not synchronised. Flat-out rows send the next request the moment
the last one returns: the server's ceiling.

Sign-in is bound by argon2 on purpose (docs/accounts.md): each attempt costs one hash with the
shipped parameters (OWASP's minimum), and the table gives that hash's time alone, then the same
hashes arriving as the paced row's sign-ins do, with no HTTP or database: overlapping hashes
share the two cores, so that, not one hash alone, is the paced row's floor. A person signs in
once per visit, not twice a second, so the paced sign-in row has each user sign in after a
think time of 0-10 s (mean 5 s, about 10 sign-ins a second from 50 users: 36,000 an
hour), still far more than 50 people would. Building a new program is paced the same way
(people do it once per visit at most), and also at the 0-1000 ms pace as a stress case: 100
plans a second, each ~7 ms of planner work, keep both cores busy.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import create_engine, text

from benchmarks.timing import print_table
from forgefit.accounts import security
from forgefit.settings import with_postgres_driver

USERS = 50
CONNECTIONS = 50
SECONDS = 6
PASSWORD = "benchmark passphrase"
PROFILE = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
    "weeks": 4,
}
FORGEFIT = str(Path(sys.executable).parent / "forgefit")
TARGET_P95_MS = 20.0
SETTLE_LIMIT_SECONDS = 30
# 50 people each pausing 0-1000 ms (mean 500) between requests: about 100 requests a second.
THINK_MS = 1000
# Signing in happens once per visit: 50 people each signing in after 0-10 s (mean 5 s).
SIGN_IN_THINK_MS = 10_000

LUA = """
init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end
tokens = {%(tokens)s}
emails = {%(emails)s}
programs = {%(programs)s}
counter = 0
run = "%(run)s"
request = function()
  counter = counter + 1
  local i = (counter %% #tokens) + 1
  local headers = {["content-type"] = "application/json",
                   ["authorization"] = "Bearer " .. tokens[i]}
  %(body)s
end
%(delay)s
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


@dataclass(frozen=True)
class Scenario:
    """One table row: the Lua body of wrk's request(), how long to run it, and the most a
    paced user waits before each request (the wait is uniform from 0 to this)."""

    lua: str
    seconds: int = SECONDS
    think_ms: int = THINK_MS


BASELINE = Scenario('return wrk.format("GET", "/healthz", headers)', 5)
SCENARIOS: dict[str, Scenario] = {
    "baseline: GET /healthz (no database)": BASELINE,
    "read the current program (GET, 58 KB)": Scenario(
        'return wrk.format("GET", "/api/v1/me/programs/current", headers)'
    ),
    "save a program (PATCH rename + make current)": Scenario(
        'return wrk.format("PATCH", "/api/v1/me/programs/" .. programs[i], headers, '
        '\'{"name": "Block \' .. counter .. \'", "current": true}\')'
    ),
    "log a workout of 3 sets (POST, Idempotency-Key)": Scenario(
        'headers["idempotency-key"] = run .. "-" .. counter; '
        'return wrk.format("POST", "/api/v1/me/workouts", headers, '
        '\'{"started_at": "2026-11-28T18:00:00Z", "sets": ['
        '{"exercise": "goblet-squat", "load_kg": 20, "reps": 10, "rir": 2}, '
        '{"exercise": "goblet-squat", "load_kg": 20, "reps": 9, "rir": 1}, '
        '{"exercise": "plank", "seconds": 45}]}\')'
    ),
    "build and save a program (POST, planner included)": Scenario(
        'return wrk.format("POST", "/api/v1/me/programs", headers, "{}")'
    ),
    # Building a new program happens at most once per visit (usually once per block of weeks),
    # so, like sign-in, each user does it after 0-10 s; the row above is the stress case.
    "build and save a program, once per visit": Scenario(
        'return wrk.format("POST", "/api/v1/me/programs", headers, "{}")',
        seconds=20,
        think_ms=SIGN_IN_THINK_MS,
    ),
    # Long enough for ~200 paced sign-ins at a mean think time of 5 s.
    "sign in (POST /api/v1/tokens, argon2)": Scenario(
        'return wrk.format("POST", "/api/v1/tokens", {["content-type"] = "application/json"}, '
        '\'{"email": "\' .. emails[i] .. \'", "password": "' + PASSWORD + "\"}')",
        seconds=20,
        think_ms=SIGN_IN_THINK_MS,
    ),
}


@dataclass
class Result:
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(url: str, data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "FORGEFIT_DATA_DIR": str(data_dir), "FORGEFIT_DATABASE_URL": url}
    log = (data_dir / "server.log").open("wb")
    process = subprocess.Popen(
        [FORGEFIT, "serve", "--port", str(port), "--workers", "2"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise RuntimeError(f"server did not start: {(data_dir / 'server.log').read_text()[-2000:]}")


def make_users(base: str) -> dict[str, list[Any]]:
    run = uuid.uuid4().hex[:6]
    emails, tokens, programs = [], [], []
    with httpx.Client(base_url=base, timeout=60) as http:
        for n in range(USERS):
            email = f"bench-{run}-{n}@example.org"
            http.post("/api/v1/users", json={"email": email, "password": PASSWORD})
            token = http.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
            auth = {"authorization": f"Bearer {token.json()['token']}"}
            http.put("/api/v1/me/profile", json=PROFILE, headers=auth)
            saved = http.post("/api/v1/me/programs", json={}, headers=auth).json()
            emails.append(email)
            tokens.append(token.json()["token"])
            programs.append(saved["id"])
    return {"emails": emails, "tokens": tokens, "programs": programs}


def lua_list(values: list[Any]) -> str:
    return ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in values)


def run_scenario(base: str, users: dict[str, list[Any]], scenario: Scenario, paced: bool) -> Result:
    """paced: each of the 50 connections waits a random 0..think_ms between requests, like a
    person using an app; else every connection sends its next request the moment the last one
    returns."""
    delay = f"delay = function() return math.random(0, {scenario.think_ms}) end"
    script = LUA % {
        "tokens": lua_list(users["tokens"]),
        "emails": lua_list(users["emails"]),
        "programs": lua_list(users["programs"]),
        "body": scenario.lua,
        "delay": delay if paced else "",
        "run": uuid.uuid4().hex,
    }
    seconds = scenario.seconds
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s",
             handle.name, base],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    finally:
        os.unlink(handle.name)
    match = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", output)
    if not match:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    requests, errors = int(match.group(1)), int(match.group(2))
    return Result(requests, errors, *(float(match.group(g)) for g in (3, 4, 5)))


def postgres_schema() -> tuple[str, Any] | None:
    base = os.environ.get("FORGEFIT_BENCH_DATABASE_URL") or os.environ.get(
        "FORGEFIT_TEST_DATABASE_URL"
    )
    if not base:
        return None
    base = with_postgres_driver(base)
    schema = f"forgefit_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}", drop


def settle(base: str) -> None:
    """Let the server finish what a flat-out run left queued (wrk stops sending, the server
    keeps working on up to 50 queued requests, ~2 s of sign-ins), so the next paced row does not
    measure that backlog."""
    deadline = time.monotonic() + SETTLE_LIMIT_SECONDS
    while time.monotonic() < deadline:
        start = time.perf_counter()
        httpx.get(f"{base}/healthz", timeout=SETTLE_LIMIT_SECONDS)
        if time.perf_counter() - start < 0.005:
            break
        time.sleep(0.2)
    time.sleep(3)


def think_time(scenario: Scenario) -> str:
    if scenario.think_ms >= 2000:
        return f"0-{scenario.think_ms // 1000} s"
    return f"0-{scenario.think_ms} ms"


def measure(engine: str, url: str, scenarios: dict[str, Scenario], rows: list[list[str]]) -> None:
    """Start a server on `url`, make the users, run every scenario paced then flat out, and add
    one table row per scenario."""
    folder = Path(tempfile.mkdtemp(prefix=f"forgefit-bench-{engine}-"))
    process, base = start_server(url, folder)
    try:
        users = make_users(base)
        for name, scenario in scenarios.items():
            paced = run_scenario(base, users, scenario, paced=True)
            flat_out = run_scenario(base, users, scenario, paced=False)
            settle(base)
            verdict = (
                ""
                if name.startswith("baseline")
                else ("yes" if paced.p95 < TARGET_P95_MS else "no")
            )
            rows.append(
                [
                    engine,
                    name,
                    think_time(scenario),
                    f"{paced.requests / scenario.seconds:,.0f}/s",
                    f"{paced.p50:.1f}",
                    f"{paced.p95:.1f}",
                    f"{paced.p99:.1f}",
                    verdict,
                    f"{flat_out.requests / scenario.seconds:,.0f}/s",
                    f"{flat_out.p95:.1f}",
                    str(paced.errors + flat_out.errors),
                ]
            )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # still draining queued requests: stop it hard
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


HEADER = [
    "engine",
    "request",
    "think time",
    "paced rate",
    "paced p50",
    "paced p95",
    "paced p99",
    "p95 met",
    "flat-out rate",
    "flat-out p95",
    "errors",
]


def table_title(what: str) -> str:
    return (
        f"{what}, {CONNECTIONS} concurrent users (wrk; {USERS} accounts; 2 server workers; ms). "
        f"Paced: before each request a user thinks for a random time, uniform over the range "
        f"shown (0-{THINK_MS} ms is a mean of {THINK_MS // 2} ms: ~100 requests/s from 50 "
        f"users); target p95 < {TARGET_P95_MS:.0f} ms. Flat out: no pause, the server's ceiling."
    )


def run_all(scenarios: dict[str, Scenario], what: str) -> None:
    """Measure on SQLite, then PostgreSQL when a URL is set, and print one table."""
    rows: list[list[str]] = []
    load_before = os.getloadavg()[0]
    sqlite_folder = Path(tempfile.mkdtemp(prefix="forgefit-bench-db-"))
    try:
        measure("SQLite", f"sqlite:///{sqlite_folder / 'bench.db'}", scenarios, rows)
    finally:
        shutil.rmtree(sqlite_folder, ignore_errors=True)
    postgres = postgres_schema()
    if postgres is None:
        print("PostgreSQL not measured: set FORGEFIT_BENCH_DATABASE_URL (or the test URL)")
    else:
        url, drop = postgres
        try:
            measure("PostgreSQL", url, scenarios, rows)
        finally:
            drop()
    print_table(table_title(what), HEADER, rows)
    print(
        f"\nMachine load average (1 min) before / after: {load_before:.1f} / "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work shares them)."
    )


def argon2_hash_ms() -> float:
    samples = []
    for _ in range(15):
        start = time.perf_counter()
        security.hash_password(PASSWORD)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def paced_hashes_ms() -> tuple[float, float, int]:
    """The paced sign-in row's floor: the same argon2 hashes arriving as its sign-ins do (each
    of 50 users thinks 0-10 s before each), on threads (argon2 releases the GIL, as in the
    server's thread pool), with no HTTP and no database. Hashes that overlap share the cores,
    so this is slower than one hash alone. Returns p50, p95 and how many."""
    stored = security.hash_password(PASSWORD)
    seconds = SCENARIOS["sign in (POST /api/v1/tokens, argon2)"].seconds
    deadline = time.monotonic() + seconds
    samples: list[float] = []

    def person() -> None:
        while True:
            time.sleep(random.uniform(0, SIGN_IN_THINK_MS / 1000))
            if time.monotonic() > deadline:
                return
            start = time.perf_counter()
            security.verify_password(stored, PASSWORD)
            samples.append((time.perf_counter() - start) * 1000)

    people = [threading.Thread(target=person) for _ in range(USERS)]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    p50, p95 = (statistics.quantiles(samples, n=100)[i] for i in (49, 94))
    return p50, p95, len(samples)


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): accounts benchmark skipped")
        return 0
    run_all(SCENARIOS, "Accounts")
    print(
        f"\nOne argon2id hash with the shipped parameters "
        f"(m={security.ARGON2_MEMORY_KIB} KiB, t={security.ARGON2_PASSES}, "
        f"p={security.ARGON2_LANES}): median {argon2_hash_ms():.1f} ms"
    )
    p50, p95, count = paced_hashes_ms()
    print(
        f"The same hash paced like the sign-in row ({USERS} users, 0-{SIGN_IN_THINK_MS // 1000} s "
        f"think time), alone: no HTTP, no database, so the sign-in row's floor: p50 {p50:.1f}, "
        f"p95 {p95:.1f} ms ({count} hashes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
