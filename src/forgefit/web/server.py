"""Run the app under Granian (the default: it served cached pages fastest in our benchmark) or
Uvicorn."""

from __future__ import annotations

import errno
import gc
import socket
from enum import StrEnum
from typing import Any

from forgefit import settings
from forgefit.accounts import Database, upgrade_database
from forgefit.catalog import default_catalog
from forgefit.errors import ForgefitError
from forgefit.pages.urls import COMPARE_PREFIX
from forgefit.web.app import create_pages, harden

# Clients get this long to send their request headers (slow-header attacks); bodies have their
# own deadline in web/body_limits.py. See docs/deploy.md.
HEADER_READ_TIMEOUT_MS = 10_000
# A worker still running this long after it was told to stop is ended outright. Shutdown waits
# up to web/draining.py's DRAIN_SECONDS for requests in flight; this is the net under that.
WORKER_KILL_SECONDS = 15


class ServerKind(StrEnum):
    granian = "granian"
    uvicorn = "uvicorn"


def create_warm_app() -> Any:
    """Factory for running Granian or Uvicorn yourself: bring the accounts database to the
    newest schema (under a lock, so workers and servers starting together take turns), load the
    catalog and render every page before serving."""
    database = Database.connect()
    try:
        upgrade_database(database)
    finally:
        database.dispose()
    return create_served_app()


def create_served_app() -> Any:
    """Factory for `forgefit serve`'s workers, whose parent upgraded the database before starting
    them (cli.serve): the warm app without the schema tools, which would stay loaded in every
    worker for nothing."""
    pages = create_pages(default_catalog())
    # Side-by-side comparisons are two thirds of the pages' memory (each lists every exercise
    # for its picker) and rarely read: they are rendered on first request, a few ms, and kept.
    pages.warm(skip=(COMPARE_PREFIX,))
    app = harden(pages)
    # The catalog and the rendered pages live as long as the worker: out of the garbage
    # collector's sight, a full collection no longer walks them in the middle of a request.
    gc.collect()
    gc.freeze()
    return app


def check_settings() -> None:
    """Raise ForgefitError (shown as a message) for a bad setting before any worker starts."""
    settings.plan_workers(1)
    settings.plan_queue(1)
    settings.plan_pool()
    settings.body_timeout_seconds(1.0)
    settings.api_cache_bytes()


def check_port_free(host: str, port: int) -> None:
    """Raise ForgefitError when nothing can listen on host:port, before the server starts.

    The servers set SO_REUSEPORT, which lets a second server share a port already in use and
    silently take half its connections; binding once without it first finds such a clash."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as error:
        raise ForgefitError(
            f"Cannot listen on {host!r}: not a known address ({error}). Use an address such "
            "as 127.0.0.1 (this computer only) or 0.0.0.0 (every network)."
        ) from None
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ForgefitError(
                    f"Port {port} on {host} is already in use by another program; stop it or "
                    "choose another port with --port."
                ) from None
            if error.errno == errno.EACCES:
                raise ForgefitError(
                    f"Not allowed to listen on port {port}; ports below 1024 need "
                    "administrator rights. Choose a port such as 8000."
                ) from None
            raise ForgefitError(
                f"Cannot listen on {host}:{port}: {error.strerror}. Check --host and --port."
            ) from None


def serve(host: str, port: int, workers: int, server: ServerKind) -> None:
    """Serve until stopped. The caller brings the database to the newest schema first."""
    check_settings()
    target = "forgefit.web.server:create_served_app"
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
            workers_kill_timeout=WORKER_KILL_SECONDS,
        ).serve()
    else:
        import uvicorn

        uvicorn.run(target, host=host, port=port, workers=workers, factory=True)
