"""The library website over real HTTP: pages, hubs, crawl aids, caching and errors."""

from __future__ import annotations

import gzip
import subprocess
import xml.etree.ElementTree as ElementTree

import httpx

from tests.conftest import FORGEFIT

KICKBACK = "/exercise/band-bent-over-kickback"


def test_exercise_page_is_html_with_cache_headers(http: httpx.Client):
    response = http.get(KICKBACK)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["etag"].startswith('"')
    assert "max-age" in response.headers["cache-control"]
    assert "<h1>Band Bent Over Kickback</h1>" in response.text


def test_pages_are_gzipped_when_the_client_accepts_it(http: httpx.Client):
    raw = http.get(KICKBACK, headers={"accept-encoding": "gzip"})
    plain = http.get(KICKBACK, headers={"accept-encoding": "identity"})
    assert raw.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert int(raw.headers["content-length"]) < int(plain.headers["content-length"]) / 2
    assert raw.text == plain.text  # httpx decodes the gzip body


def test_a_matching_etag_gets_304_without_a_body(http: httpx.Client):
    etag = http.get(KICKBACK).headers["etag"]
    again = http.get(KICKBACK, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_head_returns_headers_only(http: httpx.Client):
    response = http.head(KICKBACK)
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 1000


def test_markdown_twin_is_served_as_markdown_and_matches_the_cli(http: httpx.Client):
    response = http.get(f"{KICKBACK}.md")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    cli = subprocess.run(
        [FORGEFIT, "exercise", "band-bent-over-kickback"], capture_output=True, text=True
    )
    assert response.text == cli.stdout


def test_every_hub_kind_is_served(http: httpx.Client):
    for path in (
        "/exercises",
        "/exercises/legs",
        "/exercises/equipment/resistance-band",
        "/exercises/muscle/glutes",
        "/exercises/beginner",
        "/exercises/legs/dumbbell",
    ):
        response = http.get(path)
        assert response.status_code == 200, path
        assert response.text.count("<h1>") == 1


def test_a_combination_hub_with_too_few_exercises_does_not_exist(http: httpx.Client):
    # Neck work uses no barbell at all, so this combination has no page.
    assert http.get("/exercises/neck/barbell").status_code == 404


def test_unknown_page_gets_a_helpful_404_with_suggestions(http: httpx.Client):
    response = http.get("/exercise/goblet-sqaut")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert 'href="/exercise/goblet-squat"' in response.text
    assert 'action="/search"' in response.text


def test_trailing_slash_redirects_to_the_canonical_url(http: httpx.Client):
    response = http.get(f"{KICKBACK}/")
    assert response.status_code == 308
    assert response.headers["location"] == KICKBACK


def test_sitemap_lists_every_exercise_page(http: httpx.Client, catalog):
    response = http.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    for exercise in catalog.exercises:
        assert any(str(loc).endswith(f"/exercise/{exercise.slug}") for loc in locations)


def test_robots_and_llms_txt(http: httpx.Client, catalog):
    robots = http.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: " in robots.text
    llms = http.get("/llms.txt")
    assert llms.status_code == 200
    assert llms.text.count(".md)") == len(catalog)


def test_stylesheet_and_script_are_served(http: httpx.Client):
    css = http.get("/static/forgefit.css", headers={"accept-encoding": "gzip"})
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert "prefers-color-scheme: dark" in css.text
    assert "@media print" in css.text
    assert http.get("/static/forgefit.js").status_code == 200


def test_compare_page_shows_both_exercises(http: httpx.Client):
    sitemap = http.get("/sitemap.xml").text
    compare = next(
        line.split("<loc>")[1].split("</loc>")[0]
        for line in sitemap.splitlines()
        if "/exercise/compare/" in line
    )
    path = compare.split("://", 1)[1].split("/", 1)[1]
    response = http.get(f"/{path}")
    assert response.status_code == 200
    assert response.text.count('<th scope="col"><a href="/exercise/') == 2


def test_root_redirects_to_the_library(http: httpx.Client):
    response = http.get("/")
    assert response.status_code in (302, 307)
    assert response.headers["location"] == "/exercises"


def test_gzip_body_is_valid_gzip(http: httpx.Client):
    with httpx.stream(
        "GET", f"{http.base_url}{KICKBACK}", headers={"accept-encoding": "gzip"}
    ) as response:
        raw = b"".join(response.iter_raw())
    assert gzip.decompress(raw).startswith(b"<!doctype html>")


def test_any_two_exercises_compare_in_either_order(http: httpx.Client):
    forward = http.get("/exercise/compare/barbell-curl-vs-plank")
    backward = http.get("/exercise/compare/plank-vs-barbell-curl")
    assert forward.status_code == backward.status_code == 200
    assert "<h1>Barbell Curl vs Plank</h1>" in forward.text
    assert "<h1>Plank vs Barbell Curl</h1>" in backward.text
    canonical_tail = '/exercise/compare/barbell-curl-vs-plank">'
    assert canonical_tail in forward.text.split('rel="canonical"', 1)[1].split("\n", 1)[0]
    assert canonical_tail in backward.text.split('rel="canonical"', 1)[1].split("\n", 1)[0]
    # Different targets and patterns: the intro does not claim they train the same thing.
    assert "Both train" not in forward.text


def test_every_compare_page_carries_the_picker(http: httpx.Client):
    page = http.get("/exercise/compare/barbell-curl-vs-plank").text
    assert '<form class="compare-picker" action="/exercise/compare" method="get">' in page
    assert '<option value="Goblet Squat">' in page


def test_the_picker_resolves_names_and_slugs_to_the_pair_page(http: httpx.Client):
    found = http.get(
        "/exercise/compare", params={"a": "Goblet Squat", "b": "leg-press"}, follow_redirects=False
    )
    assert found.status_code == 303
    assert found.headers["location"] == "/exercise/compare/goblet-squat-vs-leg-press"
    unknown = http.get("/exercise/compare", params={"a": "Goblet Squat", "b": "Moon Walk"})
    assert unknown.status_code == 404
    assert "No exercise called &#39;Moon Walk&#39;" in unknown.text
    same = http.get("/exercise/compare", params={"a": "plank", "b": "Plank"})
    assert same.status_code == 422
    assert "two different exercises" in same.text
    assert http.get("/exercise/compare/plank-vs-plank").status_code == 404
    assert http.get("/exercise/compare/plank-vs-no-such-thing").status_code == 404
