"""Acknowledged writes survive a crash: several clients save programs at once, the server is
killed with SIGKILL mid-way, and after a restart every save that got a 2xx is there."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.accounts.conftest import (
    ENGINES,
    PROFILE,
    make_scratch_database,
    sign_up_with_token,
    start_server,
)

CLIENTS = 6
MAX_SAVES_PER_CLIENT = 200  # bounded even if the kill came late
KILL_AFTER_ACKNOWLEDGED = 30
KILL_DEADLINE_SECONDS = 60


@pytest.mark.parametrize("engine", ENGINES)
def test_every_acknowledged_save_survives_sigkill(engine: str, tmp_path: Path):
    scratch = make_scratch_database(engine, tmp_path)
    try:
        server = start_server(scratch.url, tmp_path / "data", workers=2)
        with httpx.Client(base_url=server.url, timeout=30) as setup:
            accounts = [sign_up_with_token(setup) for _ in range(CLIENTS)]
            for account in accounts:
                # The profile is saved once, so each save below builds from it.
                setup.put("/api/v1/me/profile", json=PROFILE, headers=_auth(account))

        acknowledged: dict[str, list[tuple[int, str]]] = {a["email"]: [] for a in accounts}
        lock = threading.Lock()
        count = [0]

        def client(account: dict[str, str]) -> None:
            with httpx.Client(base_url=server.url, timeout=10) as http:
                for n in range(MAX_SAVES_PER_CLIENT):
                    name = f"save {n}"
                    try:
                        response = http.post(
                            "/api/v1/me/programs", json={"name": name}, headers=_auth(account)
                        )
                    except httpx.TransportError:
                        return  # the server is gone
                    if 200 <= response.status_code < 300:
                        with lock:
                            acknowledged[account["email"]].append((response.json()["id"], name))
                            count[0] += 1

        threads = [threading.Thread(target=client, args=(a,)) for a in accounts]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + KILL_DEADLINE_SECONDS
        while count[0] < KILL_AFTER_ACKNOWLEDGED and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()
        for thread in threads:
            thread.join(timeout=30)
        assert count[0] >= KILL_AFTER_ACKNOWLEDGED, "too few saves before the kill"

        restarted = start_server(scratch.url, tmp_path / "data")
        try:
            with httpx.Client(base_url=restarted.url, timeout=30) as http:
                for account in accounts:
                    stored = http.get("/api/v1/me/programs", headers=_auth(account))
                    kept = {(p["id"], p["name"]) for p in stored.json()["items"]}
                    missing = set(acknowledged[account["email"]]) - kept
                    assert not missing, f"{account['email']} lost {sorted(missing)}"
                    currents = [p for p in stored.json()["items"] if p["current"]]
                    # One program is current whenever any was saved (a client may have had
                    # none acknowledged before the kill).
                    assert len(currents) == (1 if kept else 0)
        finally:
            restarted.stop()
    finally:
        scratch.drop()


def _auth(account: dict[str, str]) -> dict[str, str]:
    return {"authorization": account["authorization"]}


SET_CLIENTS = 50
KILL_AFTER_SETS = 150


@pytest.mark.parametrize("engine", ENGINES)
def test_every_acknowledged_set_survives_sigkill_with_50_clients(engine: str, tmp_path: Path):
    """50 phones log sets one at a time (the Today page's request); SIGKILL mid-way; after a
    restart every set that was answered 2xx is stored, exactly once."""
    scratch = make_scratch_database(engine, tmp_path)
    try:
        server = start_server(scratch.url, tmp_path / "data", workers=2)
        with httpx.Client(base_url=server.url, timeout=30) as setup:
            accounts = [sign_up_with_token(setup) for _ in range(SET_CLIENTS)]

        acknowledged: dict[str, list[str]] = {a["email"]: [] for a in accounts}
        lock = threading.Lock()
        count = [0]

        def client(account: dict[str, str]) -> None:
            with httpx.Client(base_url=server.url, timeout=10) as http:
                for n in range(MAX_SAVES_PER_CLIENT):
                    note = f"set {n}"
                    body = {
                        "workout_key": "crash-workout",
                        "started_at": "2026-11-28T18:00:00Z",
                        "set": {"exercise": "goblet-squat", "reps": 8, "note": note},
                    }
                    headers = {**_auth(account), "idempotency-key": f"set-{n}"}
                    try:
                        response = http.post("/api/v1/me/sets", json=body, headers=headers)
                    except httpx.TransportError:
                        return
                    if 200 <= response.status_code < 300:
                        with lock:
                            acknowledged[account["email"]].append(note)
                            count[0] += 1

        threads = [threading.Thread(target=client, args=(a,)) for a in accounts]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + KILL_DEADLINE_SECONDS
        while count[0] < KILL_AFTER_SETS and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()
        for thread in threads:
            thread.join(timeout=30)
        assert count[0] >= KILL_AFTER_SETS, "too few sets before the kill"

        restarted = start_server(scratch.url, tmp_path / "data")
        try:
            with httpx.Client(base_url=restarted.url, timeout=30) as http:
                for account in accounts:
                    stored = http.get("/api/v1/me/workouts", headers=_auth(account)).json()
                    assert len(stored["items"]) <= 1
                    notes = [s["note"] for w in stored["items"] for s in w["sets"]]
                    assert len(notes) == len(set(notes)), "a set was stored twice"
                    missing = set(acknowledged[account["email"]]) - set(notes)
                    assert not missing, f"{account['email']} lost {sorted(missing)}"
        finally:
            restarted.stop()
    finally:
        scratch.drop()
