"""The exercise record: one immutable object per exercise, built only by validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """The slug of a display name: "Farmer's Carry" -> "farmers-carry".

    Apostrophes are dropped rather than turned into hyphens so possessives read naturally in
    URLs; every other run of characters outside [a-z0-9] becomes one hyphen.
    """
    return _NON_SLUG.sub("-", name.lower().replace("'", "").replace("\u2019", "")).strip("-")


@dataclass(frozen=True, slots=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Exercise:
    slug: str
    name: str
    aliases: tuple[str, ...]
    description: str
    body_part: str
    equipment: str
    requires: frozenset[str]
    target: str
    secondary: tuple[str, ...]
    difficulty: str
    category: str
    mechanic: str | None
    force: str | None
    pattern: str
    laterality: str
    tracking: str
    joint_stress: dict[str, str]
    popularity: int
    instructions: tuple[str, ...]
    tips: tuple[str, ...]
    mistakes: tuple[str, ...]
    faqs: tuple[Faq, ...]
    easier: tuple[str, ...]
    harder: tuple[str, ...]

    @property
    def muscles(self) -> tuple[str, ...]:
        """Target first, then secondary muscles."""
        return (self.target, *self.secondary)

    def to_dict(self) -> dict[str, Any]:
        """The record as CONTRACTS.md's exercise JSON (vocabulary values as slugs)."""
        return {
            "slug": self.slug,
            "name": self.name,
            "aliases": list(self.aliases),
            "description": self.description,
            "body_part": self.body_part,
            "equipment": self.equipment,
            "requires": sorted(self.requires),
            "target": self.target,
            "secondary": list(self.secondary),
            "difficulty": self.difficulty,
            "category": self.category,
            "mechanic": self.mechanic,
            "force": self.force,
            "pattern": self.pattern,
            "laterality": self.laterality,
            "tracking": self.tracking,
            "joint_stress": dict(self.joint_stress),
            "popularity": self.popularity,
            "instructions": list(self.instructions),
            "tips": list(self.tips),
            "mistakes": list(self.mistakes),
            "faqs": [{"question": f.question, "answer": f.answer} for f in self.faqs],
            "easier": list(self.easier),
            "harder": list(self.harder),
        }
