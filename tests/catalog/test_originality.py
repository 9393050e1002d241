"""Every sentence in the catalog is our own: no 8-word run appears in the third-party datasets."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from forgefit.catalog import Catalog
from tests.catalog.test_shipped_catalog import catalog_texts
from tests.conftest import REPO_ROOT

RUN_LENGTH = 8
SHARED = Path(os.environ.get("FORGEFIT_SHARED_DIR", REPO_ROOT.parent / "shared"))


def word_runs(text: str, length: int = RUN_LENGTH) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


def dataset_texts(shared: Path) -> list[str]:
    texts: list[str] = []
    free_db = shared / "data" / "free-exercise-db" / "exercises.json"
    for record in json.loads(free_db.read_text(encoding="utf-8")):
        texts += record.get("instructions") or []
    wger = shared / "data" / "wger" / "translations.json"
    for row in json.loads(wger.read_text(encoding="utf-8")):
        fields = row["fields"]
        texts.append(html.unescape(re.sub(r"<[^>]+>", " ", fields.get("description") or "")))
        texts.append(fields.get("description_source") or "")
    seed = shared / "seed" / "band-bent-over-kickback.md"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    return texts


def test_word_runs_detect_a_shared_run():
    borrowed = "you should always keep the bar close to your shins when lifting"
    ours = "Lifters say: keep the bar close to your shins when lifting heavy."
    # The shared stretch is nine words long, so it holds two 8-word runs.
    assert word_runs(borrowed) & word_runs(ours) == {
        "keep the bar close to your shins when",
        "the bar close to your shins when lifting",
    }


def test_no_eight_word_run_of_catalog_text_appears_in_the_datasets(catalog: Catalog):
    if not (SHARED / "data").is_dir():
        pytest.skip(f"datasets not found at {SHARED / 'data'}; set FORGEFIT_SHARED_DIR to run")
    forbidden: set[str] = set()
    for text in dataset_texts(SHARED):
        forbidden |= word_runs(text)
    copied = {
        slug: sorted(run for text in texts for run in word_runs(text) & forbidden)
        for slug, texts in catalog_texts(catalog).items()
    }
    assert {slug: runs for slug, runs in copied.items() if runs} == {}
