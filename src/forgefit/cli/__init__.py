"""The `forgefit` command line: each command is a thin wrapper over a library function.

One module per group of commands; this one puts them together in the order `--help` lists them.
JSON goes to stdout as one document; messages and progress go to stderr (CONTRACTS.md).
"""

from __future__ import annotations

import typer

from forgefit.cli import catalog, database, exercises, server, site, training

app = typer.Typer(
    help="ForgeFit: an open exercise library and personal-training engine.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
for command in (
    exercises.exercise,
    exercises.exercises,
    exercises.search,
    training.plan,
    training.templates,
    training.review,
    server.serve,
):
    app.command()(command)
app.add_typer(catalog.catalog_app, name="catalog")
app.add_typer(site.site_app, name="site")
app.add_typer(database.db_app, name="db")


def main() -> None:
    app()
