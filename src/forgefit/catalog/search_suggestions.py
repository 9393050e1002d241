"""A search box's drop-down: exercises and vocabulary terms starting with what was typed."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from forgefit.catalog.index import Catalog
from forgefit.catalog.query_parser import TERM_KINDS, compact, plain_words
from forgefit.pages import urls
from forgefit.pages.hubs import has_difficulty_hub, has_muscle_hub

# A search-box list opens with at most this many vocabulary terms before exercises.
LEADING_TERM_SUGGESTIONS = 2


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One line of a search box's drop-down: an exercise or a vocabulary term."""

    text: str
    # "exercise", or the vocabulary kind of a term: body_part, equipment, muscle, difficulty,
    # category, pattern.
    kind: str
    slug: str
    # The page to open; None for terms without a hub page (categories, patterns).
    url: str | None
    # The alias the prefix matched, when it was not the exercise's name ("RDL").
    alias: str | None = None


def _hub_url(catalog: Catalog, kind: str, slug: str) -> str | None:
    """The hub page of a term, where the site has one (CATALOG.md "Where things live")."""
    if kind == "body_part":
        return urls.body_part_hub(slug)
    if kind == "equipment":
        return urls.equipment_hub(slug)
    if kind == "muscle" and has_muscle_hub(catalog, slug):
        return urls.muscle_hub(slug)
    if kind == "difficulty" and has_difficulty_hub(catalog, slug):
        return urls.difficulty_hub(slug)
    return None


class SuggestionTable:
    """Exercise names, aliases and name endings by prefix, popular first, plus term names."""

    NAME, ALIAS, WORD = range(3)

    def __init__(self, catalog: Catalog) -> None:
        self._exercises = catalog.exercises
        rows: dict[tuple[int, int], list[tuple[str, int, str | None]]] = defaultdict(list)
        for doc, exercise in enumerate(catalog.exercises):
            name_words = plain_words(exercise.name)
            rows[self.NAME, -exercise.popularity].append((compact(name_words), doc, None))
            for start in range(1, len(name_words)):
                rows[self.WORD, -exercise.popularity].append(
                    (compact(name_words[start:]), doc, None)
                )
            for alias in exercise.aliases:
                rows[self.ALIAS, -exercise.popularity].append(
                    (compact(plain_words(alias)), doc, alias)
                )
        # One sorted run per (kind of match, popularity): a prefix is a bisect in each, read in
        # order until enough are found, whatever the catalog's size.
        self.runs: list[tuple[list[str], list[tuple[int, str | None]]]] = []
        for key in sorted(rows):
            entries = sorted(rows[key])
            self.runs.append(([e[0] for e in entries], [(e[1], e[2]) for e in entries]))
        self.terms = self._term_suggestions(catalog)

    @staticmethod
    def _term_suggestions(catalog: Catalog) -> list[tuple[str, int, Suggestion]]:
        """Every vocabulary term some exercise uses, most used first, with its hub page."""
        terms = []
        for kind in ("body_part", "equipment", "muscle", "difficulty", "category", "pattern"):
            counts = catalog.counts(kind)
            for slug, name in catalog.vocab.names(TERM_KINDS[kind]).items():
                if counts[slug]:
                    suggestion = Suggestion(name, kind, slug, _hub_url(catalog, kind, slug))
                    terms.append((compact(plain_words(name)), counts[slug], suggestion))
        terms.sort(key=lambda term: (-term[1], term[2].text))
        return terms

    def exercises(self, prefix: str, limit: int) -> list[tuple[int, str | None]]:
        found: dict[int, str | None] = {}
        for keys, refs in self.runs:
            position = bisect.bisect_left(keys, prefix)
            while position < len(keys) and keys[position].startswith(prefix):
                doc, alias = refs[position]
                found.setdefault(doc, alias)
                if len(found) == limit:
                    return list(found.items())
                position += 1
        return list(found.items())

    def matching_terms(self, prefix: str) -> list[Suggestion]:
        return [suggestion for key, _, suggestion in self.terms if key.startswith(prefix)]

    def starting_with(self, typed: str, limit: int) -> list[Suggestion]:
        """At most `limit` exercises and terms whose names (`typed` is compacted) start with it."""
        terms = self.matching_terms(typed)
        exercises = self._exercises
        found = [
            Suggestion(
                exercises[doc].name,
                "exercise",
                exercises[doc].slug,
                urls.exercise(exercises[doc].slug),
                alias,
            )
            for doc, alias in self.exercises(typed, limit)
        ]
        # An exercise named exactly what was typed comes before any term of that name ("pull
        # up": the Pull-Up before the Pull-Up Bar).
        exact = [
            s
            for s in found
            if compact(plain_words(s.text)) == typed
            or (s.alias is not None and compact(plain_words(s.alias)) == typed)
        ]
        found = exact + [s for s in found if s not in exact]
        leading = terms[:LEADING_TERM_SUGGESTIONS]
        return [*exact, *leading, *found[len(exact) :], *terms[len(leading) :]][:limit]
