"""HTML validity over the whole site: one h1, parseable JSON-LD, links that resolve, same words
as the Markdown page, and an accessible body map."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser

import httpx
import pytest

from forgefit.catalog import Catalog
from forgefit.pages.site import HTML, Site


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


def parse(text: str) -> PageParser:
    parser = PageParser()
    parser.feed(text)
    return parser


def test_every_html_page_has_one_h1_and_valid_json_ld(site: Site):
    for page in site:
        if page.media_type != HTML:
            continue
        parsed = parse(site.render(page.path) or "")
        assert parsed.h1_count == 1, page.path
        for block in parsed.json_ld:
            json.loads(block)
        assert parsed.meta.get("description"), page.path
        assert parsed.canonical == f"https://forgefit.example{page.path}", page.path


def test_every_internal_link_resolves(site: Site, http: httpx.Client):
    """Links to site pages must be pages; any other internal link (the plan builder, search)
    must answer 200 from the running server."""
    other_links: dict[str, str] = {}
    for page in site:
        if page.media_type != HTML:
            continue
        for link in parse(site.render(page.path) or "").links:
            path = link.split("#", 1)[0]
            if link.startswith("/") and path.split("?", 1)[0] not in site.pages:
                other_links.setdefault(path, page.path)
    broken = {
        (found_on, path)
        for path, found_on in other_links.items()
        if http.get(path).status_code != 200
    }
    assert broken == set()
    assert "/plan" in other_links


def test_exercise_pages_carry_howto_faq_and_breadcrumb_json_ld(site: Site, catalog: Catalog):
    exercise = catalog.get("goblet-squat")
    parsed = parse(site.exercise_html(exercise))
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
        text = html.unescape(site.exercise_html(exercise))
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
    svg = site.exercise_html(catalog.get("band-bent-over-kickback"))
    assert '<g class="muscle target" data-muscle="glutes">' in svg
    assert '<g class="muscle secondary" data-muscle="hamstrings">' in svg
    assert '<g class="muscle secondary" data-muscle="lower-back">' in svg
    assert '<g class="muscle idle" data-muscle="chest">' in svg
    assert 'role="img" aria-labelledby="bodymap-title bodymap-desc"' in svg
    assert "Target muscle: Glutes. Secondary muscles: Hamstrings, Lower Back." in svg


def test_every_muscle_in_the_vocabulary_appears_on_the_body_map(catalog: Catalog):
    from forgefit.pages.bodymap import MAPPED_MUSCLES

    assert set(catalog.vocab.muscles) - MAPPED_MUSCLES == set()


def test_hubs_list_exercises_most_popular_first(site: Site, catalog: Catalog):
    # Unescape first: the page may write an apostrophe as &#39; where html.escape gives &#x27;.
    text = html.unescape(site.body_part_hub("legs"))
    names = [e.name for e in catalog.by("body_part", "legs")]
    positions = [text.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)
