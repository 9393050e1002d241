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


# Categories that train the same kind of quality: a ladder step or a substitute never crosses
# families (a stretch is no substitute for a leg curl, a bike is no progression of a squat).
_CATEGORY_FAMILIES = {
    "strength": "strength",
    "powerlifting": "strength",
    "strongman": "strength",
    "olympic-weightlifting": "strength",
    "rehabilitation": "strength",
    "balance": "strength",
    "stretching": "flexibility",
    "mobility": "flexibility",
    "cardio": "conditioning",
    "plyometrics": "power",
}


def category_family(exercise: Exercise) -> str:
    return _CATEGORY_FAMILIES.get(exercise.category, exercise.category)


def same_purpose(page: Exercise, candidate: Exercise) -> bool:
    """Same movement pattern and the same kind of training: the condition for a ladder step
    and for a substitute."""
    return candidate.pattern == page.pattern and category_family(candidate) == category_family(page)


def can_replace(page: Exercise, candidate: Exercise) -> bool:
    """A substitute also keeps a rehabilitation drill a rehabilitation drill: an external
    rotation is a step toward a face pull, but no lateral raise replaces it."""
    rehab = "rehabilitation"
    return same_purpose(page, candidate) and (candidate.category == rehab) == (
        page.category == rehab
    )


# Squats and lunges are one ladder: a split squat is the classic step toward a pistol squat.
_LADDER_PATTERNS = {"lunge": "squat"}


def is_ladder_step(catalog: Catalog, page: Exercise, candidate: Exercise, step: int) -> bool:
    """Whether `candidate` may sit below (step < 0) or above (step > 0) `page` on a progression
    ladder: the same movement (pattern, squats and lunges counted as one) trained for the same
    purpose (category family), and not rated the other way round."""
    if candidate.slug == page.slug or category_family(candidate) != category_family(page):
        return False
    if _LADDER_PATTERNS.get(candidate.pattern, candidate.pattern) != _LADDER_PATTERNS.get(
        page.pattern, page.pattern
    ):
        return False
    rank = catalog.vocab.difficulty_rank
    difference = rank(candidate.difficulty) - rank(page.difficulty)
    return difference <= 0 if step < 0 else difference >= 0


def _by_difficulty_step(catalog: Catalog, page: Exercise, step: int, limit: int) -> list[Exercise]:
    explicit = page.easier if step < 0 else page.harder
    if explicit:
        linked = [catalog.get(slug) for slug in explicit]
        return [c for c in linked if is_ladder_step(catalog, page, c, step)][:limit]
    rank = catalog.vocab.difficulty_rank(page.difficulty)

    def fits(candidate: Exercise) -> bool:
        # Without curated links only the unmistakable step qualifies: the same tool, target,
        # pattern, purpose and way of logging a set, one difficulty level away.
        candidate_rank = catalog.vocab.difficulty_rank(candidate.difficulty)
        return (
            candidate.target == page.target
            and candidate.equipment == page.equipment
            and candidate.tracking == page.tracking
            and same_purpose(page, candidate)
            and candidate_rank == rank + step
        )

    pool = [c for c in catalog.by("pattern", page.pattern) if fits(c)]
    return _ranked(page, pool)[:limit]


def easier(catalog: Catalog, page: Exercise, limit: int = 3) -> list[Exercise]:
    """Regressions: the curated `easier` links that are real ladder steps, else the same
    exercise family one level down with the same equipment."""
    return _by_difficulty_step(catalog, page, -1, limit)


def harder(catalog: Catalog, page: Exercise, limit: int = 3) -> list[Exercise]:
    """Progressions: the curated `harder` links that are real ladder steps, else the same
    exercise family one level up with the same equipment."""
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

    A substitute keeps the movement pattern and the kind of training (category family); the
    same target muscle ranks first, then the same muscle group, each with the same mechanic
    first, and within a tier the related score decides.
    """
    injuries = injuries or {}
    groups = catalog.vocab.muscles

    def usable(candidate: Exercise) -> bool:
        if available_equipment is not None and not candidate.requires <= available_equipment:
            return False
        return is_safe_for(candidate, injuries)

    def tier(candidate: Exercise) -> tuple[int, bool]:
        # Same target first, then same muscle group; within each, the same mechanic first (an
        # isolation pullover is a poor stand-in for a compound pull-up).
        if candidate.target == page.target:
            muscle = 0
        else:
            muscle = 1 if groups[candidate.target].group == groups[page.target].group else 2
        return muscle, candidate.mechanic != page.mechanic

    pool = [
        c
        for c in catalog.by("pattern", page.pattern)
        if c.slug != page.slug and can_replace(page, c) and usable(c)
    ]
    score = scorer(page)
    pool.sort(key=lambda c: (tier(c), -score(c), c.name))
    return pool[:limit]


def alternatives(catalog: Catalog, page: Exercise, limit: int = 3) -> list[Exercise]:
    """What to do instead, for a reader whose equipment we do not know.

    Substitutes (same pattern and purpose) that train the same muscle group, well-known
    exercises first. A body-weight exercise is answered with exercises that need no equipment
    when there are any (someone reading about a pistol squat may own no barbell); otherwise the
    list spreads over different equipment, so a reader without the page's tools still finds
    an option. Empty when nothing in the library truly replaces the exercise.
    """
    groups = catalog.vocab.muscles
    group = groups[page.target].group
    options = [
        o for o in substitutes(catalog, page, limit=len(catalog)) if groups[o.target].group == group
    ]
    # Stable sort: the substitute ranking breaks ties.
    options.sort(key=lambda c: (c.mechanic != page.mechanic, -c.popularity))
    if not page.requires:
        options = [o for o in options if not o.requires] or options
    chosen: list[Exercise] = []
    seen_equipment: set[str] = set()
    for option in options:  # first pass: one exercise per piece of equipment
        if option.equipment not in seen_equipment:
            chosen.append(option)
            seen_equipment.add(option.equipment)
    chosen += [o for o in options if o not in chosen]
    return chosen[:limit]


def ladder_problems(catalog: Catalog) -> list[str]:
    """Every curated easier/harder link that is not a real ladder step, and every pair of
    exercises linked as harder than each other. Empty for a consistent catalog."""
    problems: list[str] = []
    for page in catalog.exercises:
        for field, step in (("easier", -1), ("harder", +1)):
            for slug in getattr(page, field):
                other = catalog.get(slug)
                if not is_ladder_step(catalog, page, other, step):
                    problems.append(
                        f"{page.slug}: {field} {slug} is not the same movement and purpose "
                        "at a fitting difficulty"
                    )
                if page.slug in (other.easier if step < 0 else other.harder):
                    problems.append(f"{page.slug}: {field} {slug} links back the same way")
    return problems
