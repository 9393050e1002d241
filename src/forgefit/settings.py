"""Settings from the environment, read in one place (CONTRACTS.md "Settings")."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """Where ForgeFit keeps its files: FORGEFIT_DATA_DIR, else the per-user data folder."""
    configured = os.environ.get("FORGEFIT_DATA_DIR")
    return Path(configured) if configured else Path(platformdirs.user_data_dir("forgefit"))


def cache_dir() -> Path:
    return data_dir() / "cache"
