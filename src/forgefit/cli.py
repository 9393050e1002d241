"""The `forgefit` command line: each command is a thin wrapper over a library function.

JSON goes to stdout as one document; messages and progress go to stderr (CONTRACTS.md).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from forgefit import settings
from forgefit.catalog import Catalog, ExerciseFilter, check_catalog, default_catalog
from forgefit.errors import CatalogError, ForgefitError, UnknownTermError
from forgefit.files import read_bounded, read_stream, write_file
from forgefit.pages import render_exercise_markdown
from forgefit.pages.exercise_html import exercise_html
from forgefit.pages.site import Site
from forgefit.web.server import ServerKind, check_port_free
from forgefit.web.server import serve as run_server

app = typer.Typer(
    help="ForgeFit: an open exercise library and personal-training engine.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
catalog_app = typer.Typer(help="Validate and summarise exercise catalogs.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
site_app = typer.Typer(help="Build the library website as static files.", no_args_is_help=True)
app.add_typer(site_app, name="site")
db_app = typer.Typer(
    help="The accounts database (FORGEFIT_DATABASE_URL; default a SQLite file in the data folder).",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")

out = Console()
# Messages are single paragraphs: let the terminal wrap them, never insert line breaks.
err = Console(stderr=True, soft_wrap=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a ForgefitError as its message (never a traceback) and exit non-zero."""
    try:
        yield
    except UnknownTermError as error:
        err.print(f"[red]Error:[/red] {error}", highlight=False)
        raise typer.Exit(2) from None
    except CatalogError as error:
        err.print(f"[red]Error:[/red] {error}", highlight=False)
        for problem in error.problems[:20]:
            err.print(f"  {problem}", highlight=False, markup=False)
        raise typer.Exit(1) from None
    except ForgefitError as error:
        first, *details = error.lines()
        err.print(f"[red]Error:[/red] {escape(first)}", highlight=False)
        for line in details:
            err.print(f"  {line}", highlight=False, markup=False)
        raise typer.Exit(1) from None


def print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


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


@app.command()
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


@app.command()
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


@app.command()
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


class ProgramFormat(StrEnum):
    md = "md"
    json = "json"
    csv = "csv"
    ics = "ics"
    html = "html"


# Profiles and programs are a few KB; 4 MB is far beyond any real one and keeps a wrong
# path (a log file, /dev/zero) from filling memory.
INPUT_LIMIT = 4 * 1024 * 1024


def read_input_file(path: Path, what: str) -> bytes:
    """The bytes of a JSON input file, or of standard input when path is `-` (bounded)."""
    if str(path) == "-":
        return read_stream(sys.stdin.buffer, INPUT_LIMIT, "standard input", what.lower())
    return read_bounded(path, INPUT_LIMIT, what.lower(), allow_streams=True)


@app.command()
def plan(
    profile: Annotated[
        Path, typer.Option("--profile", "-p", help="Profile JSON file, or - for standard input.")
    ],
    format: Annotated[
        ProgramFormat, typer.Option("--format", "-f", help="md, json, csv, ics or html.")
    ] = ProgramFormat.md,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            help="Program template (see `forgefit templates`), or auto for the best fit. "
            "Overrides the profile's own template field.",
        ),
    ] = None,
) -> None:
    """Build a multi-week program from a profile (CONTRACTS.md), reviewed rule by rule.

    Examples:
      [bold]forgefit plan --profile me.json[/bold]
      [bold]forgefit plan --profile me.json --json > program.json[/bold]
      [bold]forgefit plan --profile me.json --template gzclp[/bold]
      [bold]forgefit plan --profile me.json --format ics -o training.ics[/bold]

    A profile looks like {"goal": "hypertrophy", "experience": "beginner", "days_per_week": 3,
    "minutes_per_session": 45, "preset": "home-dumbbells", "injuries": [{"joint": "knee",
    "severity": "mild"}]}.
    """
    from forgefit.training import build_program, to_csv, to_html, to_ics, to_markdown

    with user_errors():
        given = read_input_file(profile, "Profile")
        raw: bytes | dict[str, object] = given
        if template is not None:
            try:
                decoded = json.loads(given)
            except (json.JSONDecodeError, UnicodeDecodeError):
                decoded = None  # the trainer reports the broken JSON itself
            if isinstance(decoded, dict):
                raw = {**decoded, "template": template}
        program = build_program(raw, default_catalog())
        chosen = ProgramFormat.json if as_json else format
        if chosen is ProgramFormat.json:
            text = program.to_json() + "\n"
        else:
            render = {
                ProgramFormat.md: to_markdown,
                ProgramFormat.csv: to_csv,
                ProgramFormat.ics: to_ics,
                ProgramFormat.html: to_html,
            }[chosen]
            text = render(program)
        write_output(text, output)


def write_output(text: str, output: Path | None) -> None:
    """Write to stdout, or safely to a file (forgefit.files.write_file: atomic for a regular
    file, keeping its permissions; written through for a link, FIFO or device)."""
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, text)
    err.print(f"Wrote {output}.", highlight=False)


@app.command()
def templates(
    as_json: Annotated[bool, typer.Option("--json", help="Print the templates as JSON.")] = False,
) -> None:
    """List the program templates `plan --template` accepts, with where each comes from.

    Example: [bold]forgefit templates --json[/bold]
    """
    from forgefit.training.templates import describe_templates

    listed = describe_templates()
    if as_json:
        print_json(listed)
        return
    table = Table(title="Program templates (plan --template SLUG; auto picks the best fit)")
    for column in ("Template", "Name", "Days", "Goals", "Based on"):
        table.add_column(column)
    for item in listed:
        table.add_row(
            str(item["slug"]),
            str(item["name"]),
            ", ".join(str(d) for d in item["days"]) or "1-7",  # type: ignore[attr-defined]
            ", ".join(item["goals"]),  # type: ignore[arg-type]
            str(item["based_on"]),
        )
    out.print(table)


@app.command()
def review(
    program: Annotated[Path, typer.Option("--program", help="Program JSON file to check.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the review as JSON.")] = False,
) -> None:
    """Check any program against every hard and soft rule of the training guidance.

    Exits 1 when a hard rule is broken, so scripts can gate on it.

    Example: [bold]forgefit review --program program.json --json[/bold]
    """
    from forgefit.training import review_program

    with user_errors():
        raw = read_input_file(program, "Program")
        try:
            document = json.loads(raw)
        except RecursionError:
            raise ForgefitError(f"{program} is nested too deeply to be a program.") from None
        except ValueError as error:  # also bad UTF-8 and integers too long to convert
            raise ForgefitError(f"{program} is not valid JSON ({error}).") from None
        result = review_program(document, default_catalog())
        if as_json:
            print_json(result.model_dump(mode="json"))
        else:
            table = Table(title="Review: " + ("passed" if result.passed else "HARD RULES BROKEN"))
            for column in ("Rule", "Level", "Finding"):
                table.add_column(column)
            for finding in result.findings:
                table.add_row(finding.rule, finding.level, finding.message)
            out.print(table)
        if not result.passed:
            raise typer.Exit(1)


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


@app.command()
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
        _upgrade_database()  # and on a database that cannot be reached or upgraded
        err.print(f"Serving ForgeFit on http://{host}:{port}/exercises")
        run_server(host, port, workers, server)


def _upgrade_database() -> tuple[str, str | None, str]:
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
        url, before, after = _upgrade_database()
        if before == after:
            err.print(f"{url} is already at the newest schema ({after}).", highlight=False)
        else:
            err.print(f"Upgraded {url} from {before or 'empty'} to {after}.", highlight=False)


def main() -> None:
    app()
