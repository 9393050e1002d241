"""`forgefit site build`: the library website as static files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from forgefit import settings
from forgefit.catalog import default_catalog
from forgefit.cli.output import err, user_errors
from forgefit.pages.site import Site

site_app = typer.Typer(help="Build the library website as static files.", no_args_is_help=True)


@site_app.command("build")
def site_build(
    out_dir: Annotated[
        Path,
        typer.Argument(
            help="A new or empty folder, or one holding an earlier ForgeFit site (updated)."
        ),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(help="Public URL for canonical links and the sitemap (FORGEFIT_SITE_URL)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Also build into a non-empty folder that holds no ForgeFit site: the site's "
            "files are added and same-named files replaced; nothing else is removed.",
        ),
    ] = False,
) -> None:
    """Write the whole library as static files: HTML pages, .md twins, hubs, sitemap, llms.txt.

    The folder gets a manifest (.forgefit-site.json) of the files written; a later build
    removes only files listed there. Folders holding other files are refused unless --force;
    the home folder, the current folder and those above them are always refused.

    Example: [bold]forgefit site build public/ --base-url https://lift.example.org[/bold]
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from forgefit.pages.export import check_output_dir, export_site

    with user_errors():
        folder = check_output_dir(out_dir, force)  # refuse before any slow work
        site = Site(default_catalog(), base_url or settings.site_url())
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
        ) as progress:
            task = progress.add_task("Rendering pages", total=len(site.pages))
            written = export_site(
                site,
                out_dir,
                lambda done, total: progress.update(task, completed=done),
                folder=folder,
            )
        err.print(f"[green]Wrote {written} files to {out_dir}.[/green]", highlight=False)
