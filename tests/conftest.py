"""Shared fixtures. Every test run keeps its files (the catalog cache) in a temporary folder."""

from __future__ import annotations

import contextlib
import copy
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from forgefit.catalog import Catalog, default_catalog
from forgefit.catalog.vocabulary import DATA_DIR

# Set before any test imports settings-dependent code paths, so no test writes to $HOME.
os.environ["FORGEFIT_DATA_DIR"] = tempfile.mkdtemp(prefix="forgefit-test-data-")

REPO_ROOT = Path(__file__).resolve().parent.parent
FORGEFIT = str(Path(sys.executable).parent / "forgefit")
SHIPPED_EXERCISES = DATA_DIR / "exercises"
REFERENCE_RECORD = SHIPPED_EXERCISES / "band-bent-over-kickback.yaml"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def valid_record() -> dict[str, Any]:
    """A complete, valid record (a copy of the shipped kickback) to mutate in tests."""
    with REFERENCE_RECORD.open() as handle:
        record: dict[str, Any] = yaml.safe_load(handle)
    record.pop("easier", None)
    record.pop("harder", None)
    return copy.deepcopy(record)


RecordWriter = Callable[..., Path]


@pytest.fixture
def write_record(tmp_path: Path) -> Iterator[RecordWriter]:
    """Write a record dict (or raw text) as tmp_path/records/<name>.yaml and return the folder."""
    folder = tmp_path / "records"
    folder.mkdir()

    def write(record: dict[str, Any] | str, file_name: str | None = None) -> Path:
        if isinstance(record, str):
            text = record
            name = file_name or "record.yaml"
        else:
            text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
            name = file_name or f"{record.get('slug', 'record')}.yaml"
        (folder / name).write_text(text, encoding="utf-8")
        return folder

    yield write


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_server(log: Path, **env: str) -> Iterator[str]:
    """`forgefit serve` on a free port (with extra environment settings); yields its URL."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [FORGEFIT, "serve", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, **env},
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("server") / "server.log") as url:
        yield url


@pytest.fixture
def http(server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server_url, timeout=20, follow_redirects=False) as client:
        yield client
