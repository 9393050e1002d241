"""HTML validity over the whole site: one h1, parseable JSON-LD, links that resolve, same words
as the Markdown page, and an accessible body map."""

from __future__ import annotations

import html
import itertools
import json
from html.parser import HTMLParser

import httpx
import pytest

from forgefit.catalog import Catalog
from forgefit.pages import hub_pages
from forgefit.pages.exercise_html import exercise_html
from forgefit.pages.media_types import HTML
from forgefit.pages.site import Site


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1_count = 0
        self.links: list[str] = []
        self.json_ld: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "h1":
            self.h1_count += 1
        elif tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        elif tag == "meta":
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.meta[key] = attributes.get("content", "")
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data


@pytest.fixture(scope="module")
def site(catalog: Catalog) -> Site:
    return Site(catalog, "https://forgefit.example")


@pytest.fixture(scope="module")
def html_pages(site: Site) -> dict[str, str]:
    """Every HTML page, rendered once for the tests that read them all."""
    return {page.path: site.render(page.path) or "" for page in site if page.media_type == HTML}


def parse(text: str) -> PageParser:
    parser = PageParser()
    parser.feed(text)
    return parser


def test_every_html_page_has_one_h1_and_valid_json_ld(site: Site, html_pages: dict[str, str]):
    for page_path, text in html_pages.items():
        parsed = parse(text)
        assert parsed.h1_count == 1, page_path
        for block in parsed.json_ld:
            json.loads(block)
        assert parsed.meta.get("description"), page_path
        # A b-vs-a compare page points at its a-vs-b twin; every other page at itself.
        path = page_path
        if path in site.reversed_compare_paths:
            first, second = path.removeprefix("/exercise/compare/").split("-vs-", 1)
            path = f"/exercise/compare/{second}-vs-{first}"
        assert parsed.canonical == f"https://forgefit.example{path}", page_path


def test_every_internal_link_resolves(site: Site, html_pages: dict[str, str], http: httpx.Client):
    """Links to site pages must be pages; any other internal link (the plan builder, search)
    must answer 200 from the running server."""
    other_links: dict[str, str] = {}
    for page_path, text in html_pages.items():
        for link in parse(text).links:
            path = link.split("#", 1)[0]
            if link.startswith("/") and path.split("?", 1)[0] not in site.pages:
                other_links.setdefault(path, page_path)
    broken = {
        (found_on, path)
        for path, found_on in other_links.items()
        if http.get(path).status_code != 200
    }
    assert broken == set()
    assert "/plan" in other_links


def test_exercise_pages_carry_howto_faq_and_breadcrumb_json_ld(site: Site, catalog: Catalog):
    exercise = catalog.get("goblet-squat")
    parsed = parse(exercise_html(site, exercise))
    blocks = {block["@type"]: block for block in map(json.loads, parsed.json_ld)}
    assert set(blocks) == {"HowTo", "FAQPage", "BreadcrumbList"}
    assert [s["text"] for s in blocks["HowTo"]["step"]] == list(exercise.instructions)
    questions = [q["name"] for q in blocks["FAQPage"]["mainEntity"]]
    assert questions[: len(exercise.faqs)] == [f.question for f in exercise.faqs]
    assert blocks["BreadcrumbList"]["itemListElement"][-1]["name"] == "Goblet Squat"
    assert parsed.meta["og:title"]
    assert parsed.meta["og:url"] == "https://forgefit.example/exercise/goblet-squat"


def test_html_page_has_the_same_words_as_the_markdown_page(site: Site, catalog: Catalog):
    for exercise in catalog.exercises:
        page = site.exercise_page(exercise)
        text = html.unescape(exercise_html(site, exercise))
        for words in (
            page.quick_answer,
            *page.instructions,
            *page.tips,
            *page.mistakes,
            *(f.question for f in page.faqs),
            *(f.answer for f in page.faqs),
            *(link.text for link in page.hub_links),
        ):
            assert words in text, (exercise.slug, words)


def test_body_map_highlights_target_strongly_and_secondary_lightly(site: Site, catalog: Catalog):
    svg = exercise_html(site, catalog.get("band-bent-over-kickback"))
    assert '<g class="muscle target" data-muscle="glutes">' in svg
    assert '<g class="muscle secondary" data-muscle="hamstrings">' in svg
    assert '<g class="muscle secondary" data-muscle="lower-back">' in svg
    assert '<g class="muscle idle" data-muscle="chest">' in svg
    assert 'role="group" aria-labelledby="bodymap-title bodymap-desc"' in svg
    assert "Target muscle: Glutes. Secondary muscles: Hamstrings, Lower Back." in svg


def test_every_muscle_region_of_the_body_appears_on_the_body_map(catalog: Catalog):
    from forgefit.pages.bodymap import MAPPED_MUSCLES

    # The cardiovascular system is not a region of the figure: no heart is drawn on the chest.
    assert set(catalog.vocab.muscles) - MAPPED_MUSCLES == {"cardiovascular"}


def test_calves_sit_on_the_back_of_the_legs_only(site: Site, catalog: Catalog):
    svg = exercise_html(site, catalog.get("standing-calf-raise"))
    front, back = svg.split('aria-label="Back"', 1)
    assert 'data-muscle="calves"' not in front.split('aria-label="Front"', 1)[1]
    assert 'data-muscle="calves"' in back
    assert 'data-muscle="cardiovascular"' not in exercise_html(site, catalog.get("treadmill-run"))


def test_body_map_regions_open_their_muscle_hubs(site: Site, catalog: Catalog):
    for page in (
        hub_pages.home_html(site),
        hub_pages.muscle_hub(site, "glutes"),
        exercise_html(site, catalog.get("goblet-squat")),
    ):
        assert '<a href="/exercises/muscle/glutes" class="muscle-link">' in page
        assert '<a href="/exercises/muscle/quads" class="muscle-link">' in page
    assert '<g class="muscle target" data-muscle="glutes">' in hub_pages.muscle_hub(site, "glutes")


def test_hubs_list_exercises_most_popular_first(site: Site, catalog: Catalog):
    text = hub_pages.body_part_hub(site, "legs")
    items = catalog.by("body_part", "legs")
    # The templates escape an apostrophe as &#39; where html.escape writes &#x27;.
    positions = {
        e.slug: text.index(f">{html.escape(e.name).replace('&#x27;', '&#39;')}</a>") for e in items
    }
    # Popularity decides; within a level the exercise more ladders build on comes first,
    # and each card shows its popularity so the order is visible.
    shown = sorted(items, key=lambda e: positions[e.slug])
    assert [e.popularity for e in shown] == sorted((e.popularity for e in items), reverse=True)
    mentions = {e.slug: 0 for e in items}
    for exercise in catalog.exercises:
        for slug in {*exercise.easier, *exercise.harder}:
            if slug in mentions:
                mentions[slug] += 1
    for before, after in itertools.pairwise(shown):
        if before.popularity == after.popularity:
            assert mentions[before.slug] >= mentions[after.slug], (before.slug, after.slug)
    assert text.count("Popularity ") >= len(items)


def test_equipment_hubs_link_to_their_body_part_hubs_for_readers_without_script(site: Site):
    page = hub_pages.equipment_hub(site, "dumbbell")
    assert '<a href="/exercises/legs/dumbbell">' in page
    assert '<form class="hub-filters" hidden' in page


def test_hub_cards_carry_what_the_filters_need(site: Site, catalog: Catalog):
    page = hub_pages.body_part_hub(site, "legs")
    goblet = catalog.get("goblet-squat")
    card = page.split('href="/exercise/goblet-squat"', 1)[0].rsplit("<li", 1)[1]
    assert f'data-difficulty="{goblet.difficulty}"' in card
    assert 'data-equipment="dumbbell"' in card
    assert f'data-muscle="{" ".join(goblet.muscles)}"' in card
    for menu in ('name="difficulty"', 'name="equipment"', 'name="muscle"', 'name="sort"'):
        assert menu in page
