"""The plan worker pool's life cycle with a real server: after a flood of plan requests (most
refused with 503) the server still stops promptly on SIGTERM and leaves no process behind."""

from __future__ import annotations

import gc
import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from forgefit.catalog import Catalog
from forgefit.training import build_program
from forgefit.web.plan_workers import settle_for_planning
from tests.conftest import FORGEFIT, free_port

PROFILE = {
    "goal": "strength",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
}


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_server_stops_promptly_after_a_flood_of_plans(tmp_path: Path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FORGEFIT_PLAN_WORKERS": "1", "FORGEFIT_PLAN_QUEUE": "1"}
    with (tmp_path / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [FORGEFIT, "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env
        )
    processes: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)

        def post(_: int) -> int:
            return httpx.post(f"{url}/api/v1/plans", json=PROFILE, timeout=60).status_code

        with ThreadPoolExecutor(32) as pool:
            statuses = list(pool.map(post, range(300)))
        assert 503 in statuses and 200 in statuses
        processes = descendants(server.pid)
        assert processes, "plans are built in worker processes"

        server.terminate()
        server.wait(timeout=20)  # hung for good before the pool was shut down by force
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in processes) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in processes if alive(pid)] == []
    finally:
        for pid in [server.pid, *processes]:
            if alive(pid):
                os.kill(pid, 9)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FORGEFIT_PLAN_WORKERS", "abc"),
        ("FORGEFIT_PLAN_QUEUE", "0"),
        ("FORGEFIT_PLAN_POOL", "fork"),
        ("FORGEFIT_BODY_TIMEOUT", "-3"),
        ("FORGEFIT_BODY_TIMEOUT", "inf"),
    ],
)
def test_serve_refuses_a_bad_setting_with_a_message(name: str, value: str):
    result = subprocess.run(
        [FORGEFIT, "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, name: value},
    )
    assert result.returncode == 1
    assert name in result.stderr and repr(value) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_settled_worker_keeps_the_catalog_out_of_full_collections(catalog: Catalog) -> None:
    """settle_for_planning (each plan worker runs it on start) freezes what lives as long as
    the worker, so the collector's full passes skip it; plans are built as before."""
    before = build_program(PROFILE, catalog).model_dump_json()
    gc.unfreeze()
    try:
        settle_for_planning(catalog)
        frozen = gc.get_freeze_count()
        assert frozen > len(catalog.exercises)  # the exercises and everything they hold
        assert not any(obj is catalog for obj in gc.get_objects())  # out of the GC's lists
        assert build_program(PROFILE, catalog).model_dump_json() == before
    finally:
        gc.unfreeze()
