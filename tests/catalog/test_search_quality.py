"""Search quality on the labelled queries of search_queries.yaml: top-5 hit rate >= 95%.

`evaluate` is also what benchmarks/bench_search.py prints (top-1, top-5, MRR), so the test and
the benchmark always measure the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from forgefit.catalog import Catalog
from forgefit.catalog.search import SearchIndex

LABELLED_QUERIES = Path(__file__).with_name("search_queries.yaml")
MIN_TOP_5_HIT_RATE = 0.95
MIN_LABELLED_QUERIES = 80
KINDS = {
    "name",
    "plural",
    "typo",
    "spacing",
    "abbreviation",
    "synonym",
    "attribute",
    "multi-word",
}


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    kind: str
    # Every acceptable answer for the top 5, the ideal first.
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Quality:
    queries: int
    top_1: float
    top_5: float
    mean_reciprocal_rank: float
    # Queries with no acceptable answer in the top 5, with what came back instead.
    misses: tuple[tuple[str, tuple[str, ...]], ...]


def load_labelled_queries(path: Path = LABELLED_QUERIES) -> list[LabelledQuery]:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return [LabelledQuery(str(q["query"]), q["kind"], tuple(q["expect"])) for q in raw]


def evaluate(rank: Callable[[str], list[str]], labelled: list[LabelledQuery]) -> Quality:
    """Score a ranking function (query -> slugs, best first) on the labelled queries."""
    top_1 = top_5 = reciprocal = 0.0
    misses = []
    for item in labelled:
        slugs = rank(item.query)
        acceptable = set(item.expect)
        position = next((n for n, slug in enumerate(slugs, 1) if slug in acceptable), None)
        top_1 += position == 1
        top_5 += position is not None and position <= 5
        reciprocal += 1 / position if position else 0
        if position is None or position > 5:
            misses.append((item.query, tuple(slugs[:5])))
    count = len(labelled)
    return Quality(count, top_1 / count, top_5 / count, reciprocal / count, tuple(misses))


def search_ranking(index: SearchIndex) -> Callable[[str], list[str]]:
    return lambda query: index.search(query, limit=10).slugs


@pytest.fixture(scope="module")
def labelled() -> list[LabelledQuery]:
    return load_labelled_queries()


def test_the_labelled_set_is_large_and_covers_every_kind_of_query(labelled: list[LabelledQuery]):
    assert len(labelled) >= MIN_LABELLED_QUERIES
    assert {item.kind for item in labelled} == KINDS


def test_every_labelled_answer_is_an_exercise_of_the_catalog(
    labelled: list[LabelledQuery], catalog: Catalog
):
    assert [slug for item in labelled for slug in item.expect if slug not in catalog] == []


def test_top_5_hit_rate_is_at_least_95_percent(labelled: list[LabelledQuery], catalog: Catalog):
    quality = evaluate(search_ranking(SearchIndex(catalog)), labelled)
    assert quality.top_5 >= MIN_TOP_5_HIT_RATE, quality.misses
