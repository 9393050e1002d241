"""ExerciseDB ids: one per exercise, unique, and never changed by adding exercises."""

from __future__ import annotations

import re

from forgefit.catalog import Catalog
from forgefit.catalog.exercisedb import (
    BODY_PART_BY_MUSCLE,
    EQUIPMENT,
    TARGET_BY_MUSCLE,
    assign_ids,
    load_ids,
)


def test_every_shipped_exercise_has_a_stored_id(catalog: Catalog):
    ids = load_ids()
    assert [e.slug for e in catalog.exercises if e.slug not in ids] == []


def test_stored_ids_are_unique_four_digit_strings():
    ids = list(load_ids().values())
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"\d{4}", i) for i in ids)


def test_assigning_ids_keeps_existing_ones_and_appends():
    existing = {"push-up": "0002", "plank": "0001"}
    ids = assign_ids(existing, ["plank", "push-up", "air-bike", "zercher-squat"])
    assert ids["push-up"] == "0002" and ids["plank"] == "0001"
    assert ids["air-bike"] == "0003" and ids["zercher-squat"] == "0004"


def test_mapping_tables_cover_every_vocabulary_term(catalog: Catalog):
    assert set(BODY_PART_BY_MUSCLE) == set(catalog.vocab.muscles)
    assert set(TARGET_BY_MUSCLE) == set(catalog.vocab.muscles)
    assert set(EQUIPMENT) == set(catalog.vocab.equipment)
