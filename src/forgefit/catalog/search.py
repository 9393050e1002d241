"""Ranked exercise search with facets and search-box suggestions, in process and without a server.

How it works. Every exercise has a number: its position in browse order (most popular first).
Each word of a name or alias, each pair of neighbouring words, each whole name, and each
vocabulary attribute (body part, equipment, muscle, difficulty, category, pattern) maps to the
set of exercises that have it, kept as one Python integer used as a bitmask. A query is read
into concepts (`query_parser`), each concept becomes a few weighted bitmasks, and then:

- matching is AND over concepts (with a fallback that drops one or two concepts when no
  exercise has them all): a handful of big-integer ANDs, each a C loop over the catalog's bits;
- facet counts are `(matches & attribute).bit_count()` per attribute value;
- ranking splits the matches into classes of equal score, feature by feature, so the work
  grows with the number of distinct scores, not with the number of matching exercises. Within
  a class, lower numbers come first, which is browse order: popularity is the tie-breaker.

Why not SQLite FTS5: its bm25 ranks words in text, but most of what lifters type is not text
to rank ("db", "no equipment", "for shoulders" are attributes; "sqaut" is a typo; "pullup"
is two words). All of that has to be resolved in Python before and after any FTS query, and
facet counts over a large match set cost a GROUP BY per facet. Bitmasks do matching, facets
and ranking in microseconds and need nothing beyond the standard library. Typo distances come
from rapidfuzz (C++), over the few thousand distinct words of the catalog.
"""

from __future__ import annotations

import gc
import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property, lru_cache

from forgefit.catalog import default_catalog
from forgefit.catalog.index import Catalog, ExerciseFilter
from forgefit.catalog.query_parser import (
    TERM_KINDS,
    Concept,
    Lexicon,
    ParsedQuery,
    QueryParser,
    SearchTerms,
    TermRef,
    compact,
    load_search_terms,
    plain_words,
)
from forgefit.catalog.search_masks import (
    Levels,
    PostingTable,
    mask_of,
    match_most,
    one_page,
    score_classes,
    union_of,
)
from forgefit.catalog.search_results import (
    FACET_KINDS,
    DetectedTerm,
    QueryUnderstanding,
    SearchHit,
    SearchResults,
)
from forgefit.catalog.search_suggestions import Suggestion, SuggestionTable
from forgefit.pages import urls

# Scores. A word of the query found in the exercise's name counts more than one found only in
# an alias; for an attribute word ("chest", "kettlebell") the attribute counts, and merely
# saying the word in the name counts little ("Chest-Supported Row" is not a chest exercise).
IN_NAME = 10.0
IN_ALIAS = 8.0
ATTRIBUTE_WORD_IN_NAME = 2.0
# An attribute word naming a movement or a piece of equipment ("squat", "bench") that is also
# in the exercise's name: the exercise is named after the query, so it outranks exercises that
# only have the attribute (every squat before the leg press; the bench press before other
# exercises needing a bench). Muscle and body-part words keep the small bonus above: "chest"
# should not put a chest-supported row before the bench press.
NAMED_AFTER_TERM = 7.0
_NAMING_TERM_KINDS = frozenset({"pattern", "equipment"})
# Attribute weights: what the exercise is known by outweighs what it also involves.
TARGET_MUSCLE = 6.0
SECONDARY_MUSCLE = 2.0
MAIN_EQUIPMENT = 6.0
ALSO_NEEDS_EQUIPMENT = 3.0
BODY_PART = 6.0
PATTERN = 6.0
CATEGORY = 5.0
DIFFICULTY = 4.0
# Query words in the same order as in a name ("dumbbell row" in "One-Arm Dumbbell Row").
WORD_PAIR_IN_NAME = 4.0
# The whole query is the name, or an alias ("bench press" is Barbell Bench Press's alias).
WHOLE_NAME = 30.0
WHOLE_ALIAS = 25.0
# Someone searching a muscle ("glutes", "hamstring exercises") wants to train it: stretches and
# mobility drills for it rank just below the strength work, unless the query asks for them.
STRETCH_NOT_ASKED_FOR = -1.0
STRETCH_CATEGORIES = ("stretching", "mobility")
# Shown in each hit's score so equal scores read in browse order; below every real weight.
POPULARITY_TIE_BREAK = 0.01


class SearchIndex:
    """A catalog prepared for search: build once, query many times. Immutable once built."""

    def __init__(self, catalog: Catalog, terms: SearchTerms | None = None) -> None:
        self.catalog = catalog
        self.terms = terms or load_search_terms(catalog.vocab)
        self._everything = (1 << len(catalog)) - 1
        with _cyclic_gc_paused():
            self._build_text_index()
            self._build_attribute_index()

    # ----- building -------------------------------------------------------------------------

    def _build_text_index(self) -> None:
        terms = self.terms
        fields = [
            [terms.words(exercise.name), *(terms.words(alias) for alias in exercise.aliases)]
            for exercise in self.catalog.exercises
        ]
        parts = self._compound_parts({word for doc in fields for text in doc for word in text})
        in_name: dict[str, list[int]] = defaultdict(list)
        in_alias: dict[str, list[int]] = defaultdict(list)
        pairs: dict[str, list[int]] = defaultdict(list)
        whole_name: dict[str, list[int]] = defaultdict(list)
        whole_alias: dict[str, list[int]] = defaultdict(list)
        for doc, texts in enumerate(fields):
            name_keys: set[str] = set()
            alias_keys: set[str] = set()
            pair_keys: set[str] = set()
            whole_keys: list[set[str]] = [set(), set()]
            for position, words in enumerate(texts):
                keys = alias_keys if position else name_keys
                content = [w for w in words if w not in terms.stopwords]
                spelled_out = [p for w in content for p in parts.get(w, (w,))]
                keys.update(words)
                keys.update(spelled_out)
                # "Pull-Up" is also typed "pullup", "Lat Pulldown" also "latpulldown".
                keys.update(a + b for a, b in itertools.pairwise(words))
                pair_keys.update(f"{a} {b}" for a, b in itertools.pairwise(content))
                pair_keys.update(f"{a} {b}" for a, b in itertools.pairwise(spelled_out))
                if content:
                    whole_keys[min(position, 1)].add(compact(content))
            for keys, table in (
                (name_keys, in_name),
                (alias_keys, in_alias),
                (pair_keys, pairs),
                (whole_keys[0], whole_name),
                (whole_keys[1], whole_alias),
            ):
                for key in keys:
                    table[key].append(doc)
        self._in_name = PostingTable(in_name)
        self._in_alias = PostingTable(in_alias)
        self._pairs = PostingTable(pairs)
        self._whole_name = PostingTable(whole_name)
        self._whole_alias = PostingTable(whole_alias)
        frequencies = dict.fromkeys(terms.known_words, 0)
        for table in (in_name, in_alias):
            for word, ids in table.items():
                frequencies[word] = max(frequencies.get(word, 0), len(ids))
        bigrams = ((first, second) for first, _, second in (key.partition(" ") for key in pairs))
        self.parser = QueryParser(terms, Lexicon(frequencies, bigrams))

    @staticmethod
    def _compound_parts(words: set[str]) -> dict[str, tuple[str, str]]:
        """Compound words whose halves are words of their own: "pulldown" -> pull, down, so
        "pull down" finds Lat Pulldown. Halves shorter than two letters are not words."""
        alphabetic = {w for w in words if w.isalpha()}
        parts: dict[str, tuple[str, str]] = {}
        for word in alphabetic:
            for cut in range(2, len(word) - 1):
                if word[:cut] in alphabetic and word[cut:] in alphabetic:
                    parts[word] = (word[:cut], word[cut:])
                    break
        return parts

    def _build_attribute_index(self) -> None:
        by: dict[tuple[str, str], list[int]] = defaultdict(list)
        for doc, exercise in enumerate(self.catalog.exercises):
            for kind in ("body_part", "equipment", "target", "difficulty", "category", "pattern"):
                by[kind, getattr(exercise, kind)].append(doc)
            for muscle in exercise.secondary:
                by["secondary", muscle].append(doc)
            for equipment in exercise.requires:
                by["requires", equipment].append(doc)
            if not exercise.requires:
                by["requires", "nothing"].append(doc)
        self._attribute = {key: mask_of(ids) for key, ids in by.items()}
        self._stretches = self._attr("pattern", "stretch")
        for category in STRETCH_CATEGORIES:
            self._stretches |= self._attr("category", category)
        # Each facet's terms with their masks, in vocabulary order, so counting a result's
        # facets is one AND and popcount per term.
        self._facet_terms = {
            kind: [
                (slug, self._attr(kind, slug))
                for slug in self.catalog.vocab.names(
                    "muscles" if kind == "target" else TERM_KINDS[kind]
                )
            ]
            for kind in FACET_KINDS
        }
        self._term_levels = {
            TermRef(kind, slug): self._levels_for_term(kind, slug)
            for kind, vocab_kind in TERM_KINDS.items()
            for slug in self.catalog.vocab.names(vocab_kind)
        }

    def _attr(self, kind: str, value: str) -> int:
        return self._attribute.get((kind, value), 0)

    def _levels_for_term(self, kind: str, slug: str) -> Levels:
        vocab = self.catalog.vocab
        if kind == "muscle_group":
            muscles = [m.slug for m in vocab.muscles.values() if m.group == slug]
            target = secondary = 0
            for muscle in muscles:
                target |= self._attr("target", muscle)
                secondary |= self._attr("secondary", muscle)
            return [(TARGET_MUSCLE, target), (SECONDARY_MUSCLE, secondary)]
        if kind == "muscle":
            return [
                (TARGET_MUSCLE, self._attr("target", slug)),
                (SECONDARY_MUSCLE, self._attr("secondary", slug)),
            ]
        if kind == "equipment":
            main = self._attr("equipment", slug)
            if slug == "body-weight":
                main |= self._attr("requires", "nothing")
            return [(MAIN_EQUIPMENT, main), (ALSO_NEEDS_EQUIPMENT, self._attr("requires", slug))]
        weight = {"body_part": BODY_PART, "difficulty": DIFFICULTY, "category": CATEGORY}
        return [(weight.get(kind, PATTERN), self._attr(kind, slug))]

    # ----- searching ------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        filters: ExerciseFilter | None = None,
    ) -> SearchResults:
        """Exercises for a query typed by a person, best first, with facet counts.

        `filters` narrows like Catalog.filter (an unknown term raises UnknownTermError). A query
        with no searchable words (empty, punctuation, noise) returns no results, never an error.
        """
        limit, offset = max(0, limit), max(0, offset)
        allowed = self._filter_mask(filters)
        parsed = self.parser.parse(query)
        kept: list[tuple[Concept, Levels]] = []
        ignored = list(parsed.unknown)
        for concept in parsed.concepts:
            levels = self._concept_levels(concept)
            if any(mask for _, mask in levels):
                kept.append((concept, levels))
            else:
                ignored.append(concept.typed)

        masks = [union_of(levels) & allowed for _, levels in kept]
        matches, relaxed = match_most(masks, [not concept.terms for concept, _ in kept])
        features = [levels for _, levels in kept]
        features += [named for concept, _ in kept if (named := self._named_after_levels(concept))]
        features += [[(WORD_PAIR_IN_NAME, self._pairs.mask(f"{a} {b}"))] for a, b in parsed.bigrams]
        features.append(self._whole_name_levels(parsed))
        if not any(self._asks_for_stretching(concept) for concept, _ in kept):
            features.append([(STRETCH_NOT_ASKED_FOR, self._stretches)])
        ranked = score_classes(matches, features)
        exercises = self.catalog.exercises
        hits = tuple(
            SearchHit(
                exercises[doc], round(score + POPULARITY_TIE_BREAK * exercises[doc].popularity, 3)
            )
            for doc, score in one_page(ranked, offset, limit)
        )
        return SearchResults(
            query=query,
            hits=hits,
            total=matches.bit_count(),
            facets=self._facets(matches),
            understood=self._understanding(parsed, [c for c, _ in kept], ignored, relaxed),
            offset=offset,
            limit=limit,
        )

    def _concept_levels(self, concept: Concept) -> Levels:
        in_name = in_name_or_alias = -1  # all bits: the identity of AND
        for word in concept.words:
            name = self._in_name.mask(word)
            in_name &= name
            in_name_or_alias &= name | self._in_alias.mask(word)
        if not concept.words:
            in_name = in_name_or_alias = 0
        if not concept.terms:
            return [(IN_NAME, in_name), (IN_ALIAS, in_name_or_alias)]
        levels = [level for term in concept.terms for level in self._term_levels[term]]
        levels.append((ATTRIBUTE_WORD_IN_NAME, in_name_or_alias))
        return sorted(levels, key=lambda level: -level[0])

    def _named_after_levels(self, concept: Concept) -> Levels:
        """The extra score for exercises named after a movement or equipment word, added on
        top of the attribute's own score (see NAMED_AFTER_TERM)."""
        if not concept.words or not any(t.kind in _NAMING_TERM_KINDS for t in concept.terms):
            return []
        named = -1
        for word in concept.words:
            named &= self._in_name.mask(word) | self._in_alias.mask(word)
        return [(NAMED_AFTER_TERM, named)]

    @staticmethod
    def _asks_for_stretching(concept: Concept) -> bool:
        return any(
            (term.kind == "category" and term.slug in STRETCH_CATEGORIES)
            or (term.kind == "pattern" and term.slug == "stretch")
            for term in concept.terms
        )

    def _whole_name_levels(self, parsed: ParsedQuery) -> Levels:
        name = alias = 0
        for key in parsed.exact_keys:
            name |= self._whole_name.mask(key)
            alias |= self._whole_alias.mask(key)
        return [(WHOLE_NAME, name), (WHOLE_ALIAS, alias)]

    def _filter_mask(self, filters: ExerciseFilter | None) -> int:
        if filters is None:
            return self._everything
        vocab = self.catalog.vocab
        allowed = self._everything
        for kind, vocab_kind, value in (
            ("body_part", "body_parts", filters.body_part),
            ("equipment", "equipment", filters.equipment),
            ("difficulty", "difficulties", filters.difficulty),
            ("category", "categories", filters.category),
            ("pattern", "patterns", filters.pattern),
        ):
            if value is not None:
                vocab.require(vocab_kind, value, kind.replace("_", " "))
                allowed &= self._attr(kind, value)
        if filters.muscle is not None:
            vocab.require("muscles", filters.muscle, "muscle")
            muscle = self._attr("target", filters.muscle)
            if filters.include_secondary:
                muscle |= self._attr("secondary", filters.muscle)
            allowed &= muscle
        if filters.available_equipment is not None:
            for item in filters.available_equipment:
                vocab.require("equipment", item)
            for item in vocab.equipment:
                if item not in filters.available_equipment:
                    allowed &= ~self._attr("requires", item)
        return allowed

    def _facets(self, matches: int) -> dict[str, dict[str, int]]:
        facets: dict[str, dict[str, int]] = {kind: {} for kind in FACET_KINDS}
        if not matches:
            return facets
        for kind, terms in self._facet_terms.items():
            counts = [(slug, n) for slug, mask in terms if (n := (matches & mask).bit_count())]
            # Largest first; equal counts keep the vocabulary's own order (the sort is stable).
            counts.sort(key=lambda item: -item[1])
            facets[kind] = dict(counts)
        return facets

    def _understanding(
        self,
        parsed: ParsedQuery,
        concepts: Sequence[Concept],
        ignored: Sequence[str],
        relaxed: bool,
    ) -> QueryUnderstanding:
        vocab = self.catalog.vocab
        return QueryUnderstanding(
            text=parsed.text,
            words=tuple(c.typed for c in concepts if not c.terms),
            terms=tuple(
                DetectedTerm(c.typed, t.kind, t.slug, vocab.display(TERM_KINDS[t.kind], t.slug))
                for c in concepts
                for t in c.terms
            ),
            corrections=parsed.corrections,
            ignored=tuple(ignored),
            relaxed=relaxed,
        )

    # ----- suggesting -----------------------------------------------------------------------

    @cached_property
    def _suggestions(self) -> SuggestionTable:
        # Built on first use: a search-only process (the CLI) never pays for it.
        return SuggestionTable(self.catalog)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """What a search box offers for what has been typed so far: exercises whose name (or an
        alias, or a later word of the name) starts with it, most popular first, and vocabulary
        terms (body parts, equipment, muscles ...) that start with it. When prefixes find too
        few, the search itself fills the list, so typos and abbreviations still get answers."""
        typed = compact(plain_words(prefix[:80]))
        if not typed or limit <= 0:
            return []
        suggestions = self._suggestions.starting_with(typed, limit)
        if len(suggestions) < limit:
            shown = {s.slug for s in suggestions if s.kind == "exercise"}
            for hit in self.search(prefix, limit=limit).hits:
                slug = hit.exercise.slug
                if slug not in shown and len(suggestions) < limit:
                    shown.add(slug)
                    suggestions.append(
                        Suggestion(hit.exercise.name, "exercise", slug, urls.exercise(slug))
                    )
        return suggestions


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The build allocates millions of small lists and no reference cycles; each collection
    would walk every live object (the whole catalog), making a 100,000-exercise build up to
    twice as slow. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=1)
def default_search_index() -> SearchIndex:
    """The search index of the shipped catalog, built once per process."""
    return SearchIndex(default_catalog())
