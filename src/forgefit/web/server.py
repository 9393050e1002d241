"""Run the app under Granian (the default: it served cached pages fastest in our benchmark) or
Uvicorn."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from forgefit import settings
from forgefit.catalog import default_catalog
from forgefit.web.app import create_pages, harden

# Clients get this long to send their request headers (slow-header attacks); bodies have their
# own deadline in web/body_limits.py. See docs/deploy.md.
HEADER_READ_TIMEOUT_MS = 10_000


class ServerKind(StrEnum):
    granian = "granian"
    uvicorn = "uvicorn"


def create_warm_app() -> Any:
    """Factory for the servers: load the catalog and render every page before serving."""
    pages = create_pages(default_catalog())
    pages.warm()
    return harden(pages)


def check_settings() -> None:
    """Raise ForgefitError (shown as a message) for a bad setting before any worker starts."""
    settings.plan_workers(1)
    settings.plan_queue(1)
    settings.plan_pool()
    settings.body_timeout_seconds(1.0)
    settings.api_cache_bytes()


def serve(host: str, port: int, workers: int, server: ServerKind) -> None:
    check_settings()
    target = "forgefit.web.server:create_warm_app"
    if server is ServerKind.granian:
        from granian import Granian
        from granian.constants import Interfaces
        from granian.http import HTTP1Settings

        Granian(
            target,
            address=host,
            port=port,
            interface=Interfaces.ASGI,
            workers=workers,
            factory=True,
            http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS),
            respawn_failed_workers=True,
        ).serve()
    else:
        import uvicorn

        uvicorn.run(target, host=host, port=port, workers=workers, factory=True)
