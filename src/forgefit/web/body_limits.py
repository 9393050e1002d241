"""A guard in front of the app for request bodies: too big gets 413, too slow gets 408.

The guard reads the whole body itself, within a size cap and a deadline, before the app sees
the request, and then hands the app the body it read. So no route can be made to buffer
megabytes, and a client that trickles a body in a byte at a time ties up a connection for at
most the deadline, never a plan worker. Requests without a body (every GET) pass straight
through at no cost. Slow *headers* are the server's job (Granian's header read timeout; see
docs/deploy.md).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]

# A profile is well under 2 KB; 64 KB leaves room for long exclusion lists and nothing more.
MAX_BODY_BYTES = 64 * 1024
# The whole body must arrive within this many seconds of the request starting.
BODY_TIMEOUT_SECONDS = 10.0


class _TooLarge(Exception):
    pass


class _Disconnected(Exception):
    pass


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


async def _answer(send: Any, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestBodyGuard:
    def __init__(
        self,
        app: Any,
        max_bytes: int = MAX_BODY_BYTES,
        timeout_seconds: float = BODY_TIMEOUT_SECONDS,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_seconds = timeout_seconds

    def _too_large(self) -> str:
        return (
            f"The request body is larger than {self.max_bytes // 1024} KB, the most ForgeFit "
            "accepts. A profile needs far less: send only its fields."
        )

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        chunked = _header(scope, b"transfer-encoding") is not None
        if not chunked and (declared is None or declared.strip() == b"0"):
            await self.app(scope, receive, send)
            return
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _answer(send, 413, self._too_large())
            return
        try:
            body = await asyncio.wait_for(self._read(receive), self.timeout_seconds)
        except _TooLarge:
            await _answer(send, 413, self._too_large())
            return
        except TimeoutError:
            message = (
                f"The request body did not arrive within {self.timeout_seconds:g} seconds. "
                "Send it in one go."
            )
            await _answer(send, 408, message)
            return
        except _Disconnected:
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Any) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Any) -> Any:
    """A receive callable that yields the body once, then waits on the real connection (for the
    disconnect a streaming response listens for)."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        message: Message = await receive()
        return message

    return replay
