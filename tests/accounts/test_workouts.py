"""Logged workouts over real HTTP on both engines: idempotency keys (a resend never makes a
second workout), set validation that names the field and saves nothing, history filters."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.accounts.conftest import PROFILE, sign_up_with_token

WORKOUT = {
    "started_at": "2026-11-20T18:00:00Z",
    "sets": [
        {"exercise": "goblet-squat", "load_kg": 20, "reps": 10, "rir": 2},
        {"exercise": "goblet-squat", "load_kg": 20, "reps": 9, "rir": 1, "note": "heavy"},
        {"exercise": "plank", "seconds": 45},
    ],
}


@pytest.fixture
def auth(api: httpx.Client) -> dict[str, str]:
    return {"authorization": sign_up_with_token(api)["authorization"]}


def test_a_workout_is_stored_with_its_sets_in_order(api: httpx.Client, auth: dict[str, str]):
    created = api.post("/api/v1/me/workouts", json=WORKOUT, headers=auth)
    assert created.status_code == 201
    body = created.json()
    assert [s["reps"] for s in body["sets"]] == [10, 9, None]
    assert body["sets"][1]["note"] == "heavy" and body["sets"][2]["seconds"] == 45
    assert api.get(f"/api/v1/me/workouts/{body['id']}", headers=auth).json() == body


def test_the_same_idempotency_key_returns_the_same_workout(api: httpx.Client, auth: dict[str, str]):
    key = {**auth, "idempotency-key": str(uuid.uuid4())}
    first = api.post("/api/v1/me/workouts", json=WORKOUT, headers=key)
    again = api.post("/api/v1/me/workouts", json=WORKOUT, headers=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert len(api.get("/api/v1/me/workouts", headers=auth).json()["items"]) == 1


def test_a_key_sent_many_times_at_once_makes_one_workout(
    served: tuple[str, str], auth: dict[str, str]
):
    key = {**auth, "idempotency-key": str(uuid.uuid4())}

    def send(_: int) -> tuple[int, int]:
        with httpx.Client(base_url=served[1], timeout=30) as client:
            response = client.post("/api/v1/me/workouts", json=WORKOUT, headers=key)
            return response.status_code, response.json()["id"]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send, range(8)))
    assert {status for status, _ in results} <= {200, 201}
    assert len({workout_id for _, workout_id in results}) == 1
    with httpx.Client(base_url=served[1], timeout=30) as client:
        assert len(client.get("/api/v1/me/workouts", headers=auth).json()["items"]) == 1


@pytest.mark.parametrize(
    ("bad_set", "field"),
    [
        ({"exercise": "goblet-squat", "load_kg": -5, "reps": 8}, "sets.1.load_kg"),
        ({"exercise": "goblet-squat", "reps": 1000}, "sets.1.reps"),
        ({"exercise": "goblet-squat", "reps": 8, "rir": 9}, "sets.1.rir"),
        ({"exercise": "goblet-squat"}, "sets.1"),
        ({"exercise": "goblet-sqat", "reps": 8}, "sets[1].exercise"),
        # JSON's own types, as the schema says: no guessing that true or "8" meant 8 reps.
        ({"exercise": "goblet-squat", "reps": True}, "sets.1.reps"),
        ({"exercise": "goblet-squat", "reps": "8"}, "sets.1.reps"),
        ({"exercise": "goblet-squat", "reps": 8, "load_kg": "20"}, "sets.1.load_kg"),
    ],
)
def test_a_bad_set_is_refused_naming_its_field_and_nothing_is_saved(
    api: httpx.Client, auth: dict[str, str], bad_set: dict[str, object], field: str
):
    body = {**WORKOUT, "sets": [WORKOUT["sets"][0], bad_set]}
    response = api.post("/api/v1/me/workouts", json=body, headers=auth)
    assert response.status_code == 422
    assert response.json()["detail"][0]["parameter"] == field
    assert api.get("/api/v1/me/workouts", headers=auth).json()["items"] == []


@pytest.mark.parametrize("started_at", [0, 1732900000, True])
def test_a_time_must_be_written_as_a_date_not_a_number(
    api: httpx.Client, auth: dict[str, str], started_at: object
):
    response = api.post(
        "/api/v1/me/workouts", json={**WORKOUT, "started_at": started_at}, headers=auth
    )
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["parameter"] == "started_at" and "2026-11-29T18:30:00Z" in problem["message"]
    assert api.get("/api/v1/me/workouts", headers=auth).json()["items"] == []


def test_an_unknown_exercise_gets_suggestions(api: httpx.Client, auth: dict[str, str]):
    body = {**WORKOUT, "sets": [{"exercise": "goblet-sqat", "reps": 8}]}
    message = api.post("/api/v1/me/workouts", json=body, headers=auth).json()["detail"][0]
    assert "goblet-squat" in message["message"]


def test_history_filters_by_exercise_and_dates(api: httpx.Client, auth: dict[str, str]):
    api.post("/api/v1/me/workouts", json=WORKOUT, headers=auth)
    later = {"started_at": "2026-11-25T07:30:00Z", "sets": [{"exercise": "burpee", "reps": 12}]}
    api.post("/api/v1/me/workouts", json=later, headers=auth)
    everything = api.get("/api/v1/me/workouts", headers=auth).json()["items"]
    assert [w["started_at"][:10] for w in everything] == ["2026-11-25", "2026-11-20"]
    squats = api.get("/api/v1/me/workouts?exercise=goblet-squat", headers=auth).json()["items"]
    assert len(squats) == 1 and {s["exercise"] for s in squats[0]["sets"]} == {"goblet-squat"}
    window = api.get(
        "/api/v1/me/workouts",
        params={"from": "2026-11-21T00:00:00Z", "to": "2026-11-30T00:00:00Z"},
        headers=auth,
    ).json()["items"]
    assert [w["sets"][0]["exercise"] for w in window] == ["burpee"]


def test_edit_and_delete_a_workout(api: httpx.Client, auth: dict[str, str]):
    workout = api.post("/api/v1/me/workouts", json=WORKOUT, headers=auth).json()
    patched = api.patch(
        f"/api/v1/me/workouts/{workout['id']}",
        json={
            "finished_at": "2026-11-20T19:00:00Z",
            "sets": [{"exercise": "plank", "seconds": 60}],
        },
        headers=auth,
    )
    assert patched.status_code == 200
    assert patched.json()["sets"] == [
        {
            "exercise": "plank",
            "load_kg": None,
            "reps": None,
            "seconds": 60,
            "rir": None,
            "note": None,
        }
    ]
    assert patched.json()["finished_at"].startswith("2026-11-20T19:00")
    refused = api.patch(
        f"/api/v1/me/workouts/{workout['id']}",
        json={"sets": [{"exercise": "plank", "seconds": -1}]},
        headers=auth,
    )
    assert refused.status_code == 422
    assert len(api.get(f"/api/v1/me/workouts/{workout['id']}", headers=auth).json()["sets"]) == 1
    assert api.delete(f"/api/v1/me/workouts/{workout['id']}", headers=auth).status_code == 204
    assert api.get(f"/api/v1/me/workouts/{workout['id']}", headers=auth).status_code == 404


def test_a_workout_can_only_name_your_own_program(api: httpx.Client, auth: dict[str, str]):
    other = {"authorization": sign_up_with_token(api)["authorization"]}
    theirs = api.post("/api/v1/me/programs", json={"profile": PROFILE}, headers=other).json()
    mine = api.post("/api/v1/me/programs", json={"profile": PROFILE}, headers=auth).json()
    refused = api.post(
        "/api/v1/me/workouts", json={**WORKOUT, "program_id": theirs["id"]}, headers=auth
    )
    assert refused.status_code == 404
    accepted = api.post(
        "/api/v1/me/workouts",
        json={**WORKOUT, "program_id": mine["id"], "session": {"week": 1, "day": 2}},
        headers=auth,
    )
    assert accepted.status_code == 201
    assert accepted.json()["session"] == {"week": 1, "day": 2}
    exported = api.get("/api/v1/me/export", headers=auth).json()
    assert exported["workouts"][0]["program_id"] == mine["id"]
    assert len(exported["sets"]) == len(WORKOUT["sets"])
