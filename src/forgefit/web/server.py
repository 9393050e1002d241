"""Run the app under Granian (the default: it served cached pages fastest in our benchmark) or
Uvicorn."""

from __future__ import annotations

from enum import StrEnum

from forgefit.accounts import Database, upgrade_database
from forgefit.catalog import default_catalog
from forgefit.web.app import create_app
from forgefit.web.prerendered import PrerenderedPages


class ServerKind(StrEnum):
    granian = "granian"
    uvicorn = "uvicorn"


def create_warm_app() -> PrerenderedPages:
    """Factory for the servers: bring the accounts database to the newest schema (under a lock,
    so workers and servers starting together take turns), load the catalog and render every
    page before serving."""
    database = Database.connect()
    try:
        upgrade_database(database)
    finally:
        database.dispose()
    app = create_app(default_catalog())
    app.warm()
    return app


def serve(host: str, port: int, workers: int, server: ServerKind) -> None:
    target = "forgefit.web.server:create_warm_app"
    if server is ServerKind.granian:
        from granian import Granian
        from granian.constants import Interfaces

        Granian(
            target,
            address=host,
            port=port,
            interface=Interfaces.ASGI,
            workers=workers,
            factory=True,
        ).serve()
    else:
        import uvicorn

        uvicorn.run(target, host=host, port=port, workers=workers, factory=True)
