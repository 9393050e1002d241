"""Shared fixtures. Every test run keeps its files (the catalog cache) in a temporary folder."""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from forgefit.catalog import Catalog, default_catalog
from forgefit.catalog.vocabulary import DATA_DIR

# Set before any test imports settings-dependent code paths, so no test writes to $HOME.
os.environ["FORGEFIT_DATA_DIR"] = tempfile.mkdtemp(prefix="forgefit-test-data-")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_EXERCISES = DATA_DIR / "exercises"
REFERENCE_RECORD = SHIPPED_EXERCISES / "band-bent-over-kickback.yaml"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def valid_record() -> dict[str, Any]:
    """A complete, valid record (a copy of the shipped kickback) to mutate in tests."""
    with REFERENCE_RECORD.open() as handle:
        record: dict[str, Any] = yaml.safe_load(handle)
    record.pop("easier", None)
    record.pop("harder", None)
    return copy.deepcopy(record)


RecordWriter = Callable[..., Path]


@pytest.fixture
def write_record(tmp_path: Path) -> Iterator[RecordWriter]:
    """Write a record dict (or raw text) as tmp_path/records/<name>.yaml and return the folder."""
    folder = tmp_path / "records"
    folder.mkdir()

    def write(record: dict[str, Any] | str, file_name: str | None = None) -> Path:
        if isinstance(record, str):
            text = record
            name = file_name or "record.yaml"
        else:
            text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
            name = file_name or f"{record.get('slug', 'record')}.yaml"
        (folder / name).write_text(text, encoding="utf-8")
        return folder

    yield write
