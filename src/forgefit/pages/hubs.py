"""Which hub pages exist (CATALOG.md "Where things live"): one rule, used by the site, the
exercise pages and search suggestions alike. Template-free, so the search core may import it."""

from __future__ import annotations

from forgefit.catalog.index import Catalog

# A muscle, difficulty or body-part x equipment hub is only worth a page with this many exercises.
HUB_MINIMUM = 5


def has_muscle_hub(catalog: Catalog, muscle: str) -> bool:
    """Muscle hubs list exercises targeting the muscle, then those working it as secondary."""
    return len(catalog.by("muscle", muscle)) >= HUB_MINIMUM


def has_difficulty_hub(catalog: Catalog, difficulty: str) -> bool:
    return len(catalog.by("difficulty", difficulty)) >= HUB_MINIMUM


def combination_hubs(catalog: Catalog, body_part: str) -> list[tuple[str, int]]:
    """(equipment, count) for every body-part x equipment combination that has a hub."""
    counts: dict[str, int] = {}
    for exercise in catalog.by("body_part", body_part):
        counts[exercise.equipment] = counts.get(exercise.equipment, 0) + 1
    return [(equipment, n) for equipment, n in counts.items() if n >= HUB_MINIMUM]
