"""Related, easier, harder and substitute exercises (CATALOG.md "Related exercises").

One scoring function ranks every kind of neighbour, so pages, search and the planner agree on
what "close to this exercise" means.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

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


def scorer(page: Exercise) -> Callable[[Exercise], float]:
    """A function scoring candidates against `page` (page facts computed once, since a page
    scores many candidates)."""
    page_muscles = frozenset(page.muscles) - {page.target}
    target, pattern, body_part = page.target, page.pattern, page.body_part
    equipment, difficulty = page.equipment, page.difficulty

    def score(candidate: Exercise) -> float:
        total = PER_POPULARITY_POINT * candidate.popularity
        if candidate.target == target:
            total += SAME_TARGET
        if candidate.pattern == pattern:
            total += SAME_PATTERN
        if candidate.body_part == body_part:
            total += SAME_BODY_PART
        if candidate.equipment == equipment:
            total += SAME_EQUIPMENT
        if candidate.difficulty == difficulty:
            total += SAME_DIFFICULTY
        if page_muscles:
            total += PER_SHARED_MUSCLE * len(page_muscles.intersection(candidate.muscles))
        return total

    return score


def related_score(page: Exercise, candidate: Exercise) -> float:
    """How closely `candidate` relates to `page`; higher is closer."""
    return scorer(page)(candidate)


# The highest score an exercise can reach while sharing neither target, pattern, body part nor
# any muscle with the page: equipment, difficulty and the top popularity bonus.
_UNRELATED_CEILING = SAME_EQUIPMENT + SAME_DIFFICULTY + PER_POPULARITY_POINT * 5


def _ranked(page: Exercise, candidates: Iterable[Exercise]) -> list[Exercise]:
    score = scorer(page)
    pool = [c for c in candidates if c.slug != page.slug]
    return sorted(pool, key=lambda c: (-score(c), c.name))


def _neighbours(catalog: Catalog, page: Exercise) -> list[Exercise]:
    """Exercises sharing the target, pattern, body part or a muscle with the page."""
    seen: dict[str, Exercise] = {}
    lists = [
        catalog.by("target", page.target),
        catalog.by("pattern", page.pattern),
        catalog.by("body_part", page.body_part),
        *(catalog.by("muscle", muscle) for muscle in page.muscles),
    ]
    for items in lists:
        for item in items:
            seen.setdefault(item.slug, item)
    return list(seen.values())


def related(catalog: Catalog, page: Exercise, limit: int = RELATED_COUNT) -> list[Exercise]:
    """The best-matching other exercises, stretches only for stretches.

    Scores only the page's neighbours (shared target, pattern, body part or muscle); that is
    exact whenever enough neighbours outscore the best any other exercise could reach, and the
    whole catalog is scored otherwise.
    """
    is_stretch = page.pattern == "stretch"

    def same_kind(candidate: Exercise) -> bool:
        return (candidate.pattern == "stretch") == is_stretch

    best = _ranked(page, filter(same_kind, _neighbours(catalog, page)))[:limit]
    if len(best) == limit and related_score(page, best[-1]) > _UNRELATED_CEILING:
        return best
    return _ranked(page, filter(same_kind, catalog.exercises))[:limit]


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

    same_family = {c.slug: c for c in catalog.by("pattern", page.pattern)}
    same_family.update((c.slug, c) for c in catalog.by("target", page.target))
    pool = [c for c in same_family.values() if c.slug != page.slug and usable(c)]
    score = scorer(page)
    pool.sort(key=lambda c: (tier(c), -score(c), c.name))
    return pool[:limit]


def alternatives(catalog: Catalog, page: Exercise, limit: int = 3) -> list[Exercise]:
    """What to do instead: same pattern and target, preferring different equipment."""
    options = substitutes(catalog, page, limit=len(catalog))
    options.sort(key=lambda c: c.equipment == page.equipment)  # stable: keeps the ranking
    return options[:limit]
