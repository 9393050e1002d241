"""Every sentence in the catalog is our own: no 8-word run appears in the third-party datasets."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from forgefit.catalog import Catalog
from forgefit.pages.markdown import render_exercise_markdown
from tests.catalog.test_shipped_catalog import catalog_texts
from tests.conftest import REPO_ROOT

RUN_LENGTH = 8


def _find_shared() -> Path:
    """FORGEFIT_SHARED_DIR, else the nearest `shared/` folder beside the repo or one of its
    parents (a git worktree sits one level deeper than the main checkout)."""
    if "FORGEFIT_SHARED_DIR" in os.environ:
        return Path(os.environ["FORGEFIT_SHARED_DIR"])
    for parent in REPO_ROOT.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared"
    return REPO_ROOT.parent / "shared"


SHARED = _find_shared()
DATASETS = ("free-exercise-db", "wger", "exercisedb")


def word_runs(text: str, length: int = RUN_LENGTH) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


def dataset_texts(shared: Path) -> dict[str, list[str]]:
    """Every sentence-bearing field of each third-party dataset, by dataset."""
    texts: dict[str, list[str]] = {name: [] for name in DATASETS}
    free_db = shared / "data" / "free-exercise-db" / "exercises.json"
    for record in json.loads(free_db.read_text(encoding="utf-8")):
        texts["free-exercise-db"] += record.get("instructions") or []
    wger = shared / "data" / "wger" / "translations.json"
    for row in json.loads(wger.read_text(encoding="utf-8")):
        fields = row["fields"]
        texts["wger"].append(
            html.unescape(re.sub(r"<[^>]+>", " ", fields.get("description") or ""))
        )
        texts["wger"].append(fields.get("description_source") or "")
    exercisedb = shared / "data" / "exercisedb" / "exercises.json"
    for record in json.loads(exercisedb.read_text(encoding="utf-8")):
        # Its steps start "Step:1 "; the label is not text.
        texts["exercisedb"] += [
            re.sub(r"^Step:\s*\d+\s*", "", step) for step in record.get("instructions") or []
        ]
    seed = shared / "seed" / "band-bent-over-kickback.md"
    if seed.exists():
        texts["seed"] = [seed.read_text(encoding="utf-8")]
    return texts


def test_word_runs_detect_a_shared_run():
    borrowed = "you should always keep the bar close to your shins when lifting"
    ours = "Lifters say: keep the bar close to your shins when lifting heavy."
    # The shared stretch is nine words long, so it holds two 8-word runs.
    assert word_runs(borrowed) & word_runs(ours) == {
        "keep the bar close to your shins when",
        "the bar close to your shins when lifting",
    }


def _require_datasets() -> None:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"datasets not found at {SHARED / 'data'}; set FORGEFIT_SHARED_DIR to run")


def test_every_dataset_contributes_text():
    _require_datasets()
    texts = dataset_texts(SHARED)
    assert {name: len(texts[name]) > 500 for name in DATASETS} == dict.fromkeys(DATASETS, True)


def test_no_eight_word_run_of_catalog_text_appears_in_the_datasets(catalog: Catalog):
    _require_datasets()
    datasets = dataset_texts(SHARED)
    forbidden: set[str] = set()
    for name in DATASETS:
        for text in datasets[name]:
            forbidden |= word_runs(text)
    seed_runs = {run for text in datasets.get("seed", []) for run in word_runs(text)}
    # Whole rendered pages, so the generated sentences are checked too. The seed page is the
    # layout reference, so pages share its headings and labels; records must not share its text.
    texts = {
        **{slug: (runs, forbidden | seed_runs) for slug, runs in catalog_texts(catalog).items()},
        **{
            f"{e.slug} (page)": ([render_exercise_markdown(catalog, e)], forbidden)
            for e in catalog.exercises
        },
    }
    copied = {
        slug: sorted(run for text in items for run in word_runs(text) & against)
        for slug, (items, against) in texts.items()
    }
    assert {slug: runs for slug, runs in copied.items() if runs} == {}
