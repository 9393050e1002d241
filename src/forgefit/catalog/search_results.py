"""What a search answers: the page of hits, the facet counts and how the query was read."""

from __future__ import annotations

from dataclasses import dataclass

from forgefit.catalog.model import Exercise
from forgefit.catalog.query_parser import Correction

FACET_KINDS = ("body_part", "equipment", "target", "difficulty", "category", "pattern")


@dataclass(frozen=True, slots=True)
class DetectedTerm:
    """A vocabulary term the query named: `typed` "db" read as equipment "dumbbell"."""

    typed: str
    kind: str
    slug: str
    name: str


@dataclass(frozen=True)
class QueryUnderstanding:
    """What the query was understood as, for "showing results for ..." messages and debugging."""

    text: str
    # Plain words looked for in names and aliases.
    words: tuple[str, ...]
    # Attribute words: each narrows the results to exercises with the term, and ranks them.
    terms: tuple[DetectedTerm, ...]
    corrections: tuple[Correction, ...]
    # Words that match no exercise and were left out of the search.
    ignored: tuple[str, ...]
    # No exercise matched every word, so exercises matching all but one or two are shown.
    relaxed: bool

    def slugs(self, kind: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.slug for t in self.terms if t.kind == kind))

    @property
    def equipment(self) -> tuple[str, ...]:
        return self.slugs("equipment")

    @property
    def body_parts(self) -> tuple[str, ...]:
        return self.slugs("body_part")

    @property
    def muscles(self) -> tuple[str, ...]:
        return self.slugs("muscle")


@dataclass(frozen=True, slots=True)
class SearchHit:
    exercise: Exercise
    score: float


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...]
    # How many exercises match in all (hits is one page of them).
    total: int
    # Facet kind (FACET_KINDS) -> term slug -> how many of the matches have it, largest first.
    facets: dict[str, dict[str, int]]
    understood: QueryUnderstanding
    offset: int
    limit: int

    @property
    def exercises(self) -> list[Exercise]:
        return [hit.exercise for hit in self.hits]

    @property
    def slugs(self) -> list[str]:
        return [hit.exercise.slug for hit in self.hits]
