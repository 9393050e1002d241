"""The fast path for pages that never change while the process runs.

Every library page is a pure function of the immutable catalog, so it is rendered once, gzipped
once and given a strong ETag once; after that a request is answered straight from memory by this
small ASGI layer, without the framework's routing, validation or response machinery. Anything
that is not such a page (the API, search, 404s) falls through to the FastAPI app.

Memory: the site is ~94 MB of plain bytes but ~19 MB gzipped, so only the gzip body of a page is
kept for good (with both variants' headers and ETags). The plain body of a compressible page is
unpacked from it when a client that does not take gzip asks, and kept in a small LRU so the pages
such clients read often stay as fast as before. The rendered text is never kept.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from forgefit.pages.site import Site
from forgefit.web.memory_first import MemoryAnswer, MemorySource

Scope = dict[str, Any]
Message = dict[str, Any]

# Pages are cacheable for five minutes by browsers and ten by shared caches; ETags make
# revalidation after that cost one small 304.
PAGE_CACHE_CONTROL = b"public, max-age=300, s-maxage=600"
MIN_COMPRESS_BYTES = 512
# Plain bodies kept unpacked: the hottest few hundred pages; a miss costs one gunzip (~40 us for
# an exercise page, ~0.3 ms for the largest hub).
DEFAULT_PLAIN_CACHE_BYTES = 8 * 1024 * 1024
# wbits for zlib: a gzip header and trailer around the deflate stream.
GZIP_WBITS = 16 + zlib.MAX_WBITS


@dataclass(frozen=True, slots=True)
class Variant:
    """One encoding of a page: its ETag and its headers."""

    etag: bytes
    headers: list[tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class CachedPage:
    """A page ready to send. `body` is the gzip body when the page is compressible (then
    `gzipped` is set), else the plain body; the plain body of a compressible page is unpacked
    from it on demand."""

    plain: Variant
    gzipped: Variant | None
    body: bytes

    def plain_body(self) -> bytes:
        if self.gzipped is None:
            return self.body
        return zlib.decompress(self.body, GZIP_WBITS)


# Header pairs every page shares, made once (there are ~7,600 variants to describe).
_CACHE_CONTROL = (b"cache-control", PAGE_CACHE_CONTROL)
_VARY = (b"vary", b"accept-encoding")
_GZIP = (b"content-encoding", b"gzip")
_content_types: dict[str, tuple[bytes, bytes]] = {}


def _variant(body: bytes, media_type: str, gzipped: bool) -> Variant:
    digest = hashlib.blake2b(body, digest_size=12).hexdigest().encode()
    etag = b'"' + digest + (b"-gz" if gzipped else b"") + b'"'
    content_type = _content_types.setdefault(media_type, (b"content-type", media_type.encode()))
    headers = [
        content_type,
        (b"content-length", str(len(body)).encode()),
        (b"etag", etag),
        _CACHE_CONTROL,
        _VARY,
    ]
    if gzipped:
        headers.append(_GZIP)
    return Variant(etag, headers)


def build_cached_page(text: str, media_type: str) -> CachedPage:
    body = text.encode("utf-8")
    plain = _variant(body, media_type, gzipped=False)
    if len(body) < MIN_COMPRESS_BYTES:
        return CachedPage(plain, None, body)
    compressed = gzip.compress(body, compresslevel=9, mtime=0)
    return CachedPage(plain, _variant(compressed, media_type, gzipped=True), compressed)


class PlainBodies:
    """Unpacked plain bodies, least recently used first out, bounded by their total size."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._bodies: OrderedDict[str, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._bodies)

    def get(self, path: str, page: CachedPage) -> bytes:
        body = self._bodies.get(path)
        if body is not None:
            self._bodies.move_to_end(path)
            return body
        body = page.plain_body()
        if len(body) <= self.max_bytes:
            self._bodies[path] = body
            self.bytes += len(body)
            while self.bytes > self.max_bytes:
                _, old = self._bodies.popitem(last=False)
                self.bytes -= len(old)
        return body


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


def _etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    if if_none_match.strip() == b"*":
        return True
    candidates = (tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b","))
    return etag in candidates


class PrerenderedPages:
    """ASGI app: serve the Site's pages from memory, pass every other request to `app`."""

    def __init__(
        self, site: Site, app: Any, *, plain_cache_bytes: int = DEFAULT_PLAIN_CACHE_BYTES
    ) -> None:
        self.site = site
        self.app = app
        self.cache: dict[str, CachedPage] = {}
        self.plain_bodies = PlainBodies(plain_cache_bytes)
        # The API cache behind this layer answers from memory too (web/api_cache.py).
        self._app_memory: MemorySource | None = getattr(app, "from_memory", None)

    def lookup(self, path: str) -> CachedPage | None:
        cached = self.cache.get(path)
        if cached is None:
            page = self.site.pages.get(path)
            if page is None:
                return None
            cached = build_cached_page(page.render(), page.media_type)
            self.cache[path] = cached
        return cached

    def warm(self, skip: tuple[str, ...] = ()) -> int:
        """Render and compress every page now, except those under the `skip` prefixes (optional;
        pages are otherwise built on first use and kept from then on)."""
        for path in self.site.pages:
            if not skip or not path.startswith(skip):
                self.lookup(path)
        return len(self.cache)

    def from_memory(self, scope: Scope) -> MemoryAnswer | None:
        """The answer to a GET or HEAD for a page (or, failing that, from the API cache behind
        this layer) when it is in memory; None when the request must take the long way."""
        if scope["method"] in ("GET", "HEAD"):
            cached = self.lookup(scope["path"])
            if cached is not None:
                return self._answer(scope, cached)
        if self._app_memory is not None:
            return self._app_memory(scope)
        return None

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope["path"]
            cached = self.lookup(path)
            if cached is not None:
                await self._answer(scope, cached).send(send)
                return
            if path.endswith("/") and len(path) > 1 and path.rstrip("/") in self.site.pages:
                await self._redirect(send, path.rstrip("/"))
                return
        elif scope["type"] == "http" and scope["path"] in self.site.pages:
            await self._method_not_allowed(send)
            return
        await self.app(scope, receive, send)

    async def _method_not_allowed(self, send: Any) -> None:
        body = b"These pages can only be read: use GET or HEAD.\n"
        headers = [
            (b"allow", b"GET, HEAD"),
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 405, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _answer(self, scope: Scope, cached: CachedPage) -> MemoryAnswer:
        gzipped = cached.gzipped is not None and b"gzip" in _header(scope, b"accept-encoding")
        variant = cached.gzipped if gzipped and cached.gzipped else cached.plain
        if_none_match = _header(scope, b"if-none-match")
        if if_none_match and _etag_matches(if_none_match, variant.etag):
            headers = [h for h in variant.headers if h[0] != b"content-length"]
            return MemoryAnswer(304, headers, b"")
        if scope["method"] == "HEAD":
            body = b""
        elif gzipped:
            body = cached.body
        else:
            body = self.plain_bodies.get(scope["path"], cached)
        return MemoryAnswer(200, variant.headers, body)

    async def _redirect(self, send: Any, location: str) -> None:
        headers = [(b"location", location.encode()), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 308, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
