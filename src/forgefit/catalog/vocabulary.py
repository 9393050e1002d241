"""The controlled vocabularies: every term the catalog may use, with display names.

All terms live in one data file (`data/vocabularies.yaml`); this module reads it and answers
questions about it. Nothing else in the code base spells out a vocabulary term list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from forgefit.errors import CatalogError, UnknownTermError

DATA_DIR = Path(__file__).parent / "data"
VOCABULARY_FILE = DATA_DIR / "vocabularies.yaml"

# The vocabulary kinds that map slug -> display name, in the order pages list them.
NAMED_KINDS = (
    "body_parts",
    "equipment",
    "muscle_groups",
    "difficulties",
    "categories",
    "patterns",
    "joints",
)


@dataclass(frozen=True, slots=True)
class Muscle:
    slug: str
    name: str
    group: str
    body_part: str


@dataclass(frozen=True, slots=True)
class MuscleGroup:
    slug: str
    name: str
    major: bool


@dataclass(frozen=True, slots=True)
class EquipmentPreset:
    slug: str
    name: str
    equipment: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    body_parts: dict[str, str]
    equipment: dict[str, str]
    muscles: dict[str, Muscle]
    muscle_groups: dict[str, MuscleGroup]
    difficulties: dict[str, str]
    categories: dict[str, str]
    patterns: dict[str, str]
    joints: dict[str, str]
    stress_levels: tuple[str, ...]
    mechanics: tuple[str, ...]
    forces: tuple[str, ...]
    lateralities: tuple[str, ...]
    trackings: tuple[str, ...]
    equipment_presets: dict[str, EquipmentPreset]
    pattern_roles: dict[str, tuple[str, ...]]

    def names(self, kind: str) -> dict[str, str]:
        """Slug -> display name for any vocabulary kind, muscles included."""
        if kind == "muscles":
            return {slug: m.name for slug, m in self.muscles.items()}
        if kind == "muscle_groups":
            return {slug: g.name for slug, g in self.muscle_groups.items()}
        value = getattr(self, kind)
        if not isinstance(value, dict):
            raise KeyError(kind)
        return value

    def display(self, kind: str, slug: str) -> str:
        """Display name of a term ("resistance-band" -> "Resistance Band")."""
        return self.names(kind)[slug]

    def require(self, kind: str, value: str, label: str | None = None) -> str:
        """Return `value` when it is a term of `kind`, else raise UnknownTermError."""
        terms = self.names(kind)
        if value not in terms:
            raise UnknownTermError(label or kind.replace("_", " ").rstrip("s"), value, list(terms))
        return value

    def difficulty_rank(self, difficulty: str) -> int:
        return list(self.difficulties).index(difficulty)

    def available_equipment(self, names: Iterable[str]) -> frozenset[str]:
        """Equipment slugs and presets -> the set a person has (body weight always included).
        An unknown name raises UnknownTermError."""
        items: set[str] = {"body-weight"}
        for name in names:
            if name in self.equipment_presets:
                items |= self.equipment_presets[name].equipment
            else:
                items.add(self.require("equipment", name))
        return frozenset(items)

    def preset_equipment(self, preset: str) -> frozenset[str]:
        if preset not in self.equipment_presets:
            raise UnknownTermError("equipment preset", preset, list(self.equipment_presets))
        return self.equipment_presets[preset].equipment


def _terms(raw: dict[str, Any], key: str) -> dict[str, str]:
    section = raw.get(key)
    if not isinstance(section, dict) or not section:
        raise CatalogError([], f"{VOCABULARY_FILE.name}: {key}: missing or empty section.")
    return {str(slug): str(name) for slug, name in section.items()}


def parse_vocabulary(raw: dict[str, Any]) -> Vocabulary:
    """Build a Vocabulary from the parsed YAML mapping, checking internal references."""
    body_parts = _terms(raw, "body_parts")
    equipment = _terms(raw, "equipment")
    groups = {
        str(slug): MuscleGroup(str(slug), str(g["name"]), bool(g.get("major", False)))
        for slug, g in raw["muscle_groups"].items()
    }
    muscles: dict[str, Muscle] = {}
    for slug, m in raw["muscles"].items():
        if m["group"] not in groups or m["body_part"] not in body_parts:
            raise CatalogError(
                [], f"{VOCABULARY_FILE.name}: muscles: {slug} names an unknown group or body part."
            )
        muscles[str(slug)] = Muscle(str(slug), str(m["name"]), str(m["group"]), str(m["body_part"]))
    presets: dict[str, EquipmentPreset] = {}
    for slug, p in raw["equipment_presets"].items():
        items = frozenset(equipment) if p["equipment"] == "all" else frozenset(p["equipment"])
        unknown = items - set(equipment)
        if unknown:
            raise CatalogError(
                [], f"{VOCABULARY_FILE.name}: equipment_presets: {slug} names {sorted(unknown)}."
            )
        presets[str(slug)] = EquipmentPreset(str(slug), str(p["name"]), items)
    patterns = _terms(raw, "patterns")
    roles = {str(k): tuple(v) for k, v in raw["pattern_roles"].items()}
    for role, role_patterns in roles.items():
        if not set(role_patterns) <= set(patterns):
            raise CatalogError([], f"{VOCABULARY_FILE.name}: pattern_roles: {role} is not valid.")
    return Vocabulary(
        body_parts=body_parts,
        equipment=equipment,
        muscles=muscles,
        muscle_groups=groups,
        difficulties=_terms(raw, "difficulties"),
        categories=_terms(raw, "categories"),
        patterns=patterns,
        joints=_terms(raw, "joints"),
        stress_levels=tuple(raw["stress_levels"]),
        mechanics=tuple(raw["mechanics"]),
        forces=tuple(raw["forces"]),
        lateralities=tuple(raw["lateralities"]),
        trackings=tuple(raw["trackings"]),
        equipment_presets=presets,
        pattern_roles=roles,
    )


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    with path.open("rb") as handle:
        raw = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return parse_vocabulary(raw)
