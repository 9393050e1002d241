"""Let the requests in flight finish before a worker process stops.

Why: Starlette runs blocking work (database reads and writes, password hashes) on AnyIO's
thread pool, and AnyIO stops each pool thread when the task it counts as the "root" ends. Granian
stops a worker's event loop right after its serving task ends; a request that starts blocking
work in that moment gets a pool thread whose root is the request itself, and the loop never runs
again to finish that request. The thread then waits for work for good, and the worker process
waits for the thread at exit: `forgefit serve` stopped under load hung about half the time.
Waiting in the app's shutdown (which runs on the loop) until no request is left in flight lets
every such request end, and with it its thread.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

# How long shutdown waits for requests in flight; past this it stops anyway (Granian then ends a
# worker that still does not exit: web/server.py WORKER_KILL_SECONDS).
DRAIN_SECONDS = 5.0
# After the last request returns, its task still has to end for its callbacks (the pool
# thread's stop) to run: a few turns of the loop.
SETTLE_SECONDS = 0.05
_POLL_SECONDS = 0.01

Scope = dict[str, Any]


class InFlight:
    """ASGI middleware counting the HTTP requests inside the app."""

    def __init__(self, app: Any, counter: RequestCounter) -> None:
        self.app = app
        self.counter = counter

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.counter.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.counter.active -= 1


class RequestCounter:
    def __init__(self) -> None:
        self.active = 0

    async def drained(self, limit_seconds: float = DRAIN_SECONDS) -> bool:
        """Wait until no request is in flight (True) or `limit_seconds` passed (False)."""
        deadline = time.monotonic() + limit_seconds
        while self.active and time.monotonic() < deadline:
            await asyncio.sleep(_POLL_SECONDS)
        await asyncio.sleep(SETTLE_SECONDS)
        return self.active == 0
