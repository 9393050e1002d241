"""ETags for the JSON API: a hash of the response body, and 304 when the client already has it.

Catalog responses are deterministic, so the body hash is a stable validator; apps that poll the
API pay for a 304 instead of the whole list.
"""

from __future__ import annotations

import hashlib
from typing import Any

Scope = dict[str, Any]

API_CACHE_CONTROL = b"public, max-age=60"


def body_etag(body: bytes) -> bytes:
    """A strong ETag for a response body (quoted, as it goes in the header)."""
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """Whether an If-None-Match header names `etag` (weak or strong)."""
    return etag in if_none_match.replace(b"W/", b"").split(b", ")


class JsonETagMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        passthrough = False

        async def capture(message: dict[str, Any]) -> None:
            nonlocal passthrough
            if message["type"] == "http.response.start":
                sent = dict(message.get("headers", []))
                is_json = sent.get(b"content-type", b"").startswith(b"application/json")
                encoded = b"content-encoding" in sent
                if message["status"] != 200 or not is_json or encoded:
                    passthrough = True
                    await send(message)
                    return
                start.update(message)
                return
            if passthrough:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            etag = body_etag(body)
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            headers.append((b"etag", etag))
            # A route that set its own policy (a user's private data: no-store) keeps it.
            if not any(k == b"cache-control" for k, _ in headers):
                headers.append((b"cache-control", API_CACHE_CONTROL))
            request_headers = dict(scope["headers"])
            if etag_matches(request_headers.get(b"if-none-match", b""), etag):
                await send({"type": "http.response.start", "status": 304, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)
