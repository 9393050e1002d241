"""The fast path for pages that never change while the process runs.

Every library page is a pure function of the immutable catalog, so it is rendered once, gzipped
once and given a strong ETag once; after that a request is answered straight from memory by this
small ASGI layer, without the framework's routing, validation or response machinery. Anything
that is not such a page (the API, search, 404s) falls through to the FastAPI app.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from typing import Any

from forgefit.pages.site import Site

Scope = dict[str, Any]
Message = dict[str, Any]

# Pages are cacheable for five minutes by browsers and ten by shared caches; ETags make
# revalidation after that cost one small 304.
PAGE_CACHE_CONTROL = b"public, max-age=300, s-maxage=600"
MIN_COMPRESS_BYTES = 512


@dataclass(frozen=True, slots=True)
class Variant:
    body: bytes
    etag: bytes
    headers: list[tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class CachedPage:
    plain: Variant
    gzipped: Variant | None


def _variant(body: bytes, media_type: str, encoding: bytes | None) -> Variant:
    digest = hashlib.blake2b(body, digest_size=12).hexdigest().encode()
    etag = b'"' + digest + (b"-gz" if encoding else b"") + b'"'
    headers = [
        (b"content-type", media_type.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"etag", etag),
        (b"cache-control", PAGE_CACHE_CONTROL),
        (b"vary", b"accept-encoding"),
    ]
    if encoding:
        headers.append((b"content-encoding", encoding))
    return Variant(body, etag, headers)


def build_cached_page(text: str, media_type: str) -> CachedPage:
    body = text.encode("utf-8")
    gzipped = None
    if len(body) >= MIN_COMPRESS_BYTES:
        gzipped = _variant(gzip.compress(body, compresslevel=9, mtime=0), media_type, b"gzip")
    return CachedPage(_variant(body, media_type, None), gzipped)


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

    def __init__(self, site: Site, app: Any) -> None:
        self.site = site
        self.app = app
        self.cache: dict[str, CachedPage] = {}

    def lookup(self, path: str) -> CachedPage | None:
        cached = self.cache.get(path)
        if cached is None:
            page = self.site.pages.get(path)
            if page is None:
                return None
            cached = build_cached_page(self.site.render(path) or "", page.media_type)
            self.cache[path] = cached
        return cached

    def warm(self) -> int:
        """Render and compress every page now (optional; pages are otherwise built on first use)."""
        for path in self.site.pages:
            self.lookup(path)
        return len(self.cache)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope["path"]
            cached = self.lookup(path)
            if cached is not None:
                await self._respond(scope, send, cached)
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

    async def _respond(self, scope: Scope, send: Any, cached: CachedPage) -> None:
        variant = cached.plain
        if cached.gzipped is not None and b"gzip" in _header(scope, b"accept-encoding"):
            variant = cached.gzipped
        if_none_match = _header(scope, b"if-none-match")
        if if_none_match and _etag_matches(if_none_match, variant.etag):
            headers = [h for h in variant.headers if h[0] != b"content-length"]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": variant.headers})
        body = b"" if scope["method"] == "HEAD" else variant.body
        await send({"type": "http.response.body", "body": body})

    async def _redirect(self, send: Any, location: str) -> None:
        headers = [(b"location", location.encode()), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 308, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
