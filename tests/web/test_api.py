"""The /api/v1 JSON API over real HTTP, including every error path."""

from __future__ import annotations

import httpx
import pytest


def test_list_exercises_pages_with_total_and_next(http: httpx.Client, catalog):
    first = http.get("/api/v1/exercises", params={"limit": 5})
    assert first.status_code == 200
    body = first.json()
    assert body["total"] == len(catalog)
    assert (body["limit"], body["offset"]) == (5, 0)
    assert len(body["items"]) == 5
    assert [i["slug"] for i in body["items"]] == [e.slug for e in catalog.exercises[:5]]
    second = http.get(body["next"]).json()
    assert second["offset"] == 5
    assert [i["slug"] for i in second["items"]] == [e.slug for e in catalog.exercises[5:10]]


def test_last_page_has_no_next(http: httpx.Client, catalog):
    body = http.get("/api/v1/exercises", params={"limit": 10, "offset": len(catalog) - 3}).json()
    assert len(body["items"]) == 3
    assert body["next"] is None


def test_default_limit_is_twenty(http: httpx.Client):
    assert len(http.get("/api/v1/exercises").json()["items"]) == 20


def test_filters_combine(http: httpx.Client):
    params = {"body_part": "legs", "equipment": "resistance-band", "limit": 100}
    items = http.get("/api/v1/exercises", params=params).json()["items"]
    assert items
    assert {(i["body_part"], i["equipment"]) for i in items} == {("legs", "resistance-band")}


def test_muscle_filter_with_secondary(http: httpx.Client):
    only = http.get("/api/v1/exercises", params={"muscle": "triceps", "limit": 100}).json()
    both = http.get(
        "/api/v1/exercises", params={"muscle": "triceps", "include_secondary": True, "limit": 100}
    ).json()
    assert {i["target"] for i in only["items"]} == {"triceps"}
    assert both["total"] > only["total"]


def test_sort_by_name(http: httpx.Client):
    names = [
        i["name"]
        for i in http.get("/api/v1/exercises", params={"sort": "name", "limit": 50}).json()["items"]
    ]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"body_part": "leg"}, "body_part"),
        ({"equipment": "rubber"}, "equipment"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"sort": "random"}, "sort"),
        ({"difficulty": "expert"}, "difficulty"),
    ],
)
def test_bad_parameters_get_422_naming_the_parameter(http: httpx.Client, params, parameter):
    response = http.get("/api/v1/exercises", params=params)
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert [p["parameter"] for p in problems] == [parameter]
    assert problems[0]["message"]


def test_unknown_body_part_lists_allowed_values(http: httpx.Client):
    message = http.get("/api/v1/exercises", params={"body_part": "leg"}).json()["detail"][0]
    assert "'legs'" in message["message"]


def test_one_exercise(http: httpx.Client):
    body = http.get("/api/v1/exercises/band-bent-over-kickback").json()
    assert body["target"] == "glutes"
    assert body["url"] == "/exercise/band-bent-over-kickback"


def test_unknown_slug_is_a_json_404_with_suggestions(http: httpx.Client):
    response = http.get("/api/v1/exercises/goblet-sqat")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "goblet-squat" in response.json()["suggestions"]


def test_related_exercises_are_scored_best_first(http: httpx.Client):
    items = http.get("/api/v1/exercises/barbell-back-squat/related").json()["items"]
    assert len(items) == 6
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    assert "barbell-back-squat" not in {i["slug"] for i in items}


def test_substitutes_respect_equipment_and_injuries(http: httpx.Client):
    params = {"equipment": ["bands"], "injuries": ["knee:serious"]}
    items = http.get("/api/v1/exercises/barbell-back-squat/substitutes", params=params).json()[
        "items"
    ]
    assert items
    for item in items:
        assert set(item["requires"]) <= {"resistance-band"}
        assert item["joint_stress"].get("knee", "low") == "low"


def test_bad_injury_value_is_422(http: httpx.Client):
    response = http.get(
        "/api/v1/exercises/barbell-back-squat/substitutes", params={"injuries": "elbowz:bad"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["parameter"] == "injuries"


def test_vocabularies_have_names_and_counts(http: httpx.Client, catalog):
    body = http.get("/api/v1/vocabularies").json()
    legs = next(t for t in body["body_parts"] if t["slug"] == "legs")
    assert legs["name"] == "Legs"
    assert legs["count"] == len(catalog.by("body_part", "legs"))
    assert {t["slug"] for t in body["equipment_presets"]} >= {"bodyweight", "full-gym"}


def test_api_responses_carry_etags_and_honour_them(http: httpx.Client):
    response = http.get("/api/v1/vocabularies")
    etag = response.headers["etag"]
    assert http.get("/api/v1/vocabularies", headers={"if-none-match": etag}).status_code == 304


def test_api_responses_are_compressed(http: httpx.Client):
    response = http.get("/api/v1/exercises", params={"limit": 50})
    assert response.headers["content-encoding"] == "gzip"


def test_unknown_api_path_is_json_404(http: httpx.Client):
    response = http.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"


def test_openapi_schema_and_docs_are_served(http: httpx.Client):
    schema = http.get("/openapi.json").json()
    assert "/api/v1/exercises" in schema["paths"]
    assert "/exercisedb/exercises" in schema["paths"]
    assert http.get("/docs").status_code == 200
