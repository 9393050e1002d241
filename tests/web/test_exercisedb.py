"""ExerciseDB clients switch by changing only the base URL: paths, field names, types, arrays."""

from __future__ import annotations

import httpx
import pytest

from forgefit.catalog import exercisedb as compat

# What ExerciseDB clients send; we accept and ignore it.
RAPIDAPI_HEADERS = {"X-RapidAPI-Key": "client-key", "X-RapidAPI-Host": "exercisedb.p.rapidapi.com"}
FIELDS = {
    "id": str,
    "name": str,
    "bodyPart": str,
    "equipment": str,
    "target": str,
    "secondaryMuscles": list,
    "instructions": list,
    "description": str,
    "difficulty": str,
    "category": str,
}
EXERCISEDB_BODY_PARTS = [
    "back", "cardio", "chest", "lower arms", "lower legs", "neck", "shoulders", "upper arms",
    "upper legs", "waist",
]  # fmt: skip
EXERCISEDB_TARGETS = [
    "abductors", "abs", "adductors", "biceps", "calves", "cardiovascular system", "delts",
    "forearms", "glutes", "hamstrings", "lats", "levator scapulae", "pectorals", "quads",
    "serratus anterior", "spine", "traps", "triceps", "upper back",
]  # fmt: skip


@pytest.fixture
def client(server_url: str):
    with httpx.Client(base_url=f"{server_url}/exercisedb", headers=RAPIDAPI_HEADERS) as c:
        yield c


def assert_records(records: object) -> list[dict]:
    assert isinstance(records, list)
    for record in records:
        assert set(record) == set(FIELDS)
        for field, kind in FIELDS.items():
            assert isinstance(record[field], kind), field
        assert record["bodyPart"] in EXERCISEDB_BODY_PARTS
        assert record["target"] in EXERCISEDB_TARGETS
        assert record["name"] == record["name"].lower()
        assert all(isinstance(m, str) for m in record["secondaryMuscles"])
    return records  # type: ignore[return-value]


def test_exercises_default_to_ten(client: httpx.Client):
    assert len(assert_records(client.get("/exercises").json())) == 10


def test_limit_zero_returns_everything(client: httpx.Client, catalog):
    assert len(assert_records(client.get("/exercises", params={"limit": 0}).json())) == len(catalog)


def test_offset_pages_through(client: httpx.Client):
    everything = client.get("/exercises", params={"limit": 0}).json()
    page = client.get("/exercises", params={"limit": 5, "offset": 5}).json()
    assert page == everything[5:10]


def test_exercise_by_id(client: httpx.Client):
    first = client.get("/exercises", params={"limit": 1}).json()[0]
    assert client.get(f"/exercises/exercise/{first['id']}").json() == first
    assert client.get("/exercises/exercise/99999").status_code == 404


def test_name_is_a_substring_match(client: httpx.Client):
    records = assert_records(client.get("/exercises/name/squat", params={"limit": 0}).json())
    assert len(records) >= 5
    assert all("squat" in r["name"] for r in records)


def test_kickback_maps_to_exercisedb_terms(client: httpx.Client):
    (record,) = client.get("/exercises/name/band bent over kickback").json()
    assert record["bodyPart"] == "upper legs"
    assert record["target"] == "glutes"
    assert record["equipment"] == "resistance band"
    assert record["secondaryMuscles"] == ["hamstrings", "spine"]


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("/exercises/bodyPart/waist", "bodyPart", "waist"),
        ("/exercises/bodyPart/lower legs", "bodyPart", "lower legs"),
        ("/exercises/target/pectorals", "target", "pectorals"),
        ("/exercises/equipment/dumbbell", "equipment", "dumbbell"),
    ],
)
def test_lookup_paths_filter_on_their_field(client: httpx.Client, path, field, value):
    records = assert_records(client.get(path, params={"limit": 0}).json())
    assert records
    assert {r[field] for r in records} == {value}


def test_lists_use_exercisedb_vocabulary(client: httpx.Client):
    assert client.get("/exercises/bodyPartList").json() == EXERCISEDB_BODY_PARTS
    assert client.get("/exercises/targetList").json() == EXERCISEDB_TARGETS
    equipment = client.get("/exercises/equipmentList").json()
    assert "body weight" in equipment and "resistance band" in equipment


def test_every_listed_term_has_exercises(client: httpx.Client):
    for kind, path in (("bodyPart", "bodyPartList"), ("target", "targetList")):
        for term in client.get(f"/exercises/{path}").json():
            assert client.get(f"/exercises/{kind}/{term}").json(), (kind, term)


def test_unknown_term_is_422_naming_allowed_values(client: httpx.Client):
    response = client.get("/exercises/bodyPart/legs")
    assert response.status_code == 422
    assert "upper legs" in response.json()["detail"][0]["message"]


def test_ids_are_stable_across_restarts(client: httpx.Client, catalog):
    ids = compat.load_ids()
    served = {r["name"]: r["id"] for r in client.get("/exercises", params={"limit": 0}).json()}
    assert served == {e.name.lower(): ids[e.slug] for e in catalog.exercises}


@pytest.mark.parametrize(
    "path",
    [
        "/exercisedb/exercises?limit=0.0",
        "/exercisedb/exercises?limit=null&limit=0.0&offset=0",  # found by schemathesis
        "/exercisedb/exercises?offset=1e1",
        "/api/v1/exercises?limit=2.0",
        "/api/v1/search?q=row&offset=%2B1",
    ],
)
def test_whole_number_parameters_must_be_digits(server_url: str, path: str):
    # The schema says integer: "0.0" is a client's bug to hear about, not a silent 0.
    response = httpx.get(f"{server_url}{path}")
    assert response.status_code == 422, response.text[:200]
    assert "whole number" in response.text
