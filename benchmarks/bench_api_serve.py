"""The JSON API served from memory (web/api_cache.py) against nginx serving the same bytes.

Three figures, in one run, one worker per server, wrk with 64 connections (issue 15):
1. Requests/second for one exercise, a filtered list, an ExerciseDB-shaped list, a repeated
   search, the vocabularies and the exercise page, ForgeFit + Granian against nginx serving the
   very bytes ForgeFit answered, saved as static files. Servers take turns in several rounds
   and the median is reported, because the machine is shared. Aim: API >= 60 % of nginx, the
   page >= 80 %. A third server in the same rounds gives the ceiling: an ASGI app that does
   nothing but answer the same bytes from memory, under Granian started as `forgefit serve`
   starts it (benchmarks/ceiling_app.py).
2. Searches rotating over 500 different queries: once with each request made unique by a
   counter parameter, so not one is answered from memory (every search is first-seen), and once
   as typed, so after the first 500 they come from memory. Aim: >= 3,000 requests/second.
3. Memory: the worker's resident size after 100,000 random API requests (random slugs,
   searches, filters, limits and offsets: most are first-seen and churn the bounded cache).
   Aim: under 150 MB.

Needs `wrk` and `nginx` (Debian packages; `make bench` installs them when it can).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus

import httpx
import yaml

from benchmarks.bench_serve import CONNECTIONS, free_port, run_wrk, stop, wait_until_up
from benchmarks.bench_serve import start_forgefit as start_granian
from benchmarks.bench_serve import start_nginx as start_static_nginx
from benchmarks.timing import print_table
from forgefit.catalog import default_catalog

ROUNDS = 5
SECONDS = 3
TARGETS = {
    "one exercise": "/api/v1/exercises/band-bent-over-kickback",
    "filtered list": "/api/v1/exercises?body_part=legs&equipment=dumbbell&limit=10",
    "ExerciseDB list": "/exercisedb/exercises?limit=10",
    "repeated search": "/api/v1/search?q=db+row",
    "vocabularies": "/api/v1/vocabularies",
    "exercise page": "/exercise/band-bent-over-kickback",
}
PAGE_TARGETS = {"exercise page"}
FIRST_SEEN_QUERIES = 500
FIRST_SEEN_SECONDS = 8
MEMORY_REQUESTS = 100_000
GRANIAN = "granian"
NGINX, FORGEFIT, CEILING = "nginx (static file)", "forgefit + granian", "empty ASGI app"
FIRST_SEEN_SCRIPT = """
local queries = {{ {queries} }}
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  if {unique} then
    return wrk.format("GET", "/api/v1/search?q=" .. q .. "&run={run}&n=" .. n)
  end
  return wrk.format("GET", "/api/v1/search?q=" .. q)
end
"""
RANDOM_SCRIPT = """
math.randomseed({seed})
local words = {{ {words} }}
local slugs = {{ {slugs} }}
local parts = {{ {parts} }}
local function word() return words[math.random(#words)] end
local function junk()
  local s = ""
  for _ = 1, math.random(3, 12) do s = s .. string.char(math.random(97, 122)) end
  return s
end
request = function()
  local r = math.random(9)
  local path
  if r == 1 then
    path = "/api/v1/exercises/" .. slugs[math.random(#slugs)]
  elseif r == 2 then
    path = "/api/v1/search?q=" .. word() .. "+" .. word() .. "&limit=" .. math.random(1, 100)
      .. "&offset=" .. math.random(0, 40)
  elseif r == 3 then
    path = "/api/v1/exercises?body_part=" .. parts[math.random(#parts)] .. "&limit="
      .. math.random(1, 100) .. "&offset=" .. math.random(0, 200)
  elseif r == 4 then
    path = "/api/v1/suggest?q=" .. string.sub(word(), 1, math.random(1, 6))
  elseif r == 5 then
    path = "/api/v1/exercises/" .. slugs[math.random(#slugs)] .. "/related?limit="
      .. math.random(1, 50)
  elseif r == 6 then
    path = "/exercisedb/exercises?limit=" .. math.random(0, 300) .. "&offset="
      .. math.random(0, 300)
  elseif r == 7 then
    path = "/exercisedb/exercises/name/" .. word()
  elseif r == 8 then
    path = "/api/v1/search?q=" .. junk() .. "+" .. word()
  else
    path = "/api/v1/exercises/" .. junk()
  end
  return wrk.format("GET", path)
end
"""


def lua_strings(values: list[str]) -> str:
    return ", ".join(json.dumps(value) for value in values)


def start_forgefit(port: int) -> subprocess.Popen[bytes]:
    return start_granian(GRANIAN, port)


def start_nginx(root: Path, port: int) -> subprocess.Popen[bytes]:
    """nginx serving the saved answers (JSON and the page) from {root}/static."""
    return start_static_nginx(
        root,
        port,
        docroot="static",
        types="text/html html; application/json json;",
        try_files="$uri",
    )


def start_ceiling(root: Path, port: int) -> subprocess.Popen[bytes]:
    """Granian, as `forgefit serve` starts it, running benchmarks/ceiling_app.py: the same
    saved bytes from memory with no work at all (the most any ASGI app could reach)."""
    granian = str(Path(sys.executable).parent / "granian")
    repository = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "FORGEFIT_CEILING_ROOT": str(root / "static"),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(repository), os.environ.get("PYTHONPATH")])
        ),
    }
    command = [
        granian, "--interface", "asgi", "--factory", "--workers", "1",
        "--host", "127.0.0.1", "--port", str(port), "benchmarks.ceiling_app:create_app",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def static_name(label: str) -> str:
    suffix = "html" if label in PAGE_TARGETS else "json"
    return "/" + label.replace(" ", "-").lower() + "." + suffix


def save_answers(url: str, root: Path) -> dict[str, int]:
    """Write ForgeFit's answer to every target (as wrk asks: no gzip) for nginx to serve."""
    sizes = {}
    (root / "static").mkdir()
    for label, path in TARGETS.items():
        response = httpx.get(url + path, headers={"accept-encoding": "identity"}, timeout=10)
        response.raise_for_status()
        (root / "static" / static_name(label).lstrip("/")).write_bytes(response.content)
        sizes[label] = len(response.content)
    return sizes


def server_pids(process: subprocess.Popen[bytes]) -> list[int]:
    """The server process and its children (Granian serves from a worker process)."""
    pids = [process.pid]
    for task in Path(f"/proc/{process.pid}/task").iterdir():
        pids += [int(pid) for pid in (task / "children").read_text().split()]
    return pids


def resident_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def first_seen_queries() -> list[str]:
    catalog = default_catalog()
    labelled = Path(__file__).parent.parent / "tests" / "catalog" / "search_queries.yaml"
    queries = [entry["query"] for entry in yaml.safe_load(labelled.read_text())]
    queries += [exercise.name.lower() for exercise in catalog.exercises]
    vocab = catalog.vocab
    queries += [
        f"{equipment} {part}"
        for equipment in vocab.names("equipment").values()
        for part in vocab.names("body_parts").values()
    ]
    unique = list(dict.fromkeys(queries))[:FIRST_SEEN_QUERIES]
    assert len(unique) == FIRST_SEEN_QUERIES, len(unique)
    return unique


def wrk_script(temp: Path, name: str, text: str) -> Path:
    script = temp / name
    script.write_text(text)
    return script


def run_wrk_script(url: str, script: Path, seconds: int) -> tuple[float, int, int]:
    """(requests/second, requests, non-2xx/3xx answers) for a Lua-scripted wrk run."""
    result = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    )
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", result.stdout).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    return rps, total, int(errors.group(1)) if errors else 0


def measure_throughput(root: Path) -> dict[str, dict[str, list[float]]]:
    results: dict[str, dict[str, list[float]]] = {label: {} for label in TARGETS}
    for round_number in range(ROUNDS):
        forgefit_port, nginx_port, ceiling_port = free_port(), free_port(), free_port()
        forgefit, nginx = start_forgefit(forgefit_port), start_nginx(root, nginx_port)
        ceiling = start_ceiling(root, ceiling_port)
        try:
            forgefit_url = f"http://127.0.0.1:{forgefit_port}"
            nginx_url = f"http://127.0.0.1:{nginx_port}"
            ceiling_url = f"http://127.0.0.1:{ceiling_port}"
            wait_until_up("forgefit", forgefit_url + "/healthz", forgefit)
            wait_until_up("nginx", nginx_url + static_name("vocabularies"), nginx)
            wait_until_up("empty ASGI app", ceiling_url + static_name("vocabularies"), ceiling)
            for label, path in TARGETS.items():
                servers = [
                    (NGINX, nginx_url + static_name(label)),
                    (FORGEFIT, forgefit_url + path),
                    (CEILING, ceiling_url + static_name(label)),
                ]
                # Who goes first rotates, so load drift evens out.
                shift = round_number % len(servers)
                for server, url in servers[shift:] + servers[:shift]:
                    run_wrk(url, seconds=1)  # warm-up: connections and the answer cache
                    rps, _ = run_wrk(url, seconds=SECONDS)
                    results[label].setdefault(server, []).append(rps)
        finally:
            stop(forgefit)
            stop(nginx)
            stop(ceiling)
    return results


def measure_rotation(temp: Path, unique: bool) -> tuple[float, int]:
    queries = lua_strings([quote_plus(q) for q in first_seen_queries()])
    port = free_port()
    process = start_forgefit(port)
    samples = []
    errors = 0
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up("forgefit", url + "/healthz", process)
        for round_number in range(ROUNDS + 1):
            text = FIRST_SEEN_SCRIPT.format(
                queries=queries, run=secrets.token_hex(4), unique=str(unique).lower()
            )
            script = wrk_script(temp, f"first-seen-{round_number}.lua", text)
            seconds = 2 if round_number == 0 else FIRST_SEEN_SECONDS
            rps, _, failed = run_wrk_script(url, script, seconds)
            if round_number:  # round 0 warms up
                samples.append(rps)
                errors += failed
    finally:
        stop(process)
    return statistics.median(samples), errors


def measure_memory(temp: Path) -> tuple[float, float, int, float]:
    """(worker MB at start, worker MB after, requests sent, seconds it took)."""
    catalog = default_catalog()
    words = sorted({w for e in catalog.exercises for w in e.name.lower().split() if w.isalpha()})
    text = RANDOM_SCRIPT.format(
        seed=secrets.randbelow(2**31),
        words=lua_strings(words),
        slugs=lua_strings([e.slug for e in catalog.exercises]),
        parts=lua_strings(list(catalog.vocab.body_parts)),
    )
    script = wrk_script(temp, "random.lua", text)
    port = free_port()
    process = start_forgefit(port)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up("forgefit", url + "/healthz", process)
        before = max(resident_mb(pid) for pid in server_pids(process))
        sent = 0
        started = time.monotonic()
        while sent < MEMORY_REQUESTS:
            sent += run_wrk_script(url, script, 10)[1]
        elapsed = time.monotonic() - started
        after = max(resident_mb(pid) for pid in server_pids(process))
    finally:
        stop(process)
    return before, after, sent, elapsed


def main() -> int:
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (apt-get install wrk nginx)")
        return 0
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    with tempfile.TemporaryDirectory() as temp_name:
        temp = Path(temp_name)
        temp.chmod(0o755)  # nginx workers run as an unprivileged user
        port = free_port()
        process = start_forgefit(port)
        try:
            wait_until_up("forgefit", f"http://127.0.0.1:{port}/healthz", process)
            sizes = save_answers(f"http://127.0.0.1:{port}", temp)
        finally:
            stop(process)
        results = measure_throughput(temp)
        first_seen, first_seen_errors = measure_rotation(temp, unique=True)
        rotating, rotating_errors = measure_rotation(temp, unique=False)
        before, after, sent, elapsed = measure_memory(temp)

    rows = []
    for label, servers in results.items():
        nginx_runs, our_runs = servers[NGINX], servers[FORGEFIT]
        ceiling_runs = servers[CEILING]
        # Each round's ratio compares runs made seconds apart; their median is steadier on a
        # shared machine than a ratio of medians.
        ratio = statistics.median(o / n for o, n in zip(our_runs, nginx_runs, strict=True))
        ceiling = statistics.median(c / n for c, n in zip(ceiling_runs, nginx_runs, strict=True))
        aim = "80%" if label in PAGE_TARGETS else "60%"
        nginx, ours = statistics.median(nginx_runs), statistics.median(our_runs)
        rows.append(
            [label, f"{sizes[label]:,}", f"{nginx:,.0f}", f"{ours:,.0f}", f"{ratio:.0%}",
             f"{ceiling:.0%}", aim]
        )  # fmt: skip
    print_table(
        f"API answers from memory vs nginx serving the same bytes: {CONNECTIONS} connections, "
        f"{ROUNDS} rotating rounds x {SECONDS}s (req/s: medians; ratios: medians of the rounds' "
        "ratios), one worker each; ceiling: an empty ASGI app under Granian answering the same "
        "bytes (benchmarks/ceiling_app.py)",
        ["request", "bytes", "nginx req/s", "forgefit req/s", "vs nginx", "ceiling vs nginx",
         "aim"],
        rows,
    )  # fmt: skip
    print_table(
        f"Searches rotating over {FIRST_SEEN_QUERIES} queries, one worker, median of {ROUNDS} x "
        f"{FIRST_SEEN_SECONDS}s",
        ["searches", "req/s", "error answers", "aim"],
        [
            ["every request new", f"{first_seen:,.0f}", str(first_seen_errors), ">= 3,000"],
            ["as typed (repeats)", f"{rotating:,.0f}", str(rotating_errors), ">= 3,000"],
        ],
    )
    print_table(
        "Worker memory before and after random API requests (shipped catalog)",
        ["requests", "req/s", "RSS at start MB", "RSS after MB", "aim"],
        [[f"{sent:,}", f"{sent / elapsed:,.0f}", f"{before:.0f}", f"{after:.0f}", "< 150 MB"]],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
