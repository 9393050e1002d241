"""What account routes share: the database, the current user (API token or session cookie), CSRF
checks, cookies, and the mapping from account errors to HTTP answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from forgefit import settings
from forgefit.accounts import security, tokens, web_sessions
from forgefit.accounts.app_secrets import signing_key
from forgefit.accounts.db import Database
from forgefit.accounts.errors import (
    AccountError,
    BadCredentialsError,
    EmailTakenError,
    InvalidSignUpError,
    NoProfileError,
    NotFoundError,
    StorageError,
    TooManyAttemptsError,
)
from forgefit.accounts.models import User
from forgefit.accounts.today_cache import TodayCache
from forgefit.catalog import Catalog
from forgefit.errors import UnknownExerciseError
from forgefit.training import ProfileError

SESSION_COOKIE = "forgefit_session"
# Binds the sign-in and sign-up forms' CSRF token to a browser before it has a session.
FORM_COOKIE = "forgefit_form"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRIVATE = {"cache-control": "no-store"}


@dataclass
class Accounts:
    """Per-process account services; nothing here is state another server lacks."""

    database: Database
    catalog: Catalog
    # Each user's Today document until their stored data changes (checked on every request).
    today_cache: TodayCache = field(default_factory=TodayCache)

    @cached_property
    def signer(self) -> security.Signer:
        return security.Signer(signing_key(self.database))


class NotSignedInError(AccountError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "Sign in first: send `Authorization: Bearer <token>` (create a token with "
            "POST /api/v1/tokens and your email and password)."
        )


class CsrfError(AccountError):
    def __init__(self) -> None:
        super().__init__(
            "This request is missing its form token (CSRF protection). Reload the page and try "
            "again; scripts should use an API token instead of the browser's cookie."
        )


def accounts_of(request: Request) -> Accounts:
    accounts: Accounts = request.app.state.accounts
    return accounts


async def get_accounts(request: Request) -> Accounts:
    """Async on purpose: no I/O, so it runs on the event loop without a thread hop."""
    return accounts_of(request)


AccountsDep = Annotated[Accounts, Depends(get_accounts)]


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def session_token(request: Request, accounts: Accounts) -> str | None:
    """The verified session token from the cookie (None when absent or not signed by us)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    return accounts.signer.unsign(cookie) if cookie else None


def session_user(request: Request, accounts: Accounts) -> tuple[User | None, str | None]:
    token = session_token(request, accounts)
    if token is None:
        return None, None
    return web_sessions.user_for_session(accounts.database, token), token


def api_user(request: Request, accounts: AccountsDep) -> User:
    """The user behind a bearer token, or behind the browser's session cookie (then unsafe
    methods also need the X-CSRF-Token header, so another site cannot act as the user)."""
    scheme, _, credential = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credential.strip():
        user = tokens.user_for_token(accounts.database, credential.strip())
        if user is None:
            raise NotSignedInError(
                "That API token is not valid: it was revoked, mistyped, or its account was "
                "deleted. Create a new one with POST /api/v1/tokens."
            )
        return user
    user, token = session_user(request, accounts)
    if user is None or token is None:
        raise NotSignedInError()
    if request.method not in SAFE_METHODS and not accounts.signer.csrf_valid(
        token, request.headers.get(CSRF_HEADER)
    ):
        raise CsrfError()
    return user


CurrentUser = Annotated[User, Depends(api_user)]


def plan_form_target(request: Request, accounts: Accounts) -> dict[str, Any]:
    """For /plan: a signed-in person's form posts to their account (injuries stay out of
    URLs); everyone else's is the usual GET form. Empty for visitors."""
    if SESSION_COOKIE not in request.cookies:
        return {}
    user, token = session_user(request, accounts)
    if user is None or token is None:
        return {}
    return {
        "form_action": "/account/programs/new",
        "form_method": "post",
        "csrf": accounts.signer.csrf_token(token),
        "name_field": True,
        "submit_label": "Build and save my program",
    }


def cookie_secure(request: Request) -> bool:
    """Secure cookies when the browser talks HTTPS (directly, or as the public site URL says)."""
    return request.url.scheme == "https" or settings.site_url().startswith("https://")


def cookie_options(request: Request) -> dict[str, Any]:
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": cookie_secure(request),
        "path": "/",
    }


def _problem(field: str, message: str) -> dict[str, Any]:
    return {"detail": [{"parameter": field, "in": "body", "message": message}]}


def account_error_response(error: Exception) -> JSONResponse:
    """The JSON answer for an account error (the API's documented statuses)."""
    if isinstance(error, NotSignedInError):
        return JSONResponse(
            {"detail": str(error)}, status_code=401, headers={"www-authenticate": "Bearer"}
        )
    if isinstance(error, BadCredentialsError):
        return JSONResponse({"detail": str(error)}, status_code=401)
    if isinstance(error, TooManyAttemptsError):
        return JSONResponse(
            {"detail": str(error)},
            status_code=429,
            headers={"retry-after": str(error.retry_after)},
        )
    if isinstance(error, CsrfError):
        return JSONResponse({"detail": str(error)}, status_code=403)
    if isinstance(error, EmailTakenError):
        return JSONResponse(_problem("email", str(error)), status_code=409)
    if isinstance(error, InvalidSignUpError):
        return JSONResponse(_problem(error.field, str(error)), status_code=422)
    if isinstance(error, NoProfileError):
        return JSONResponse(_problem("profile", str(error)), status_code=422)
    if isinstance(error, NotFoundError):
        return JSONResponse({"detail": str(error)}, status_code=404, headers=PRIVATE)
    if isinstance(error, ProfileError):
        problems = [
            {
                "parameter": f"profile.{p.field}" if p.field else "profile",
                "in": "body",
                "message": p.message,
                "allowed": list(p.allowed),
            }
            for p in error.problems
        ]
        return JSONResponse({"detail": problems}, status_code=422)
    if isinstance(error, UnknownExerciseError):
        return JSONResponse(
            {"detail": str(error), "suggestions": error.suggestions}, status_code=404
        )
    if isinstance(error, StorageError):
        return JSONResponse({"detail": str(error)}, status_code=503)
    return JSONResponse({"detail": str(error)}, status_code=400)


def install_error_handlers(api: FastAPI) -> None:
    async def handle(_request: Request, error: Exception) -> JSONResponse:
        return account_error_response(error)

    for error_type in (AccountError, StorageError):
        api.add_exception_handler(error_type, handle)
