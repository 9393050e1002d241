"""Two `forgefit serve` processes on different ports, one PostgreSQL: each accepts the other's
sessions and tokens and sees the other's writes. Nothing is shared but the database (each
server has its own data folder, and no FORGEFIT_SECRET_KEY: the key is kept in the database)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.accounts.conftest import (
    PROFILE,
    Server,
    make_scratch_database,
    sign_up_with_token,
    start_server,
)
from tests.accounts.test_pages_http import csrf_of, sign_up_in_browser


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    folder = tmp_path_factory.mktemp("two-servers")
    scratch = make_scratch_database("postgresql", folder)
    env = {k: v for k, v in os.environ.items() if k == "FORGEFIT_SECRET_KEY"}
    assert not env, "unset FORGEFIT_SECRET_KEY: this test checks the key kept in the database"
    # Started together: both run the migrations on start, one waits for the other's lock.
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(
            lambda name: start_server(scratch.url, Path(folder / name)), ["one", "two"]
        )
    try:
        yield first, second
    finally:
        first.stop()
        second.stop()
        scratch.drop()


def test_a_session_from_one_server_works_on_the_other(two_servers: tuple[Server, Server]):
    one, two = two_servers
    with httpx.Client(base_url=one.url, timeout=30) as browser:
        email = sign_up_in_browser(browser)
        cookie = browser.cookies["forgefit_session"]
    with httpx.Client(base_url=two.url, timeout=30, follow_redirects=False) as elsewhere:
        elsewhere.cookies.set("forgefit_session", cookie)
        page = elsewhere.get("/account")
        assert page.status_code == 200 and email in page.text
        out = elsewhere.post("/account/signout", data={"csrf": csrf_of(page.text)})
        assert out.status_code == 303
    with httpx.Client(base_url=one.url, timeout=30, follow_redirects=False) as again:
        again.cookies.set("forgefit_session", cookie)
        assert again.get("/account").status_code == 303  # signed out everywhere


def test_tokens_and_writes_are_seen_by_both_servers(two_servers: tuple[Server, Server]):
    one, two = two_servers
    with (
        httpx.Client(base_url=one.url, timeout=30) as first,
        httpx.Client(base_url=two.url, timeout=30) as second,
    ):
        account = sign_up_with_token(first)
        auth = {"authorization": account["authorization"]}
        saved = second.post(
            "/api/v1/me/programs", json={"profile": PROFILE, "name": "Written on two"}, headers=auth
        )
        assert saved.status_code == 201
        read = first.get(f"/api/v1/me/programs/{saved.json()['id']}", headers=auth)
        assert read.status_code == 200 and read.json()["name"] == "Written on two"
        assert first.delete("/api/v1/me", headers=auth).status_code == 204
        assert second.get("/api/v1/me", headers=auth).status_code == 401
