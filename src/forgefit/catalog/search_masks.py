"""Sets of exercises as Python integers used as bitmasks: bit i is exercise number i.

How the search index stores the exercises of each word, pair and attribute, and how it matches
(AND over concepts, dropping one or two when nothing has them all), ranks (classes of equal
score) and pages through them. Why bitmasks rather than SQLite FTS5: see `search`.
"""

from __future__ import annotations

import itertools
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

# Words common enough to keep as a ready bitmask; rarer ones are kept as id lists and turned
# into a bitmask when queried, so memory stays proportional to the catalog, not to words x size.
READY_MASK_MINIMUM = 64

# A feature of the ranking: (weight, exercises with that weight) levels, highest weight first.
Levels = list[tuple[float, int]]


def mask_of(ids: Sequence[int]) -> int:
    """The bitmask with bit i set for every i in ids."""
    if not ids:
        return 0
    # Set bits in a byte buffer and convert once: shifting a growing int per id would copy it
    # each time.
    bits = bytearray((max(ids) >> 3) + 1)
    for doc in ids:
        bits[doc >> 3] |= 1 << (doc & 7)
    return int.from_bytes(bits, "little")


def exercise_numbers(mask: int) -> Iterator[int]:
    """Set bits of a mask, lowest first."""
    while mask:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest


class PostingTable:
    """Which exercises each key (a word, a word pair, a whole name) belongs to.

    Stored by how common the key is: a ready bitmask for common keys, an id array for rare ones
    and a bare id for keys of one exercise (most whole names). A bitmask costs a bit per
    exercise in the catalog, so keeping one per rare key would cost memory of keys x catalog.
    """

    def __init__(self, postings: dict[str, list[int]]) -> None:
        self._ready: dict[str, int] = {}
        self._rare: dict[str, array[int]] = {}
        self._single: dict[str, int] = {}
        for key, ids in postings.items():
            if len(ids) == 1:
                self._single[key] = ids[0]
            elif len(ids) >= READY_MASK_MINIMUM:
                self._ready[key] = mask_of(ids)
            else:
                self._rare[key] = array("I", ids)

    def mask(self, key: str) -> int:
        ready = self._ready.get(key)
        if ready is not None:
            return ready
        single = self._single.get(key)
        if single is not None:
            return 1 << single
        rare = self._rare.get(key)
        return mask_of(rare) if rare is not None else 0


def union_of(levels: Levels) -> int:
    union = 0
    for _, mask in levels:
        union |= mask
    return union


def intersection_of(masks: Iterable[int]) -> int:
    result = -1
    for mask in masks:
        result &= mask
    return result


def match_most(masks: Sequence[int], plain: Sequence[bool]) -> tuple[int, bool]:
    """Exercises matching every concept; if there are none, those matching all but one (then
    all but two). Plain words are dropped before attribute words when that finds anything:
    in "upper chest" the attribute says what to train, the word only how. Returns the matches
    and whether any concept had to be dropped."""
    if not masks:
        return 0, False
    everything = intersection_of(masks)
    if everything or len(masks) == 1:
        return everything, False
    for dropped in (1, 2):
        if dropped >= len(masks):
            break
        choices = list(itertools.combinations(range(len(masks)), dropped))
        only_plain_words = [c for c in choices if all(plain[i] for i in c)]
        for candidates in (only_plain_words, choices):
            matches = 0
            for left_out in candidates:
                matches |= intersection_of(m for i, m in enumerate(masks) if i not in left_out)
            if matches:
                return matches, True
    return 0, False


def score_classes(matches: int, features: Sequence[Levels]) -> list[tuple[float, int]]:
    """Partition the matches into classes of equal total score, best first.

    Each feature is a list of (weight, mask) levels; an exercise scores the weight of the
    first level (highest weight first) that contains it. Classes with equal totals merge, so
    the number of classes stays small however many exercises match.
    """
    classes: dict[float, int] = {0.0: matches} if matches else {}
    for levels in features:
        ordered = sorted((level for level in levels if level[1]), key=lambda level: -level[0])
        if not ordered:
            continue
        split: dict[float, int] = defaultdict(int)
        for score, members in classes.items():
            rest = members
            for weight, mask in ordered:
                part = rest & mask
                if part:
                    split[score + weight] |= part
                    rest ^= part
                    if not rest:
                        break
            if rest:
                split[score] |= rest
        classes = split
    return sorted(classes.items(), reverse=True)


def one_page(classes: list[tuple[float, int]], offset: int, limit: int) -> list[tuple[int, float]]:
    """Exercise numbers and scores of one page of results, in rank order."""
    page: list[tuple[int, float]] = []
    skip = offset
    for score, members in classes:
        if len(page) >= limit:
            break
        size = members.bit_count()
        if skip >= size:
            skip -= size
            continue
        for doc in exercise_numbers(members):
            if skip:
                skip -= 1
                continue
            page.append((doc, score))
            if len(page) >= limit:
                break
    return page
