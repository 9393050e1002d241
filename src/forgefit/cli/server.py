"""`forgefit serve`: the library website and API on one machine."""

from __future__ import annotations

from typing import Annotated

import typer

from forgefit.catalog import default_catalog
from forgefit.cli.database import upgrade_database_now
from forgefit.cli.output import err, user_errors
from forgefit.web.server import ServerKind, check_port_free
from forgefit.web.server import serve as run_server


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    server: Annotated[
        ServerKind, typer.Option(help="granian (default, fastest here) or uvicorn.")
    ] = ServerKind.granian,
) -> None:
    """Serve the library website and API.

    Example: [bold]forgefit serve --port 8000 --workers 2[/bold]
    """
    with user_errors():
        check_port_free(host, port)
        default_catalog()  # fail fast, with a message, on an invalid catalog
        upgrade_database_now()  # and on a database that cannot be reached or upgraded
        err.print(f"Serving ForgeFit on http://{host}:{port}/exercises")
        run_server(host, port, workers, server)
