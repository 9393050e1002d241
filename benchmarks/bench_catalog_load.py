"""Catalog load time: the shipped catalog and a synthetic 10,000-exercise one.

Baseline, measured in the same run: parsing the same YAML files with PyYAML's C loader and doing
nothing else. "Cold" loads read and validate every file (no cache); "cold, PyYAML" is the same
with PyYAML's C loader for every file (how ForgeFit read records before yaml-rs and the plain
reader); "warm" loads hit the compiled JSON cache (records are validated again from it).
Budgets (issues 2 and 11): shipped catalog under 150 ms cold, 10,000 exercises under 1.5 s.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from benchmarks.synthetic import write_synthetic_catalog
from benchmarks.timing import median_seconds, print_table
from forgefit.catalog import Catalog, load_catalog, load_vocabulary
from forgefit.catalog.loader import locate, validate_raw


def parse_only(folder: Path | None) -> None:
    _, files = locate(folder)
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def cold_with_pyyaml(folder: Path | None) -> Catalog:
    vocab_file, files = locate(folder)
    vocab = load_vocabulary(vocab_file)
    records = [(path, yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)) for path in files]
    exercises, problems = validate_raw(vocab, records)
    assert not problems
    return Catalog(vocab, exercises)


def measure(label: str, folder: Path | None, budget_ms: float, repeat: int) -> list[list[str]]:
    baseline = median_seconds(lambda: parse_only(folder), repeat)
    before = median_seconds(lambda: cold_with_pyyaml(folder), repeat)
    cold = median_seconds(lambda: load_catalog(folder, use_cache=False), repeat)
    load_catalog(folder)  # fills the cache
    warm = median_seconds(lambda: load_catalog(folder), repeat)
    count = len(load_catalog(folder))
    rows = []
    for name, seconds in (
        ("YAML parse only (baseline)", baseline),
        ("cold, PyYAML (before)", before),
        ("cold", cold),
        ("warm", warm),
    ):
        ratio = f"{seconds / baseline:.2f}x"
        judged = name in ("cold", "warm")
        verdict = ("ok" if seconds * 1000 < budget_ms else "OVER") if judged else ""
        rows.append(
            [label, str(count), name, f"{seconds * 1000:.1f}", ratio, f"{budget_ms:.0f}", verdict]
        )
    return rows


def main() -> None:
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    rows = measure("shipped", None, 150, repeat=15)
    with tempfile.TemporaryDirectory() as temp:
        folder = write_synthetic_catalog(Path(temp), 10_000)
        rows += measure("synthetic", folder, 1500, repeat=3)
    print_table(
        "Catalog load (median ms; ratio against YAML parse of the same files)",
        ["catalog", "exercises", "path", "median ms", "vs parse", "budget ms", ""],
        rows,
    )


if __name__ == "__main__":
    main()
