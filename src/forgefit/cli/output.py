"""What every command shares: the two consoles, errors shown as messages, JSON and file output.

JSON goes to stdout as one document; messages and progress go to stderr (CONTRACTS.md).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from forgefit.errors import CatalogError, ForgefitError, UnknownTermError
from forgefit.files import write_file

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


def write_output(text: str, output: Path | None) -> None:
    """Write to stdout, or safely to a file (forgefit.files.write_file: atomic for a regular
    file, keeping its permissions; written through for a link, FIFO or device)."""
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, text)
    err.print(f"Wrote {output}.", highlight=False)
