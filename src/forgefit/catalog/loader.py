"""Read, validate and index a catalog folder, with a compiled cache for fast start-up.

Parsing thousands of YAML files is the slow part of start-up, so a validated catalog is kept as
a pickle in the cache folder, keyed by a hash of every data file's bytes and of the code that
validates them: editing any record, the vocabulary or the validation rules invalidates it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import yaml

from forgefit import settings
from forgefit.catalog import model, validation, vocabulary
from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.catalog.validation import (
    Problem,
    RecordIdentity,
    identity_of,
    validate_links,
    validate_record,
)
from forgefit.catalog.vocabulary import DATA_DIR, VOCABULARY_FILE, Vocabulary, parse_vocabulary
from forgefit.errors import CatalogError, ForgefitError

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE_FORMAT = b"forgefit-catalog-cache-1"
# The modules whose source decides what a valid, loaded catalog looks like.
_CODE_FILES = tuple(Path(m.__file__ or "") for m in (model, validation, vocabulary))


def locate(path: Path | None = None) -> tuple[Path, list[Path]]:
    """Find the vocabulary file and the record files for a catalog path.

    `path` may be a catalog folder (holding `exercises/` and optionally `vocabularies.yaml`), a
    folder of record files, or one record file. Without one of its own, the shipped vocabulary
    applies.
    """
    folder = path if path is not None else DATA_DIR
    if not folder.exists():
        raise ForgefitError(f"{folder} does not exist; give a catalog folder or a .yaml record.")
    if folder.is_file():
        return VOCABULARY_FILE, [folder]
    records_dir = folder / "exercises" if (folder / "exercises").is_dir() else folder
    own_vocabulary = folder / "vocabularies.yaml"
    vocab_file = own_vocabulary if own_vocabulary.is_file() else VOCABULARY_FILE
    files = sorted(p for p in records_dir.glob("*.yaml") if p.name != "vocabularies.yaml")
    return vocab_file, files


def parse_yaml(path: Path, display_name: str) -> tuple[object, list[Problem]]:
    """Parse one YAML file; syntax errors become a Problem with the line, never an exception."""
    try:
        return yaml.load(path.read_bytes(), Loader=_YAML_LOADER), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = error.problem or error.context or "invalid YAML"
        message = f"{where}{reason}; fix the YAML syntax."
        return None, [Problem(display_name, "yaml", message)]
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        return None, [Problem(display_name, "yaml", f"cannot be read as YAML ({error}).")]
    except OSError as error:
        return None, [Problem(display_name, "file", f"cannot be read ({error.strerror}).")]


def read_vocabulary(vocab_file: Path) -> tuple[Vocabulary | None, list[Problem]]:
    raw, problems = parse_yaml(vocab_file, vocab_file.name)
    if problems:
        return None, problems
    if not isinstance(raw, dict):
        return None, [Problem(vocab_file.name, "(file)", "expected a mapping of vocabularies.")]
    try:
        return parse_vocabulary(raw), []
    except CatalogError as error:
        return None, [Problem(vocab_file.name, "(file)", str(error))]
    except (KeyError, TypeError, AttributeError) as error:
        return None, [Problem(vocab_file.name, "(file)", f"malformed section ({error}).")]


def validate_files(
    vocab_file: Path, files: list[Path]
) -> tuple[Vocabulary | None, list[Exercise], list[Problem]]:
    """Parse and validate every file; return the valid exercises and all problems found."""
    vocab, problems = read_vocabulary(vocab_file)
    if vocab is None:
        return None, [], problems
    valid: list[tuple[str, Exercise]] = []
    identities: list[RecordIdentity] = []
    for path in files:
        raw, parse_problems = parse_yaml(path, path.name)
        if parse_problems:
            problems.extend(parse_problems)
            continue
        exercise, record_problems = validate_record(path.name, raw, vocab, stem=path.stem)
        problems.extend(record_problems)
        if exercise is not None:
            valid.append((path.name, exercise))
        identity = identity_of(path.name, raw)
        if identity is not None:
            identities.append(identity)
    problems.extend(validate_links(identities, valid))
    return vocab, [exercise for _, exercise in valid], problems


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


def _read_cache(cache_file: Path) -> tuple[Vocabulary, list[Exercise]] | None:
    try:
        with cache_file.open("rb") as handle:
            payload = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt or foreign cache file is rebuilt, never trusted
        return None
    if not (isinstance(payload, tuple) and len(payload) == 2):
        return None
    vocab, exercises = payload
    if isinstance(vocab, Vocabulary) and isinstance(exercises, list):
        return vocab, exercises
    return None


def _write_cache(cache_file: Path, vocab: Vocabulary, exercises: list[Exercise]) -> None:
    """Write atomically; a read-only or full disk only costs speed, so errors are ignored."""
    with contextlib.suppress(OSError):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=cache_file.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((vocab, exercises), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp_name, cache_file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise


def load_catalog(path: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """Load and index a catalog; raise CatalogError listing every problem if it is invalid."""
    vocab_file, files = locate(path)
    cache_file = None
    if use_cache:
        key = catalog_digest(vocab_file, files)
        cache_file = settings.cache_dir() / f"catalog-{key}.pickle"
        cached = _read_cache(cache_file)
        if cached is not None:
            return Catalog(*cached)
    vocab, exercises, problems = validate_files(vocab_file, files)
    if problems or vocab is None:
        raise CatalogError(problems)
    if cache_file is not None:
        _write_cache(cache_file, vocab, exercises)
    return Catalog(vocab, exercises)
