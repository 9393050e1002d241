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


def _builds_a_plan(scope: Scope) -> bool:
    path: str = scope["path"]
    if scope["method"] == "POST":
        return path == PLAN_API
    # The HTML page answers busy with the form (in the route); downloads get JSON here.
    return scope["method"] in ("GET", "HEAD") and path.startswith(PLAN_PAGES + ".")


class ShedWhenBusy:
    def __init__(self, app: Any, workers: PlanWorkers) -> None:
        self.app = app
        self.workers = workers
        busy = PlanQueueFull()
        detail = [{"parameter": "server", "in": "body", "message": busy_message(busy)}]
        self.body = json.dumps({"detail": detail}).encode()
        self.headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(self.body)).encode()),
            (b"retry-after", str(busy.retry_after).encode()),
        ]

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.workers.full and _builds_a_plan(scope):
            await send({"type": "http.response.start", "status": 503, "headers": self.headers})
            await send({"type": "http.response.body", "body": self.body})
            return
        await self.app(scope, receive, send)
