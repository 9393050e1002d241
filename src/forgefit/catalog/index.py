"""The loaded catalog: exercises in browse order, with indexes for every way they are looked up."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from forgefit.catalog.model import Exercise, slugify
from forgefit.catalog.vocabulary import Vocabulary
from forgefit.errors import UnknownExerciseError

# Longer than any slug or name could sensibly be; see Catalog.close_matches.
MAX_FUZZY_TEXT = 200


def browse_order(exercise: Exercise) -> tuple[int, str]:
    """Hubs and lists show the most popular exercises first, then by name."""
    return (-exercise.popularity, exercise.name.casefold())


@dataclass(frozen=True, slots=True)
class ExerciseFilter:
    """Criteria an exercise must all meet; None means "any". Values are vocabulary slugs."""

    body_part: str | None = None
    equipment: str | None = None
    muscle: str | None = None
    include_secondary: bool = False
    difficulty: str | None = None
    category: str | None = None
    pattern: str | None = None
    # Only exercises whose full `requires` set is within this equipment set.
    available_equipment: frozenset[str] | None = None


class Catalog:
    """An immutable, indexed set of validated exercises sharing one vocabulary."""

    def __init__(self, vocab: Vocabulary, exercises: Iterable[Exercise]) -> None:
        self.vocab = vocab
        self.exercises: tuple[Exercise, ...] = tuple(sorted(exercises, key=browse_order))
        self._by_slug = {exercise.slug: exercise for exercise in self.exercises}
        self._by_name = {exercise.name.casefold(): exercise for exercise in self.exercises}
        self._index: dict[str, dict[str, list[Exercise]]] = {
            kind: defaultdict(list)
            for kind in ("body_part", "equipment", "target", "muscle", "difficulty")
        }
        for kind in ("category", "pattern"):
            self._index[kind] = defaultdict(list)
        for exercise in self.exercises:
            for kind in ("body_part", "equipment", "target", "difficulty", "category", "pattern"):
                self._index[kind][getattr(exercise, kind)].append(exercise)
            for muscle in exercise.muscles:
                self._index["muscle"][muscle].append(exercise)

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def find(self, slug: str) -> Exercise | None:
        """The exercise with this slug (or exact name), or None; cheap, no suggestions."""
        found = self._by_slug.get(slug) or self._by_name.get(slug.casefold())
        if found is None:
            found = self._by_slug.get(slugify(slug))
        return found

    def get(self, slug: str) -> Exercise:
        """The exercise with this slug (or exact name); UnknownExerciseError with suggestions."""
        found = self.find(slug)
        if found is None:
            raise UnknownExerciseError(slug, self.close_matches(slug))
        return found

    def close_matches(self, text: str, limit: int = 5) -> list[str]:
        """Slugs that look like `text`, for "did you mean" answers. Text far longer than any
        slug resembles none, and is not compared at all (fuzzy matching costs its length)."""
        if len(text) > MAX_FUZZY_TEXT:
            return []
        wanted = slugify(text)
        matches = difflib.get_close_matches(wanted, list(self._by_slug), n=limit, cutoff=0.6)
        if len(matches) < limit:
            contains = [s for s in self._by_slug if wanted and wanted in s and s not in matches]
            matches += contains[: limit - len(matches)]
        return matches

    def with_target(self, muscle: str) -> list[Exercise]:
        return list(self._index["target"].get(muscle, ()))

    def by(self, kind: str, term: str) -> list[Exercise]:
        """Exercises whose `kind` (body_part, equipment, target, muscle, difficulty, category,
        pattern) is `term`, in browse order."""
        return list(self._index[kind].get(term, ()))

    def counts(self, kind: str) -> Counter[str]:
        """How many exercises each term of an index has (terms with none are absent)."""
        return Counter({term: len(items) for term, items in self._index[kind].items()})

    def filter(self, criteria: ExerciseFilter) -> list[Exercise]:
        """Exercises meeting every criterion, in browse order. Terms are checked first, so an
        unknown value raises UnknownTermError naming the allowed ones."""
        vocab = self.vocab
        checks = (
            ("body_part", "body_parts", criteria.body_part),
            ("equipment", "equipment", criteria.equipment),
            ("muscle", "muscles", criteria.muscle),
            ("difficulty", "difficulties", criteria.difficulty),
            ("category", "categories", criteria.category),
            ("pattern", "patterns", criteria.pattern),
        )
        for label, kind, value in checks:
            if value is not None:
                vocab.require(kind, value, label.replace("_", " "))
        for item in criteria.available_equipment or ():
            vocab.require("equipment", item)

        candidates: Iterable[Exercise] = self.exercises
        if criteria.muscle is not None:
            kind = "muscle" if criteria.include_secondary else "target"
            candidates = self._index[kind].get(criteria.muscle, ())
        results = []
        for exercise in candidates:
            if criteria.body_part is not None and exercise.body_part != criteria.body_part:
                continue
            if criteria.equipment is not None and exercise.equipment != criteria.equipment:
                continue
            if criteria.difficulty is not None and exercise.difficulty != criteria.difficulty:
                continue
            if criteria.category is not None and exercise.category != criteria.category:
                continue
            if criteria.pattern is not None and exercise.pattern != criteria.pattern:
                continue
            available = criteria.available_equipment
            if available is not None and not exercise.requires <= available:
                continue
            results.append(exercise)
        return results
