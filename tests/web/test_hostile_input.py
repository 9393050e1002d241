"""Hostile and malformed requests over real HTTP: every one gets a clear 4xx naming the problem,
never a 500, and the server keeps answering."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import running_server

PROFILE = {
    "goal": "strength",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
}
JSON = {"content-type": "application/json"}


def post_raw(http: httpx.Client, body: bytes) -> httpx.Response:
    return http.post("/api/v1/plans", content=body, headers=JSON)


def problem_fields(response: httpx.Response) -> list[str]:
    return [problem["parameter"] for problem in response.json()["detail"]]


def test_deeply_nested_json_is_422_not_500(http: httpx.Client):
    body = b'{"goal": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    response = post_raw(http, body)
    assert response.status_code == 422
    assert "deep" in response.json()["detail"][0]["message"]


def test_brackets_inside_strings_do_not_count_as_nesting(http: httpx.Client):
    body = json.dumps({**PROFILE, "exclude": ["[" * 60 + "{" * 30]}).encode()
    response = post_raw(http, body)
    assert response.status_code == 422
    assert problem_fields(response) == ["exclude[0]"]


def test_a_5000_digit_integer_is_422_naming_the_field(http: httpx.Client):
    body = json.dumps(PROFILE)[:-1].encode() + b', "seed": ' + b"9" * 5000 + b"}"
    response = post_raw(http, body)
    assert response.status_code == 422
    assert problem_fields(response) == ["seed"]
    assert "5,000 digits" in response.json()["detail"][0]["message"]


def test_a_duplicate_key_is_422_naming_it(http: httpx.Client):
    body = b'{"goal": "strength", ' + json.dumps(PROFILE)[1:].encode()
    response = post_raw(http, body)
    assert response.status_code == 422
    assert problem_fields(response) == ["goal"]
    assert "more than once" in response.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("seed", False), ("days_per_week", "3"), ("weeks", 4.5), ("minutes_per_session", True)],
)
def test_numbers_must_be_json_integers(http: httpx.Client, field: str, value: object):
    response = http.post("/api/v1/plans", json={**PROFILE, field: value})
    assert response.status_code == 422
    assert problem_fields(response) == [field]
    assert "whole number" in response.json()["detail"][0]["message"]


def test_an_integral_decimal_is_the_same_json_number(http: httpx.Client):
    # JSON has one number type: 4.0 is 4 (and the schema's "integer" allows it).
    response = http.post("/api/v1/plans", json={**PROFILE, "weeks": 4.0})
    assert response.status_code == 200
    assert len(response.json()["weeks"]) == 4


def test_nan_and_infinity_are_refused(http: httpx.Client):
    body = json.dumps(PROFILE)[:-1].encode() + b', "seed": NaN}'
    response = post_raw(http, body)
    assert response.status_code == 422
    assert problem_fields(response) == ["seed"]


def test_a_body_that_is_not_an_object_is_422(http: httpx.Client):
    response = post_raw(http, b"[1, 2, 3]")
    assert response.status_code == 422
    assert problem_fields(response) == ["body"]


@pytest.mark.parametrize("field", ["exclude", "favourites", "focus", "equipment", "injuries"])
def test_list_fields_are_capped(http: httpx.Client, field: str):
    items: list[object] = [{"joint": "knee"}] * 65 if field == "injuries" else ["squat"] * 65
    response = http.post("/api/v1/plans", json={**PROFILE, field: items})
    assert response.status_code == 422
    assert problem_fields(response) == [field]
    assert "at most 64" in response.json()["detail"][0]["message"]


def test_many_unknown_names_are_answered_fast_with_bounded_suggestions(http: httpx.Client):
    # Each name is close to a real one, so each could earn a "did you mean" (a fuzzy search).
    names = [f"goblet-sqaut-{i}" for i in range(64)]
    muscles = [f"bicepz{i}" for i in range(64)]
    profile = {**PROFILE, "exclude": names, "favourites": names, "focus": muscles}
    start = time.perf_counter()
    response = http.post("/api/v1/plans", json=profile)
    elapsed = time.perf_counter() - start
    assert response.status_code == 422
    problems = response.json()["detail"]
    # Ten unknown names per field are named (each may get a suggestion); the rest are counted.
    assert len(problems) == 3 * (10 + 1)
    assert sum("Did you mean" in p["message"] for p in problems) <= 3 * 10
    assert elapsed < 5, elapsed  # generous: shared machines; unbounded fuzzy matching took ~1 s


def test_a_body_over_64_kb_is_413_with_a_message(http: httpx.Client):
    body = json.dumps({**PROFILE, "note": "x" * 70_000}).encode()
    response = post_raw(http, body)
    assert response.status_code == 413
    assert "64 KB" in response.json()["detail"]


def test_a_chunked_body_over_64_kb_is_413(http: httpx.Client):
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b" " * 8192

    response = http.post("/api/v1/plans", content=chunks(), headers=JSON)
    assert response.status_code == 413


def test_405_carries_allow(http: httpx.Client):
    response = http.delete("/api/v1/plans")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    response = http.post("/api/v1/exercises/goblet-squat")
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}
    response = http.post("/exercise/goblet-squat")  # a prerendered page
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/exercises/goblet-squat",
        "/api/v1/exercises?limit=3",
        "/api/v1/vocabularies",
        "/exercisedb/exercises/bodyPartList",
        "/search?q=squat",
        "/plan",
        "/docs",
        "/openapi.json",
        "/exercise/goblet-squat",
        "/healthz",
    ],
)
def test_head_works_wherever_get_does(http: httpx.Client, path: str):
    get = http.get(path, headers={"accept-encoding": "identity"})
    head = http.head(path, headers={"accept-encoding": "identity"})
    assert get.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("content-length") == get.headers.get("content-length")


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with one plan worker, a queue of one and a 3-second body deadline (short enough
    to test, long enough that a busy machine never times out an honest request)."""
    log: Path = tmp_path_factory.mktemp("strict-server") / "server.log"
    with running_server(
        log, FORGEFIT_PLAN_WORKERS="1", FORGEFIT_PLAN_QUEUE="1", FORGEFIT_BODY_TIMEOUT="3"
    ) as url:
        yield url


def test_a_body_that_trickles_in_is_timed_out(strict_server: str):
    address = urlsplit(strict_server)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            b"POST /api/v1/plans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 200\r\n\r\n{"
        )
        start = time.monotonic()
        reply = b""
        while b"\r\n\r\n" not in reply:
            connection.sendall(b" ")  # one byte now and then, never finishing
            time.sleep(0.2)
            connection.settimeout(0.05)
            with contextlib.suppress(TimeoutError):
                reply += connection.recv(4096)
            assert time.monotonic() - start < 8, "the trickling body was never timed out"
    assert reply.startswith(b"HTTP/1.1 408")
    # The server still answers everyone else.
    assert httpx.get(f"{strict_server}/healthz", timeout=5).status_code == 200


def test_a_full_plan_queue_answers_503_with_retry_after_at_once(strict_server: str):
    def post(_: int) -> tuple[int, str | None, float]:
        start = time.perf_counter()
        response = httpx.post(f"{strict_server}/api/v1/plans", json=PROFILE, timeout=60)
        return response.status_code, response.headers.get("retry-after"), start

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(post, range(16)))
    statuses = [status for status, _, _ in results]
    assert 200 in statuses
    assert 503 in statuses
    assert set(statuses) <= {200, 503}
    assert all(retry == "1" for status, retry, _ in results if status == 503)


def test_the_program_page_says_busy_when_the_queue_is_full(strict_server: str):
    form = {**PROFILE, "weeks": "4"}

    def get(_: int) -> httpx.Response:
        return httpx.get(f"{strict_server}/plan/program", params=form, timeout=60)

    with ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(get, range(16)))
    busy = [r for r in responses if r.status_code == 503]
    assert busy, [r.status_code for r in responses]
    assert busy[0].headers["retry-after"] == "1"
    assert "try again" in busy[0].text
    assert any(r.status_code == 200 for r in responses)


def test_headers_that_trickle_in_are_timed_out(server_url: str):
    """Granian's header read timeout (10 s, set by `forgefit serve`) closes the connection."""
    address = urlsplit(server_url)
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        start = time.monotonic()
        connection.settimeout(1)
        closed = False
        while not closed and time.monotonic() - start < 25:
            try:
                connection.sendall(b"X-Slow: a\r\n")  # another header line, never the end
                closed = connection.recv(1024) == b""
            except TimeoutError:
                continue
            except OSError:
                closed = True
    assert closed, "a client sending headers forever kept its connection"
    assert time.monotonic() - start < 20


def test_a_huge_unknown_slug_is_a_plain_404_without_fuzzy_matching(http: httpx.Client):
    slug = "squat" * 6_000  # 30,000 characters: fuzzy matching it would cost real time
    response = http.get(f"/api/v1/exercises/{slug}")
    assert response.status_code == 404
    assert response.json()["suggestions"] == []
    # A short near miss still gets its "did you mean".
    near = http.get("/api/v1/exercises/goblet-sqaut").json()
    assert "goblet-squat" in near["suggestions"]
