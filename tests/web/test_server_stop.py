"""Stopping a busy server: SIGTERM the moment 50 clients hang up in the middle of their
requests stops every process promptly.

Requests that start blocking work (the thread pool) while a worker stops used to leave pool
threads waiting for work that would never come, and the worker waiting for them at exit, for
good: about half the stops hung this way before web/draining.py. One stop passes by luck half
the time, so the test stops a server three times."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx

from tests.conftest import FORGEFIT, free_port
from tests.web.test_plan_workers import alive, descendants

# A stop that takes longer than this is a hang: a busy server stops in well under a second, and
# the workers' own kill timeout (web/server.py) is longer.
STOP_SECONDS = 8
ROUNDS = 3
CLIENTS = 50
FLOOD_SECONDS = 2.0
WORKOUT = {
    "started_at": "2026-11-28T18:00:00Z",
    "sets": [
        {"exercise": "goblet-squat", "load_kg": 20, "reps": 10, "rir": 2},
        {"exercise": "plank", "seconds": 45},
    ],
}


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    with (folder / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [FORGEFIT, "serve", "--port", str(port), "--workers", "2"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "FORGEFIT_DATA_DIR": str(folder)},
            start_new_session=True,  # its own group: the stop reaches every process, as Ctrl-C does
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server, port
        except httpx.TransportError:
            pass
        assert server.poll() is None and time.monotonic() < deadline, "server did not start"
        time.sleep(0.2)


def workout_request(token: str, key: str) -> bytes:
    body = json.dumps(WORKOUT).encode()
    head = (
        "POST /api/v1/me/workouts HTTP/1.1\r\nHost: localhost\r\n"
        f"Authorization: Bearer {token}\r\nIdempotency-Key: {key}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def flood_then_hang_up(port: int, token: str) -> int:
    """CLIENTS connections log workouts as fast as they are answered (each request runs the
    token check, then the write, in the thread pool); then all hang up mid-request at once.
    Returns how many were answered."""
    stop = threading.Event()
    connections: list[socket.socket] = []
    answered = [0]

    def client(number: int) -> None:
        connection = socket.create_connection(("127.0.0.1", port))
        connections.append(connection)
        sent = 0
        try:
            while not stop.is_set():
                sent += 1
                connection.sendall(workout_request(token, f"stop-{number}-{sent}"))
                if not connection.recv(65536):
                    return
                answered[0] += 1
        except OSError:
            return  # hung up by the test

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(FLOOD_SECONDS)
    stop.set()
    for connection in connections:
        # shutdown() wakes a thread blocked in recv(); close() alone would not hang up.
        connection.shutdown(socket.SHUT_RDWR)
        connection.close()
    for thread in threads:
        thread.join(timeout=10)
    return answered[0]


def test_a_server_stopped_as_its_clients_hang_up_mid_request_exits_promptly(
    tmp_path: Path,
) -> None:
    for round_number in range(ROUNDS):
        folder = tmp_path / f"round-{round_number}"
        folder.mkdir()
        server, port = start_server(folder)
        processes = {server.pid, *descendants(server.pid)}
        try:
            base = f"http://127.0.0.1:{port}"
            account = {"email": "stop@example.org", "password": "a long enough passphrase"}
            assert httpx.post(f"{base}/api/v1/users", json=account).status_code == 201
            token = httpx.post(f"{base}/api/v1/tokens", json=account).json()["token"]
            assert flood_then_hang_up(port, token) > 0, "no workout was logged"
            processes |= descendants(server.pid)
            os.killpg(server.pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_SECONDS
            while any(alive(pid) for pid in processes) and time.monotonic() < deadline:
                time.sleep(0.1)
            left = [pid for pid in processes if alive(pid)]
            assert left == [], f"round {round_number}: still running {STOP_SECONDS} s after SIGTERM"
        finally:
            for pid in processes:
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
            server.wait(timeout=10)
