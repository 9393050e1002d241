"""Synthetic catalogs for benchmarks: N valid records made by renaming shipped exercises."""

from __future__ import annotations

from pathlib import Path

import yaml

from forgefit.catalog.model import slugify
from forgefit.catalog.vocabulary import DATA_DIR, VOCABULARY_FILE


def write_synthetic_catalog(folder: Path, size: int) -> Path:
    """Write `size` valid records (and the vocabulary) under folder; return the folder."""
    sources = sorted((DATA_DIR / "exercises").glob("*.yaml"))
    templates = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sources]
    records_dir = folder / "exercises"
    records_dir.mkdir(parents=True, exist_ok=True)
    (folder / "vocabularies.yaml").write_bytes(VOCABULARY_FILE.read_bytes())
    for number in range(size):
        record = dict(templates[number % len(templates)])
        record["name"] = f"{record['name']} Variant {number}"
        record["slug"] = slugify(record["name"])
        record.pop("easier", None)
        record.pop("harder", None)
        text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
        (records_dir / f"{record['slug']}.yaml").write_text(text, encoding="utf-8")
    return folder
