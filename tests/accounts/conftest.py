"""Fixtures for the accounts tests: every test runs on SQLite and on PostgreSQL.

PostgreSQL tests use FORGEFIT_TEST_DATABASE_URL (.ci/run sets it) and skip with a message when
it is unset. Each test gets its own schema in that database (created here, dropped after), so
reruns and parallel runs never see each other's rows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import create_engine, text

from forgefit.accounts import Database, upgrade_database
from forgefit.settings import with_postgres_driver
from tests.conftest import FORGEFIT, free_port

TEST_DATABASE_ENV = "FORGEFIT_TEST_DATABASE_URL"
ENGINES = ["sqlite", "postgresql"]
PASSWORD = "correct horse battery"
PROFILE: dict[str, Any] = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
    "weeks": 2,
}


def postgres_url() -> str:
    url = os.environ.get(TEST_DATABASE_ENV, "").strip()
    if not url:
        pytest.skip(
            f"{TEST_DATABASE_ENV} is not set: set it to a PostgreSQL URL (for example "
            "postgresql://postgres@127.0.0.1:5432/test) to run the PostgreSQL tests, as .ci/run "
            "does"
        )
    return url


def _with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


@dataclass
class ScratchDatabase:
    """A URL for an empty database of one engine, removed again by `drop`."""

    engine: str
    url: str
    _cleanup: list[Callable[[], None]] = field(default_factory=list)

    def drop(self) -> None:
        for step in self._cleanup:
            step()


def make_scratch_database(engine: str, folder: Path) -> ScratchDatabase:
    if engine == "sqlite":
        return ScratchDatabase(engine, f"sqlite:///{folder / 'accounts.db'}")
    base = with_postgres_driver(postgres_url())
    admin_url = base
    schema = f"forgefit_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop_schema() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    scratch = ScratchDatabase(engine, _with_search_path(base, schema))
    scratch._cleanup.append(drop_schema)
    return scratch


@pytest.fixture(params=ENGINES)
def scratch(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ScratchDatabase]:
    database = make_scratch_database(request.param, tmp_path)
    try:
        yield database
    finally:
        database.drop()


@pytest.fixture
def database(scratch: ScratchDatabase) -> Iterator[Database]:
    """A database of the newest schema, on each engine."""
    connected = Database.connect(scratch.url)
    upgrade_database(connected)
    try:
        yield connected
    finally:
        connected.dispose()


# ----- running servers ------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flushing; what the database has is all that survives."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def start_server(
    database_url: str, data_dir: Path, extra_env: dict[str, str] | None = None, workers: int = 1
) -> Server:
    """`forgefit serve` on a free port against `database_url`; waits until it answers."""
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / f"server-{port}.log"
    env = {
        **os.environ,
        "FORGEFIT_DATA_DIR": str(data_dir),
        "FORGEFIT_DATABASE_URL": database_url,
        **(extra_env or {}),
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [FORGEFIT, "serve", "--port", str(port), "--workers", str(workers)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group, so kill() reaches the workers
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            pytest.fail(f"server did not start:\n{log.read_text()}")
        time.sleep(0.2)


@pytest.fixture(scope="module", params=ENGINES)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """A server per engine for a test module: (engine, base URL)."""
    folder = tmp_path_factory.mktemp(f"served-{request.param}")
    scratch = make_scratch_database(request.param, folder)
    server = start_server(scratch.url, folder / "data")
    try:
        yield request.param, server.url
    finally:
        server.stop()
        scratch.drop()


@pytest.fixture
def api(served: tuple[str, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served[1], timeout=30, follow_redirects=False) as client:
        yield client


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:10]}@example.org"


def sign_up_with_token(client: httpx.Client, email: str | None = None) -> dict[str, str]:
    """A new account through the API; returns its email and an Authorization header."""
    email = email or new_email()
    created = client.post("/api/v1/users", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201, created.text
    token = client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    assert token.status_code == 201, token.text
    return {"email": email, "authorization": f"Bearer {token.json()['token']}"}


@contextmanager
def scratch_sqlite_server(folder: Path) -> Iterator[str]:
    """A real `forgefit serve` on a fresh SQLite database in `folder`; stopped afterwards."""
    scratch = make_scratch_database("sqlite", folder)
    server = start_server(scratch.url, folder / "data")
    try:
        yield server.url
    finally:
        server.stop()
