"""Catalog load time: the shipped catalog and a synthetic 10,000-exercise one.

Baseline, measured in the same run: parsing the same YAML files with PyYAML's C loader and doing
nothing else. "Cold" loads parse and validate every file; "warm" loads hit the compiled cache.
Budgets (issue 2): shipped catalog under 150 ms, 10,000 exercises under 1.5 s.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from benchmarks.synthetic import write_synthetic_catalog
from benchmarks.timing import median_seconds, print_table
from forgefit.catalog import load_catalog
from forgefit.catalog.loader import locate


def parse_only(folder: Path | None) -> None:
    _, files = locate(folder)
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def measure(label: str, folder: Path | None, budget_ms: float, repeat: int) -> list[list[str]]:
    baseline = median_seconds(lambda: parse_only(folder), repeat)
    cold = median_seconds(lambda: load_catalog(folder, use_cache=False), repeat)
    load_catalog(folder)  # fills the cache
    warm = median_seconds(lambda: load_catalog(folder), repeat)
    count = len(load_catalog(folder))
    rows = []
    for name, seconds in (("YAML parse only (baseline)", baseline), ("cold", cold), ("warm", warm)):
        ratio = f"{seconds / baseline:.2f}x"
        verdict = (
            "" if name.startswith("YAML") else ("ok" if seconds * 1000 < budget_ms else "OVER")
        )
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
