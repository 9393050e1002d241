"""What every account page shares: reading url-encoded forms, who is asking (the signed-in
user and the CSRF token their forms carry), and the answers pages give (HTML marked private,
the redirect to sign-in for pages that need a user, the refusal of a form without its token,
the signed-in redirect)."""

# Dependencies are read by FastAPI at runtime (no `from __future__ import annotations`).

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException

from forgefit.accounts import security, web_sessions
from forgefit.accounts.models import User
from forgefit.pages.account_pages import render_notice
from forgefit.pages.site import Site
from forgefit.web.deps import (
    CSRF_FIELD,
    FORM_COOKIE,
    PRIVATE,
    SESSION_COOKIE,
    Accounts,
    AccountsDep,
    cookie_options,
    session_user,
)

MAX_FORM_BYTES = 64 * 1024
SIGN_IN = "/account/signin"


async def read_form(request: Request) -> dict[str, str]:
    """The url-encoded form body as {field: last value} (a repeated field: see `raw_form`)."""
    return {key: values[-1] for key, values in (await raw_form(request)).items()}


async def raw_form(request: Request) -> dict[str, list[str]]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "That form is too large.")
    return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)


Form = Annotated[dict[str, str], Depends(read_form)]


@dataclass
class Visitor:
    """Who is asking: the signed-in user (or None), and the CSRF token their forms carry."""

    user: User | None
    csrf: str
    session_token: str | None
    new_form_cookie: str | None = None


def visitor(request: Request, accounts: AccountsDep) -> Visitor:
    user, token = session_user(request, accounts)
    if user is not None and token is not None:
        return Visitor(user, accounts.signer.csrf_token(token), token)
    binding = request.cookies.get(FORM_COOKIE)
    fresh = None
    if not binding:
        binding = fresh = security.new_token()
    return Visitor(None, accounts.signer.csrf_token(binding), None, fresh)


VisitorDep = Annotated[Visitor, Depends(visitor)]


def html_page(request: Request, body: str, who: Visitor, status: int = 200) -> HTMLResponse:
    response = HTMLResponse(body, status_code=status, headers=PRIVATE)
    if who.new_form_cookie:
        response.set_cookie(FORM_COOKIE, who.new_form_cookie, **cookie_options(request))
    return response


def to_sign_in() -> RedirectResponse:
    return RedirectResponse(SIGN_IN, status_code=303, headers=PRIVATE)


class SignInRequired(Exception):
    """A page only a signed-in user may see was asked for by someone else."""


def require_sign_in(who: Visitor) -> User:
    """The signed-in user; anyone else is sent to sign in (SignInRequired becomes to_sign_in()
    through install_sign_in_redirect). Called first in the route's body rather than used as a
    dependency, so a malformed request (a bad path parameter, an oversized form) still gets
    its own answer before the redirect, as it always has."""
    if who.user is None:
        raise SignInRequired
    return who.user


def install_sign_in_redirect(api: FastAPI) -> None:
    async def redirect(_request: Request, _error: Exception) -> RedirectResponse:
        return to_sign_in()

    api.add_exception_handler(SignInRequired, redirect)


def csrf_ok(request: Request, accounts: Accounts, who: Visitor, form: dict[str, str]) -> bool:
    binding = who.session_token or request.cookies.get(FORM_COOKIE)
    return accounts.signer.csrf_valid(binding, form.get(CSRF_FIELD))


def csrf_refused(site: Site, request: Request, who: Visitor) -> HTMLResponse:
    page = render_notice(
        site,
        "This form has expired",
        [
            "The page you sent it from is too old, or was opened in another browser. Go back, "
            "reload the page and send the form again."
        ],
    )
    return html_page(request, page, who, status=403)


def signed_in_redirect(request: Request, accounts: Accounts, token: str) -> RedirectResponse:
    response = RedirectResponse("/account", status_code=303, headers=PRIVATE)
    response.set_cookie(
        SESSION_COOKIE,
        accounts.signer.sign(token),
        max_age=int(web_sessions.SESSION_LIFETIME.total_seconds()),
        **cookie_options(request),
    )
    response.delete_cookie(FORM_COOKIE, path="/")
    return response


def as_list(value: object) -> list[Any]:
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []
