"""Hypothesis fuzz of the profile parser: whatever arrives (any JSON value, any text, any
bytes, fields of the wrong type), the answer is a profile or a ProfileError naming fields,
never another exception. Bounded: 200 examples per test, each under a deadline."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forgefit.catalog import default_catalog
from forgefit.training import ProfileError, parse_profile
from forgefit.training.profile import Profile
from tests.training.conftest import BASE_PROFILE

CATALOG = default_catalog()
FUZZ = settings(
    max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=30,
)
FIELDS = st.sampled_from([*Profile.model_fields, "favorites", "unknown"])
VOCABULARY_WORDS = st.sampled_from(
    [*CATALOG.vocab.equipment, *CATALOG.vocab.equipment_presets, *CATALOG.vocab.joints,
     *CATALOG.vocab.muscle_groups, "dumbells", "kneee", "goblet-sqat", "", " ", "KNEE"]
)  # fmt: skip


def answer(raw: Any) -> None:
    try:
        profile = parse_profile(raw, CATALOG)
    except ProfileError as error:
        assert error.problems
        assert all(problem.field and problem.message for problem in error.problems)
        assert all(len(line) < 2000 for line in error.lines())
    else:
        assert "body-weight" in profile.equipment


@FUZZ
@given(JSON)
def test_any_json_value_gets_an_answer(value: Any):
    answer(json.dumps(value))


@FUZZ
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(text: str):
    answer(text)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_get_an_answer(data: bytes):
    answer(data)


@FUZZ
@given(st.dictionaries(FIELDS, JSON | VOCABULARY_WORDS | st.lists(VOCABULARY_WORDS), max_size=8))
def test_a_profile_with_any_fields_changed_gets_an_answer(changes: dict[str, Any]):
    answer({**BASE_PROFILE, **changes})
