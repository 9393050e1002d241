"""Read, validate and index a catalog folder, with a compiled cache for fast start-up.

Records are read by `record_files` (bounded, refusing hostile YAML, fast for our plain
records). A validated catalog's parsed data is kept as JSON in the cache folder, keyed by a
hash of every data file's bytes and of the code that reads and validates them: editing any
record, the vocabulary or the rules invalidates it. The cache is plain data, never code (not a
pickle), and every record read from it is validated again, so a damaged or tampered cache file
can at worst slow a start-up down.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from forgefit import settings
from forgefit.catalog import model, record_files, simple_yaml, validation, vocabulary
from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.catalog.record_files import MAX_VOCABULARY_BYTES, read_yaml_file
from forgefit.catalog.validation import (
    Problem,
    RecordIdentity,
    identity_of,
    validate_links,
    validate_record,
)
from forgefit.catalog.vocabulary import DATA_DIR, VOCABULARY_FILE, Vocabulary, parse_vocabulary
from forgefit.errors import CatalogError, ForgefitError
from forgefit.files import read_bounded, write_file

_CACHE_FORMAT = b"forgefit-catalog-cache-2-json"
# The modules whose source decides what a valid, loaded catalog looks like.
_CODE_FILES = tuple(
    Path(m.__file__ or "") for m in (model, validation, vocabulary, record_files, simple_yaml)
)
_CACHE_LIMIT = 512 * 1024 * 1024


def locate(path: Path | None = None) -> tuple[Path, list[Path]]:
    """Find the vocabulary file and the record files for a catalog path.

    `path` may be a catalog folder (holding `exercises/` and optionally `vocabularies.yaml`), a
    folder of record files, or one record file. Without one of its own, the shipped vocabulary
    applies.
    """
    folder = path if path is not None else DATA_DIR
    if not folder.exists():
        raise ForgefitError(f"{folder} does not exist; give a catalog folder or a .yaml record.")
    if not folder.is_dir():
        return VOCABULARY_FILE, [folder]
    records_dir = folder / "exercises" if (folder / "exercises").is_dir() else folder
    own_vocabulary = folder / "vocabularies.yaml"
    vocab_file = own_vocabulary if own_vocabulary.is_file() else VOCABULARY_FILE
    # Names sorted as text: sorting thousands of Path objects is measurably slower.
    names = sorted(
        entry.name
        for entry in os.scandir(records_dir)
        if entry.name.endswith(".yaml") and entry.name != "vocabularies.yaml"
    )
    files = [records_dir / name for name in names]
    if not files:
        raise CatalogError(
            [],
            f"{records_dir} holds no exercise records (.yaml files); give a catalog folder, "
            "a folder of records or one record file.",
        )
    return vocab_file, files


def parse_yaml(path: Path, display_name: str) -> tuple[object, list[Problem]]:
    """Parse one YAML file; problems come back as Problems with the line, never exceptions."""
    return read_yaml_file(path, display_name)


def read_vocabulary(vocab_file: Path) -> tuple[Vocabulary | None, list[Problem]]:
    raw, problems = read_yaml_file(vocab_file, vocab_file.name, MAX_VOCABULARY_BYTES)
    if problems:
        return None, problems
    return vocabulary_from_raw(vocab_file, raw)


def vocabulary_from_raw(vocab_file: Path, raw: object) -> tuple[Vocabulary | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem(vocab_file.name, "(file)", "expected a mapping of vocabularies.")]
    try:
        return parse_vocabulary(raw), []
    except CatalogError as error:
        return None, [Problem(vocab_file.name, "(file)", str(error))]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        return None, [Problem(vocab_file.name, "(file)", f"malformed section ({error}).")]


def validate_raw(
    vocab: Vocabulary, records: list[tuple[Path, object]]
) -> tuple[list[Exercise], list[Problem]]:
    """Validate parsed records one by one and against each other."""
    problems: list[Problem] = []
    valid: list[tuple[str, Exercise]] = []
    identities: list[RecordIdentity] = []
    for path, raw in records:
        exercise, record_problems = validate_record(path.name, raw, vocab, stem=path.stem)
        problems.extend(record_problems)
        if exercise is not None:
            valid.append((path.name, exercise))
        identity = identity_of(path.name, raw)
        if identity is not None:
            identities.append(identity)
    problems.extend(validate_links(identities, valid))
    return [exercise for _, exercise in valid], problems


def read_files(
    vocab_file: Path, files: list[Path]
) -> tuple[object, list[tuple[Path, object]], list[Problem]]:
    """Parse the vocabulary and every record file; return the raw data and parse problems."""
    raw_vocab, problems = read_yaml_file(vocab_file, vocab_file.name, MAX_VOCABULARY_BYTES)
    if problems:
        return None, [], problems
    records: list[tuple[Path, object]] = []
    for path in files:
        raw, parse_problems = read_yaml_file(path, path.name)
        if parse_problems:
            problems.extend(parse_problems)
        else:
            records.append((path, raw))
    return raw_vocab, records, problems


def validate_files(
    vocab_file: Path, files: list[Path]
) -> tuple[Vocabulary | None, list[Exercise], list[Problem]]:
    """Parse and validate every file; return the valid exercises and all problems found."""
    raw_vocab, records, problems = read_files(vocab_file, files)
    if raw_vocab is None and problems:
        return None, [], problems
    vocab, vocab_problems = vocabulary_from_raw(vocab_file, raw_vocab)
    if vocab is None:
        return None, [], problems + vocab_problems
    exercises, record_problems = validate_raw(vocab, records)
    return vocab, exercises, problems + record_problems


def check_catalog(path: Path | None = None) -> list[Problem]:
    """Every problem in a catalog folder (empty when clean). Never uses the cache."""
    vocab_file, files = locate(path)
    _, _, problems = validate_files(vocab_file, files)
    return problems


def catalog_digest(vocab_file: Path, files: list[Path]) -> str:
    digest = hashlib.blake2b(_CACHE_FORMAT, digest_size=20)
    for path in (*_CODE_FILES, vocab_file, *files):
        data = path.read_bytes()
        digest.update(path.name.encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _read_cache(cache_file: Path, files: list[Path]) -> tuple[object, list[object]] | None:
    """The raw vocabulary and records stored for this exact set of files, or None."""
    try:
        document = json.loads(read_bounded(cache_file, _CACHE_LIMIT, "cache"))
    except (ForgefitError, ValueError, RecursionError):
        return None  # missing, damaged or foreign: rebuilt, never trusted
    if not isinstance(document, dict):
        return None
    names, records = document.get("files"), document.get("records")
    if names != [path.name for path in files] or not isinstance(records, list):
        return None
    if len(records) != len(files):
        return None
    return document.get("vocabulary"), records


def _write_cache(cache_file: Path, raw_vocab: object, records: list[tuple[Path, object]]) -> None:
    """A read-only or full disk only costs speed, so errors are ignored."""
    document = {
        "files": [path.name for path, _ in records],
        "vocabulary": raw_vocab,
        "records": [raw for _, raw in records],
    }
    with contextlib.suppress(ForgefitError, OSError, TypeError, ValueError):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_file(cache_file, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        for old in cache_file.parent.glob("catalog-*.pickle"):  # our own earlier format
            old.unlink(missing_ok=True)


def load_catalog(path: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """Load and index a catalog; raise CatalogError listing every problem if it is invalid."""
    vocab_file, files = locate(path)
    cache_file = None
    if use_cache:
        key = catalog_digest(vocab_file, files)
        cache_file = settings.cache_dir() / f"catalog-{key}.json"
        cached = _read_cache(cache_file, files)
        if cached is not None:
            raw_vocab, raw_records = cached
            vocab, problems = vocabulary_from_raw(vocab_file, raw_vocab)
            if vocab is not None:
                exercises, problems = validate_raw(
                    vocab, list(zip(files, raw_records, strict=True))
                )
                if not problems:
                    return Catalog(vocab, exercises)
    raw_vocab, records, problems = read_files(vocab_file, files)
    if raw_vocab is None and problems:
        raise CatalogError(problems)
    vocab, vocab_problems = vocabulary_from_raw(vocab_file, raw_vocab)
    problems += vocab_problems
    if vocab is None:
        raise CatalogError(problems)
    exercises, record_problems = validate_raw(vocab, records)
    problems += record_problems
    if problems:
        raise CatalogError(problems)
    if cache_file is not None:
        _write_cache(cache_file, raw_vocab, records)
    return Catalog(vocab, exercises)
