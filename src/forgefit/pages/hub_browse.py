"""Hub lists that scale to a thousand exercises: a visible popularity order, and the data the
hub filters (difficulty, equipment, muscle, category) and sorts (most popular, A-Z) work on.

The filtering itself runs in the browser (static/forgefit.js) on the data attributes of each
card, so a hub is still one prerendered page; with script off the form stays hidden and the
hub's plain links to narrower hubs remain the way to narrow down.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise


def ladder_mentions(catalog: Catalog) -> Counter[str]:
    """How many other exercises name each exercise as a step easier or harder: the staples
    that ladders are built around are the ones most lifters know."""
    counts: Counter[str] = Counter()
    for exercise in catalog.exercises:
        counts.update({*exercise.easier, *exercise.harder})
    return counts


def popularity_order(catalog: Catalog, items: list[Exercise]) -> list[Exercise]:
    """Most popular first. Within a popularity level the exercise more others build on comes
    first, so the list does not look like A-Z restarting at each level; the name breaks the
    remaining ties."""
    mentions = ladder_mentions(catalog)
    return sorted(items, key=lambda e: (-e.popularity, -mentions[e.slug], e.name.casefold()))


def filter_options(catalog: Catalog, items: list[Exercise]) -> list[dict[str, Any]]:
    """The filter menus for a hub: only values some exercise in the list has, in vocabulary
    order, each with how many exercises match."""
    vocab = catalog.vocab
    menus: list[tuple[str, str, str, Counter[str]]] = [
        ("difficulty", "Difficulty", "difficulties", Counter(e.difficulty for e in items)),
        ("equipment", "Equipment", "equipment", Counter(e.equipment for e in items)),
        ("muscle", "Muscle", "muscles", Counter(m for e in items for m in e.muscles)),
        ("category", "Category", "categories", Counter(e.category for e in items)),
    ]
    return [
        {
            "name": name,
            "label": label,
            "options": [
                {"value": slug, "text": display, "count": counts[slug]}
                for slug, display in vocab.names(kind).items()
                if counts[slug]
            ],
        }
        for name, label, kind, counts in menus
        if len(counts) > 1
    ]


def card_data(exercise: Exercise, rank: int) -> dict[str, str]:
    """The data attributes a hub card carries for the filters and sorts."""
    return {
        "difficulty": exercise.difficulty,
        "equipment": exercise.equipment,
        "muscle": " ".join(exercise.muscles),
        "category": exercise.category,
        "rank": str(rank),
        "name": exercise.name.casefold(),
    }
