"""The plan form shows every profile problem beside its own field, in plain words, and lists
them all at the top with links to the fields."""

from __future__ import annotations

import re

import httpx

from tests.web.test_plan_http import FORM


def problem_beside(page: str, field: str) -> str:
    """The problem text shown next to one field (empty when none)."""
    match = re.search(rf'<span class="field-problem" id="problem-{field}">([^<]*)</span>', page)
    return match.group(1) if match else ""


def test_each_problem_is_shown_at_its_field(http: httpx.Client):
    params = {
        **FORM,
        "days_per_week": 9,
        "goal": "strenght",
        "exclude": "goblet-sqat",
        "focus": "glutez",
    }
    response = http.get("/plan/program", params=params)
    assert response.status_code == 422
    page = response.text
    assert "between 1 and 7" in problem_beside(page, "days_per_week")
    assert "Did you mean strength?" in problem_beside(page, "goal")
    assert "goblet-squat" in problem_beside(page, "exclude")
    assert "glutez" in problem_beside(page, "focus")
    assert problem_beside(page, "minutes_per_session") == ""
    assert 'id="field-days_per_week" aria-invalid="true"' in page
    assert '<a href="#field-days_per_week"><strong>days per week</strong></a>' in page
