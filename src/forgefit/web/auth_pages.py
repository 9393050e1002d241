"""Signing in and out on the web: the sign-in and sign-up pages and forms, and sign-out.

Every form is a POST carrying a CSRF token bound to the browser's session (or, before sign-in,
to a random form cookie); cookies are HttpOnly and SameSite=Lax. Routes are plain `def`s
(FastAPI runs them in its thread pool) and stay thin: the work is in `forgefit.accounts`."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from forgefit.accounts import (
    BadCredentialsError,
    EmailTakenError,
    InvalidSignUpError,
    TooManyAttemptsError,
    users,
    web_sessions,
)
from forgefit.pages.account_pages import render_sign_in, render_sign_up
from forgefit.pages.site import Site
from forgefit.web.deps import PRIVATE, SESSION_COOKIE, AccountsDep, client_address
from forgefit.web.page_session import (
    Form,
    VisitorDep,
    csrf_ok,
    csrf_refused,
    html_page,
    signed_in_redirect,
    to_sign_in,
)


def build_router(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    # ----- signing in and out ---------------------------------------------------------------

    @router.get("/account/signin", response_class=HTMLResponse)
    def sign_in_page(request: Request, who: VisitorDep) -> Response:
        if who.user is not None:
            return RedirectResponse("/account", status_code=303)
        return html_page(request, render_sign_in(site, who.csrf), who)

    @router.post("/account/signin", response_class=HTMLResponse)
    def sign_in(request: Request, accounts: AccountsDep, who: VisitorDep, form: Form) -> Response:
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        email = form.get("email", "")
        try:
            signed_in = users.sign_in(
                accounts.database, email, form.get("password", ""), client_address(request)
            )
        except TooManyAttemptsError as error:
            response = html_page(
                request, render_sign_in(site, who.csrf, email, str(error)), who, 429
            )
            response.headers["retry-after"] = str(error.retry_after)
            return response
        except BadCredentialsError as error:
            return html_page(request, render_sign_in(site, who.csrf, email, str(error)), who, 401)
        session_token = web_sessions.start_session(
            accounts.database, signed_in.user.id, sign_in=signed_in
        )
        return signed_in_redirect(request, accounts, session_token)

    @router.get("/account/signup", response_class=HTMLResponse)
    def sign_up_page(request: Request, who: VisitorDep) -> Response:
        if who.user is not None:
            return RedirectResponse("/account", status_code=303)
        return html_page(request, render_sign_up(site, who.csrf), who)

    @router.post("/account/signup", response_class=HTMLResponse)
    def sign_up(request: Request, accounts: AccountsDep, who: VisitorDep, form: Form) -> Response:
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        email = form.get("email", "")
        try:
            user = users.create_user(accounts.database, email, form.get("password", ""))
        except EmailTakenError as error:
            return html_page(request, render_sign_up(site, who.csrf, email, str(error)), who, 409)
        except InvalidSignUpError as error:
            return html_page(request, render_sign_up(site, who.csrf, email, str(error)), who, 422)
        return signed_in_redirect(
            request, accounts, web_sessions.start_session(accounts.database, user.id)
        )

    @router.post("/account/signout")
    def sign_out(request: Request, accounts: AccountsDep, who: VisitorDep, form: Form) -> Response:
        if who.session_token is None:
            return to_sign_in()
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        web_sessions.end_session(accounts.database, who.session_token)
        response = RedirectResponse("/exercises", status_code=303, headers=PRIVATE)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    return router
