"""Finding exercises: `exercise` (one page or record), `exercises` (filters) and `search`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from forgefit import settings
from forgefit.catalog import Catalog, ExerciseFilter, default_catalog
from forgefit.cli.output import err, out, print_json, user_errors
from forgefit.pages import render_exercise_markdown
from forgefit.pages.exercise_html import exercise_html
from forgefit.pages.site import Site

# Options shared by the commands that filter exercises.
BodyPartOption = Annotated[str | None, typer.Option(help="Body part slug, e.g. legs.")]
MuscleOption = Annotated[str | None, typer.Option(help="Target muscle slug, e.g. glutes.")]
DifficultyOption = Annotated[str | None, typer.Option(help="beginner|intermediate|advanced")]
CategoryOption = Annotated[str | None, typer.Option(help="Category slug, e.g. strength.")]
PatternOption = Annotated[str | None, typer.Option(help="Pattern slug, e.g. hinge.")]
AvailableHelp = "Only what this equipment allows (repeatable slugs or a preset like bands)."


class PageFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def exercise(
    slug: Annotated[str, typer.Argument(help="The exercise's slug, e.g. goblet-squat.")],
    format: Annotated[
        PageFormat, typer.Option("--format", "-f", help="md (the page), html or json (the record).")
    ] = PageFormat.md,
) -> None:
    """Show one exercise: its page in Markdown or HTML, or its record as JSON.

    Example: [bold]forgefit exercise goblet-squat --format json[/bold]
    """
    with user_errors():
        catalog = default_catalog()
        found = catalog.get(slug)
        if format is PageFormat.json:
            print_json(found.to_dict())
            return
        if format is PageFormat.html:
            sys.stdout.write(exercise_html(Site(catalog, settings.site_url()), found))
            return
        sys.stdout.write(render_exercise_markdown(catalog, found))


def exercises(
    body_part: BodyPartOption = None,
    equipment: Annotated[str | None, typer.Option(help="Equipment slug, e.g. dumbbell.")] = None,
    muscle: MuscleOption = None,
    include_secondary: Annotated[
        bool, typer.Option(help="With --muscle: also match secondary muscles.")
    ] = False,
    difficulty: DifficultyOption = None,
    category: CategoryOption = None,
    pattern: PatternOption = None,
    available: Annotated[
        list[str] | None,
        typer.Option(
            "--available",
            help=AvailableHelp,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON records.")] = False,
) -> None:
    """List exercises matching every filter (no filter: the whole catalog).

    Examples:
      [bold]forgefit exercises --body-part legs --equipment resistance-band[/bold]
      [bold]forgefit exercises --muscle glutes --include-secondary --json[/bold]
      [bold]forgefit exercises --available bodyweight --pattern vertical-pull[/bold]
    """
    with user_errors():
        catalog = default_catalog()
        available_set = equipment_set(catalog, available)
        found = catalog.filter(
            ExerciseFilter(
                body_part=body_part,
                equipment=equipment,
                muscle=muscle,
                include_secondary=include_secondary,
                difficulty=difficulty,
                category=category,
                pattern=pattern,
                available_equipment=available_set,
            )
        )
        if as_json:
            print_json([item.to_dict() for item in found])
            return
        vocab = catalog.vocab
        table = Table(title=f"{len(found)} exercises")
        for column in ("Slug", "Name", "Body Part", "Equipment", "Target", "Difficulty"):
            table.add_column(column)
        for item in found:
            table.add_row(
                item.slug,
                item.name,
                vocab.display("body_parts", item.body_part),
                vocab.display("equipment", item.equipment),
                vocab.display("muscles", item.target),
                vocab.display("difficulties", item.difficulty),
            )
        out.print(table)


def search(
    query: Annotated[str, typer.Argument(help="What you would type in a search box.")],
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many results.")] = 10,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            help=AvailableHelp,
        ),
    ] = None,
    body_part: BodyPartOption = None,
    muscle: MuscleOption = None,
    difficulty: DifficultyOption = None,
    category: CategoryOption = None,
    pattern: PatternOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON results.")] = False,
) -> None:
    """Search the catalog the way lifters type: typos, abbreviations, synonyms, attributes.

    Examples:
      [bold]forgefit search rdl[/bold]
      [bold]forgefit search "kettlebell exercises for shoulders" --json[/bold]
      [bold]forgefit search "chest" --equipment bodyweight --limit 5[/bold]
    """
    from forgefit.catalog.search import default_search_index

    with user_errors():
        catalog = default_catalog()
        results = default_search_index().search(
            query,
            limit=limit,
            filters=ExerciseFilter(
                body_part=body_part,
                equipment=None,
                muscle=muscle,
                difficulty=difficulty,
                category=category,
                pattern=pattern,
                available_equipment=equipment_set(catalog, equipment),
            ),
        )
        if as_json:
            print_json(
                [
                    {
                        "slug": hit.exercise.slug,
                        "name": hit.exercise.name,
                        "score": round(hit.score, 4),
                        "body_part": hit.exercise.body_part,
                        "equipment": hit.exercise.equipment,
                        "target": hit.exercise.target,
                        "difficulty": hit.exercise.difficulty,
                    }
                    for hit in results.hits
                ]
            )
            return
        if not results.hits:
            err.print(f"No exercises match {query!r}. Try fewer words or another spelling.")
            return
        from forgefit.catalog.search_explain import plain_understanding

        if understood := plain_understanding(results):
            err.print(understood, highlight=False)
        table = Table(title=f"{results.total} matches")
        for column in ("Slug", "Name", "Equipment", "Target", "Score"):
            table.add_column(column)
        vocab = catalog.vocab
        for hit in results.hits:
            table.add_row(
                hit.exercise.slug,
                hit.exercise.name,
                vocab.display("equipment", hit.exercise.equipment),
                vocab.display("muscles", hit.exercise.target),
                f"{hit.score:.2f}",
            )
        out.print(table)


def equipment_set(catalog: Catalog, names: list[str] | None) -> frozenset[str] | None:
    """The --available/--equipment option as an equipment set (None when not given)."""
    return catalog.vocab.available_equipment(names) if names else None
