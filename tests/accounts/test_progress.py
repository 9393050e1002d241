"""History of the trainer's changes and progress over real HTTP on both engines: the history API
and page list every change with its rule and data, follow edits to the logs, and are 404 for
someone else; the progress API and page show the same numbers, computed from the logged sets."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from html import unescape
from typing import Any

import httpx
import pytest

from forgefit.catalog import Catalog, default_catalog
from forgefit.pages.progress_pages import change_words
from forgefit.training.adaptation import next_session
from forgefit.training.increments import estimated_1rm, load_kind
from forgefit.training.logs import LoggedSet, LoggedWorkout, SessionRef
from forgefit.training.program import Program
from forgefit.training.rules import VOLUME_BANDS
from tests.accounts.conftest import PROFILE, sign_up_with_token
from tests.accounts.test_pages_http import sign_up_in_browser

RULES_DOCUMENTED = {
    "start-from-known-lift",
    "calibrate-from-first-session",
    "linear-progression",
    "double-progression",
    "effort-autoregulation",
    "missed-reps",
    "stall-reset",
    "deload-brought-forward",
    "planned-deload",
    "reps-then-sets-then-harder",
    "timed-progression",
    "time-off",
    "injury-swap",
    "injury-ease",
    "injury-return",
    "injury-no-substitute",
}


@cache
def catalog() -> Catalog:
    return default_catalog()


def today() -> date:
    return datetime.now(UTC).date()


def first_loaded(program: dict[str, Any]) -> dict[str, Any]:
    """The first exercise of week 1, day 1 that takes a weight (a dumbbell, a barbell...)."""
    for planned in program["weeks"][0]["sessions"][0]["exercises"]:
        equipment = catalog().get(planned["slug"]).equipment
        if planned["reps"] and load_kind(equipment) != "other":
            return planned
    raise AssertionError("the test profile's first session has no loaded exercise")


def sets_of(slug: str, load: float, reps: list[int], rir: int) -> list[dict[str, Any]]:
    return [{"exercise": slug, "load_kg": load, "reps": r, "rir": rir} for r in reps]


def log(api: httpx.Client, auth: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    response = api.post("/api/v1/me/workouts", json=body, headers=auth)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def as_values(bodies: list[dict[str, Any]]) -> list[LoggedWorkout]:
    return [
        LoggedWorkout(
            date.fromisoformat(b["started_at"][:10]),
            tuple(LoggedSet(**s) for s in b["sets"]),
            SessionRef(**b["session"]),
        )
        for b in bodies
    ]


@pytest.fixture
def trained(api: httpx.Client) -> dict[str, Any]:
    """A person with a saved program and two logged workouts: the loaded lift of day 1 done at
    the top of its range with two more reps in reserve than asked, then a heavier day that opens
    with a 12-rep set (too long for an estimated 1RM)."""
    auth = {"authorization": sign_up_with_token(api)["authorization"]}
    program = api.post("/api/v1/me/programs", json={"profile": PROFILE}, headers=auth).json()
    planned = first_loaded(program)
    slug, top, rir = planned["slug"], planned["reps"][1], planned["rir"]
    days = [today() - timedelta(days=9), today() - timedelta(days=2)]
    bodies = [
        {
            "program_id": program["id"],
            "session": {"week": 1, "day": 1},
            "started_at": f"{days[0]}T18:00:00Z",
            "sets": sets_of(slug, 30, [top] * planned["sets"], min(rir + 2, 5)),
        },
        {
            "program_id": program["id"],
            "session": {"week": 1, "day": 2},
            "started_at": f"{days[1]}T18:00:00Z",
            "sets": [
                {"exercise": slug, "load_kg": 34, "reps": 12, "rir": 0},
                *sets_of(slug, 32.5, [top - 2, top - 3], rir),
            ],
        },
    ]
    logged = [log(api, auth, body) for body in bodies]
    return {
        "auth": auth,
        "program": program,
        "slug": slug,
        "bodies": bodies,
        "logged": logged,
    }


# ----- history -----------------------------------------------------------------------------


def test_history_lists_every_change_with_its_rule_data_and_reason(
    api: httpx.Client, trained: dict[str, Any]
):
    response = api.get(
        f"/api/v1/me/programs/{trained['program']['id']}/history", headers=trained["auth"]
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    history = response.json()
    assert history["workouts"] == 2
    items = history["items"]
    assert items, "two logged workouts should change something"
    for item in items:
        assert item["rule"] in RULES_DOCUMENTED
        assert item["after"] and item["reason"] and item["exercise_name"]
    loads = [i for i in items if i["exercise"] == trained["slug"] and i["field"] == "load_kg"]
    effort = next(i for i in loads if i["rule"] == "effort-autoregulation")
    assert float(effort["after"].split()[0]) > float(effort["before"].split()[0]) == 30
    assert "at 30 kg" in effort["data"] and "RIR" in effort["data"]
    assert effort["date"] == trained["bodies"][0]["started_at"][:10]


def test_history_is_what_the_engine_computes_from_the_same_logs(
    api: httpx.Client, trained: dict[str, Any]
):
    history = api.get(
        f"/api/v1/me/programs/{trained['program']['id']}/history", headers=trained["auth"]
    ).json()
    stored_only = {"id", "name", "current", "created_at", "updated_at"}
    program = Program.model_validate(
        {k: v for k, v in trained["program"].items() if k not in stored_only}
    )
    expected = next_session(
        program,
        as_values(trained["bodies"]),
        catalog(),
        today(),
        equipment=program.profile.equipment_set,
    ).history
    served_items = [
        (i["date"], i["exercise"], i["field"], i["before"], i["after"], i["rule"])
        for i in history["items"]
    ]
    assert served_items == [
        (c.on.isoformat(), c.exercise, c.field, c.before, c.after, c.rule) for c in expected
    ]


def test_editing_a_workout_changes_the_history(api: httpx.Client, trained: dict[str, Any]):
    url = f"/api/v1/me/programs/{trained['program']['id']}/history"
    before = api.get(url, headers=trained["auth"]).json()["items"]
    first = trained["logged"][0]
    slug = trained["slug"]
    missed = sets_of(slug, 30, [1, 1], 0)  # far below the range at failure
    patched = api.patch(
        f"/api/v1/me/workouts/{first['id']}", json={"sets": missed}, headers=trained["auth"]
    )
    assert patched.status_code == 200, patched.text
    after = api.get(url, headers=trained["auth"]).json()["items"]
    assert after != before
    first_day = trained["bodies"][0]["started_at"][:10]

    def first_day_load_moves(items: list[dict[str, Any]]) -> list[tuple[float, float]]:
        return [
            (float(i["before"].split()[0]), float(i["after"].split()[0]))
            for i in items
            if i["date"] == first_day
            and i["exercise"] == slug
            and i["field"] == "load_kg"
            and i["before"] != "-"
        ]

    assert all(after > before for before, after in first_day_load_moves(before))
    lighter = first_day_load_moves(after)
    assert lighter and all(after < before for before, after in lighter)


def test_another_persons_program_history_is_404_in_api_and_page(
    api: httpx.Client, served: tuple[str, str], trained: dict[str, Any]
):
    program_id = trained["program"]["id"]
    other = {"authorization": sign_up_with_token(api)["authorization"]}
    assert api.get(f"/api/v1/me/programs/{program_id}/history", headers=other).status_code == 404
    assert api.get(f"/api/v1/me/programs/{program_id}/history").status_code == 401
    with httpx.Client(base_url=served[1], timeout=30) as browser:
        sign_up_in_browser(browser)
        assert browser.get(f"/account/programs/{program_id}/history").status_code == 404
        assert browser.get("/account/programs/999999/history").status_code == 404


def test_history_page_lists_the_same_changes_in_plain_words(
    served: tuple[str, str], api: httpx.Client
):
    with httpx.Client(base_url=served[1], timeout=30) as browser:
        sign_up_in_browser(browser)
        account = browser.get("/account").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', account)
        assert csrf
        headers = {"x-csrf-token": csrf.group(1)}
        program = browser.post(
            "/api/v1/me/programs", json={"profile": PROFILE}, headers=headers
        ).json()
        empty = browser.get(f"/account/programs/{program['id']}/history")
        assert empty.status_code == 200 and "No changes yet" in empty.text
        assert browser.get(f"/api/v1/me/programs/{program['id']}/history").json()["items"] == []
        planned = first_loaded(program)
        body = {
            "program_id": program["id"],
            "session": {"week": 1, "day": 1},
            "started_at": f"{today() - timedelta(days=3)}T18:00:00Z",
            "sets": sets_of(planned["slug"], 20, [planned["reps"][1]] * 2, 5),
        }
        # The signed-in browser logs through the API with its session cookie and CSRF header.
        assert browser.post("/api/v1/me/workouts", json=body, headers=headers).status_code == 201
        api_items = browser.get(f"/api/v1/me/programs/{program['id']}/history").json()["items"]
        page = browser.get(f"/account/programs/{program['id']}/history")
        assert page.status_code == 200
        text = unescape(page.text)
        assert page.text.count('<li data-rule="') == len(api_items) > 0
        for item in api_items:
            assert change_words(item) in text and item["after"] in text
            assert item["reason"] in text and item["data"] in text
        assert "Set by how hard it felt" in text  # the rule in plain words
        assert "<script>" not in page.text


# ----- progress ----------------------------------------------------------------------------


def test_progress_estimates_1rm_only_from_sets_of_ten_reps_or_fewer(
    api: httpx.Client, trained: dict[str, Any]
):
    slug = trained["slug"]
    response = api.get("/api/v1/me/progress", params={"exercise": slug}, headers=trained["auth"])
    assert response.status_code == 200
    body = response.json()
    assert body["formula"] == "epley" and "Epley" in body["formula_text"]
    [exercise] = body["exercises"]
    expected = []
    for workout in trained["bodies"]:
        candidates = [
            estimated_1rm(s["load_kg"], s["reps"]) for s in workout["sets"] if s["reps"] <= 10
        ]
        expected.append(round(max(c for c in candidates if c is not None), 1))
    assert [p["e1rm_kg"] for p in exercise["e1rm"]] == expected
    records = {r["kind"]: r for r in exercise["records"] if r["kind"] != "most-reps-at-weight"}
    assert records["heaviest"]["value"] == 34  # the 12-rep set is still the heaviest
    assert records["best-e1rm"]["value"] == max(expected)
    volumes = [sum(s["load_kg"] * s["reps"] for s in w["sets"]) for w in trained["bodies"]]
    assert records["best-volume"]["value"] == max(volumes)
    brzycki = api.get(
        "/api/v1/me/progress",
        params={"exercise": slug, "formula": "brzycki"},
        headers=trained["auth"],
    ).json()
    assert [p["e1rm_kg"] for p in brzycki["exercises"][0]["e1rm"]] == [
        round(estimated_1rm(p["load_kg"], p["reps"], "brzycki") or 0, 1)
        for p in brzycki["exercises"][0]["e1rm"]
    ]
    assert brzycki["formula_text"].startswith("Brzycki")


def test_progress_counts_weekly_sets_against_the_band_and_adherence(
    api: httpx.Client, trained: dict[str, Any]
):
    body = api.get("/api/v1/me/progress", headers=trained["auth"]).json()
    band = VOLUME_BANDS[PROFILE["goal"]][PROFILE["experience"]]
    target_group = catalog().vocab.muscles[catalog().get(trained["slug"]).target].group
    by_week: dict[str, float] = {}
    for row in body["weekly_sets"]:
        if row["group"] == target_group:
            by_week[row["week_start"]] = row["sets"]
        assert (row["band_low"], row["band_high"]) == (band.minimum, band.maximum)
    for workout in trained["bodies"]:
        day = date.fromisoformat(workout["started_at"][:10])
        monday = (day - timedelta(days=day.weekday())).isoformat()
        assert by_week[monday] >= len(workout["sets"])
    adherence = body["adherence"]
    assert adherence["workouts"] == 2
    assert adherence["days_per_week"] == PROFILE["days_per_week"]
    assert adherence["share"] == round(2 / adherence["planned"], 3)


def test_progress_refuses_an_unknown_exercise_and_is_private(
    api: httpx.Client, trained: dict[str, Any]
):
    wrong = api.get(
        "/api/v1/me/progress", params={"exercise": "goblet-sqat"}, headers=trained["auth"]
    )
    assert wrong.status_code == 422
    assert "goblet-squat" in wrong.text and wrong.json()["detail"][0]["parameter"] == "exercise"
    everything = api.get("/api/v1/me/progress", headers=trained["auth"]).json()
    empty = api.get("/api/v1/me/progress", params={"exercise": ""}, headers=trained["auth"])
    assert empty.json() == everything and everything["exercises"]
    assert api.get("/api/v1/me/progress").status_code == 401
    other = {"authorization": sign_up_with_token(api)["authorization"]}
    theirs = api.get("/api/v1/me/progress", headers=other).json()
    assert theirs["exercises"] == [] and theirs["weekly_sets"] == []


def page_numbers(html: str) -> dict[str, Any]:
    """The numbers the progress page shows, read from its tables and lists."""
    e1rm = [float(v) for v in re.findall(r'<td class="num" data-value="([0-9.]+)">[^<]* kg<', html)]
    records = [
        (kind, float(value))
        for kind, value in re.findall(r'<li data-kind="([a-z0-9-]+)" data-value="([0-9.]+)">', html)
    ]
    facts = {key: int(value) for key, value in re.findall(r'<dd data-key="(\w+)">(\d+)</dd>', html)}
    weekly = [
        (group, float(value))
        for group, value in re.findall(
            r'<tr data-group="([a-z-]+)"><td>[^<]*</td><td class="num" data-value="([0-9.]+)">',
            html,
        )
    ]
    return {"e1rm": e1rm, "records": records, "facts": facts, "weekly": weekly}


def test_the_progress_page_shows_the_apis_numbers(served: tuple[str, str]):
    with httpx.Client(base_url=served[1], timeout=30) as browser:
        sign_up_in_browser(browser)
        csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/account").text)
        assert csrf
        headers = {"x-csrf-token": csrf.group(1)}
        program = browser.post(
            "/api/v1/me/programs", json={"profile": PROFILE}, headers=headers
        ).json()
        slug = first_loaded(program)["slug"]
        for offset, load in ((15, 18.0), (8, 20.0), (1, 22.5)):
            body = {
                "program_id": program["id"],
                "session": {"week": 1, "day": 1},
                "started_at": f"{today() - timedelta(days=offset)}T07:30:00Z",
                "sets": sets_of(slug, load, [8, 8, 7], 2),
            }
            assert browser.post("/api/v1/me/workouts", json=body, headers=headers).is_success
        api_body = browser.get("/api/v1/me/progress").json()
        page = browser.get("/account/progress")
        assert page.status_code == 200
        shown = page_numbers(page.text)
        [exercise] = api_body["exercises"]
        assert shown["e1rm"] == [p["e1rm_kg"] for p in exercise["e1rm"]]
        assert shown["records"] == [(r["kind"], r["value"]) for r in exercise["records"]]
        adherence = api_body["adherence"]
        for key, value in shown["facts"].items():
            assert adherence[key] == value
        assert shown["facts"]["workouts"] == 3
        # Three weeks of logs: the page shows every week the API returns.
        assert sorted(shown["weekly"]) == sorted(
            (r["group"], r["sets"]) for r in api_body["weekly_sets"]
        )
        assert '<svg class="progress-chart"' in page.text and "<script>" not in page.text
        one = browser.get("/account/progress", params={"exercise": slug})
        assert page_numbers(one.text)["e1rm"] == shown["e1rm"]
        assert browser.get("/account/progress", params={"exercise": "no-such"}).status_code == 404


def test_the_openapi_schema_documents_both_routes_with_examples(api: httpx.Client):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/me/programs/{program_id}/history", "/api/v1/me/progress"):
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]
        assert ok["example"]["items" if "history" in path else "exercises"]
    formula = next(
        p for p in paths["/api/v1/me/progress"]["get"]["parameters"] if p["name"] == "formula"
    )
    assert formula["schema"]["enum"] == ["epley", "brzycki"]
