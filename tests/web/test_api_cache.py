"""The API's fast path (web/api_cache.py) answers exactly as the FastAPI app does.

Every request is sent to two apps built by create_app: the served one, and one with
`cache_api=False` (FastAPI alone, as before the fast path). Status, every header and the body
must match, for a first-seen request and for a repeat served from memory, plain, gzip, HEAD and
conditional. gzip bodies are compared decompressed: gzip's header holds a timestamp, so the
FastAPI app's own gzip bytes differ from one request to the next.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from forgefit.catalog import Catalog
from forgefit.web.api_cache import AnswerCache, CachedAnswer, CachedApi, cache_key
from forgefit.web.app import create_app

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]

LABELLED = Path(__file__).parent.parent / "catalog" / "search_queries.yaml"
SEARCH_QUERIES = [entry["query"] for entry in yaml.safe_load(LABELLED.read_text())][:40]

ROUTES = [
    "/api/v1/exercises",
    "/api/v1/exercises?limit=5",
    "/api/v1/exercises?body_part=legs&equipment=dumbbell&limit=10",
    "/api/v1/exercises?limit=10&body_part=legs&equipment=dumbbell",
    "/api/v1/exercises?muscle=triceps&include_secondary=true&sort=name&limit=7&offset=3",
    "/api/v1/exercises?difficulty=beginner&category=strength&pattern=squat&extra=kept",
    "/api/v1/exercises?body_part=nowhere",
    "/api/v1/exercises?limit=1000",
    "/api/v1/exercises/band-bent-over-kickback",
    "/api/v1/exercises/goblet-squat",
    "/api/v1/exercises/goblet-sqat",
    "/api/v1/exercises/goblet-squat/related",
    "/api/v1/exercises/goblet-squat/related?limit=3",
    "/api/v1/exercises/barbell-back-squat/substitutes?equipment=bands&injuries=knee:serious",
    "/api/v1/exercises/barbell-back-squat/substitutes?injuries=elbow:broken",
    "/api/v1/vocabularies",
    "/api/v1/vocabularies?ignored=1",
    "/api/v1/suggest?q=gobl",
    "/api/v1/suggest?limit=3&q=push+u",
    "/api/v1/suggest?q=",
    "/api/v1/suggest",
    "/api/v1/search?q=db+row&available=home-dumbbells",
    "/api/v1/search?q=db%20row&available=home-dumbbells&available=bench",
    "/api/v1/search?q=legs&limit=5&offset=5",
    "/api/v1/search?offset=5&q=legs&limit=5&utm=x",
    "/api/v1/search?q=squat&body_part=legs&difficulty=beginner&category=strength",
    "/api/v1/search?q=curl&muscle=biceps&equipment=dumbbell&pattern=elbow-flexion",
    "/api/v1/search?q=%3F%21%3F%21",
    "/api/v1/search?q=",
    "/api/v1/search?q=a&q=b",
    "/api/v1/search?q=row&limit=0",
    "/api/v1/search?q=row&limit=05",
    "/api/v1/search?q=row&body_part=wings",
    "/api/v1/search?q=" + "x" * 201,
    "/api/v1/search",
    "/exercisedb/exercises",
    "/exercisedb/exercises?limit=0",
    "/exercisedb/exercises?limit=3&offset=7",
    "/exercisedb/exercises/bodyPartList",
    "/exercisedb/exercises/targetList",
    "/exercisedb/exercises/equipmentList",
    "/exercisedb/exercises/bodyPart/back?limit=4",
    "/exercisedb/exercises/bodyPart/wings",
    "/exercisedb/exercises/target/biceps",
    "/exercisedb/exercises/equipment/dumbbell?limit=2&offset=1",
    "/exercisedb/exercises/name/squat",
    "/exercisedb/exercises/exercise/nothing-here",
    "/exercises",
    "/healthz",
] + [f"/api/v1/search?q={query}" for query in SEARCH_QUERIES]

HEADER_SETS: list[list[tuple[bytes, bytes]]] = [
    [],
    [(b"accept-encoding", b"gzip, deflate, br")],
    [(b"x-rapidapi-key", b"ignored")],
]


async def call(
    app: Any, method: str, target: str, headers: list[tuple[bytes, bytes]], path: str = ""
) -> Answer:
    """Send one request; `path` overrides the decoded path (to hold a "?", sent as %3F)."""
    target_path, _, query = target.partition("?")
    path = path or target_path
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return sent[0]["status"], list(sent[0]["headers"]), body


def comparable(answer: Answer) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    status, headers, body = answer
    if (b"content-encoding", b"gzip") in headers and body:
        body = gzip.decompress(body)
        headers = [h for h in headers if h[0] != b"content-length"]
    return status, headers, body


@pytest.fixture(scope="module")
def apps(catalog: Catalog) -> tuple[Any, Any]:
    return create_app(catalog), create_app(catalog, cache_api=False)


def fast_layer(app: Any) -> CachedApi:
    layer = app
    while not isinstance(layer, CachedApi):
        layer = layer.app
    return layer


def test_fast_path_answers_byte_for_byte_like_fastapi(apps: tuple[Any, Any]) -> None:
    served, reference = apps

    async def compare() -> int:
        checked = 0
        for route, headers, method in itertools.product(ROUTES, HEADER_SETS, ("GET", "HEAD")):
            expected = comparable(await call(reference, method, route, headers))
            for attempt in ("first", "repeat"):
                got = comparable(await call(served, method, route, headers))
                assert got == expected, f"{method} {route} {headers} ({attempt})"
                checked += 1
        return checked

    assert asyncio.run(compare()) == len(ROUTES) * len(HEADER_SETS) * 2 * 2
    assert len(fast_layer(served).cache) > len(SEARCH_QUERIES)


def test_revalidation_gets_the_same_304(apps: tuple[Any, Any]) -> None:
    served, reference = apps

    async def compare() -> list[int]:
        statuses = []
        for route in ROUTES[:20]:
            for encoding in ([], [(b"accept-encoding", b"gzip")]):
                status, headers, _ = await call(reference, "GET", route, encoding)
                etag = dict(headers).get(b"etag")
                if status != 200 or etag is None:
                    continue
                for tags in (etag, b'W/"nope", ' + etag, b'"nope"'):
                    conditional = [*encoding, (b"if-none-match", tags)]
                    expected = comparable(await call(reference, "GET", route, conditional))
                    for _ in range(2):
                        got = comparable(await call(served, "GET", route, conditional))
                        assert got == expected, f"{route} {conditional}"
                    statuses.append(expected[0])
        return statuses

    statuses = asyncio.run(compare())
    assert statuses.count(304) == 2 * statuses.count(200) > 0


def test_credentials_and_unlisted_routes_are_never_remembered(catalog: Catalog) -> None:
    app = create_app(catalog)
    layer = fast_layer(app)

    async def send_all() -> None:
        for route in ("/api/v1/exercises/goblet-squat", "/api/v1/vocabularies"):
            await call(app, "GET", route, [(b"authorization", b"Bearer secret")])
            await call(app, "GET", route, [(b"cookie", b"session=1")])
        await call(app, "GET", "/api/v1/me/favourites", [])
        await call(app, "GET", "/api/v1/exercises/goblet-squat/favourite", [])
        await call(app, "POST", "/api/v1/exercises", [])
        await call(app, "GET", "/openapi.json", [])

    asyncio.run(send_all())
    assert len(layer.cache) == 0
    asyncio.run(call(app, "GET", "/api/v1/exercises/goblet-squat", []))
    assert len(layer.cache) > 0


def test_a_question_mark_in_the_path_is_not_a_query(apps: tuple[Any, Any]) -> None:
    served, reference = apps

    async def compare() -> None:
        for route in (
            "/api/v1/exercises/goblet-squat?x=1",
            "/exercisedb/exercises/name/row?limit=2",
        ):
            await call(served, "GET", route, [])  # remembered under path and query
            for app in (served, reference):
                status, _, _ = await call(app, "GET", "/x", [], path=route)
                assert status in (200, 404)
            got = await call(served, "GET", "/x", [], path=route)
            assert got == await call(reference, "GET", "/x", [], path=route), route

    asyncio.run(compare())


def test_equivalent_queries_share_a_key() -> None:
    assert cache_key("/api/v1/suggest", b"q=push+up&limit=8") == cache_key(
        "/api/v1/suggest", b"utm=1&q=push%20up"
    )
    assert cache_key("/exercisedb/exercises", b"offset=0&limit=10") == cache_key(
        "/exercisedb/exercises", b""
    )
    assert cache_key("/api/v1/search", b"q=a+b") == cache_key("/api/v1/search", b"q=a%20b")
    # The search answer's "next" link repeats the parameters in order, so order matters there.
    assert cache_key("/api/v1/search", b"q=a&limit=5") != cache_key(
        "/api/v1/search", b"limit=5&q=a"
    )
    # A value holding "&" or "=" is not confused with two parameters.
    assert cache_key("/api/v1/suggest", b"q=a%26limit%3D3") != cache_key(
        "/api/v1/suggest", b"q=a&limit=3"
    )


def test_cache_is_bounded_by_entries_and_bytes() -> None:
    by_count = AnswerCache(max_entries=50, max_bytes=10**9)
    by_bytes = AnswerCache(max_entries=10**6, max_bytes=200_000)
    for number in range(5_000):
        answer = CachedAnswer(b'{"n":%d,"pad":"%s"}' % (number, b"x" * 1000))
        by_count.put((f"/k{number}", b""), answer, 10)
        by_bytes.put((f"/k{number}", b""), answer, 10)
    assert len(by_count) == 50
    assert by_bytes.bytes <= 200_000
    assert 0 < len(by_bytes) < 200
    assert by_count.get(("/k4999", b"")) is not None
    assert by_count.get(("/k0", b"")) is None


def test_cross_origin_requests_keep_their_cors_headers(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORGEFIT_CORS_ORIGINS", "https://app.example.org")
    served, reference = create_app(catalog), create_app(catalog, cache_api=False)
    origin = [(b"origin", b"https://app.example.org")]

    async def compare() -> None:
        for route in ("/api/v1/exercises/goblet-squat", "/api/v1/search?q=row"):
            for headers in ([], origin):
                expected = comparable(await call(reference, "GET", route, headers))
                for _ in range(2):
                    assert comparable(await call(served, "GET", route, headers)) == expected
            allowed = dict(comparable(await call(served, "GET", route, origin))[1])
            assert allowed[b"access-control-allow-origin"] == b"https://app.example.org"

    asyncio.run(compare())
