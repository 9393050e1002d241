"""Static site build speed: the shipped catalog and a synthetic 1,000-exercise catalog.

Budget (issue 3): a 1,000-exercise site in under 5 s. Baseline in the same run: writing the same
number of files with the same total size, without rendering anything (the disk's share).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_synthetic_catalog
from benchmarks.timing import print_table
from forgefit.catalog import load_catalog
from forgefit.pages.export import export_site, output_file
from forgefit.pages.site import Site

REPEAT = 3


def build_once(folder: Path | None, out: Path) -> tuple[float, int, list[tuple[str, int]]]:
    catalog = load_catalog(folder)
    start = time.perf_counter()
    site = Site(catalog, "https://forgefit.example")
    count = export_site(site, out)
    seconds = time.perf_counter() - start
    sizes = [(page.path, len(site.render(page.path) or "")) for page in site]
    return seconds, count, sizes


def write_only(out: Path, sizes: list[tuple[str, int]]) -> float:
    start = time.perf_counter()
    for path, size in sizes:
        target = out / output_file(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x" * size)
    return time.perf_counter() - start


def measure(label: str, folder: Path | None, budget: float | None) -> list[str]:
    runs = []
    with tempfile.TemporaryDirectory() as temp:
        for attempt in range(REPEAT):
            runs.append(build_once(folder, Path(temp) / f"site-{attempt}"))
        seconds = sorted(r[0] for r in runs)[REPEAT // 2]
        count, sizes = runs[0][1], runs[0][2]
        baseline = sorted(write_only(Path(temp) / f"raw-{n}", sizes) for n in range(REPEAT))[
            REPEAT // 2
        ]
    verdict = "" if budget is None else ("ok" if seconds < budget else "OVER")
    return [
        label,
        str(count),
        f"{seconds:.2f}",
        f"{count / seconds:,.0f}",
        f"{baseline:.2f}",
        f"{seconds / baseline:.1f}x",
        "" if budget is None else f"{budget:.0f}",
        verdict,
    ]


def main() -> None:
    os.environ.setdefault("FORGEFIT_DATA_DIR", tempfile.mkdtemp(prefix="forgefit-bench-"))
    rows = [measure("shipped", None, None)]
    with tempfile.TemporaryDirectory() as temp:
        rows.append(measure("synthetic 1,000", write_synthetic_catalog(Path(temp), 1000), 5.0))
    print_table(
        "Static site build (median of 3; baseline = writing the same files without rendering)",
        ["catalog", "files", "seconds", "pages/s", "write-only s", "vs write", "budget s", ""],
        rows,
    )


if __name__ == "__main__":
    main()
