"""Fixtures for the trainer tests: a base profile and a program builder over the shipped catalog."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from forgefit.catalog import Catalog
from forgefit.training import Program, build_program
from forgefit.training.program import PlannedExercise

BASE_PROFILE: dict[str, Any] = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
    "weeks": 5,
    "seed": 1,
}

Plan = Callable[..., Program]


@pytest.fixture
def plan(catalog: Catalog) -> Plan:
    """plan(**changes) builds a program from BASE_PROFILE with the changes applied."""

    def build(**changes: Any) -> Program:
        return build_program({**BASE_PROFILE, **changes}, catalog)

    return build


def exercises(program: Program) -> Iterator[PlannedExercise]:
    for week in program.weeks:
        for session in week.sessions:
            yield from session.exercises
