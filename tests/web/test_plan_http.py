"""The plan builder over real HTTP: the form, the program page, downloads and POST /api/v1/plans."""

from __future__ import annotations

import csv
import html
import io

import httpx

PROFILE = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
    "weeks": 4,
    "seed": 1,
}
FORM = {**PROFILE, "injury_knee": "mild"}


def test_plan_form_has_every_profile_field_and_presets(http: httpx.Client):
    page = http.get("/plan").text
    for field in (
        'name="goal"', 'name="experience"', 'name="days_per_week"',
        'name="minutes_per_session"', 'name="preset"', 'name="equipment"',
        'name="injury_knee"', 'name="focus"', 'name="exclude"', 'name="favourites"',
        'name="weeks"', 'name="seed"',
    ):  # fmt: skip
        assert field in page, field
    assert page.count('href="/plan/program?') >= 3


def test_program_page_shows_weeks_links_chart_review_and_swaps(http: httpx.Client):
    response = http.get("/plan/program", params=FORM)
    assert response.status_code == 200
    page = response.text
    assert "Week 1" in page and "Week 4" in page
    assert 'href="/exercise/' in page
    assert '<svg class="volume-chart"' in page
    assert "Review against the training rules" in page
    assert '<details class="swap">' in page
    assert page.count("<h1>") == 1


def test_program_page_summary_names_the_template_it_follows(http: httpx.Client):
    plan = http.post("/api/v1/plans", json=PROFILE).json()
    page = http.get("/plan/program", params=FORM).text
    template = plan["template"]["name"]
    assert f"for a beginner lifter, following the {html.escape(template)} template." in page


def test_program_page_with_a_bad_profile_shows_the_form_with_problems(http: httpx.Client):
    response = http.get("/plan/program", params={**FORM, "days_per_week": 9, "goal": "bulk"})
    assert response.status_code == 422
    assert "Please fix these" in response.text
    assert "days_per_week" in response.text
    assert "goal" in response.text


def test_program_downloads(http: httpx.Client):
    csv_text = http.get("/plan/program.csv", params=FORM).text
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert len(rows) > 10
    assert "slug" in rows[0]
    ics = http.get("/plan/program.ics", params=FORM)
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")
    assert ics.text.count("BEGIN:VEVENT") == 3 * 4
    assert http.get("/plan/program.md", params=FORM).text.startswith("# ")
    assert http.get("/plan/program.json", params=FORM).json()["split"]
    printable = http.get("/plan/program.html", params=FORM)
    assert printable.headers["content-type"].startswith("text/html")
    assert "@media print" in printable.text


def test_post_plans_returns_the_contract_shape(http: httpx.Client):
    response = http.post("/api/v1/plans", json=PROFILE)
    assert response.status_code == 200
    program = response.json()
    assert {"profile", "split", "weeks", "weekly_sets", "review"} <= set(program)
    assert len(program["weeks"]) == 4
    session = program["weeks"][0]["sessions"][0]
    assert {"day", "name", "estimated_minutes", "exercises"} <= set(session)
    exercise = session["exercises"][0]
    assert {"slug", "sets", "reps", "seconds", "rest_seconds", "rir", "why"} <= set(exercise)
    assert program["review"]["passed"] is True


def test_post_plans_with_a_bad_profile_is_422_naming_the_field(http: httpx.Client):
    response = http.post("/api/v1/plans", json={**PROFILE, "equipment": ["rocket"], "preset": None})
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert any(
        p["parameter"].startswith("equipment") and "rocket" in p["message"] for p in problems
    )


def test_post_plans_with_malformed_json_is_422(http: httpx.Client):
    response = http.post(
        "/api/v1/plans", content=b'{"goal": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_same_profile_same_program(http: httpx.Client):
    first = http.post("/api/v1/plans", json=PROFILE).json()
    second = http.post("/api/v1/plans", json=PROFILE).json()
    assert first == second
