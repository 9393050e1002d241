"""`forgefit catalog ...`: validate the shipped catalog or new records, assign ids, statistics."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from forgefit.catalog import check_catalog, default_catalog
from forgefit.cli.output import err, out, print_json, user_errors

catalog_app = typer.Typer(help="Validate and summarise exercise catalogs.", no_args_is_help=True)


@catalog_app.command("check")
def catalog_check(
    path: Annotated[
        Path | None,
        typer.Argument(help="A catalog folder, a folder of records or one record file."),
    ] = None,
) -> None:
    """Validate the shipped catalog, or the records at PATH.

    Prints every problem as `file: field: message` and exits 1; exits 0 when clean.

    Example: [bold]forgefit catalog check my-exercises/[/bold]
    """
    with user_errors():
        problems = check_catalog(path)
        for problem in problems:
            sys.stdout.write(f"{problem}\n")
        if problems:
            err.print(f"[red]{len(problems)} problem(s) found.[/red]")
            raise typer.Exit(1)
        err.print("[green]Catalog is valid.[/green]")


@catalog_app.command("assign-ids")
def catalog_assign_ids() -> None:
    """Give every new exercise of the shipped catalog its ExerciseDB-compatible id.

    Existing ids never change. Run after adding exercises; a test fails until you do.
    """
    from forgefit.catalog import exercisedb

    with user_errors():
        catalog = default_catalog()
        existing = exercisedb.load_ids()
        ids = exercisedb.assign_ids(existing, [e.slug for e in catalog.exercises])
        exercisedb.write_ids(ids)
        err.print(f"{len(ids) - len(existing)} new id(s); {len(ids)} in all.")


@catalog_app.command("stats")
def catalog_stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Summarise the shipped catalog and list its gaps.

    Counts per body part, equipment, target muscle, category, pattern and difficulty; how many
    exercises each equipment preset offers for each planning role; and the gaps (terms with no
    exercise, equipment with fewer than 5, preset roles with fewer than 2).

    Example: [bold]forgefit catalog stats --json[/bold]
    """
    from forgefit.catalog.stats import catalog_stats as compute

    with user_errors():
        catalog = default_catalog()
        stats = compute(catalog)
        if as_json:
            print_json(stats.to_dict())
            return
        out.print(f"[bold]ForgeFit catalog:[/bold] {stats.total} exercises")
        for heading, rows in stats.counts.items():
            table = Table(title=heading)
            table.add_column("Term")
            table.add_column("Exercises", justify="right")
            for name, _, count in rows:
                table.add_row(name, str(count))
            out.print(table)
        presets = list(stats.roles)
        table = Table(title="Strength exercises per planning role and equipment preset")
        table.add_column("Role")
        for preset in presets:
            table.add_column(catalog.vocab.equipment_presets[preset].name, justify="right")
        for role in catalog.vocab.pattern_roles:
            table.add_row(role, *(str(stats.roles[p][role]) for p in presets))
        out.print(table)
        out.print(f"[bold]Gaps:[/bold] {len(stats.gaps)}")
        for gap in stats.gaps:
            out.print(f"- {gap.kind}: {gap.message}")
