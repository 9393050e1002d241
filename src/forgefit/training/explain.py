"""The one-sentence `why` for each exercise, and what it stands in for.

A substitution is reported when the exercise most people would do for the same pattern and
target muscle (the most popular one the person's level allows) is ruled out for this person by
equipment, an injury or an exclusion: the sentence names it and the reason.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.training.pool import ExerciseFacts, Rejection, difficulty_gap, is_trainable, rejection
from forgefit.training.profile import BODY_WEIGHT, Profile
from forgefit.training.program import Substitution

if TYPE_CHECKING:
    from forgefit.training.week_parts import Slot

PATTERN_PURPOSE: dict[str, str] = {
    "squat": "knee-dominant squat",
    "lunge": "knee-dominant single-leg work",
    "hinge": "hip hinge",
    "hip-extension": "hip extension",
    "hip-abduction": "hip abduction",
    "hip-adduction": "hip adduction",
    "horizontal-push": "horizontal press",
    "vertical-push": "overhead press",
    "horizontal-pull": "horizontal pull",
    "vertical-pull": "vertical pull",
    "elbow-flexion": "curl",
    "elbow-extension": "triceps extension",
    "wrist": "wrist work",
    "shoulder-raise": "shoulder raise",
    "shrug": "shrug",
    "chest-fly": "chest fly",
    "knee-extension": "knee extension",
    "knee-flexion": "hamstring curl",
    "calf-raise": "calf raise",
    "trunk-flexion": "trunk flexion",
    "anti-extension": "anti-extension core work",
    "anti-rotation": "anti-rotation core work",
    "rotation": "rotational core work",
    "lateral-flexion": "side-bending core work",
    "carry": "loaded carry",
    "grip": "grip work",
    "jump": "jump for power",
    "olympic-lift": "Olympic lift for power",
    "neck": "neck strengthening",
}


def _muscle_phrase(exercise: Exercise, catalog: Catalog) -> str:
    muscles = catalog.vocab.muscles
    names = [muscles[exercise.target].name.lower()]
    for muscle in exercise.secondary:
        name = muscles[muscle].name.lower()
        if name not in names and muscle != "cardiovascular":
            names.append(name)
        if len(names) == 2:
            break
    return " and ".join(names)


# The reference depends on few things (pattern, target, level and what counts as trainable),
# so each catalog remembers it per combination instead of scanning the pattern per exercise.
_REFERENCES: weakref.WeakKeyDictionary[Catalog, dict[tuple[Any, ...], Exercise | None]] = (
    weakref.WeakKeyDictionary()
)


def reference_exercise(facts: ExerciseFacts, profile: Profile, catalog: Catalog) -> Exercise | None:
    """The usual first choice for this exercise's pattern and target muscle, within reach of
    the person's level (hard rule 4), whatever their equipment and injuries."""
    chosen = facts.exercise
    key = (
        chosen.pattern,
        chosen.target,
        profile.experience,
        profile.goal == "hypertrophy",  # all is_trainable reads of the profile
        "neck" in profile.focus,
    )
    remembered = _REFERENCES.setdefault(catalog, {})
    if key in remembered:
        return remembered[key]
    best: tuple[tuple[int, int, str], Exercise] | None = None
    for candidate in catalog.by("pattern", chosen.pattern):
        if candidate.target != chosen.target or not is_trainable(candidate, profile):
            continue
        gap = difficulty_gap(candidate, profile)
        if gap > 1:
            continue
        rank = (-candidate.popularity, max(0, gap), candidate.slug)
        if best is None or rank < best[0]:
            best = (rank, candidate)
    found = best[1] if best else None
    remembered[key] = found
    return found


def substitution_for(
    facts: ExerciseFacts, profile: Profile, catalog: Catalog
) -> Substitution | None:
    """What this exercise replaces and why, when the usual choice is ruled out for the person."""
    reference = reference_exercise(facts, profile, catalog)
    if reference is None or reference.slug == facts.slug:
        return None
    if facts.exercise.popularity >= reference.popularity:
        return None  # an equally common choice in its own right, not a stand-in
    reason: Rejection | None = rejection(reference, profile, catalog.vocab)
    if reason is None or reason.kind == "difficulty":
        return None
    return Substitution(
        replaces=reference.slug,
        replaces_name=reference.name,
        because=reason.kind,
        reason=reason.reason,
    )


def why_sentence(
    slot: Slot,
    profile: Profile,
    catalog: Catalog,
    substitution: Substitution | None,
) -> str:
    """One short sentence a person can read: what the exercise does for them and why this one
    (its kit, a focus, a favourite, an injury it spares or is capped for)."""
    facts = slot.facts
    exercise = facts.exercise
    purpose = PATTERN_PURPOSE.get(exercise.pattern, exercise.pattern.replace("-", " "))
    if slot.conditioning:
        purpose = "conditioning intervals"
    main = " as a main lift" if slot.scheme.role == "main" else ""
    parts = [f"{purpose}{main} for your {_muscle_phrase(exercise, catalog)}"]
    limited_kit = profile.preset != "full-gym" and len(profile.equipment) < 8
    if exercise.equipment != BODY_WEIGHT and limited_kit:
        kit = catalog.vocab.equipment[exercise.equipment]
        kit = kit if kit.isupper() else kit.lower()
        parts.append(f"{kit} because it is what you have")
    elif exercise.equipment == BODY_WEIGHT and profile.equipment_set == {BODY_WEIGHT}:
        parts.append("body weight, so it needs no equipment")
    if facts.target_group in profile.focus:
        group = catalog.vocab.muscle_groups[facts.target_group].name.lower()
        parts.append(f"more sets here because {group} is one of your focus groups")
    if facts.slug in profile.favourites:
        parts.append("one of your favourites")
    if substitution is not None:
        if substitution.because == "injury":
            joint = substitution.joint or "injury"
            parts.append(
                f"chosen instead of the {substitution.replaces_name} because of your "
                f"{joint.replace('-', ' ')}"
            )
        else:
            parts.append(f"replaces the {substitution.replaces_name} because {substitution.reason}")
    if slot.capped_joints:
        joints = " and ".join(j.replace("-", " ") for j in slot.capped_joints)
        parts.append(
            f"kept to at most 3 sets, 3 reps short of failure, because it loads your {joints}"
        )
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."
