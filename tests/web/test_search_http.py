"""Search over HTTP: the JSON endpoints, the results page and the search box's suggestions."""

from __future__ import annotations

import httpx


def test_api_search_ranks_and_explains(http: httpx.Client):
    body = http.get("/api/v1/search", params={"q": "db row"}).json()
    assert body["total"] >= 1
    assert body["items"][0]["equipment"] == "dumbbell"
    assert "row" in body["items"][0]["slug"]
    terms = body["understood"]["terms"]
    assert {(t["kind"], t["slug"]) for t in terms} == {("equipment", "dumbbell")}
    corrections = body["understood"]["corrections"]
    assert [(c["typed"], c["read_as"]) for c in corrections] == [("db", "dumbbell")]


def test_api_search_reports_corrections_and_facets(http: httpx.Client):
    body = http.get("/api/v1/search", params={"q": "sqaut"}).json()
    assert body["items"][0]["slug"].endswith("squat")
    assert any(c["typed"] == "sqaut" for c in body["understood"]["corrections"])
    assert sum(body["facets"]["equipment"].values()) == body["total"]


def test_api_search_filters_and_pages(http: httpx.Client):
    first = http.get(
        "/api/v1/search", params={"q": "press", "available": "home-dumbbells", "limit": 3}
    ).json()
    assert len(first["items"]) == 3
    assert first["next"]
    second = http.get(first["next"]).json()
    assert second["offset"] == 3
    assert not {i["slug"] for i in first["items"]} & {i["slug"] for i in second["items"]}


def test_api_search_empty_query_is_an_empty_result(http: httpx.Client):
    body = http.get("/api/v1/search", params={"q": "  ... "}).json()
    assert (body["total"], body["items"]) == (0, [])


def test_api_search_absurdly_long_query_is_422(http: httpx.Client):
    response = http.get("/api/v1/search", params={"q": "squat " * 2000})
    assert response.status_code == 422
    assert response.json()["detail"][0]["parameter"] == "q"


def test_api_search_requires_q(http: httpx.Client):
    response = http.get("/api/v1/search")
    assert response.status_code == 422
    assert response.json()["detail"][0]["parameter"] == "q"


def test_api_suggest_completes_prefixes(http: httpx.Client):
    body = http.get("/api/v1/suggest", params={"q": "gobl"}).json()
    texts = [s["text"] for s in body["suggestions"]]
    assert "Goblet Squat" in texts
    goblet = next(s for s in body["suggestions"] if s["text"] == "Goblet Squat")
    assert goblet["url"] == "/exercise/goblet-squat"


def test_search_page_shows_results_and_understanding(http: httpx.Client):
    response = http.get("/search", params={"q": "glute exercises with band"})
    assert response.status_code == 200
    assert 'href="/exercise/band-bent-over-kickback"' in response.text or (
        "Band" in response.text and "Glute" in response.text
    )
    assert "Showing exercises that work the glutes, done with a resistance band" in response.text
    assert response.text.count("<h1>") == 1


def test_search_page_facet_links_narrow_results(http: httpx.Client):
    page = http.get("/search", params={"q": "squat"}).text
    assert "equipment=dumbbell" in page
    narrowed = http.get("/search", params={"q": "squat", "equipment": "dumbbell"}).text
    assert "Clear filters" in narrowed
    assert 'href="/exercise/barbell-back-squat"' not in narrowed


def test_search_page_without_query_explains(http: httpx.Client):
    response = http.get("/search")
    assert response.status_code == 200
    assert "Search exercises" in response.text


def test_search_page_with_bad_filter_is_422_page(http: httpx.Client):
    response = http.get("/search", params={"q": "squat", "equipment": "spaceship"})
    assert response.status_code == 422
    assert "Unknown equipment" in response.text


def test_search_page_with_an_absurdly_long_query_is_a_422_page(http: httpx.Client):
    response = http.get("/search", params={"q": "x" * 10_000})
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert "searches are limited to 200" in response.text
