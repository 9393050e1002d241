"""The history and progress pages on the web. Thin: the numbers come from
`forgefit.accounts.progress_store` (as the JSON API's do) and `forgefit.pages.progress_pages`
turns them into HTML."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from forgefit.accounts import InvalidSignUpError, NotFoundError, progress_store
from forgefit.pages.account_pages import render_notice
from forgefit.pages.progress_pages import render_history, render_progress
from forgefit.pages.site import Site
from forgefit.web.deps import PRIVATE, AccountsDep
from forgefit.web.page_session import VisitorDep, require_sign_in
from forgefit.web.progress_api import today_utc


def build_router(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    catalog = site.catalog

    @router.get("/account/programs/{program_id}/history", response_class=HTMLResponse)
    def history_page(program_id: int, accounts: AccountsDep, who: VisitorDep) -> Response:
        user = require_sign_in(who)
        try:
            history = progress_store.program_history(
                accounts.database, catalog, user.id, program_id, today_utc()
            )
        except NotFoundError:
            raise HTTPException(404) from None
        except progress_store.UnreadableProgramError as error:
            page = render_notice(site, "This program cannot be read", [str(error)])
            return HTMLResponse(page, status_code=400, headers=PRIVATE)
        return HTMLResponse(render_history(site, history), headers=PRIVATE)

    @router.get("/account/progress", response_class=HTMLResponse)
    def progress_page(
        accounts: AccountsDep,
        who: VisitorDep,
        exercise: Annotated[str | None, Query(max_length=100)] = None,
    ) -> Response:
        user = require_sign_in(who)
        chosen = exercise or None
        try:
            progress = progress_store.progress(
                accounts.database, catalog, user.id, today_utc(), chosen
            )
        except InvalidSignUpError as error:
            page = render_notice(
                site,
                "No such exercise",
                [str(error)],
                back_url="/account/progress",
                back_text="Back to your progress",
            )
            return HTMLResponse(page, status_code=404, headers=PRIVATE)
        choices = progress_store.weighted_exercises(accounts.database, catalog, user.id)
        page = render_progress(site, progress, exercise_choices=choices, chosen=chosen)
        return HTMLResponse(page, headers=PRIVATE)

    return router
