"""The accounts JSON API over real HTTP, on SQLite and PostgreSQL: the contract table of
docs/accounts.md, status by status."""

from __future__ import annotations

import csv
import io

import httpx

from tests.accounts.conftest import PASSWORD, PROFILE, new_email, sign_up_with_token


def test_sign_up_answers_201_then_409_for_the_same_email(api: httpx.Client):
    email = new_email()
    created = api.post("/api/v1/users", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201
    assert created.json() == {"id": created.json()["id"], "email": email}
    again = api.post("/api/v1/users", json={"email": email.upper(), "password": PASSWORD})
    assert again.status_code == 409
    assert again.json()["detail"][0]["parameter"] == "email"


def test_a_password_under_ten_characters_is_a_422_naming_it(api: httpx.Client):
    response = api.post("/api/v1/users", json={"email": new_email(), "password": "nine char"})
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["parameter"] == "password" and "10 characters" in problem["message"]


def test_tokens_need_the_right_password_and_pause_after_repeated_failures(api: httpx.Client):
    email = new_email()
    api.post("/api/v1/users", json={"email": email, "password": PASSWORD})
    statuses = [
        api.post("/api/v1/tokens", json={"email": email, "password": "wrong password"}).status_code
        for _ in range(6)
    ]
    assert statuses == [401, 401, 401, 401, 401, 429]
    paused = api.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    assert paused.status_code == 429
    assert int(paused.headers["retry-after"]) > 0
    assert "minute" in paused.json()["detail"]


def test_a_token_created_after_failures_clears_them(api: httpx.Client):
    email = new_email()
    api.post("/api/v1/users", json={"email": email, "password": PASSWORD})
    wrong = {"email": email, "password": "wrong password"}
    before = [api.post("/api/v1/tokens", json=wrong).status_code for _ in range(4)]
    right = api.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    # Counting starts again: four more failures are still not a pause (five would be).
    after = [api.post("/api/v1/tokens", json=wrong).status_code for _ in range(4)]
    assert (before, right.status_code, after) == ([401] * 4, 201, [401] * 4)


def test_me_needs_a_valid_token(api: httpx.Client):
    missing = api.get("/api/v1/me")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = api.get("/api/v1/me", headers={"authorization": "Bearer ff_not-a-real-token"})
    assert wrong.status_code == 401
    assert "POST /api/v1/tokens" in wrong.json()["detail"]


def test_me_describes_the_account_privately(api: httpx.Client):
    account = sign_up_with_token(api)
    me = api.get("/api/v1/me", headers={"authorization": account["authorization"]})
    assert me.status_code == 200
    assert me.json()["email"] == account["email"]
    assert me.json()["profile"] is None and me.json()["current_program"] is None
    assert me.headers["cache-control"] == "no-store"


def test_tokens_are_listed_without_their_secret_and_revoked_with_204(api: httpx.Client):
    account = sign_up_with_token(api)
    auth = {"authorization": account["authorization"]}
    second = api.post(
        "/api/v1/tokens",
        json={"email": account["email"], "password": PASSWORD, "label": "script"},
    ).json()
    listed = api.get("/api/v1/tokens", headers=auth).json()["items"]
    assert [t["label"] for t in listed] == ["", "script"]
    assert all("token" not in t for t in listed)
    assert second["token"].startswith(listed[1]["prefix"])
    assert api.delete(f"/api/v1/tokens/{second['id']}", headers=auth).status_code == 204
    revoked = api.get("/api/v1/me", headers={"authorization": f"Bearer {second['token']}"})
    assert revoked.status_code == 401
    assert api.delete(f"/api/v1/tokens/{second['id']}", headers=auth).status_code == 404


def test_profile_is_validated_like_the_plan_api_then_saved(api: httpx.Client):
    auth = {"authorization": sign_up_with_token(api)["authorization"]}
    bad = api.put("/api/v1/me/profile", json={**PROFILE, "goal": "flying"}, headers=auth)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["parameter"] == "profile.goal"
    assert api.get("/api/v1/me/profile", headers=auth).status_code == 404
    saved = api.put("/api/v1/me/profile", json=PROFILE, headers=auth)
    assert saved.status_code == 200 and saved.json() == {"profile": PROFILE}
    assert api.get("/api/v1/me", headers=auth).json()["profile"] == PROFILE


def test_programs_are_built_stored_listed_renamed_made_current_and_deleted(api: httpx.Client):
    auth = {"authorization": sign_up_with_token(api)["authorization"]}
    no_profile = api.post("/api/v1/me/programs", json={}, headers=auth)
    assert no_profile.status_code == 422
    assert no_profile.json()["detail"][0]["parameter"] == "profile"

    first = api.post(
        "/api/v1/me/programs", json={"profile": PROFILE, "name": "Block A"}, headers=auth
    )
    assert first.status_code == 201
    body = first.json()
    assert body["name"] == "Block A" and body["current"] is True
    assert body["weeks"] and body["profile"]["goal"] == "hypertrophy" and body["review"]

    api.put("/api/v1/me/profile", json={**PROFILE, "days_per_week": 2}, headers=auth)
    second = api.post("/api/v1/me/programs", json={}, headers=auth).json()
    assert second["profile"]["days_per_week"] == 2

    listed = api.get("/api/v1/me/programs", headers=auth).json()["items"]
    assert [(p["id"], p["current"]) for p in listed] == [
        (second["id"], True),
        (body["id"], False),
    ]
    current = api.get("/api/v1/me/programs/current", headers=auth)
    assert current.json() == api.get(f"/api/v1/me/programs/{second['id']}", headers=auth).json()

    patched = api.patch(
        f"/api/v1/me/programs/{body['id']}",
        json={"name": "Block A, again", "current": True},
        headers=auth,
    )
    assert patched.status_code == 200
    assert patched.json()["name"] == "Block A, again" and patched.json()["current"]
    assert api.get("/api/v1/me/programs/current", headers=auth).json()["id"] == body["id"]
    read = api.get(f"/api/v1/me/programs/{body['id']}", headers=auth).json()
    assert read["weeks"] == body["weeks"]

    assert api.delete(f"/api/v1/me/programs/{body['id']}", headers=auth).status_code == 204
    assert api.get(f"/api/v1/me/programs/{body['id']}", headers=auth).status_code == 404
    assert api.get("/api/v1/me/programs/current", headers=auth).status_code == 404


def test_a_bad_program_name_or_patch_is_a_422(api: httpx.Client):
    auth = {"authorization": sign_up_with_token(api)["authorization"]}
    long_name = api.post(
        "/api/v1/me/programs", json={"profile": PROFILE, "name": "x" * 101}, headers=auth
    )
    assert long_name.status_code == 422 and long_name.json()["detail"][0]["parameter"] == "name"
    saved = api.post("/api/v1/me/programs", json={"profile": PROFILE}, headers=auth).json()
    unknown = api.patch(f"/api/v1/me/programs/{saved['id']}", json={"colour": "red"}, headers=auth)
    assert unknown.status_code == 422
    # true or false, as the schema says: "yes" is not read as true.
    vague = api.patch(f"/api/v1/me/programs/{saved['id']}", json={"current": "yes"}, headers=auth)
    assert vague.status_code == 422 and vague.json()["detail"][0]["parameter"] == "current"


def test_favourites_and_exclusions(api: httpx.Client):
    auth = {"authorization": sign_up_with_token(api)["authorization"]}
    assert api.put("/api/v1/me/favourites/goblet-squat", headers=auth).status_code == 204
    assert api.put("/api/v1/me/exclusions/burpee", headers=auth).status_code == 204
    unknown = api.put("/api/v1/me/favourites/goblet-sqat", headers=auth)
    assert unknown.status_code == 404 and "goblet-squat" in unknown.json()["suggestions"]
    assert api.get("/api/v1/me/favourites", headers=auth).json() == {"items": ["goblet-squat"]}
    assert api.get("/api/v1/me/exclusions", headers=auth).json() == {"items": ["burpee"]}
    assert api.delete("/api/v1/me/exclusions/burpee", headers=auth).status_code == 204
    assert api.delete("/api/v1/me/exclusions/burpee", headers=auth).status_code == 404


def test_export_as_json_and_csv(api: httpx.Client):
    auth = {"authorization": sign_up_with_token(api)["authorization"]}
    api.post("/api/v1/me/programs", json={"profile": PROFILE, "name": "Kept"}, headers=auth)
    document = api.get("/api/v1/me/export", headers=auth).json()
    assert set(document) == {
        "account",
        "profile",
        "programs",
        "favourites",
        "exclusions",
        "tokens",
        "workouts",
        "sets",
        "injuries",
        "swaps",
    }
    assert document["programs"][0]["name"] == "Kept"
    response = api.get("/api/v1/me/export/programs.csv", headers=auth)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["name"] for row in rows] == ["Kept"]
    assert api.get("/api/v1/me/export/passwords.csv", headers=auth).status_code == 404


def test_deleting_the_account_answers_204_and_its_tokens_stop_working(api: httpx.Client):
    account = sign_up_with_token(api)
    auth = {"authorization": account["authorization"]}
    api.post("/api/v1/me/programs", json={"profile": PROFILE}, headers=auth)
    assert api.delete("/api/v1/me", headers=auth).status_code == 204
    assert api.get("/api/v1/me", headers=auth).status_code == 401
    gone = api.post("/api/v1/tokens", json={"email": account["email"], "password": PASSWORD})
    assert gone.status_code == 401
    again = api.post("/api/v1/users", json={"email": account["email"], "password": PASSWORD})
    assert again.status_code == 201


def test_openapi_documents_every_account_route_with_examples(api: httpx.Client):
    schema = api.get("/openapi.json").json()
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/users", "post"),
        ("/api/v1/tokens", "post"),
        ("/api/v1/tokens", "get"),
        ("/api/v1/tokens/{token_id}", "delete"),
        ("/api/v1/me", "get"),
        ("/api/v1/me", "delete"),
        ("/api/v1/me/profile", "put"),
        ("/api/v1/me/programs", "post"),
        ("/api/v1/me/programs", "get"),
        ("/api/v1/me/programs/{program_id}", "get"),
        ("/api/v1/me/programs/{program_id}", "patch"),
        ("/api/v1/me/programs/{program_id}", "delete"),
        ("/api/v1/me/export", "get"),
    ]:
        assert method in paths.get(path, {}), f"{method.upper()} {path}"
    components = schema["components"]["schemas"]
    for model in ("SignUpIn", "TokenIn", "NewTokenOut", "ProgramIn", "ProgramPatch", "MeOut"):
        assert components[model].get("examples"), model
    assert (
        "example"
        in paths["/api/v1/me/profile"]["put"]["requestBody"]["content"]["application/json"]
    )
    assert "429" in paths["/api/v1/tokens"]["post"]["responses"]
    assert "409" in paths["/api/v1/users"]["post"]["responses"]


def test_cookie_sessions_on_the_api_need_the_csrf_header_for_changes(api: httpx.Client):
    from tests.accounts.test_pages_http import sign_up_in_browser

    browser = httpx.Client(base_url=str(api.base_url), timeout=30, follow_redirects=False)
    with browser:
        sign_up_in_browser(browser)
        assert browser.get("/api/v1/me").status_code == 200
        refused = browser.post("/api/v1/me/programs", json={"profile": PROFILE})
        assert refused.status_code == 403
        page = browser.get("/account").text
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        allowed = browser.post(
            "/api/v1/me/programs", json={"profile": PROFILE}, headers={"x-csrf-token": csrf}
        )
        assert allowed.status_code == 201
