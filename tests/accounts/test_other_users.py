"""Every URL that names something a user owns answers another user with 404, never 403: the
test lists the app's own routes, so a new route with an owned id is walked automatically."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
from fastapi.routing import APIRoute

from forgefit.web.app import create_app
from tests.accounts.conftest import PROFILE, sign_up_with_token
from tests.accounts.test_pages_http import csrf_of, sign_up_in_browser

# Path parameters that name a row some user owns.
OWNED_IDS = ("program_id", "token_id", "workout_id", "injury_id", "key")
USER_SCOPES = ("/api/v1/me", "/api/v1/tokens", "/account")


def all_routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # an included router
            yield from all_routes(route.original_router.routes)


def owned_routes() -> list[tuple[str, str]]:
    """(method, path) for every route that takes an owned id, from the app itself."""
    found = []
    app = create_app()
    while not hasattr(app, "routes"):  # through the protective layers to FastAPI itself
        app = app.app
    for route in all_routes(app.routes):
        if not route.path.startswith(USER_SCOPES):
            continue
        if any(f"{{{name}}}" in route.path for name in OWNED_IDS):
            found.extend((method, route.path) for method in sorted(route.methods))
    return found


def test_the_walk_covers_api_and_pages():
    routes = set(owned_routes())
    assert ("PATCH", "/api/v1/me/programs/{program_id}") in routes
    assert ("DELETE", "/api/v1/tokens/{token_id}") in routes
    assert ("GET", "/account/programs/{program_id}") in routes
    assert ("POST", "/account/tokens/{token_id}/revoke") in routes
    assert ("PATCH", "/api/v1/me/workouts/{workout_id}") in routes
    assert ("DELETE", "/api/v1/me/injuries/{injury_id}") in routes
    assert ("POST", "/api/v1/me/programs/{program_id}/swaps") in routes
    assert ("PATCH", "/api/v1/me/sets/{key}") in routes
    assert len(routes) >= 8


def test_another_users_things_are_404_on_every_owned_route(served: tuple[str, str]):
    base = served[1]
    with (
        httpx.Client(base_url=base, timeout=30) as owner_api,
        httpx.Client(base_url=base, timeout=30, follow_redirects=False) as intruder,
    ):
        owner = sign_up_with_token(owner_api)
        owner_auth = {"authorization": owner["authorization"]}
        program = owner_api.post(
            "/api/v1/me/programs", json={"profile": PROFILE, "name": "Owner's"}, headers=owner_auth
        ).json()
        token_id = owner_api.get("/api/v1/tokens", headers=owner_auth).json()["items"][0]["id"]
        workout = owner_api.post(
            "/api/v1/me/workouts",
            json={
                "started_at": "2026-11-20T18:00:00Z",
                "sets": [{"exercise": "plank", "seconds": 30}],
            },
            headers=owner_auth,
        ).json()
        injury = owner_api.post(
            "/api/v1/me/injuries", json={"joint": "knee", "severity": "mild"}, headers=owner_auth
        ).json()
        set_key = "owner-set-1"
        logged = owner_api.post(
            "/api/v1/me/sets",
            json={
                "workout_key": "owner-workout",
                "started_at": "2026-11-20T18:00:00Z",
                "set": {"exercise": "plank", "seconds": 30},
            },
            headers={**owner_auth, "idempotency-key": set_key},
        )
        assert logged.status_code == 201
        ids = {
            "program_id": str(program["id"]),
            "token_id": str(token_id),
            "workout_id": str(workout["id"]),
            "injury_id": str(injury["id"]),
            "key": set_key,
        }
        first = program["weeks"][0]["sessions"][0]["exercises"][0]["slug"]

        # The intruder is signed in both ways: a browser session and an API token.
        sign_up_in_browser(intruder)
        intruder_token = intruder.post(
            "/account/tokens", data={"csrf": csrf_of(intruder.get("/account").text)}
        )
        token = re.search(r"(ff_[A-Za-z0-9_-]{20,})", intruder_token.text)
        assert token
        intruder_auth = {"authorization": f"Bearer {token.group(1)}"}
        csrf = csrf_of(intruder.get("/account").text)

        answers = {}
        for method, template in owned_routes():
            path = template
            for name, value in ids.items():
                path = path.replace(f"{{{name}}}", value)
            path = path.replace("{export}", "json")
            if path.startswith("/api/"):
                body = {"name": "taken"} if method in ("PATCH", "POST") else None
                if "workout" in template and method == "PATCH":
                    body = {"finished_at": "2026-11-20T19:00:00Z"}
                if template.endswith("/swaps"):
                    body = {"from": first, "to": "plank", "scope": "program"}
                if "/sets/" in template:
                    body = {"exercise": "plank", "seconds": 99}
                response = intruder.request(method, path, json=body, headers=intruder_auth)
            else:
                data = {"csrf": csrf, "action": "rename", "name": "taken"}
                response = intruder.request(method, path, data=data if method == "POST" else None)
            answers[f"{method} {template}"] = response.status_code
        assert answers and set(answers.values()) == {404}, answers

        # Nothing of the owner's changed, and lists show the intruder only their own things.
        still = owner_api.get(f"/api/v1/me/programs/{program['id']}", headers=owner_auth)
        assert still.status_code == 200 and still.json()["name"] == "Owner's"
        assert owner_api.get("/api/v1/me", headers=owner_auth).status_code == 200
        listed = intruder.get("/api/v1/me/programs", headers=intruder_auth).json()["items"]
        assert program["id"] not in [p["id"] for p in listed]
        exported = intruder.get("/api/v1/me/export", headers=intruder_auth).text
        assert "Owner's" not in exported and owner["email"] not in exported
