"""The trainer's commands: `plan` a program from a profile, list `templates`, `review` a program."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from forgefit.catalog import default_catalog
from forgefit.cli.output import out, print_json, user_errors, write_output
from forgefit.errors import ForgefitError
from forgefit.files import read_bounded, read_stream


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
