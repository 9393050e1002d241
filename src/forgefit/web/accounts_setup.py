"""Plug accounts into the web app: the database, error answers, the API and the pages."""

from __future__ import annotations

from fastapi import FastAPI

from forgefit.accounts import Database
from forgefit.pages.site import Site
from forgefit.web import (
    account_pages,
    accounts_api,
    auth_pages,
    program_pages,
    progress_api,
    progress_pages,
    today_api,
    today_pages,
    workouts_api,
)
from forgefit.web.deps import Accounts, install_error_handlers
from forgefit.web.page_session import install_sign_in_redirect


def install_accounts(api: FastAPI, site: Site, database: Database | None = None) -> None:
    """Connects lazily: the database is first touched by the first account request (the
    server runs migrations before that, see web/server.py)."""
    api.state.accounts = Accounts(database or Database.connect(), site.catalog)
    install_error_handlers(api)
    install_sign_in_redirect(api)
    api.include_router(accounts_api.build_router(site.catalog))
    api.include_router(workouts_api.build_router(site.catalog))
    api.include_router(today_api.build_router(site.catalog))
    api.include_router(progress_api.build_router(site.catalog))
    api.include_router(auth_pages.build_router(site))
    api.include_router(account_pages.build_router(site))
    api.include_router(program_pages.build_router(site))
    api.include_router(today_pages.build_router(site))
    api.include_router(progress_pages.build_router(site))
