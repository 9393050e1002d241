"""Account pages over real HTTP, as a browser uses them: forms with CSRF tokens, cookie
sessions, the profile and saved programs, tokens, export and deletion."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

import httpx
import pytest

from tests.accounts.conftest import PASSWORD, new_email

PLAN_FORM = {
    "goal": "strength",
    "experience": "beginner",
    "days_per_week": "3",
    "minutes_per_session": "45",
    "weeks": "2",
    "seed": "1",
    "preset": "home-dumbbells",
    "injury_knee": "serious",
    "exclude": "",
    "favourites": "",
}


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match, "the page has no CSRF field"
    return match.group(1)


def sign_up_in_browser(browser: httpx.Client, email: str | None = None) -> str:
    email = email or new_email()
    form_page = browser.get("/account/signup")
    assert form_page.status_code == 200
    response = browser.post(
        "/account/signup",
        data={"csrf": csrf_of(form_page.text), "email": email, "password": PASSWORD},
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/account"
    return email


@pytest.fixture
def browser(served: tuple[str, str]) -> httpx.Client:
    return httpx.Client(base_url=served[1], timeout=30, follow_redirects=False)


def test_sign_up_sets_a_signed_http_only_lax_session_cookie(browser: httpx.Client):
    email = new_email()
    page = browser.get("/account/signup")
    response = browser.post(
        "/account/signup", data={"csrf": csrf_of(page.text), "email": email, "password": PASSWORD}
    )
    assert response.status_code == 303
    header = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith("forgefit_session=")
    )
    attributes = header.lower()
    assert "httponly" in attributes and "samesite=lax" in attributes
    assert "secure" not in attributes  # plain HTTP here; HTTPS adds Secure
    cookie = SimpleCookie()
    cookie.load(header)
    assert "." in cookie["forgefit_session"].value  # token.signature
    account = browser.get("/account")
    assert account.status_code == 200 and email in account.text
    assert account.headers["cache-control"] == "no-store"


def test_a_forged_session_cookie_is_not_a_session(browser: httpx.Client):
    sign_up_in_browser(browser)
    value = browser.cookies["forgefit_session"]
    token, _, signature = value.rpartition(".")
    browser.cookies.set("forgefit_session", f"{token}.{'0' * len(signature)}")
    response = browser.get("/account")
    assert response.status_code == 303 and response.headers["location"] == "/account/signin"


def test_every_form_needs_its_csrf_token(browser: httpx.Client):
    email = new_email()
    refused = browser.post("/account/signup", data={"email": email, "password": PASSWORD})
    assert refused.status_code == 403
    sign_up_in_browser(browser)
    for path, data in [
        ("/account/signout", {}),
        ("/account/tokens", {"label": "x"}),
        ("/account/preferences", {"kind": "favourites", "exercise": "goblet-squat"}),
        ("/account/programs", {}),
        ("/account/delete", {"password": PASSWORD}),
        ("/account/profile", PLAN_FORM),
        ("/account/programs/new", PLAN_FORM),
    ]:
        assert browser.post(path, data={**data, "csrf": "forged"}).status_code == 403, path
    assert browser.get("/account").status_code == 200  # still signed in, nothing changed


def test_sign_in_with_a_wrong_password_says_so_and_the_right_one_signs_in(
    browser: httpx.Client,
):
    email = sign_up_in_browser(browser)
    browser.cookies.clear()
    page = browser.get("/account/signin")
    wrong = browser.post(
        "/account/signin", data={"csrf": csrf_of(page.text), "email": email, "password": "nope"}
    )
    assert wrong.status_code == 401 and "do not match" in wrong.text
    right = browser.post(
        "/account/signin",
        data={"csrf": csrf_of(wrong.text), "email": email, "password": PASSWORD},
    )
    assert right.status_code == 303
    assert browser.get("/account").status_code == 200


def test_signing_in_on_the_page_after_failures_clears_them(browser: httpx.Client):
    email = sign_up_in_browser(browser)
    browser.cookies.clear()

    def attempts(password: str, times: int) -> list[int]:
        statuses = []
        for _ in range(times):
            page = browser.get("/account/signin")
            data = {"csrf": csrf_of(page.text), "email": email, "password": password}
            statuses.append(browser.post("/account/signin", data=data).status_code)
        return statuses

    before = attempts("nope", 4)
    right = attempts(PASSWORD, 1)
    browser.cookies.clear()
    # Counting starts again: four more failures are still not a pause (five would be).
    assert (before, right, attempts("nope", 4)) == ([401] * 4, [303], [401] * 4)


def test_sign_out_ends_the_session_on_the_server(browser: httpx.Client):
    sign_up_in_browser(browser)
    old_cookie = browser.cookies["forgefit_session"]
    page = browser.get("/account")
    out = browser.post("/account/signout", data={"csrf": csrf_of(page.text)})
    assert out.status_code == 303
    browser.cookies.set("forgefit_session", old_cookie)  # a copied cookie is dead too
    assert browser.get("/account").status_code == 303


def test_signed_in_plan_form_posts_and_injuries_never_reach_a_url(browser: httpx.Client):
    sign_up_in_browser(browser)
    plan = browser.get("/plan").text
    assert 'action="/account/programs/new" method="post"' in plan
    response = browser.post(
        "/account/programs/new", data={**PLAN_FORM, "csrf": csrf_of(plan), "name": "Knee-safe"}
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/account/programs/\d+", location)
    page = browser.get(location)
    assert page.status_code == 200 and "Knee-safe" in page.text
    hrefs = re.findall(r'(?:href|action)="([^"]+)"', page.text)
    # No link carries the injury (exercise names such as "half-kneeling" are fine).
    queries = [h.partition("?")[2] for h in hrefs]
    assert hrefs and not [q for q in queries if "injur" in q or "knee" in q]
    profile_page = browser.get("/account/profile").text
    assert 'name="injury_knee"' in profile_page
    assert re.search(r'<option value="serious" selected>', profile_page)


def test_saved_program_page_manages_and_downloads_it(browser: httpx.Client):
    sign_up_in_browser(browser)
    plan = browser.get("/plan").text
    location = browser.post(
        "/account/programs/new", data={**PLAN_FORM, "csrf": csrf_of(plan)}
    ).headers["location"]
    page = browser.get(location).text
    renamed = browser.post(
        location, data={"csrf": csrf_of(page), "action": "rename", "name": "Winter"}
    )
    assert renamed.status_code == 303
    assert "<h1>Winter</h1>" in browser.get(location).text
    csv_download = browser.get(f"{location}.csv")
    assert csv_download.status_code == 200
    assert csv_download.headers["content-type"].startswith("text/csv")
    assert browser.get(f"{location}.json").json()["name"] == "Winter"
    deleted = browser.post(location, data={"csrf": csrf_of(page), "action": "delete"})
    assert deleted.status_code == 303
    assert browser.get(location).status_code == 404


def test_a_token_made_on_the_web_is_shown_once_and_works_on_the_api(browser: httpx.Client):
    sign_up_in_browser(browser)
    page = browser.get("/account").text
    made = browser.post("/account/tokens", data={"csrf": csrf_of(page), "label": "laptop"})
    assert made.status_code == 201
    token = re.search(r"(ff_[A-Za-z0-9_-]{20,})", made.text)
    assert token
    account = browser.get("/account").text
    assert "laptop" in account and token.group(1) not in account
    browser.cookies.clear()
    api = browser.get("/api/v1/me", headers={"authorization": f"Bearer {token.group(1)}"})
    assert api.status_code == 200


def test_favourites_from_the_account_page(browser: httpx.Client):
    sign_up_in_browser(browser)
    page = browser.get("/account").text
    added = browser.post(
        "/account/preferences",
        data={"csrf": csrf_of(page), "kind": "favourites", "exercise": "Goblet Squat"},
    )
    assert added.status_code == 303
    assert 'href="/exercise/goblet-squat"' in browser.get("/account").text
    unknown = browser.post(
        "/account/preferences",
        data={"csrf": csrf_of(page), "kind": "favourites", "exercise": "goblet-sqat"},
    )
    assert unknown.status_code == 422 and "Did you mean" in unknown.text


def test_deleting_the_account_needs_the_password_and_ends_everything(browser: httpx.Client):
    email = sign_up_in_browser(browser)
    page = browser.get("/account/delete").text
    wrong = browser.post("/account/delete", data={"csrf": csrf_of(page), "password": "nope"})
    assert wrong.status_code == 401
    done = browser.post("/account/delete", data={"csrf": csrf_of(page), "password": PASSWORD})
    assert done.status_code == 200 and "deleted" in done.text
    assert browser.get("/account").status_code == 303
    signin = browser.get("/account/signin")
    again = browser.post(
        "/account/signin",
        data={"csrf": csrf_of(signin.text), "email": email, "password": PASSWORD},
    )
    assert again.status_code == 401


def test_export_downloads_from_the_account_page(browser: httpx.Client):
    email = sign_up_in_browser(browser)
    document = browser.get("/account/export.json")
    assert document.status_code == 200
    assert "attachment" in document.headers["content-disposition"]
    assert document.json()["account"][0]["email"] == email
    account_csv = browser.get("/account/export/account.csv")
    assert email in account_csv.text
