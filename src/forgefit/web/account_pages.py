"""The account page on the web and what its forms do: favourites and exclusions, API tokens,
export of everything kept, and deletion of the account."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from forgefit.accounts import (
    BadCredentialsError,
    InvalidSignUpError,
    NotFoundError,
    TooManyAttemptsError,
    export,
    preferences,
    programs,
    tokens,
    users,
)
from forgefit.errors import UnknownExerciseError
from forgefit.pages.account_pages import render_account, render_notice
from forgefit.pages.site import Site
from forgefit.web.deps import PRIVATE, SESSION_COOKIE, Accounts, AccountsDep, client_address
from forgefit.web.page_session import (
    Form,
    Visitor,
    VisitorDep,
    csrf_ok,
    csrf_refused,
    html_page,
    require_sign_in,
)


def account_page(
    site: Site, request: Request, accounts: Accounts, who: Visitor, message: str | None = None
) -> HTMLResponse:
    """The signed-in visitor's account page; with `message`, a 422 saying what a form sent
    from it could not do."""
    user = require_sign_in(who)
    user_id = user.id
    token_rows = [
        {
            "id": t.id,
            "label": t.label,
            "prefix": t.prefix,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
        }
        for t in tokens.list_tokens(accounts.database, user_id)
    ]
    page = render_account(
        site,
        csrf=who.csrf,
        email=user.email,
        profile=programs.get_profile(accounts.database, user_id),
        programs=[p.to_dict() for p in programs.list_programs(accounts.database, user_id)],
        preferences=preferences.list_preferences(accounts.database, user_id),
        tokens=token_rows,
        message=message,
    )
    return html_page(request, page, who, status=200 if message is None else 422)


def build_router(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    catalog = site.catalog

    @router.get("/account", response_class=HTMLResponse)
    def account(request: Request, accounts: AccountsDep, who: VisitorDep) -> Response:
        require_sign_in(who)
        return account_page(site, request, accounts, who)

    # ----- favourites and exclusions --------------------------------------------------------

    @router.post("/account/preferences", response_class=HTMLResponse)
    def change_preference(
        request: Request, accounts: AccountsDep, who: VisitorDep, form: Form
    ) -> Response:
        user = require_sign_in(who)
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        kind = form.get("kind", "")
        slug = form.get("exercise", "").strip()
        if kind not in preferences.KINDS:
            return account_page(
                site, request, accounts, who, message="Choose favourite or exclude."
            )
        try:
            if form.get("action") == "remove":
                preferences.remove_preference(accounts.database, user.id, kind, slug)
            else:
                preferences.add_preference(accounts.database, catalog, user.id, kind, slug)
        except (UnknownExerciseError, NotFoundError) as error:
            return account_page(site, request, accounts, who, message=str(error))
        return RedirectResponse("/account", status_code=303, headers=PRIVATE)

    # ----- API tokens -----------------------------------------------------------------------

    @router.post("/account/tokens", response_class=HTMLResponse)
    def create_token(
        request: Request, accounts: AccountsDep, who: VisitorDep, form: Form
    ) -> Response:
        user = require_sign_in(who)
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        try:
            new = tokens.create_token(accounts.database, user.id, form.get("label", ""))
        except InvalidSignUpError as error:
            return account_page(site, request, accounts, who, message=str(error))
        page = render_notice(
            site,
            "Your new API token",
            [
                "Copy it now: this is the only time it is shown (only a hash of it is kept). "
                "Send it as the header Authorization: Bearer followed by the token.",
            ],
            secret=new.token,
        )
        return html_page(request, page, who, status=201)

    @router.post("/account/tokens/{token_id}/revoke")
    def revoke_token(
        request: Request, token_id: int, accounts: AccountsDep, who: VisitorDep, form: Form
    ) -> Response:
        user = require_sign_in(who)
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        try:
            tokens.revoke_token(accounts.database, user.id, token_id)
        except NotFoundError:
            raise HTTPException(404) from None
        return RedirectResponse("/account", status_code=303, headers=PRIVATE)

    # ----- export and deletion --------------------------------------------------------------

    @router.get("/account/export.json")
    def export_json(accounts: AccountsDep, who: VisitorDep) -> Response:
        user = require_sign_in(who)
        headers = {**PRIVATE, "content-disposition": 'attachment; filename="forgefit-export.json"'}
        return JSONResponse(export.export_user(accounts.database, user.id), headers=headers)

    @router.get("/account/export/{table}.csv")
    def export_table(table: str, accounts: AccountsDep, who: VisitorDep) -> Response:
        user = require_sign_in(who)
        try:
            body = export.export_csv(accounts.database, user.id, table)
        except NotFoundError:
            raise HTTPException(404) from None
        headers = {
            **PRIVATE,
            "content-disposition": f'attachment; filename="forgefit-{table}.csv"',
        }
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)

    def delete_confirmation(who: Visitor, problem: str | None = None) -> str:
        paragraphs = [
            "This deletes your account, profile, programs, favourites, exclusions and API "
            "tokens, on every server, at once. It cannot be undone. Download your data first "
            "if you want to keep it.",
        ]
        if problem:
            paragraphs.insert(0, problem)
        return render_notice(
            site,
            "Delete your account",
            paragraphs,
            confirm={
                "action": "/account/delete",
                "csrf": who.csrf,
                "password": True,
                "button": "Delete my account and all its data",
            },
        )

    @router.get("/account/delete", response_class=HTMLResponse)
    def delete_page(request: Request, who: VisitorDep) -> Response:
        require_sign_in(who)
        return html_page(request, delete_confirmation(who), who)

    @router.post("/account/delete", response_class=HTMLResponse)
    def delete_account(
        request: Request, accounts: AccountsDep, who: VisitorDep, form: Form
    ) -> Response:
        user = require_sign_in(who)
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        try:
            users.authenticate(
                accounts.database,
                user.email,
                form.get("password", ""),
                client_address(request),
            )
        except (BadCredentialsError, TooManyAttemptsError) as error:
            status = 429 if isinstance(error, TooManyAttemptsError) else 401
            return html_page(request, delete_confirmation(who, str(error)), who, status=status)
        users.delete_user(accounts.database, user.id)
        page = render_notice(
            site,
            "Your account is deleted",
            ["Everything it held is gone. Thank you for training with ForgeFit."],
            back_url="/exercises",
            back_text="Back to the library",
        )
        response = html_page(request, page, who)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    return router
