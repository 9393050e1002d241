"""What the catalog holds and where it is thin (`forgefit catalog stats`, issue 11).

Counts by body part, equipment, target muscle, category, pattern and difficulty, the number of
exercises each equipment preset offers for each planning role, and the gaps: terms with too few
exercises for a browsing hub or for the planner to choose between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forgefit.catalog.index import Catalog
from forgefit.catalog.related import category_family

# Below these an equipment hub is thin and a preset leaves the planner no choice.
MIN_PER_EQUIPMENT = 5
MIN_PER_ROLE = 2

# (index kind, vocabulary kind, heading): the index "target" counts target muscles only.
COUNTED = (
    ("body_part", "body_parts", "Body part"),
    ("equipment", "equipment", "Equipment"),
    ("target", "muscles", "Target muscle"),
    ("category", "categories", "Category"),
    ("pattern", "patterns", "Pattern"),
    ("difficulty", "difficulties", "Difficulty"),
)


@dataclass(frozen=True, slots=True)
class Gap:
    kind: str
    term: str
    count: int
    message: str


@dataclass(frozen=True, slots=True)
class CatalogStats:
    total: int
    # heading -> [(display name, slug, count)], in vocabulary order, zero counts included.
    counts: dict[str, list[tuple[str, str, int]]]
    # preset slug -> role -> number of strength exercises that preset's equipment allows.
    roles: dict[str, dict[str, int]]
    gaps: list[Gap] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "counts": {
                heading: {slug: n for _, slug, n in rows} for heading, rows in self.counts.items()
            },
            "preset_roles": self.roles,
            "gaps": [
                {"kind": g.kind, "term": g.term, "count": g.count, "message": g.message}
                for g in self.gaps
            ],
        }


def catalog_stats(catalog: Catalog) -> CatalogStats:
    vocab = catalog.vocab
    counts: dict[str, list[tuple[str, str, int]]] = {}
    gaps: list[Gap] = []
    # Equipment gaps count every exercise that needs the item (a squat rack is never the
    # equipment an exercise is filed under, but several need one).
    needed_by: dict[str, int] = {}
    for exercise in catalog.exercises:
        for item in exercise.requires or {"body-weight"}:
            needed_by[item] = needed_by.get(item, 0) + 1
    for kind, vocab_kind, heading in COUNTED:
        found = catalog.counts(kind)
        rows = [(name, slug, found.get(slug, 0)) for slug, name in vocab.names(vocab_kind).items()]
        counts[heading] = rows
        for name, slug, n in rows:
            if kind == "equipment":
                needed = needed_by.get(slug, 0)
                if needed < MIN_PER_EQUIPMENT:
                    message = (
                        f"{name}: {needed} exercise(s) need it, fewer than {MIN_PER_EQUIPMENT}"
                    )
                    gaps.append(Gap(heading, slug, needed, message))
            elif n == 0:
                gaps.append(Gap(heading, slug, 0, f"no exercise has {heading.lower()} {name}"))
    roles: dict[str, dict[str, int]] = {}
    for preset_slug, preset in vocab.equipment_presets.items():
        allowed = preset.equipment | {"body-weight"}
        usable = [
            e
            for e in catalog.exercises
            if e.requires <= allowed and category_family(e) == "strength"
        ]
        roles[preset_slug] = {}
        for role, patterns in vocab.pattern_roles.items():
            n = sum(1 for e in usable if e.pattern in patterns)
            roles[preset_slug][role] = n
            if n < MIN_PER_ROLE:
                gaps.append(
                    Gap(
                        "Preset role",
                        f"{preset_slug}/{role}",
                        n,
                        f"{preset.name}: {n} exercise(s) for the {role} role, "
                        f"fewer than {MIN_PER_ROLE}",
                    )
                )
    return CatalogStats(len(catalog), counts, roles, gaps)
