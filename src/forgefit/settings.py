"""Settings from the environment, read in one place (CONTRACTS.md "Settings")."""

from __future__ import annotations

import math
import os
from pathlib import Path

import platformdirs

from forgefit.errors import ForgefitError


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


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ForgefitError(f"{name} must be a whole number of at least 1 (got {raw!r}).")
    return int(raw)


def plan_workers(default: int) -> int:
    """Processes that build plans in each server worker (FORGEFIT_PLAN_WORKERS)."""
    return _positive_int("FORGEFIT_PLAN_WORKERS", default)


def plan_queue(default: int) -> int:
    """Plans that may wait for a free worker before new ones get 503 (FORGEFIT_PLAN_QUEUE)."""
    return _positive_int("FORGEFIT_PLAN_QUEUE", default)


PLAN_POOLS = ("process", "thread")


def plan_pool() -> str:
    """ "process" (the default) or "thread": how plans are built off the event loop
    (FORGEFIT_PLAN_POOL; threads exist for the load benchmark's comparison)."""
    value = os.environ.get("FORGEFIT_PLAN_POOL", "").strip() or "process"
    if value not in PLAN_POOLS:
        raise ForgefitError(f"FORGEFIT_PLAN_POOL must be process or thread (got {value!r}).")
    return value


DEFAULT_API_CACHE_MB = 16


def api_cache_bytes() -> int:
    """Memory for remembered API answers, in megabytes (FORGEFIT_API_CACHE_MB; 0 turns the
    cache off, every request is then answered afresh)."""
    name = "FORGEFIT_API_CACHE_MB"
    raw = os.environ.get(name, "").strip()
    if not raw:
        return DEFAULT_API_CACHE_MB * 1024 * 1024
    if not raw.isdigit() or int(raw) > 100_000:
        raise ForgefitError(f"{name} must be a whole number of megabytes, 0 or more (got {raw!r}).")
    return int(raw) * 1024 * 1024


def body_timeout_seconds(default: float) -> float:
    """Seconds a client has to send a request body (FORGEFIT_BODY_TIMEOUT)."""
    raw = os.environ.get("FORGEFIT_BODY_TIMEOUT", "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not 0 < value < math.inf:
        raise ForgefitError(
            f"FORGEFIT_BODY_TIMEOUT must be a number of seconds above 0 (got {raw!r})."
        )
    return value


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
