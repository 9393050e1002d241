"""Write the whole site as static files, identical to what the server returns.

What may be written where, and what may be removed, is decided by `site_folder`: ForgeFit
never deletes or overwrites a file it did not write.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from forgefit.errors import ForgefitError
from forgefit.pages.security import headers_file
from forgefit.pages.site import Site
from forgefit.pages.site_folder import (
    MANIFEST_NAME,
    SiteFolder,
    SiteWriter,
    check_output_dir,
    conflicts,
)

_FILE_SUFFIXES = (".md", ".xml", ".txt", ".css", ".js")
__all__ = ["MANIFEST_NAME", "check_output_dir", "export_site", "output_file"]


def output_file(path: str) -> str:
    """Where a URL path lives in the export: clean URLs become folder/index.html."""
    relative = path.lstrip("/")
    if relative.endswith(_FILE_SUFFIXES):
        return relative
    return f"{relative}/index.html" if relative else "index.html"


def export_site(
    site: Site,
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    *,
    force: bool = False,
    folder: SiteFolder | None = None,
) -> int:
    """Render every page into out_dir; return the number of files written.

    Pages are rendered into a staging folder first and moved into place at the end, so an
    interrupted build never leaves a half-written page behind. `force` and the rules for
    which folders are accepted: see `site_folder.check_output_dir`.
    """
    folder = folder or check_output_dir(out_dir, force)
    pages = list(site)
    names = [output_file(page.path) for page in pages]
    planned = [*names, "404.html", "_headers", "index.html"]
    clashes = conflicts(folder, planned)
    if clashes:
        shown = ", ".join(clashes[:5]) + (
            f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        )
        raise ForgefitError(
            f"{out_dir} holds files ForgeFit did not write where the site needs to write: "
            f"{shown}. Move them away, build into another folder, or pass --force to replace them."
        )
    with SiteWriter(folder) as writer:
        for done, (page, name) in enumerate(zip(pages, names, strict=True), start=1):
            writer.stage(name, site.render(page.path) or "")
            if progress is not None:
                progress(done, len(pages))
        writer.stage("404.html", site.not_found_html("/404"))
        # Static hosts that read a _headers file send the server's security headers too.
        writer.stage("_headers", headers_file())
        # The library home doubles as the site root.
        writer.stage("index.html", site.render("/exercises") or "")
        writer.commit(list(dict.fromkeys(planned)))
    return len(set(planned))
