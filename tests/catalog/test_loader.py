"""Loading: validation on load, the compiled cache and its invalidation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from forgefit import settings
from forgefit.catalog import load_catalog
from forgefit.catalog.loader import catalog_digest, locate
from forgefit.errors import CatalogError, ForgefitError
from tests.conftest import RecordWriter


def test_loading_an_invalid_catalog_raises_with_every_problem(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["tips"] = []
    valid_record["difficulty"] = "expert"
    with pytest.raises(CatalogError) as raised:
        load_catalog(write_record(valid_record))
    assert {p.field for p in raised.value.problems} == {"tips", "difficulty"}


def test_loading_a_missing_folder_names_the_path(tmp_path: Path):
    with pytest.raises(ForgefitError, match="does-not-exist does not exist"):
        load_catalog(tmp_path / "does-not-exist")


def cache_file_for(folder: Path) -> Path:
    return settings.cache_dir() / f"catalog-{catalog_digest(*locate(folder))}.json"


def test_a_loaded_catalog_is_cached_and_reused(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["description"] += " Cached once."
    folder = write_record(valid_record)
    cache_file = cache_file_for(folder)
    assert not cache_file.exists()
    first = load_catalog(folder)
    assert cache_file.exists()
    written = cache_file.stat().st_mtime_ns
    second = load_catalog(folder)
    assert second.get("band-bent-over-kickback") == first.get("band-bent-over-kickback")
    assert cache_file.stat().st_mtime_ns == written


def test_editing_a_record_invalidates_the_cache(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    folder = write_record(valid_record)
    assert load_catalog(folder).get("band-bent-over-kickback").popularity == 3
    valid_record["popularity"] = 5
    write_record(valid_record)
    assert load_catalog(folder).get("band-bent-over-kickback").popularity == 5


def test_an_edit_that_breaks_a_cached_catalog_is_caught(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    folder = write_record(valid_record)
    load_catalog(folder)
    valid_record["target"] = "nowhere"
    write_record(valid_record)
    with pytest.raises(CatalogError):
        load_catalog(folder)


def test_a_corrupt_cache_file_is_rebuilt(valid_record: dict[str, Any], write_record: RecordWriter):
    folder = write_record(valid_record)
    load_catalog(folder)
    cache_file = cache_file_for(folder)
    cache_file.write_bytes(b"not json")
    assert len(load_catalog(folder)) == 1
    assert cache_file.read_bytes() != b"not json"


def test_a_folder_may_bring_its_own_vocabulary(
    tmp_path: Path, valid_record: dict[str, Any], write_record: RecordWriter
):
    folder = write_record(valid_record)
    vocabulary = yaml.safe_load(
        (Path(__file__).parents[2] / "src/forgefit/catalog/data/vocabularies.yaml").read_text()
    )
    vocabulary["equipment"]["garden-hose"] = "Garden Hose"
    (folder / "vocabularies.yaml").write_text(yaml.safe_dump(vocabulary))
    valid_record["equipment"] = "garden-hose"
    valid_record["requires"] = ["garden-hose"]
    write_record(valid_record)
    assert load_catalog(folder, use_cache=False).get("band-bent-over-kickback").equipment == (
        "garden-hose"
    )


def test_the_cache_is_plain_json_and_a_tampered_record_in_it_is_validated_again(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    folder = write_record(valid_record)
    load_catalog(folder)
    cache_file = cache_file_for(folder)
    document = json.loads(cache_file.read_text())  # data, not code: nothing runs on reading
    document["records"][0]["difficulty"] = "expert"  # not a difficulty we have
    cache_file.write_text(json.dumps(document))
    loaded = load_catalog(folder)
    assert loaded.get("band-bent-over-kickback").difficulty == valid_record["difficulty"]
    assert json.loads(cache_file.read_text())["records"][0]["difficulty"] != "expert"


def test_an_empty_folder_is_an_error_not_an_empty_catalog(tmp_path: Path):
    with pytest.raises(CatalogError, match="holds no exercise records"):
        load_catalog(tmp_path)
