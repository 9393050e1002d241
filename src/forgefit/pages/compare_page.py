"""Compare pages (CATALOG.md "Where things live"): which pairs are prerendered, how a pair is
read from a URL or from the picker, and the page's words. Template-free; Site renders it."""

from __future__ import annotations

from collections.abc import Callable

from forgefit.catalog import related as related_exercises
from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise, slugify
from forgefit.catalog.vocabulary import Vocabulary
from forgefit.pages.generated_text import article, join, lower_name

Pair = tuple[Exercise, Exercise]


def closest_pairs(catalog: Catalog) -> list[Pair]:
    """Each exercise paired with its closest alternative (same pattern and target), each pair
    once in alphabetical order of slug."""
    pairs: dict[tuple[str, str], Pair] = {}
    for exercise in catalog.exercises:
        for other in related_exercises.alternatives(catalog, exercise, limit=1):
            if other.pattern == exercise.pattern and other.target == exercise.target:
                first, second = sorted((exercise, other), key=lambda e: e.slug)
                pairs[(first.slug, second.slug)] = (first, second)
    return [pairs[key] for key in sorted(pairs)]


def parse_pair(catalog: Catalog, pair: str) -> Pair | None:
    """The two different exercises named by "{a}-vs-{b}" (any two in the catalog), or None."""
    parts = pair.split("-vs-")
    for cut in range(1, len(parts)):
        first, second = "-vs-".join(parts[:cut]), "-vs-".join(parts[cut:])
        if first in catalog and second in catalog and first != second:
            return catalog.get(first), catalog.get(second)
    return None


def resolve_exercise(catalog: Catalog, text: str) -> Exercise | None:
    """An exercise from what a reader typed in the compare picker: a slug or a name."""
    slug = slugify(text.strip())
    return catalog.get(slug) if slug in catalog else None


def intro(vocab: Vocabulary, first: Exercise, second: Exercise) -> str:
    target = lower_name(vocab.display("muscles", first.target))
    pattern = lower_name(vocab.display("patterns", first.pattern))
    if first.target == second.target and first.pattern == second.pattern:
        return (
            f"Both train the {target} through the same {pattern} movement. Here is how they "
            "differ and when each is the better pick."
        )
    other_target = lower_name(vocab.display("muscles", second.target))
    other_pattern = lower_name(vocab.display("patterns", second.pattern))
    return (
        f"The {first.name} trains the {target} ({pattern}); the {second.name} trains the "
        f"{other_target} ({other_pattern}). Here is how they differ and when each is the "
        "better pick."
    )


def rows(vocab: Vocabulary, first: Exercise, second: Exercise) -> list[dict[str, object]]:
    def muscles(e: Exercise) -> str:
        return ", ".join(vocab.display("muscles", m) for m in e.secondary) or "None"

    def stress(e: Exercise) -> str:
        joints = (f"{vocab.display('joints', j)}: {lvl}" for j, lvl in e.joint_stress.items())
        return ", ".join(joints) or "Low everywhere"

    def equipment(e: Exercise) -> str:
        return ", ".join(vocab.display("equipment", r) for r in sorted(e.requires)) or "Body Weight"

    table: list[tuple[str, Callable[[Exercise], str]]] = [
        ("Body Part", lambda e: vocab.display("body_parts", e.body_part)),
        ("Equipment", equipment),
        ("Target Muscle", lambda e: vocab.display("muscles", e.target)),
        ("Secondary Muscles", muscles),
        ("Difficulty", lambda e: vocab.display("difficulties", e.difficulty)),
        ("Pattern", lambda e: vocab.display("patterns", e.pattern)),
        ("Sides", lambda e: e.laterality.capitalize()),
        ("Joint stress", stress),
    ]
    return [{"label": label, "cells": [fn(first), fn(second)]} for label, fn in table]


def choose_advice(vocab: Vocabulary, this: Exercise, other: Exercise) -> str:
    """When to pick `this` over `other`, from their differences."""
    reasons = []
    if this.requires != other.requires:
        names = [lower_name(vocab.display("equipment", e)) for e in sorted(this.requires)]
        needs = join([n if n.endswith("s") else f"{article(n)} {n}" for n in names])
        reasons.append(f"you have {needs}" if needs else "you have no equipment at hand")
    rank = vocab.difficulty_rank
    if rank(this.difficulty) < rank(other.difficulty):
        reasons.append("you are still learning the movement")
    elif rank(this.difficulty) > rank(other.difficulty):
        reasons.append("you want a harder challenge")
    gentler = [
        lower_name(vocab.display("joints", j))
        for j in vocab.joints
        if vocab.stress_levels.index(this.joint_stress.get(j, "low"))
        < vocab.stress_levels.index(other.joint_stress.get(j, "low"))
    ]
    if gentler:
        verb = "needs" if len(gentler) == 1 else "need"
        reasons.append(f"your {' and '.join(gentler)} {verb} a gentler option")
    if this.laterality != other.laterality and this.laterality == "unilateral":
        reasons.append("you want to train one side at a time")
    if this.popularity > other.popularity:
        reasons.append("you want the more common, easier-to-coach version")
    if not reasons:
        same = "; both train the same muscles" if this.target == other.target else ""
        reasons.append(f"it simply suits your gym and preference better{same}")
    return f"Choose the {this.name} if " + "; or if ".join(reasons) + "."
