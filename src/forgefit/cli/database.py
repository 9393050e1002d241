"""`forgefit db upgrade`: bring the accounts database to the newest schema."""

from __future__ import annotations

import typer

from forgefit.cli.output import err, user_errors

db_app = typer.Typer(
    help="The accounts database (FORGEFIT_DATABASE_URL; default a SQLite file in the data folder).",
    no_args_is_help=True,
)


def upgrade_database_now() -> tuple[str, str | None, str]:
    """Upgrade the configured database; its display URL and schema revisions before and after."""
    from forgefit.accounts import Database, upgrade_database

    database = Database.connect()
    try:
        before, after = upgrade_database(database)
    finally:
        database.dispose()
    return database.display_url, before, after


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the accounts database to the newest schema (serve also does this on start).

    Example: [bold]FORGEFIT_DATABASE_URL=postgresql://app@db/forgefit forgefit db upgrade[/bold]
    """
    with user_errors():
        url, before, after = upgrade_database_now()
        if before == after:
            err.print(f"{url} is already at the newest schema ({after}).", highlight=False)
        else:
            err.print(f"Upgraded {url} from {before or 'empty'} to {after}.", highlight=False)
