"""PlannedExercise.assembled: the planner's fast constructor gives the very object pydantic's
model_construct gives, and refuses values that do not name every field in order."""

from __future__ import annotations

from typing import Any

import pytest

from forgefit.training.program import PlannedExercise


def _values() -> dict[str, Any]:
    return {
        "slug": "goblet-squat", "sets": 3, "reps": [8, 12], "seconds": None,
        "rest_seconds": 90, "rir": 2, "why": "The week's squat.", "name": "Goblet Squat",
        "role": "main", "pattern": "squat", "load_percent_1rm": None, "progression": None,
        "substitution": None, "tier": "main", "load_kg": 16.0, "load": "16 kg",
    }  # fmt: skip


def test_assembled_equals_model_construct():
    fast = PlannedExercise.assembled(_values())
    slow = PlannedExercise.model_construct(**_values())
    assert fast == slow
    assert fast.model_dump_json() == slow.model_dump_json()
    assert fast.model_fields_set == slow.model_fields_set
    # And it is a valid exercise: validating its dump gives it back.
    assert PlannedExercise.model_validate(fast.model_dump()) == fast


def test_assembled_refuses_missing_or_reordered_fields():
    values = _values()
    del values["load"]
    with pytest.raises(ValueError, match="exactly the fields"):
        PlannedExercise.assembled(values)
    reordered = dict(reversed(list(_values().items())))
    with pytest.raises(ValueError, match="in order"):
        PlannedExercise.assembled(reordered)
