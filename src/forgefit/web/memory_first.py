"""The outermost layer: answers that are already in memory go straight out.

A prerendered page or a remembered API answer needs none of the layers in front of the app:
there is no body to guard (a request that has one takes the long way) and the security headers
can be added here, in the same order the SecurityHeaders layer adds them. Skipping those layers
and their per-request wrappers is most of the cost of a cached answer (issue 15).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forgefit.web.security_headers import ENCODED_SECURITY_HEADERS

Scope = dict[str, Any]


@dataclass(frozen=True, slots=True)
class MemoryAnswer:
    """A whole answer from memory: status, headers (without the security headers) and body."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    async def send(self, send: Any, extra_headers: list[tuple[bytes, bytes]] | None = None) -> None:
        headers = self.headers if extra_headers is None else self.headers + extra_headers
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})


MemorySource = Callable[[Scope], MemoryAnswer | None]


def has_body(scope: Scope) -> bool:
    """Whether the request says it carries a body (which the body guard must see)."""
    for name, value in scope["headers"]:
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() != b"0"):
            return True
    return False


class MemoryFirst:
    """ASGI app: answer GET and HEAD from `from_memory` when it can, else pass to `app` (the
    full stack, which would have given the same answer more slowly)."""

    def __init__(self, app: Any, from_memory: MemorySource) -> None:
        self.app = app
        self.from_memory = from_memory

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD") and not has_body(scope):
            answer = self.from_memory(scope)
            if answer is not None:
                await answer.send(send, ENCODED_SECURITY_HEADERS)
                return
        await self.app(scope, receive, send)
