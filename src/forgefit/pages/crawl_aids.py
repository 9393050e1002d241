"""What crawlers read: the sitemap, robots.txt and llms.txt (an index of the Markdown pages)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from forgefit.pages import urls
from forgefit.pages.media_types import HTML

if TYPE_CHECKING:
    from forgefit.pages.site import Site


def sitemap(site: Site) -> str:
    entries = [
        f"  <url><loc>{escape(site.absolute(page.path))}</loc></url>"
        for page in site.pages.values()
        if page.media_type == HTML and page.path not in site.reversed_compare_paths
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def robots(site: Site) -> str:
    sitemap = site.absolute("/sitemap.xml")
    return f"User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {sitemap}\n"


def llms(site: Site) -> str:
    lines = [
        "# ForgeFit Exercise Library",
        "",
        f"> {len(site.catalog)} exercises with original instructions, coaching tips, common "
        "mistakes and FAQs. Every page is available as Markdown at the links below.",
        "",
    ]
    for body_part, name in site.vocab.body_parts.items():
        items = site.catalog.by("body_part", body_part)
        if not items:
            continue
        lines += [f"## {name}", ""]
        lines += [f"- [{e.name}]({site.absolute(urls.exercise_markdown(e.slug))})" for e in items]
        lines.append("")
    return "\n".join(lines)
