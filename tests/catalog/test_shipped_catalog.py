"""Properties of the shipped catalog as a whole: size, coverage, consistency, originality."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from forgefit.catalog import Catalog, check_catalog
from forgefit.catalog.validation import is_title_case

MIN_EXERCISES = 200
# A sentence shared by this many exercises or more is copy-paste, not writing.
MAX_EXERCISES_SHARING_A_SENTENCE = 3

STAPLES = [
    "barbell-back-squat", "barbell-front-squat", "goblet-squat", "bodyweight-squat",
    "barbell-deadlift", "romanian-deadlift", "sumo-deadlift", "trap-bar-deadlift",
    "barbell-bench-press", "dumbbell-bench-press", "incline-dumbbell-bench-press", "push-up",
    "barbell-overhead-press", "seated-dumbbell-shoulder-press", "pike-push-up",
    "barbell-bent-over-row", "one-arm-dumbbell-row", "seated-cable-row", "inverted-row",
    "pull-up", "chin-up", "lat-pulldown", "forward-lunge", "reverse-lunge",
    "bulgarian-split-squat", "barbell-hip-thrust", "glute-bridge", "dumbbell-curl",
    "hammer-curl", "triceps-pushdown", "skull-crusher", "dumbbell-lateral-raise",
    "dumbbell-front-raise", "plank", "side-plank", "dead-bug", "hanging-leg-raise",
    "farmers-carry", "jump-rope", "rowing-machine", "burpee", "standing-quad-stretch",
    "kneeling-hip-flexor-stretch", "band-bent-over-kickback",
]  # fmt: skip

PRESETS = ["bodyweight", "bands", "home-dumbbells", "kettlebell", "full-gym"]
ROLES = [
    "knee-dominant", "hip-dominant", "horizontal-push", "vertical-push",
    "horizontal-pull", "vertical-pull", "core",
]  # fmt: skip


def test_the_shipped_catalog_is_valid():
    assert [str(p) for p in check_catalog()] == []


def test_the_catalog_has_at_least_two_hundred_exercises(catalog: Catalog):
    assert len(catalog) >= MIN_EXERCISES


@pytest.mark.parametrize("slug", STAPLES)
def test_staple_exercises_are_in_the_catalog(catalog: Catalog, slug: str):
    assert slug in catalog


def test_band_bent_over_kickback_has_the_reference_attributes(catalog: Catalog):
    kickback = catalog.get("band-bent-over-kickback")
    assert kickback.name == "Band Bent Over Kickback"
    assert kickback.body_part == "legs"
    assert kickback.equipment == "resistance-band"
    assert kickback.target == "glutes"
    assert kickback.secondary == ("hamstrings", "lower-back")
    assert kickback.difficulty == "beginner"
    assert kickback.category == "strength"


def test_every_body_part_has_exercises_and_neck_at_least_two(catalog: Catalog):
    counts = catalog.counts("body_part")
    assert {part for part in catalog.vocab.body_parts if counts[part] == 0} == set()
    assert counts["neck"] >= 2


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("role", ROLES)
def test_each_equipment_preset_offers_two_exercises_per_planning_role(
    catalog: Catalog, preset: str, role: str
):
    available = catalog.vocab.preset_equipment(preset)
    patterns = catalog.vocab.pattern_roles[role]
    options = [
        e.slug for e in catalog.exercises if e.pattern in patterns and e.requires <= available
    ]
    assert len(options) >= 2, f"{preset} has only {options} for {role}"


def test_every_name_is_title_case(catalog: Catalog):
    assert [e.name for e in catalog.exercises if not is_title_case(e.name)] == []


def test_every_exercise_has_complete_content(catalog: Catalog):
    for exercise in catalog.exercises:
        assert 4 <= len(exercise.instructions) <= 8, exercise.slug
        assert len(exercise.tips) == 3, exercise.slug
        assert len(exercise.mistakes) == 3, exercise.slug
        assert 2 <= len(exercise.faqs) <= 3, exercise.slug
        assert len(exercise.description.split()) >= 12, exercise.slug


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?;:])\s+", text)
    return [" ".join(re.findall(r"[a-z0-9]+", p.lower())) for p in parts if len(p.split()) >= 4]


def catalog_texts(catalog: Catalog) -> dict[str, list[str]]:
    texts = {}
    for e in catalog.exercises:
        faq_text = [t for f in e.faqs for t in (f.question, f.answer)]
        texts[e.slug] = [e.description, *e.instructions, *e.tips, *e.mistakes, *faq_text]
    return texts


def test_no_sentence_is_repeated_across_more_than_a_few_exercises(catalog: Catalog):
    users: defaultdict[str, set[str]] = defaultdict(set)
    for slug, texts in catalog_texts(catalog).items():
        for text in texts:
            for sentence in _sentences(text):
                users[sentence].add(slug)
    repeated = {s: sorted(u) for s, u in users.items() if len(u) > MAX_EXERCISES_SHARING_A_SENTENCE}
    assert repeated == {}


def test_no_tip_or_mistake_is_copied_between_exercises(catalog: Catalog):
    seen: dict[str, str] = {}
    duplicates = []
    for exercise in catalog.exercises:
        for text in (*exercise.tips, *exercise.mistakes):
            key = text.casefold()
            if key in seen:
                duplicates.append((seen[key], exercise.slug, text))
            seen[key] = exercise.slug
    assert duplicates == []


def test_secondary_muscles_are_distinct_from_the_target(catalog: Catalog):
    assert [e.slug for e in catalog.exercises if e.target in e.secondary] == []


def test_equipment_is_always_among_the_requirements(catalog: Catalog):
    offenders = [
        e.slug
        for e in catalog.exercises
        if e.equipment != "body-weight" and e.equipment not in e.requires
    ]
    assert offenders == []
