"""Pages served from memory (web/prerendered.py): the same bytes the site renders, plain or gzip,
with the same ETags and 304s, while keeping only the compressed copy of the site for good."""

from __future__ import annotations

import asyncio
import gc
import gzip
import hashlib
import tracemalloc
from typing import Any

import pytest

from forgefit.catalog import Catalog
from forgefit.pages.site import Site
from forgefit.web.prerendered import PrerenderedPages

Answer = tuple[int, dict[bytes, bytes], bytes]
SITE_URL = "https://forgefit.example"
# One page of every kind, and one too small to be worth compressing.
SAMPLE = [
    "/exercises",
    "/exercise/band-bent-over-kickback",
    "/exercise/band-bent-over-kickback.md",
    "/exercises/legs",
    "/exercises/muscle/glutes",
    "/sitemap.xml",
    "/llms.txt",
    "/static/forgefit.css",
    "/robots.txt",
]


async def nothing_else(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Stands in for the FastAPI app: these tests only ask for pages."""
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def call(app: Any, path: str, headers: list[tuple[bytes, bytes]], method: str = "GET") -> Answer:
    scope = {"type": "http", "method": method, "path": path, "headers": headers}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"]), sent[1]["body"]


def quoted_digest(body: bytes, suffix: bytes = b"") -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + suffix + b'"'


@pytest.fixture(scope="module")
def site(catalog: Catalog) -> Site:
    return Site(catalog, SITE_URL)


def test_plain_and_gzip_clients_get_the_rendered_page(site: Site) -> None:
    pages = PrerenderedPages(site, nothing_else)
    for path in SAMPLE:
        rendered = (site.render(path) or "").encode()
        for attempt in ("first", "repeat"):  # unpacked, then from the plain LRU
            status, headers, body = call(pages, path, [])
            assert (status, body) == (200, rendered), (path, attempt)
            assert headers[b"content-length"] == str(len(rendered)).encode()
            assert b"content-encoding" not in headers
        status, headers, body = call(pages, path, [(b"accept-encoding", b"gzip, br")])
        assert status == 200
        if len(rendered) >= 512:
            assert headers[b"content-encoding"] == b"gzip", path
            assert gzip.decompress(body) == rendered
            assert headers[b"content-length"] == str(len(body)).encode()
        else:
            assert body == rendered, path


def test_etags_name_the_bytes_sent_and_a_match_gets_304(site: Site) -> None:
    pages = PrerenderedPages(site, nothing_else)
    path = "/exercise/band-bent-over-kickback"
    for accept in (b"identity", b"gzip"):
        _, headers, body = call(pages, path, [(b"accept-encoding", accept)])
        suffix = b"-gz" if accept == b"gzip" else b""
        assert headers[b"etag"] == quoted_digest(body, suffix)
        status, again, empty = call(
            pages, path, [(b"accept-encoding", accept), (b"if-none-match", headers[b"etag"])]
        )
        assert (status, empty) == (304, b"")
        assert b"content-length" not in again
        assert {k: v for k, v in headers.items() if k != b"content-length"} == again


def test_head_sends_the_get_headers_without_a_body(site: Site) -> None:
    pages = PrerenderedPages(site, nothing_else)
    path = "/exercises/legs"
    for accept in (b"identity", b"gzip"):
        get = call(pages, path, [(b"accept-encoding", accept)])
        head = call(pages, path, [(b"accept-encoding", accept)], method="HEAD")
        assert head == (200, get[1], b"")


def test_plain_copies_are_bounded_and_evicted_pages_still_answer(site: Site) -> None:
    limit = 200_000
    pages = PrerenderedPages(site, nothing_else, plain_cache_bytes=limit)
    paths = [path for path in site.pages if path.startswith("/exercise/")][:60]
    first = {path: call(pages, path, [])[2] for path in paths}
    assert 0 < pages.plain_bodies.bytes <= limit
    assert len(pages.plain_bodies) < len(paths)
    for path in paths[:3]:  # long since pushed out of the LRU
        assert call(pages, path, [])[2] == first[path] == (site.render(path) or "").encode()


def test_warming_keeps_the_compressed_site_not_its_text(catalog: Catalog) -> None:
    """The rendered text (~180 MB as str for the shipped catalog) and the plain bytes (~94 MB)
    are let go; what stays is the gzip copy (~19 MB) and each page's headers."""
    pages = PrerenderedPages(Site(catalog, SITE_URL), nothing_else)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        pages.warm()
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    plain_bytes = sum(
        int(dict(page.plain.headers)[b"content-length"]) for page in pages.cache.values()
    )
    compressed_bytes = sum(len(page.body) for page in pages.cache.values())
    assert len(pages.cache) == len(pages.site.pages)
    assert compressed_bytes < plain_bytes / 3
    assert kept < compressed_bytes + plain_bytes / 5


def test_skipped_pages_are_rendered_on_first_request_and_kept(site: Site) -> None:
    from forgefit.pages.urls import COMPARE_PREFIX

    pages = PrerenderedPages(site, nothing_else)
    warmed = pages.warm(skip=(COMPARE_PREFIX,))
    compare = sorted(p for p in site.pages if p.startswith(COMPARE_PREFIX))
    assert compare and warmed == len(site.pages) - len(compare)
    assert not any(path in pages.cache for path in compare)
    status, _, body = call(pages, compare[0], [])
    assert status == 200 and body == (site.render(compare[0]) or "").encode()
    assert compare[0] in pages.cache
