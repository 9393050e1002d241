"""Search speed and quality: the shipped catalog and synthetic 10,000 and 100,000-exercise ones.

Baseline, measured in the same run: a naive search that lists the exercises whose name contains
the query as typed (lower-cased), in browse order, which is what a plain "filter the list" box
does. Queries are the labelled set of tests/catalog/search_queries.yaml plus broad ones ("legs",
"strength") and absurd ones (punctuation, 10,000 characters). Each query is timed once per round
after one warm-up round; p50/p95 are over all those timings.
Budgets (issue 4): p95 under 2 ms on the shipped catalog, under 20 ms at 100,000 exercises.
The 10,000 catalog is written to disk by synthetic.py and loaded; the 100,000 one is built in
memory from renamed copies of the shipped exercises, which keeps the benchmark fast.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.catalog.test_search_quality import evaluate, load_labelled_queries, search_ranking

from benchmarks.synthetic import write_synthetic_catalog
from benchmarks.timing import median_seconds, print_table
from forgefit.catalog import Catalog, default_catalog, load_catalog
from forgefit.catalog.model import slugify
from forgefit.catalog.search import SearchIndex

EXTRA_QUERIES = ["legs", "strength", "exercises", "dumbbell", "?!?!", "x" * 10_000]
SUGGEST_PREFIXES = ["b", "be", "ben", "pull", "push u", "kettle", "sqau", "rdl", "glu", "db r"]
ROUNDS = 5


def in_memory_catalog(size: int) -> Catalog:
    """`size` valid exercises: shipped ones renamed "<name> Variant <n>", links dropped."""
    shipped = default_catalog()
    exercises = []
    for number in range(size):
        template = shipped.exercises[number % len(shipped)]
        name = f"{template.name} Variant {number}"
        exercises.append(
            dataclasses.replace(template, name=name, slug=slugify(name), easier=(), harder=())
        )
    return Catalog(shipped.vocab, exercises)


def substring_scan(catalog: Catalog) -> Callable[[str], list[str]]:
    """The baseline: names containing the query as typed, in browse order."""
    names = [(exercise.name.lower(), exercise.slug) for exercise in catalog.exercises]

    def rank(query: str) -> list[str]:
        wanted = query.strip().lower()
        if not wanted:
            return []
        return [slug for name, slug in names if wanted in name][:20]

    return rank


def latencies(action: Callable[[str], object], queries: list[str]) -> list[float]:
    for query in queries:
        action(query)
    samples = []
    for _ in range(ROUNDS):
        for query in queries:
            start = time.perf_counter()
            action(query)
            samples.append(time.perf_counter() - start)
    return samples


def p50_p95(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return statistics.median(samples), cuts[94]


def speed_rows(
    label: str, catalog: Catalog, index: SearchIndex, queries: list[str], budget_ms: float
) -> list[list[str]]:
    baseline = p50_p95(latencies(substring_scan(catalog), queries))
    search = p50_p95(latencies(lambda q: index.search(q), queries))
    suggest = p50_p95(latencies(lambda p: index.suggest(p), SUGGEST_PREFIXES))
    rows = []
    for name, (p50, p95), budget in (
        ("name substring scan (baseline)", baseline, None),
        ("search", search, budget_ms),
        ("suggest", suggest, None),
    ):
        verdict = "" if budget is None else ("ok" if p95 * 1000 < budget else "OVER")
        rows.append(
            [
                label,
                f"{len(catalog):,}",
                name,
                f"{p50 * 1000:.3f}",
                f"{p95 * 1000:.3f}",
                f"{p95 / baseline[1]:.2f}x",
                "" if budget is None else f"{budget:.0f}",
                verdict,
            ]
        )
    return rows


def build(label: str, catalog: Catalog, repeat: int) -> tuple[list[str], SearchIndex]:
    """Time the index build (median of `repeat`) and the suggestion table's first build."""
    built: list[SearchIndex] = []
    seconds = median_seconds(lambda: built.append(SearchIndex(catalog)), repeat)
    index = built[-1]
    built.clear()
    start = time.perf_counter()
    index.suggest("a")  # the suggestion table is built on first use
    suggest_build = time.perf_counter() - start
    row = [label, f"{len(catalog):,}", f"{seconds * 1000:.0f}", f"{suggest_build * 1000:.0f}"]
    return row, index


def main() -> None:
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    labelled = load_labelled_queries()
    queries = [item.query for item in labelled] + EXTRA_QUERIES

    shipped = default_catalog()
    row, shipped_index = build("shipped", shipped, repeat=9)
    builds = [row]
    speed = speed_rows("shipped", shipped, shipped_index, queries, budget_ms=2)

    with tempfile.TemporaryDirectory() as temp:
        ten_thousand = load_catalog(write_synthetic_catalog(Path(temp), 10_000))
    row, index = build("synthetic", ten_thousand, repeat=3)
    builds.append(row)
    speed += speed_rows("synthetic", ten_thousand, index, queries, budget_ms=20)
    del ten_thousand, index

    hundred_thousand = in_memory_catalog(100_000)
    row, index = build("synthetic", hundred_thousand, repeat=1)
    builds.append(row)
    speed += speed_rows("synthetic", hundred_thousand, index, queries, budget_ms=20)

    print_table(
        f"Search latency per query (ms, {len(queries)} queries x {ROUNDS} rounds; "
        "ratio: p95 against the baseline's p95)",
        ["catalog", "exercises", "engine", "p50 ms", "p95 ms", "vs baseline", "budget ms", ""],
        speed,
    )
    print_table(
        "Index build (median ms; the suggestion table is built on first suggest())",
        ["catalog", "exercises", "search index ms", "suggestion table ms"],
        builds,
    )
    engine = evaluate(search_ranking(shipped_index), labelled)
    baseline = evaluate(substring_scan(shipped), labelled)
    print_table(
        f"Quality on {len(labelled)} labelled queries (shipped catalog; ratio against baseline)",
        ["engine", "top-1", "top-5", "MRR", "top-5 vs baseline"],
        [
            [name, f"{q.top_1:.3f}", f"{q.top_5:.3f}", f"{q.mean_reciprocal_rank:.3f}", ratio]
            for name, q, ratio in (
                ("name substring scan (baseline)", baseline, "1.00x"),
                ("search", engine, f"{engine.top_5 / max(baseline.top_5, 1e-9):.2f}x"),
            )
        ],
    )
    for query, got in engine.misses:
        print(f"  top-5 miss: {query!r} -> {', '.join(got) or '(nothing)'}")


if __name__ == "__main__":
    main()
