"""Labels as a careful coach sets them (issue 11), checked by rule over every record: joint
stress where the body's weight or a load sits on a joint, `requires` naming what the steps use,
and the staple lifts rated for most people's first months."""

from __future__ import annotations

import re

from forgefit.catalog import Catalog
from forgefit.catalog.model import Exercise

HANDS_BEAR_WEIGHT = re.compile(
    r"(?:hands?|palms?) (?:flat )?(?:on|under) (?:the )?(?:floor|ground|mat)|all fours"
    r"|push-up position|plank position|hands under (?:your |the )?shoulders"
)
FREE_WEIGHTS = frozenset({"barbell", "trap-bar"})


def steps(exercise: Exercise) -> str:
    return " ".join(exercise.instructions).lower()


def test_wrists_carrying_body_weight_are_labelled(catalog: Catalog):
    missing = [
        e.slug
        for e in catalog.exercises
        if HANDS_BEAR_WEIGHT.search(steps(e))
        and "wrist" not in e.joint_stress
        # Side-lying and seated drills only steady the body with a hand.
        and e.slug not in {"side-lying-hip-abduction", "90-90-hip-switch", "nordic-hamstring-curl"}
    ]
    assert missing == []


def test_knee_dominant_and_jumping_exercises_label_the_knee(catalog: Catalog):
    missing = [
        e.slug
        for e in catalog.exercises
        if e.pattern in ("squat", "lunge", "jump") and e.category != "cardio"
        if "knee" not in e.joint_stress
    ]
    assert missing == []
    for deep in ("pistol-squat", "sissy-squat"):
        assert catalog.get(deep).joint_stress["knee"] == "high"


def test_heavy_barbell_lifts_that_load_the_spine_label_the_lower_back(catalog: Catalog):
    light = [
        e.slug
        for e in catalog.exercises
        if e.equipment in FREE_WEIGHTS
        and e.pattern in ("squat", "hinge", "olympic-lift", "horizontal-pull")
        # Rows hanging under a bar or lying on a bench leave the lower back unloaded.
        and "inverted-row" not in e.slug
        and e.slug != "seal-row"
        and not e.slug.startswith("landmine")
        and e.joint_stress.get("lower-back") not in ("moderate", "high")
    ]
    assert light == []
    assert catalog.get("good-morning").joint_stress["lower-back"] == "high"
    assert catalog.get("cable-crunch").joint_stress["lower-back"] == "moderate"


def test_requires_names_the_rack_the_steps_lift_from(catalog: Catalog):
    missing = [
        e.slug
        for e in catalog.exercises
        if re.search(r"\b(?:out of|from) the rack\b|\bin a rack\b", steps(e))
        and "squat-rack" not in e.requires
        and "machine" not in e.requires  # a preacher bench's own rack
    ]
    assert missing == []


def test_staple_lifts_are_rated_for_the_first_months(catalog: Catalog):
    staples = (
        "barbell-back-squat",
        "barbell-deadlift",
        "barbell-bench-press",
        "barbell-overhead-press",
        "barbell-bent-over-row",
        "romanian-deadlift",
        "barbell-hip-thrust",
        "kettlebell-swing",
    )
    assert {s: catalog.get(s).difficulty for s in staples} == dict.fromkeys(staples, "beginner")
    # Exercises most newcomers cannot do yet stay above beginner.
    for hard in ("pull-up", "chin-up", "triceps-dip", "pistol-squat", "power-clean"):
        assert catalog.get(hard).difficulty != "beginner", hard
