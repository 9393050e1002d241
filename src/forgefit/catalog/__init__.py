"""The exercise knowledge base: vocabularies, records, validation and the loaded catalog."""

from __future__ import annotations

from functools import lru_cache

from forgefit.catalog.index import Catalog, ExerciseFilter
from forgefit.catalog.loader import check_catalog, load_catalog
from forgefit.catalog.model import Exercise, Faq, slugify
from forgefit.catalog.validation import Problem
from forgefit.catalog.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "Catalog",
    "Exercise",
    "ExerciseFilter",
    "Faq",
    "Problem",
    "Vocabulary",
    "check_catalog",
    "default_catalog",
    "load_catalog",
    "load_vocabulary",
    "slugify",
]


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return load_catalog()
