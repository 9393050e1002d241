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


DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    """The public base URL used in canonical links, sitemaps and llms.txt (no trailing slash)."""
    return os.environ.get("FORGEFIT_SITE_URL", DEFAULT_SITE_URL).rstrip("/")


def cors_origins() -> list[str]:
    """Origins allowed to call the API from a browser (FORGEFIT_CORS_ORIGINS, comma-separated;
    "*" for any). Empty by default: same-origin only."""
    raw = os.environ.get("FORGEFIT_CORS_ORIGINS", "")
    return [origin.strip() for origin in raw.split(",") if origin.strip()]


def database_url() -> str:
    """FORGEFIT_DATABASE_URL, else a SQLite file in the data folder. A plain `postgresql://` URL
    is read as PostgreSQL through psycopg 3 (the driver ForgeFit installs)."""
    configured = os.environ.get("FORGEFIT_DATABASE_URL", "").strip()
    if not configured:
        return f"sqlite:///{data_dir() / 'forgefit.db'}"
    return with_postgres_driver(configured)


def with_postgres_driver(url: str) -> str:
    """`postgresql://...` -> `postgresql+psycopg://...`; other URLs unchanged."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def secret_key() -> str | None:
    """FORGEFIT_SECRET_KEY signs session cookies and form tokens. Unset: a key generated on the
    first start and kept in the database, so every server sharing that database uses it."""
    return os.environ.get("FORGEFIT_SECRET_KEY") or None
