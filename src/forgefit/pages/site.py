"""The whole library website as a map of URL path -> page, shared by the web server and the
static export so both produce identical bytes for every page.

The catalog is immutable, so a page never changes while the process lives; keeping rendered
pages is the caller's choice (the server keeps them compressed, see web/prerendered.py; the
static export writes each one out and lets it go), so this map renders afresh on every call.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from html import escape
from importlib import resources
from typing import Any

import jinja2

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.pages import compare_page, hub_browse, urls
from forgefit.pages.bodymap import body_map_svg, muscle_picker_svg
from forgefit.pages.exercise_page import (
    ExercisePage,
    Link,
    _lower_name,
    build_exercise_page,
)
from forgefit.pages.hubs import combination_hubs, has_difficulty_hub, has_muscle_hub
from forgefit.pages.markdown import exercise_page_markdown

HTML = "text/html; charset=utf-8"
MARKDOWN = "text/markdown; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
CSS = "text/css; charset=utf-8"
JAVASCRIPT = "text/javascript; charset=utf-8"

META_DESCRIPTION_LENGTH = 155
SVG = "image/svg+xml"
STATIC_ASSETS = {
    "forgefit.css": CSS,
    "forgefit.js": JAVASCRIPT,
    "favicon.svg": SVG,
    "today.css": CSS,
    "today.js": JAVASCRIPT,
}


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    media_type: str
    render: Callable[[], str]


@dataclass(frozen=True, slots=True)
class CountLink:
    text: str
    url: str
    count: int


def _meta_description(text: str) -> str:
    if len(text) <= META_DESCRIPTION_LENGTH:
        return text
    cut = text[: META_DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _json_ld(data: dict[str, Any]) -> str:
    # "</" must not appear inside a script element.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


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

        add(urls.LIBRARY, HTML, self.home_html)
        for exercise in self.catalog.exercises:
            add(urls.exercise(exercise.slug), HTML, partial(self.exercise_html, exercise))
            add(
                urls.exercise_markdown(exercise.slug), MARKDOWN, partial(self.exercise_md, exercise)
            )
        for body_part in self.vocab.body_parts:
            if self.catalog.by("body_part", body_part):
                add(urls.body_part_hub(body_part), HTML, partial(self.body_part_hub, body_part))
            for equipment, _ in self._combinations(body_part):
                add(
                    urls.body_part_equipment_hub(body_part, equipment),
                    HTML,
                    partial(self.combination_hub, body_part, equipment),
                )
        for equipment in self.vocab.equipment:
            if self.catalog.by("equipment", equipment):
                add(urls.equipment_hub(equipment), HTML, partial(self.equipment_hub, equipment))
        for muscle in self.vocab.muscles:
            if has_muscle_hub(self.catalog, muscle):
                add(urls.muscle_hub(muscle), HTML, partial(self.muscle_hub, muscle))
        for difficulty in self.vocab.difficulties:
            if has_difficulty_hub(self.catalog, difficulty):
                add(urls.difficulty_hub(difficulty), HTML, partial(self.difficulty_hub, difficulty))
        for first, second in self.compare_pairs:
            # Both orders answer; the page's canonical URL is the alphabetical one.
            for a, b in ((first, second), (second, first)):
                add(urls.compare(a.slug, b.slug), HTML, partial(self.compare_html, a, b))
        add("/sitemap.xml", XML, self.sitemap)
        add("/robots.txt", TEXT, self.robots)
        add("/llms.txt", TEXT, self.llms)
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

    def _combinations(self, body_part: str) -> list[tuple[str, int]]:
        return combination_hubs(self.catalog, body_part)

    def render_template(self, template: str, **context: Any) -> str:
        context.setdefault("json_ld", [])
        context.setdefault("breadcrumbs", [])
        context.setdefault("markdown_url", None)
        context.setdefault("robots", None)
        context.setdefault("query", "")
        return self.templates.get_template(template).render(**context)

    def _breadcrumb_ld(self, crumbs: list[Link]) -> str:
        return _json_ld(
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

    # ----- exercise pages -----------------------------------------------------------------

    def exercise_page(self, exercise: Exercise) -> ExercisePage:
        """The page content, built once and shared by the HTML and Markdown renderings."""
        page = self._pages_by_slug.get(exercise.slug)
        if page is None:
            page = self._pages_by_slug[exercise.slug] = build_exercise_page(self.catalog, exercise)
        return page

    def exercise_md(self, exercise: Exercise) -> str:
        return exercise_page_markdown(self.exercise_page(exercise))

    def exercise_html(self, exercise: Exercise) -> str:
        page = self.exercise_page(exercise)
        body_part = self.vocab.display("body_parts", exercise.body_part)
        crumbs = [
            Link("Exercises", urls.LIBRARY),
            Link(body_part, urls.body_part_hub(exercise.body_part)),
            Link(exercise.name, urls.exercise(exercise.slug)),
        ]
        canonical = self.absolute(urls.exercise(exercise.slug))
        how_to = {
            "@context": "https://schema.org",
            "@type": "HowTo",
            "name": f"How to do the {exercise.name}",
            "description": exercise.description,
            "url": canonical,
            "tool": [
                {"@type": "HowToTool", "name": self.vocab.display("equipment", e)}
                for e in sorted(exercise.requires)
            ],
            "step": [
                {"@type": "HowToStep", "position": n, "text": step}
                for n, step in enumerate(exercise.instructions, start=1)
            ],
        }
        faq = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item.question,
                    "acceptedAnswer": {"@type": "Answer", "text": item.answer},
                }
                for item in page.faqs
            ],
        }
        compare_links = [
            Link(f"{a.name} vs {b.name}", urls.compare(a.slug, b.slug))
            for a, b in self.compare_pairs_by_slug.get(exercise.slug, [])
        ]
        return self.render_template(
            "exercise.html",
            title=f"{exercise.name}: How to Do It, Muscles Worked, Tips",
            meta_description=_meta_description(exercise.description),
            canonical=canonical,
            og_type="article",
            markdown_url=urls.exercise_markdown(exercise.slug),
            breadcrumbs=crumbs,
            json_ld=[_json_ld(how_to), _json_ld(faq), self._breadcrumb_ld(crumbs)],
            page=page,
            body_map=body_map_svg(exercise, self.vocab, self.muscle_hub_links),
            compare_links=compare_links,
        )

    # ----- hubs ---------------------------------------------------------------------------

    def _titled_page(
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
            meta_description=_meta_description(intro),
            canonical=self.absolute(path),
            breadcrumbs=crumbs,
            json_ld=[self._breadcrumb_ld(crumbs)],
            **context,
        )

    def _hub(
        self,
        path: str,
        heading: str,
        intro: str,
        lists: list[tuple[str, list[Exercise]]],
        crumbs: list[Link],
        sub_hubs: list[dict[str, Any]] | None = None,
        body_map: str | None = None,
    ) -> str:
        return self._titled_page(
            "hub.html",
            path,
            heading,
            intro,
            crumbs,
            sub_hubs=sub_hubs or [],
            body_map=body_map,
            filters=hub_browse.filter_options(self.catalog, [e for _, i in lists for e in i]),
            lists=[
                {
                    "title": title,
                    "exercises": [
                        {**self.card(e), "data": hub_browse.card_data(e, rank)}
                        for rank, e in enumerate(hub_browse.popularity_order(self.catalog, items))
                    ],
                }
                for title, items in lists
                if items
            ],
        )

    def body_part_hub(self, body_part: str) -> str:
        name = self.vocab.display("body_parts", body_part)
        items = self.catalog.by("body_part", body_part)
        path = urls.body_part_hub(body_part)
        combos = [
            CountLink(
                self.vocab.display("equipment", e), urls.body_part_equipment_hub(body_part, e), n
            )
            for e, n in sorted(self._combinations(body_part), key=lambda pair: -pair[1])
        ]
        muscles = sorted({e.target for e in items}, key=lambda m: list(self.vocab.muscles).index(m))
        muscle_links = [
            CountLink(
                self.vocab.display("muscles", m),
                urls.muscle_hub(m),
                len(self.catalog.by("muscle", m)),
            )
            for m in muscles
            if has_muscle_hub(self.catalog, m)
        ]
        sub_hubs = []
        if combos:
            sub_hubs.append({"title": f"{name} exercises by equipment", "links": combos})
        if muscle_links:
            sub_hubs.append({"title": "By muscle", "links": muscle_links})
        intro = (
            f"{len(items)} {_lower_name(name)} exercises with step-by-step instructions, coaching "
            "tips and the mistakes to avoid, most popular first."
        )
        crumbs = [Link("Exercises", urls.LIBRARY), Link(name, path)]
        return self._hub(
            path, f"{name} Exercises", intro, [("All exercises", items)], crumbs, sub_hubs
        )

    def combination_hub(self, body_part: str, equipment: str) -> str:
        part = self.vocab.display("body_parts", body_part)
        tool = self.vocab.display("equipment", equipment)
        items = [e for e in self.catalog.by("body_part", body_part) if e.equipment == equipment]
        path = urls.body_part_equipment_hub(body_part, equipment)
        heading = f"{part} Exercises with {'Your ' if equipment == 'body-weight' else 'a '}{tool}"
        intro = (
            f"{len(items)} {_lower_name(part)} exercises you can do with {_lower_name(tool)}, "
            "most popular first."
        )
        crumbs = [
            Link("Exercises", urls.LIBRARY),
            Link(part, urls.body_part_hub(body_part)),
            Link(tool, path),
        ]
        return self._hub(path, heading, intro, [("Exercises", items)], crumbs)

    def equipment_hub(self, equipment: str) -> str:
        tool = self.vocab.display("equipment", equipment)
        items = self.catalog.by("equipment", equipment)
        path = urls.equipment_hub(equipment)
        intro = f"{len(items)} exercises done with {_lower_name(tool)}, most popular first."
        crumbs = [Link("Exercises", urls.LIBRARY), Link(tool, path)]
        # Plain links that narrow the list (the filters need script; these do not).
        by_part = [
            CountLink(
                self.vocab.display("body_parts", part),
                urls.body_part_equipment_hub(part, equipment),
                count,
            )
            for part in self.vocab.body_parts
            for combo, count in self._combinations(part)
            if combo == equipment
        ]
        sub_hubs = (
            [{"title": f"{tool} exercises by body part", "links": by_part}] if by_part else []
        )
        return self._hub(
            path, f"{tool} Exercises", intro, [("All exercises", items)], crumbs, sub_hubs
        )

    def muscle_hub(self, muscle: str) -> str:
        name = self.vocab.display("muscles", muscle)
        targets = self.catalog.by("target", muscle)
        assisting = [e for e in self.catalog.by("muscle", muscle) if e.target != muscle]
        path = urls.muscle_hub(muscle)
        intro = (
            f"{len(targets)} exercises target the {_lower_name(name)} directly and "
            f"{len(assisting)} more work them as a secondary muscle."
        )
        crumbs = [Link("Exercises", urls.LIBRARY), Link(name, path)]
        lists = [
            (f"Exercises that target the {_lower_name(name)}", targets),
            (f"Exercises that also work the {_lower_name(name)}", assisting),
        ]
        body_map = muscle_picker_svg(self.vocab, self.muscle_hub_links, highlighted=muscle)
        return self._hub(path, f"{name} Exercises", intro, lists, crumbs, body_map=body_map)

    def difficulty_hub(self, difficulty: str) -> str:
        name = self.vocab.display("difficulties", difficulty)
        items = self.catalog.by("difficulty", difficulty)
        path = urls.difficulty_hub(difficulty)
        intro = f"{len(items)} exercises rated {_lower_name(name)}, most popular first."
        crumbs = [Link("Exercises", urls.LIBRARY), Link(name, path)]
        by_part = [
            (self.vocab.display("body_parts", b), [e for e in items if e.body_part == b])
            for b in self.vocab.body_parts
        ]
        return self._hub(path, f"{name} Exercises", intro, by_part, crumbs)

    def home_html(self) -> str:
        catalog, vocab = self.catalog, self.vocab
        groups = [
            {
                "title": "By body part",
                "links": [
                    CountLink(name, urls.body_part_hub(slug), count)
                    for slug, name in vocab.body_parts.items()
                    if (count := catalog.counts("body_part")[slug])
                ],
            },
            {
                "title": "By equipment",
                "links": [
                    CountLink(name, urls.equipment_hub(slug), count)
                    for slug, name in vocab.equipment.items()
                    if (count := catalog.counts("equipment")[slug])
                ],
            },
            {
                "title": "By muscle",
                "links": [
                    CountLink(m.name, urls.muscle_hub(slug), catalog.counts("muscle")[slug])
                    for slug, m in vocab.muscles.items()
                    if has_muscle_hub(catalog, slug)
                ],
            },
            {
                "title": "By difficulty",
                "links": [
                    CountLink(name, urls.difficulty_hub(slug), count)
                    for slug, name in vocab.difficulties.items()
                    if has_difficulty_hub(catalog, slug)
                    and (count := catalog.counts("difficulty")[slug])
                ],
            },
        ]
        intro = (
            f"{len(catalog)} exercises, each with instructions, coaching tips, common mistakes and "
            "answers to the questions lifters ask. Browse by body part, equipment, muscle or "
            "difficulty, or search above."
        )
        return self.render_template(
            "home.html",
            title="Exercise Library",
            meta_description=_meta_description(intro),
            canonical=self.absolute(urls.LIBRARY),
            intro=intro,
            groups=groups,
            popular=[self.card(e) for e in catalog.exercises[:24]],
            body_map=muscle_picker_svg(vocab, self.muscle_hub_links),
        )

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
        return self._titled_page(
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

    # ----- crawl aids and the 404 page ------------------------------------------------------

    def sitemap(self) -> str:
        entries = [
            f"  <url><loc>{escape(self.absolute(page.path))}</loc></url>"
            for page in self.pages.values()
            if page.media_type == HTML and page.path not in self.reversed_compare_paths
        ]
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries)
            + "\n</urlset>\n"
        )

    def robots(self) -> str:
        sitemap = self.absolute("/sitemap.xml")
        return f"User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {sitemap}\n"

    def llms(self) -> str:
        lines = [
            "# ForgeFit Exercise Library",
            "",
            f"> {len(self.catalog)} exercises with original instructions, coaching tips, common "
            "mistakes and FAQs. Every page is available as Markdown at the links below.",
            "",
        ]
        for body_part, name in self.vocab.body_parts.items():
            items = self.catalog.by("body_part", body_part)
            if not items:
                continue
            lines += [f"## {name}", ""]
            lines += [
                f"- [{e.name}]({self.absolute(urls.exercise_markdown(e.slug))})" for e in items
            ]
            lines.append("")
        return "\n".join(lines)

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
