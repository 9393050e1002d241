"""From what a lifter types to what the search looks for.

A query such as "DB rows for lats" is turned into words and vocabulary terms in steps that each
undo one habit of real typing: case, accents and punctuation; plurals and spelling variants;
missing or extra spaces ("pullup", "dumb bell"); abbreviations ("db"); typos ("sqaut"); and
attribute words ("lats") that should narrow the results rather than be matched as text.

The same word normalisation is applied to exercise names and aliases when the index is built,
so both sides always agree. Which synonyms and abbreviations exist is data
(`data/search_terms.yaml`), not code.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

from forgefit.catalog.vocabulary import DATA_DIR, Vocabulary
from forgefit.errors import CatalogError

SEARCH_TERMS_FILE = DATA_DIR / "search_terms.yaml"

# Vocabulary kinds a query term may name, with the Vocabulary attribute holding their terms.
TERM_KINDS: dict[str, str] = {
    "body_part": "body_parts",
    "equipment": "equipment",
    "muscle": "muscles",
    "muscle_group": "muscle_groups",
    "difficulty": "difficulties",
    "category": "categories",
    "pattern": "patterns",
}

# Limits that keep an absurd query (a pasted page, 10,000 characters) as cheap as a normal one.
# No real exercise search needs more words, and no exercise word is longer.
MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 30
# Canonical spellings remembered; cleared when full so a long-running server's memory stays flat.
CANONICAL_CACHE_SIZE = 100_000
# Longest phrase looked up as a vocabulary term ("wrist flexion and extension").
MAX_PHRASE_WORDS = 4
# Shorter words are too ambiguous to correct on their own ("rwo": row? two?); a three-letter word
# is corrected only when the correction pairs with a neighbour as in an exercise name ("pec dek").
MIN_CORRECTABLE_LENGTH = 4
MIN_CORRECTABLE_IN_CONTEXT = 3
# Words of this length or more may be two edits away from the intended word.
TWO_TYPO_LENGTH = 8

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019`")


def plain_words(text: str) -> list[str]:
    """Lower-case ASCII words of `text`: accents folded, apostrophes dropped ("Farmer's" ->
    "farmers"), every other non-alphanumeric character a separator ("pull-up" -> pull, up)."""
    text = text.casefold().translate(_APOSTROPHES)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(text)


def singular(word: str) -> str:
    """A light English plural stemmer: enough to match "squats", "presses", "flies", "glutes".

    A real stemmer (Porter) would also fold "rowing" into "row" and "bench" into "bench";
    exercise names are short and precise, so only plurals are folded.
    """
    if len(word) <= 2 or word.isdigit() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def compact(words: Iterable[str]) -> str:
    """Words joined without spaces: the form in which "pull up", "pull-up" and "pullup" agree."""
    return "".join(words)


@dataclass(frozen=True, slots=True)
class TermRef:
    """One vocabulary term: a kind from TERM_KINDS and a slug of that vocabulary."""

    kind: str
    slug: str


@dataclass(frozen=True)
class SearchTerms:
    """The search language: spelling variants, abbreviations, term phrases and stopwords."""

    word_forms: Mapping[str, str]
    abbreviations: Mapping[str, tuple[str, ...]]
    # Canonical word tuple -> the vocabulary terms the phrase means.
    phrases: Mapping[tuple[str, ...], tuple[TermRef, ...]]
    stopwords: frozenset[str]
    _canonical_cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def canonical(self, word: str) -> str:
        """The one spelling a word is indexed and searched under ("Flyes" -> "fly")."""
        cached = self._canonical_cache.get(word)
        if cached is None:
            # Forms apply before and after the plural rule: "flyes" and "flye" both become "fly".
            stem = singular(self.word_forms.get(word, word))
            cached = self.word_forms.get(stem, stem)
            if len(self._canonical_cache) >= CANONICAL_CACHE_SIZE:
                self._canonical_cache.clear()
            self._canonical_cache[word] = cached
        return cached

    def words(self, text: str) -> list[str]:
        """Canonical words of a text; used for records and queries alike."""
        return [self.canonical(word) for word in plain_words(text)]

    @property
    def known_words(self) -> set[str]:
        """Words with a meaning here even when no exercise name uses them ("booty", "db")."""
        phrase_words = {word for phrase in self.phrases for word in phrase}
        return phrase_words | set(self.abbreviations) | set(self.stopwords)


def _section(raw: Mapping[str, Any], key: str, source: str) -> Mapping[str, Any]:
    section = raw.get(key)
    if not isinstance(section, dict):
        raise CatalogError([], f"{source}: {key}: missing section; expected a mapping.")
    return section


def _vocabulary_phrases(vocab: Vocabulary) -> dict[str, list[str]]:
    """Every term's display name and slug as a phrase naming it: "Pull-Up Bar", "pull-up-bar"."""
    phrases: dict[str, list[str]] = {}
    for kind, vocab_kind in TERM_KINDS.items():
        for slug, name in vocab.names(vocab_kind).items():
            for text in {name, slug}:
                phrases.setdefault(text, []).append(f"{kind}:{slug}")
    return phrases


def parse_search_terms(
    raw: object, vocab: Vocabulary, source: str = "search_terms.yaml"
) -> SearchTerms:
    """Build SearchTerms from the parsed YAML, checking every term against the vocabulary."""
    if not isinstance(raw, dict):
        raise CatalogError([], f"{source}: expected a mapping of sections.")
    problems: list[str] = []
    forms = {str(k): str(v) for k, v in _section(raw, "word_forms", source).items()}
    stopword_list = raw.get("stopwords")
    if not isinstance(stopword_list, list):
        raise CatalogError([], f"{source}: stopwords: missing section; expected a list.")

    # Built in two steps: word forms first, because every other key is read through them.
    draft = SearchTerms(forms, {}, {}, frozenset())
    stopwords = frozenset(draft.canonical(str(w)) for w in stopword_list)
    abbreviations = {
        draft.canonical(str(short)): tuple(draft.words(str(long)))
        for short, long in _section(raw, "abbreviations", source).items()
    }
    phrases: dict[tuple[str, ...], list[TermRef]] = {}
    named = _vocabulary_phrases(vocab)
    for phrase, refs in _section(raw, "terms", source).items():
        named.setdefault(str(phrase), []).extend(refs if isinstance(refs, list) else [refs])
    for phrase, refs in named.items():
        key = tuple(draft.words(phrase))
        if not key:
            problems.append(f"{source}: terms: '{phrase}' has no words.")
            continue
        for ref in refs:
            kind, _, slug = str(ref).partition(":")
            if kind not in TERM_KINDS or slug not in vocab.names(TERM_KINDS[kind]):
                problems.append(
                    f"{source}: terms: '{phrase}': '{ref}' is not a vocabulary term; write "
                    f"kind:slug with kind one of {', '.join(TERM_KINDS)}."
                )
                continue
            meanings = phrases.setdefault(key, [])
            if TermRef(kind, slug) not in meanings:
                meanings.append(TermRef(kind, slug))
        # "Pull-Up Bar" is also typed "pullup bar": index the hyphen-joined spelling too.
        if "-" in phrase:
            joined = tuple(draft.words(re.sub(r"(?<=\w)-(?=\w)", "", phrase)))
            if joined != key and key in phrases:
                phrases.setdefault(joined, list(phrases[key]))
    if problems:
        raise CatalogError(problems, "\n".join(problems))
    return SearchTerms(
        word_forms=forms,
        abbreviations=abbreviations,
        phrases={key: tuple(refs) for key, refs in phrases.items()},
        stopwords=stopwords,
    )


def load_search_terms(vocab: Vocabulary, path: Path = SEARCH_TERMS_FILE) -> SearchTerms:
    with path.open("rb") as handle:
        raw = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return parse_search_terms(raw, vocab, path.name)


class Lexicon:
    """Every word the search knows, with how many exercises use it (0 for words that only the
    search language knows): what typos, run-together and unfinished words are resolved against."""

    def __init__(self, frequencies: Mapping[str, int], bigrams: Iterable[tuple[str, str]]) -> None:
        self._frequency = dict(frequencies)
        self._bigrams = frozenset(bigrams)
        # Only letters are worth correcting to; numbers ("45-degree") are typed exactly.
        correctable = sorted(w for w in self._frequency if w.isalpha() and len(w) >= 3)
        self._sorted = correctable
        self._by_length: dict[int, list[str]] = {}
        for word in correctable:
            self._by_length.setdefault(len(word), []).append(word)
        # Beginnings of words by length, each with its most used word: built on demand.
        self._beginnings: dict[int, dict[str, str]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._frequency

    def frequency(self, word: str) -> int:
        return self._frequency.get(word, 0)

    def is_bigram(self, first: str, second: str) -> bool:
        return (first, second) in self._bigrams

    def completions(self, prefix: str, limit: int = 8) -> list[str]:
        """Known words that start with `prefix`, most used first."""
        start = bisect.bisect_left(self._sorted, prefix)
        found = []
        for word in self._sorted[start:]:
            if not word.startswith(prefix):
                break
            if word != prefix:
                found.append(word)
        found.sort(key=lambda w: (-self.frequency(w), len(w), w))
        return found[:limit]

    def near_misses(self, word: str) -> list[tuple[str, int]]:
        """Known words within a typo or two of `word` (adjacent swaps count as one edit)."""
        allowed = 2 if len(word) >= TWO_TYPO_LENGTH else 1
        found: list[tuple[str, int]] = []
        for length in range(len(word) - allowed, len(word) + allowed + 1):
            choices = self._by_length.get(length)
            if not choices:
                continue
            for choice, distance, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=allowed, limit=None
            ):
                found.append((choice, int(distance)))
        return found

    def mistyped_beginnings(self, fragment: str) -> list[str]:
        """Known words whose beginning is one typo away from an unfinished word: "sqau" is
        how "squat" starts when two letters are swapped."""
        beginnings = self._beginnings.get(len(fragment))
        if beginnings is None:
            beginnings = {}
            for word in sorted(self._sorted, key=lambda w: -self.frequency(w)):
                if len(word) > len(fragment):
                    beginnings.setdefault(word[: len(fragment)], word)
            self._beginnings[len(fragment)] = beginnings
        matches = process.extract(
            fragment, list(beginnings), scorer=OSA.distance, score_cutoff=1, limit=None
        )
        return [beginnings[start] for start, _, _ in matches]


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing the query asks for. An exercise matches it when its name or an alias has all
    of `words`, or (for a vocabulary phrase) when it has one of `terms` as an attribute."""

    typed: str
    words: tuple[str, ...]
    terms: tuple[TermRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Correction:
    """A word the query was read differently from how it was typed, and why."""

    typed: str
    read_as: str
    reason: str  # "typo", "unfinished word", "abbreviation", "joined", "split"


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    concepts: tuple[Concept, ...]
    corrections: tuple[Correction, ...]
    # Words that match nothing in the index and could not be corrected.
    unknown: tuple[str, ...]
    # Adjacent content words, in order: an exercise with the same pair in its name ranks higher.
    bigrams: tuple[tuple[str, str], ...]
    # The query as one run of letters, as typed and as read: "db row" -> "dbrow", "dumbbellrow".
    exact_keys: tuple[str, ...]


class QueryParser:
    """Reads queries against the search language and the index's lexicon."""

    def __init__(self, terms: SearchTerms, lexicon: Lexicon) -> None:
        self.terms = terms
        self.lexicon = lexicon

    def is_known(self, word: str) -> bool:
        return word in self.lexicon

    def parse(self, query: str) -> ParsedQuery:
        text = query[:MAX_QUERY_CHARACTERS]
        typed = [w for w in plain_words(text) if len(w) <= MAX_WORD_LENGTH][:MAX_QUERY_WORDS]
        words = [self.terms.canonical(w) for w in typed]
        corrections: list[Correction] = []
        words = self._join_words_typed_apart(words, corrections)
        words = self._split_words_run_together(words, corrections)
        as_typed = [w for w in words if w not in self.terms.stopwords]
        words = self._expand_abbreviations(words, corrections)
        words, unknown = self._correct_typos(words, corrections)
        concepts = self._concepts(words)
        content = [w for c in concepts for w in c.words]
        exact_keys = tuple(dict.fromkeys(k for k in (compact(as_typed), compact(content)) if k))
        return ParsedQuery(
            text=" ".join(typed),
            concepts=tuple(concepts),
            corrections=tuple(corrections),
            unknown=tuple(unknown),
            bigrams=tuple(itertools.pairwise(content)),
            exact_keys=exact_keys,
        )

    def _join_words_typed_apart(self, words: list[str], corrections: list[Correction]) -> list[str]:
        """Join two neighbours when one of them means nothing on its own and together they are
        a known word: "kettle bell" -> "kettlebell"."""
        joined: list[str] = []
        index = 0
        while index < len(words):
            if index + 1 < len(words):
                first, second = words[index], words[index + 1]
                together = self.terms.canonical(first + second)
                if (not self.is_known(first) or not self.is_known(second)) and self.is_known(
                    together
                ):
                    corrections.append(Correction(f"{first} {second}", together, "joined"))
                    joined.append(together)
                    index += 2
                    continue
            joined.append(words[index])
            index += 1
        return joined

    def _split_words_run_together(
        self, words: list[str], corrections: list[Correction]
    ) -> list[str]:
        """Split an unknown word into two known ones: "dbrow" -> "db row"."""
        result: list[str] = []
        for word in words:
            if not self.is_known(word) and word.isalpha() and len(word) >= MIN_CORRECTABLE_LENGTH:
                splits = [
                    (word[:cut], self.terms.canonical(word[cut:]))
                    for cut in range(2, len(word) - 1)
                    if self.is_known(word[:cut]) and self.is_known(self.terms.canonical(word[cut:]))
                ]
                if splits:
                    # Prefer the split whose rarer half is most used: "dbrow" -> db + row.
                    left, right = max(
                        splits,
                        key=lambda s: min(
                            self.lexicon.frequency(s[0]), self.lexicon.frequency(s[1])
                        ),
                    )
                    corrections.append(Correction(word, f"{left} {right}", "split"))
                    result += [left, right]
                    continue
            result.append(word)
        return result

    def _expand_abbreviations(self, words: list[str], corrections: list[Correction]) -> list[str]:
        expanded: list[str] = []
        for word in words:
            long_form = self.terms.abbreviations.get(word)
            if long_form:
                corrections.append(Correction(word, " ".join(long_form), "abbreviation"))
                expanded += long_form
            else:
                expanded.append(word)
        return expanded

    def _correct_typos(
        self, words: list[str], corrections: list[Correction]
    ) -> tuple[list[str], list[str]]:
        """Replace each unknown word by the known word it most likely was; leave out the rest."""
        result: list[str] = []
        unknown: list[str] = []
        for position, word in enumerate(words):
            if self.is_known(word):
                result.append(word)
                continue
            before = result[-1] if result else None
            after = words[position + 1] if position + 1 < len(words) else None
            fixed = self._best_guess(word, before, after, corrections)
            if fixed is None:
                unknown.append(word)
            else:
                result.append(fixed)
        return result, unknown

    def _best_guess(
        self, word: str, before: str | None, after: str | None, corrections: list[Correction]
    ) -> str | None:
        if len(word) < MIN_CORRECTABLE_IN_CONTEXT or not word.isalpha():
            return None

        def fits_context(candidate: str) -> bool:
            # "pec dek" is "pec deck", not "pec desk": prefer a word that pairs with its
            # neighbour the way some exercise name does.
            return bool(
                (before and self.lexicon.is_bigram(before, candidate))
                or (after and self.lexicon.is_bigram(candidate, after))
            )

        if len(word) < MIN_CORRECTABLE_LENGTH:
            candidates = [c for c in self.lexicon.completions(word) if fits_context(c)]
            candidates += [c for c, _ in self.lexicon.near_misses(word) if fits_context(c)]
            if not candidates:
                return None
            choice = max(candidates, key=lambda c: (self.lexicon.frequency(c), c))
            corrections.append(Correction(word, choice, "typo"))
            return choice

        # A word that is the start of a known one is most likely unfinished ("kettleb").
        completions = self.lexicon.completions(word)
        if completions:
            choice = max(completions, key=lambda c: (fits_context(c), self.lexicon.frequency(c)))
            corrections.append(Correction(word, choice, "unfinished word"))
            return choice
        misses = self.lexicon.near_misses(word)
        if not misses:
            unfinished = self.lexicon.mistyped_beginnings(word)
            if not unfinished:
                return None
            choice = max(unfinished, key=lambda c: (fits_context(c), self.lexicon.frequency(c)))
            corrections.append(Correction(word, choice, "unfinished word"))
            return choice
        choice, _ = max(
            misses,
            key=lambda m: (
                fits_context(m[0]),
                -m[1],
                m[0][0] == word[0],  # first letters are rarely mistyped
                self.lexicon.frequency(m[0]),
                m[0],
            ),
        )
        corrections.append(Correction(word, choice, "typo"))
        return choice

    def _concepts(self, words: Sequence[str]) -> list[Concept]:
        """Group words into vocabulary phrases (longest first) and plain words, dropping
        stopwords and repeats."""
        concepts: list[Concept] = []
        seen: set[tuple[str, ...]] = set()
        index = 0
        while index < len(words):
            for length in range(min(MAX_PHRASE_WORDS, len(words) - index), 0, -1):
                phrase = tuple(words[index : index + length])
                meanings = self.terms.phrases.get(phrase)
                if meanings:
                    if phrase not in seen:
                        seen.add(phrase)
                        content = tuple(w for w in phrase if w not in self.terms.stopwords)
                        concepts.append(Concept(" ".join(phrase), content or phrase, meanings))
                    index += length
                    break
            else:
                word = words[index]
                if word not in self.terms.stopwords and (word,) not in seen:
                    seen.add((word,))
                    concepts.append(Concept(word, (word,)))
                index += 1
        return concepts
