"""Write the whole site as static files, identical to what the server returns."""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from forgefit.errors import ForgefitError
from forgefit.pages.security import headers_file
from forgefit.pages.site import Site

_FILE_SUFFIXES = (".md", ".xml", ".txt", ".css", ".js")


def output_file(path: str) -> str:
    """Where a URL path lives in the export: clean URLs become folder/index.html."""
    relative = path.lstrip("/")
    if relative.endswith(_FILE_SUFFIXES):
        return relative
    return f"{relative}/index.html" if relative else "index.html"


def check_output_dir(out_dir: Path) -> None:
    """Refuse an output path that cannot become the site folder, before any work is done."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ForgefitError(f"{out_dir} is a file; give a folder to build the site into.")


def export_site(
    site: Site, out_dir: Path, progress: Callable[[int, int], None] | None = None
) -> int:
    """Render every page into out_dir; return the number of files written.

    Files are written to a temporary folder beside out_dir and moved into place at the end, so
    an interrupted build never leaves a half-written site behind.
    """
    out_dir = out_dir.resolve()
    check_output_dir(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # mkdir (not mkdtemp, which makes a private 0700 folder) so the site gets the usual
    # permissions and a web server's own user can read it.
    staging = out_dir.with_name(f".{out_dir.name}-{uuid.uuid4().hex[:12]}")
    staging.mkdir()
    try:
        pages = list(site)
        for done, page in enumerate(pages, start=1):
            target = staging / output_file(page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(site.render(page.path) or "", encoding="utf-8")
            if progress is not None:
                progress(done, len(pages))
        (staging / "404.html").write_text(site.not_found_html("/404"), encoding="utf-8")
        # Static hosts that read a _headers file send the server's security headers too.
        (staging / "_headers").write_text(headers_file(), encoding="utf-8")
        # The library home doubles as the site root.
        shutil.copyfile(staging / output_file("/exercises"), staging / "index.html")
        previous = None
        if out_dir.exists():
            previous = out_dir.with_name(f".{out_dir.name}-old")
            shutil.rmtree(previous, ignore_errors=True)
            out_dir.rename(previous)
        staging.rename(out_dir)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        return len(pages) + 3
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
