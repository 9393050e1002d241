"""The whole library website as a map of URL path -> page, shared by the web server and the
static export so both produce identical bytes for every page.

The catalog is immutable, so a page never changes while the process lives; keeping rendered
pages is the caller's choice (the server keeps them compressed, see web/prerendered.py; the
static export writes each one out and lets it go), so this map renders afresh on every call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from importlib import resources
from typing import Any

import jinja2

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.pages import compare_page, crawl_aids, hub_pages, urls
from forgefit.pages.exercise_html import exercise_html
from forgefit.pages.exercise_page import ExercisePage, Link, build_exercise_page
from forgefit.pages.hubs import combination_hubs, has_difficulty_hub, has_muscle_hub
from forgefit.pages.markdown import exercise_page_markdown
from forgefit.pages.media_types import CSS, HTML, JAVASCRIPT, MARKDOWN, SVG, TEXT, XML
from forgefit.pages.page_meta import json_ld, meta_description

STATIC_ASSETS = {
    "forgefit.css": CSS,
    "forgefit.js": JAVASCRIPT,
    "favicon.svg": SVG,
    "today.css": CSS,
    "today.js": JAVASCRIPT,
    "today-queue.js": JAVASCRIPT,
}


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    media_type: str
    render: Callable[[], str]


class Site:
    def __init__(self, catalog: Catalog, base_url: str) -> None:
        self.catalog = catalog
        self.vocab = catalog.vocab
        self.base_url = base_url.rstrip("/")
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("forgefit.pages", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self._pages_by_slug: dict[str, ExercisePage] = {}

    # ----- the page map -------------------------------------------------------------------

    @cached_property
    def pages(self) -> dict[str, Page]:
        pages: dict[str, Page] = {}

        def add(path: str, media_type: str, render: Callable[[], str]) -> None:
            pages[path] = Page(path, media_type, render)

        add(urls.LIBRARY, HTML, partial(hub_pages.home_html, self))
        for exercise in self.catalog.exercises:
            add(urls.exercise(exercise.slug), HTML, partial(exercise_html, self, exercise))
            add(
                urls.exercise_markdown(exercise.slug), MARKDOWN, partial(self.exercise_md, exercise)
            )
        for body_part in self.vocab.body_parts:
            if self.catalog.by("body_part", body_part):
                add(
                    urls.body_part_hub(body_part),
                    HTML,
                    partial(hub_pages.body_part_hub, self, body_part),
                )
            for equipment, _ in combination_hubs(self.catalog, body_part):
                add(
                    urls.body_part_equipment_hub(body_part, equipment),
                    HTML,
                    partial(hub_pages.combination_hub, self, body_part, equipment),
                )
        for equipment in self.vocab.equipment:
            if self.catalog.by("equipment", equipment):
                add(
                    urls.equipment_hub(equipment),
                    HTML,
                    partial(hub_pages.equipment_hub, self, equipment),
                )
        for muscle in self.vocab.muscles:
            if has_muscle_hub(self.catalog, muscle):
                add(urls.muscle_hub(muscle), HTML, partial(hub_pages.muscle_hub, self, muscle))
        for difficulty in self.vocab.difficulties:
            if has_difficulty_hub(self.catalog, difficulty):
                add(
                    urls.difficulty_hub(difficulty),
                    HTML,
                    partial(hub_pages.difficulty_hub, self, difficulty),
                )
        for first, second in self.compare_pairs:
            # Both orders answer; the page's canonical URL is the alphabetical one.
            for a, b in ((first, second), (second, first)):
                add(urls.compare(a.slug, b.slug), HTML, partial(self.compare_html, a, b))
        add("/sitemap.xml", XML, partial(crawl_aids.sitemap, self))
        add("/robots.txt", TEXT, partial(crawl_aids.robots, self))
        add("/llms.txt", TEXT, partial(crawl_aids.llms, self))
        for name, media_type in STATIC_ASSETS.items():
            add(f"/static/{name}", media_type, partial(self._asset, name))
        return pages

    def render(self, path: str) -> str | None:
        """The page at `path`, rendered now (nothing is kept); None for an unknown path."""
        page = self.pages.get(path)
        return None if page is None else page.render()

    def __iter__(self) -> Iterator[Page]:
        return iter(self.pages.values())

    # ----- shared helpers -----------------------------------------------------------------

    def absolute(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def card(self, exercise: Exercise) -> dict[str, Any]:
        vocab = self.vocab
        meta = " · ".join(
            (
                vocab.display("equipment", exercise.equipment),
                vocab.display("muscles", exercise.target),
                vocab.display("difficulties", exercise.difficulty),
            )
        )
        return {
            "name": exercise.name,
            "url": urls.exercise(exercise.slug),
            "meta": meta,
            "popularity": str(exercise.popularity),
        }

    @cached_property
    def muscle_hub_links(self) -> dict[str, str]:
        """Muscle -> its hub, for every muscle that has one (the body map's links)."""
        return {
            muscle: urls.muscle_hub(muscle)
            for muscle in self.vocab.muscles
            if has_muscle_hub(self.catalog, muscle)
        }

    def render_template(self, template: str, **context: Any) -> str:
        context.setdefault("json_ld", [])
        context.setdefault("breadcrumbs", [])
        context.setdefault("markdown_url", None)
        context.setdefault("robots", None)
        context.setdefault("query", "")
        return self.templates.get_template(template).render(**context)

    def breadcrumb_ld(self, crumbs: list[Link]) -> str:
        return json_ld(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": crumb.text,
                        "item": self.absolute(crumb.url),
                    }
                    for position, crumb in enumerate(crumbs, start=1)
                ],
            }
        )

    def _asset(self, name: str) -> str:
        return resources.files("forgefit.pages").joinpath("static", name).read_text("utf-8")

    def titled_page(
        self,
        template: str,
        path: str,
        heading: str,
        intro: str,
        crumbs: list[Link],
        **context: Any,
    ) -> str:
        """A page whose heading is its title and whose intro is its meta description."""
        return self.render_template(
            template,
            title=heading,
            heading=heading,
            intro=intro,
            meta_description=meta_description(intro),
            canonical=self.absolute(path),
            breadcrumbs=crumbs,
            json_ld=[self.breadcrumb_ld(crumbs)],
            **context,
        )

    # ----- exercise pages -----------------------------------------------------------------

    def exercise_page(self, exercise: Exercise) -> ExercisePage:
        """The page content, built once and shared by the HTML and Markdown renderings."""
        page = self._pages_by_slug.get(exercise.slug)
        if page is None:
            page = self._pages_by_slug[exercise.slug] = build_exercise_page(self.catalog, exercise)
        return page

    def exercise_md(self, exercise: Exercise) -> str:
        return exercise_page_markdown(self.exercise_page(exercise))

    # ----- compare pages ------------------------------------------------------------------

    @cached_property
    def compare_pairs(self) -> list[tuple[Exercise, Exercise]]:
        """Each exercise paired with its closest alternative (same pattern and target)."""
        return compare_page.closest_pairs(self.catalog)

    @cached_property
    def reversed_compare_paths(self) -> frozenset[str]:
        """The b-vs-a twins of the compare pages: served, but not listed in the sitemap."""
        return frozenset(urls.compare(b.slug, a.slug) for a, b in self.compare_pairs)

    def compare_pair(self, pair: str) -> tuple[Exercise, Exercise] | None:
        """The two exercises named by "{a}-vs-{b}" (any two in the catalog), or None."""
        return compare_page.parse_pair(self.catalog, pair)

    def resolve_exercise(self, text: str) -> Exercise | None:
        """An exercise from what a reader typed in the compare picker: a slug or a name."""
        return compare_page.resolve_exercise(self.catalog, text)

    @cached_property
    def compare_choices(self) -> list[tuple[str, str]]:
        """(slug, name) of every exercise, A-Z, for the compare picker's suggestions."""
        return sorted(((e.slug, e.name) for e in self.catalog.exercises), key=lambda p: p[1])

    @cached_property
    def compare_pairs_by_slug(self) -> dict[str, list[tuple[Exercise, Exercise]]]:
        pairs: dict[str, list[tuple[Exercise, Exercise]]] = {}
        for first, second in self.compare_pairs:
            pairs.setdefault(first.slug, []).append((first, second))
            pairs.setdefault(second.slug, []).append((first, second))
        return pairs

    def compare_html(self, first: Exercise, second: Exercise) -> str:
        """Any two exercises side by side; the canonical URL is the alphabetical order."""
        vocab = self.vocab
        heading = f"{first.name} vs {second.name}"
        crumbs = [
            Link("Exercises", urls.LIBRARY),
            Link(heading, urls.compare(first.slug, second.slug)),
        ]
        return self.titled_page(
            "compare.html",
            urls.compare(*sorted((first.slug, second.slug))),
            heading,
            compare_page.intro(vocab, first, second),
            crumbs,
            picker={"a": first.name, "b": second.name, "choices": self.compare_choices},
            items=[self.card(first), self.card(second)],
            rows=compare_page.rows(vocab, first, second),
            advice=[
                compare_page.choose_advice(vocab, first, second),
                compare_page.choose_advice(vocab, second, first),
            ],
        )

    # ----- the 404 page -------------------------------------------------------------------

    def not_found_html(self, path: str, message: str | None = None) -> str:
        """The 404 page: close matches for the path's last part, or `message` in its place."""
        last = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
        suggestions = (
            [
                Link(self.catalog.get(slug).name, urls.exercise(slug))
                for slug in self.catalog.close_matches(last.replace("-vs-", "-"), limit=6)
            ]
            if last
            else []
        )
        return self.render_template(
            "not_found.html",
            title="Page not found",
            meta_description="This page does not exist in the ForgeFit exercise library.",
            canonical=None,
            robots="noindex",
            path=path,
            message=message,
            suggestions=suggestions,
        )
