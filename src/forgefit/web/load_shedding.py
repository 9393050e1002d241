"""Refuse plan requests at the door while every plan worker is busy and the queue is full.

Under a flood of plan requests most of them must be refused, so the refusal has to be nearly
free: answered here, before routing, validation or reading the body, the 503 costs the event
loop a few microseconds and leaves it free for the reads (benchmarks/bench_load.py). The route
still checks too (PlanWorkers.build raises PlanQueueFull), for a request that slips in between.
"""

from __future__ import annotations

import json
from typing import Any

from forgefit.web.plan_workers import PlanQueueFull, PlanWorkers

Scope = dict[str, Any]

# Requests that build a plan: the API and the program page with its downloads.
PLAN_API = "/api/v1/plans"
PLAN_PAGES = "/plan/program"


def busy_message(error: PlanQueueFull) -> str:
    return (
        "Too many programs are being built right now; please try again in "
        f"{error.retry_after} second{'s' if error.retry_after != 1 else ''}."
    )


def _refusal(body: bytes, media_type: bytes, retry_after: int) -> tuple[bytes, list[Any]]:
    headers = [
        (b"content-type", media_type),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(retry_after).encode()),
    ]
    return body, headers


class ShedWhenBusy:
    """`busy_page` is the HTML the program page answers with (rendered once, up front)."""

    def __init__(self, app: Any, workers: PlanWorkers, busy_page: str) -> None:
        self.app = app
        self.workers = workers
        busy = PlanQueueFull()
        detail = [{"parameter": "server", "in": "body", "message": busy_message(busy)}]
        self.json = _refusal(
            json.dumps({"detail": detail}).encode(), b"application/json", busy.retry_after
        )
        self.html = _refusal(busy_page.encode(), b"text/html; charset=utf-8", busy.retry_after)

    def _refusal_for(self, scope: Scope) -> tuple[bytes, list[Any]] | None:
        path: str = scope["path"]
        method: str = scope["method"]
        if method == "POST" and path == PLAN_API:
            return self.json
        if method in ("GET", "HEAD") and path.startswith(PLAN_PAGES):
            if path == PLAN_PAGES:
                return self.html
            if path.startswith(PLAN_PAGES + "."):  # the downloads
                return self.json
        return None

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.workers.full:
            refusal = self._refusal_for(scope)
            if refusal is not None:
                body, headers = refusal
                start = {"type": "http.response.start", "status": 503, "headers": headers}
                await send(start)
                if scope["method"] == "HEAD":
                    body = b""
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
