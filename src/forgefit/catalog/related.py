"""Related, easier, harder and substitute exercises (CATALOG.md "Related exercises").

One scoring function ranks every kind of neighbour, so pages, search and the planner agree on
what "close to this exercise" means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise

# Weights of the related score, most important first. Documented in README "Related exercises".
SAME_TARGET = 5.0
SAME_PATTERN = 3.0
SAME_BODY_PART = 1.5
SAME_EQUIPMENT = 1.0
SAME_DIFFICULTY = 0.5
PER_SHARED_MUSCLE = 0.5
PER_POPULARITY_POINT = 0.1

RELATED_COUNT = 6


def related_score(page: Exercise, candidate: Exercise) -> float:
    """How closely `candidate` relates to `page`; higher is closer."""
    score = 0.0
    if candidate.target == page.target:
        score += SAME_TARGET
    if candidate.pattern == page.pattern:
        score += SAME_PATTERN
    if candidate.body_part == page.body_part:
        score += SAME_BODY_PART
    if candidate.equipment == page.equipment:
        score += SAME_EQUIPMENT
    if candidate.difficulty == page.difficulty:
        score += SAME_DIFFICULTY
    shared = (set(page.muscles) & set(candidate.muscles)) - {page.target}
    score += PER_SHARED_MUSCLE * len(shared)
    score += PER_POPULARITY_POINT * candidate.popularity
    return score


def _ranked(page: Exercise, candidates: Iterable[Exercise]) -> list[Exercise]:
    pool = [c for c in candidates if c.slug != page.slug]
    return sorted(pool, key=lambda c: (-related_score(page, c), c.name))


def related(catalog: Catalog, page: Exercise, limit: int = RELATED_COUNT) -> list[Exercise]:
    """The best-matching other exercises, stretches only for stretches."""
    is_stretch = page.pattern == "stretch"
    pool = (c for c in catalog.exercises if (c.pattern == "stretch") == is_stretch)
    return _ranked(page, pool)[:limit]


def _by_difficulty_step(catalog: Catalog, page: Exercise, step: int, limit: int) -> list[Exercise]:
    explicit = page.easier if step < 0 else page.harder
    if explicit:
        return [catalog.get(slug) for slug in explicit][:limit]
    rank = catalog.vocab.difficulty_rank(page.difficulty)

    def fits(candidate: Exercise) -> bool:
        candidate_rank = catalog.vocab.difficulty_rank(candidate.difficulty)
        return candidate_rank < rank if step < 0 else candidate_rank > rank

    pool = [c for c in catalog.by("pattern", page.pattern) if c.target == page.target and fits(c)]
    return _ranked(page, pool)[:limit]


def easier(catalog: Catalog, page: Exercise, limit: int = 3) -> list[Exercise]:
    """Regressions: the explicit `easier` links, else same pattern and target, lower level."""
    return _by_difficulty_step(catalog, page, -1, limit)


def harder(catalog: Catalog, page: Exercise, limit: int = 3) -> list[Exercise]:
    """Progressions: the explicit `harder` links, else same pattern and target, higher level."""
    return _by_difficulty_step(catalog, page, +1, limit)


def is_safe_for(exercise: Exercise, injuries: Mapping[str, str]) -> bool:
    """TRAINING.md hard rule 2: no high stress on an injured joint; for a serious injury, no
    moderate stress either. `injuries` maps joint -> "mild" | "serious"."""
    for joint, severity in injuries.items():
        stress = exercise.joint_stress.get(joint)
        if stress == "high" or (stress == "moderate" and severity == "serious"):
            return False
    return True


def substitutes(
    catalog: Catalog,
    page: Exercise,
    available_equipment: frozenset[str] | None = None,
    injuries: Mapping[str, str] | None = None,
    limit: int = 5,
) -> list[Exercise]:
    """The best replacements for `page` that the equipment allows and the injuries tolerate.

    Same pattern and same target rank first, then same pattern, then same target; within a tier
    the related score decides. Exercises of another movement family entirely are not offered.
    """
    injuries = injuries or {}

    def usable(candidate: Exercise) -> bool:
        if available_equipment is not None and not candidate.requires <= available_equipment:
            return False
        return is_safe_for(candidate, injuries)

    def tier(candidate: Exercise) -> int:
        same_pattern = candidate.pattern == page.pattern
        same_target = candidate.target == page.target
        return 0 if same_pattern and same_target else 1 if same_pattern else 2

    pool = [
        c
        for c in catalog.exercises
        if c.slug != page.slug
        and (c.pattern == page.pattern or c.target == page.target)
        and usable(c)
    ]
    pool.sort(key=lambda c: (tier(c), -related_score(page, c), c.name))
    return pool[:limit]


def alternatives(catalog: Catalog, page: Exercise, limit: int = 3) -> list[Exercise]:
    """What to do instead: same pattern and target, preferring different equipment."""
    options = substitutes(catalog, page, limit=len(catalog))
    options.sort(key=lambda c: c.equipment == page.equipment)  # stable: keeps the ranking
    return options[:limit]
