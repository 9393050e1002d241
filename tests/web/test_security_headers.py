"""Security headers on every response, a Content-Security-Policy the pages keep (no inline
script anywhere), and /docs served offline from our own assets."""

from __future__ import annotations

import re

import httpx
import pytest

PROFILE_FORM = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": "3",
    "minutes_per_session": "45",
    "preset": "home-dumbbells",
}
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def assert_security_headers(response: httpx.Response) -> None:
    csp = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp, response.url
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("referrer-policy")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/exercise/goblet-squat"),  # prerendered, from memory
        ("GET", "/exercises"),
        ("GET", "/static/forgefit.js"),
        ("GET", "/api/v1/exercises/goblet-squat"),
        ("GET", "/api/v1/exercises/no-such-exercise"),  # JSON 404
        ("GET", "/no-such-page"),  # HTML 404
        ("GET", "/api/v1/exercises?limit=0"),  # 422
        ("GET", "/search?q=squat"),
        ("GET", "/docs"),
        ("GET", "/openapi.json"),
        ("DELETE", "/api/v1/plans"),  # 405
        ("HEAD", "/exercise/goblet-squat"),
    ],
)
def test_every_response_carries_the_security_headers(http: httpx.Client, method: str, path: str):
    assert_security_headers(http.request(method, path))


def test_the_guards_own_answers_carry_them_too(http: httpx.Client):
    response = http.post(
        "/api/v1/plans", content=b" " * 70_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert_security_headers(response)


@pytest.mark.parametrize(
    "path",
    ["/exercises", "/exercise/goblet-squat", "/exercises/legs", "/search?q=squat", "/plan",
     "/plan/program", "/no-such-page", "/docs"],
)  # fmt: skip
def test_pages_have_no_inline_script(http: httpx.Client, path: str):
    params = PROFILE_FORM if path == "/plan/program" else None
    page = http.get(path, params=params).text
    assert not INLINE_HANDLER.search(page), INLINE_HANDLER.search(page)
    for attributes in SCRIPT_TAG.findall(page):
        # Only external scripts from our own origin, and JSON-LD data blocks (never run).
        assert 'src="/' in attributes or 'type="application/ld+json"' in attributes, attributes


def test_program_page_print_button_is_wired_by_the_site_script(http: httpx.Client):
    page = http.get("/plan/program", params=PROFILE_FORM).text
    assert '<button type="button" class="print" hidden>' in page
    assert "button.print" in http.get("/static/forgefit.js").text


def test_docs_load_nothing_from_another_host(http: httpx.Client):
    page = http.get("/docs").text
    assert "swagger-ui" in page
    references = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert references
    for reference in references:
        assert reference.startswith("/"), reference
        assert http.get(reference).status_code == 200, reference
    bundle = http.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.headers["content-type"].startswith("text/javascript")
    assert "SwaggerUIBundle" in bundle.text
    assert http.get("/docs/assets/../../etc/passwd").status_code == 404
    assert http.get("/docs/assets/index.html").status_code == 404


def test_answers_repeated_from_memory_carry_them_exactly_once(http: httpx.Client):
    for path in ("/api/v1/exercises/goblet-squat?x=1", "/exercise/goblet-squat"):
        first, repeat = http.get(path), http.get(path)
        assert repeat.content == first.content
        assert_security_headers(repeat)
        for name in ("content-security-policy", "x-content-type-options", "x-frame-options"):
            assert len(repeat.headers.get_list(name)) == 1, (path, name)


def test_a_get_with_a_body_still_meets_the_body_guard(http: httpx.Client):
    """Answers from memory skip the guards only for requests without a body."""
    response = http.request(
        "GET",
        "/exercise/goblet-squat",
        content=b" " * 70_000,
        headers={"content-type": "text/plain"},
    )
    assert response.status_code == 413
    assert_security_headers(response)
