"""Account pages on the web: sign up, sign in, sign out, the account page, profile, saved
programs, favourites and exclusions, tokens, export and deletion.

Every form is a POST carrying a CSRF token bound to the browser's session (or, before sign-in,
to a random form cookie); cookies are HttpOnly and SameSite=Lax. Routes are plain `def`s
(FastAPI runs them in its thread pool) and stay thin: the work is in `forgefit.accounts`."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from forgefit.accounts import (
    AccountError,
    BadCredentialsError,
    EmailTakenError,
    InvalidSignUpError,
    NotFoundError,
    TooManyAttemptsError,
    export,
    preferences,
    programs,
    tokens,
    users,
    web_sessions,
)
from forgefit.accounts.models import User
from forgefit.errors import UnknownExerciseError
from forgefit.pages.account_pages import (
    render_account,
    render_notice,
    render_sign_in,
    render_sign_up,
)
from forgefit.pages.program_page import render_log_sheet, render_plan_form, render_program_page
from forgefit.pages.site import Site
from forgefit.training import FieldProblem, ProfileError, Program, to_csv, to_html, to_ics
from forgefit.training import to_markdown as program_markdown
from forgefit.web.deps import (
    CSRF_FIELD,
    PRIVATE,
    SESSION_COOKIE,
    Accounts,
    AccountsDep,
    client_address,
    plan_form_target,
)
from forgefit.web.page_session import (
    MAX_FORM_BYTES,
    Form,
    Visitor,
    VisitorDep,
    as_list,
    csrf_ok,
    csrf_refused,
    html_page,
    require_sign_in,
    signed_in_redirect,
    to_sign_in,
)
from forgefit.web.plan import EXPORT_MEDIA_TYPES, ExportFormat, form_values, profile_from_form


def build_router(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    catalog = site.catalog

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
            user = users.authenticate(
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
        return signed_in_redirect(
            request, accounts, web_sessions.start_session(accounts.database, user.id)
        )

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

    # ----- the account page -----------------------------------------------------------------

    def account_page(
        request: Request, accounts: Accounts, who: Visitor, message: str | None = None
    ) -> HTMLResponse:
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

    @router.get("/account", response_class=HTMLResponse)
    def account(request: Request, accounts: AccountsDep, who: VisitorDep) -> Response:
        require_sign_in(who)
        return account_page(request, accounts, who)

    # ----- profile and programs -------------------------------------------------------------

    profile_form: dict[str, Any] = {
        "form_action": "/account/profile",
        "form_method": "post",
        "heading": "Your profile",
        "lede": "Your answers to the plan builder's questions, kept for the programs you build. "
        "Joints to protect are stored with your account, never put in a web address.",
        "submit_label": "Save my profile",
        "hide_presets": True,
    }

    def stored_form_values(profile: dict[str, Any] | None) -> dict[str, Any] | None:
        if profile is None:
            return None
        values = dict(profile)
        injuries: dict[str, str] = {}
        for item in as_list(profile.get("injuries")):
            if isinstance(item, str):
                injuries[item] = "mild"
            elif isinstance(item, dict) and "joint" in item:
                injuries[str(item["joint"])] = str(item.get("severity", "mild"))
        values["injuries"] = injuries
        for key in ("exclude", "favourites"):
            values[key] = ", ".join(str(s) for s in as_list(profile.get(key)))
        values.setdefault("equipment", [])
        values.setdefault("focus", [])
        return values

    @router.get("/account/profile", response_class=HTMLResponse)
    def profile_page(request: Request, accounts: AccountsDep, who: VisitorDep) -> Response:
        user = require_sign_in(who)
        values = stored_form_values(programs.get_profile(accounts.database, user.id))
        page = render_plan_form(site, values, csrf=who.csrf, **profile_form)
        return html_page(request, page, who)

    async def plan_form_body(request: Request) -> str:
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(413, "That form is too large.")
        return body.decode("utf-8", "replace")

    PlanForm = Annotated[str, Depends(plan_form_body)]

    def profile_problems(error: ProfileError) -> list[FieldProblem]:
        changes = getattr(error, "changes", None) or []
        return [*error.problems, *(FieldProblem("what would help", c) for c in changes)]

    @router.post("/account/profile", response_class=HTMLResponse)
    def save_profile(
        request: Request, accounts: AccountsDep, who: VisitorDep, body: PlanForm
    ) -> Response:
        user = require_sign_in(who)
        form = QueryParams(body)
        if not csrf_ok(request, accounts, who, {CSRF_FIELD: form.get(CSRF_FIELD, "")}):
            return csrf_refused(site, request, who)
        values = form_values(form)
        try:
            programs.save_profile(accounts.database, catalog, user.id, profile_from_form(values))
        except ProfileError as error:
            page = render_plan_form(
                site, values, profile_problems(error), csrf=who.csrf, **profile_form
            )
            return html_page(request, page, who, status=422)
        return RedirectResponse("/account", status_code=303, headers=PRIVATE)

    @router.post("/account/programs/new", response_class=HTMLResponse)
    def build_from_plan_form(
        request: Request, accounts: AccountsDep, who: VisitorDep, body: PlanForm
    ) -> Response:
        """The /plan form of a signed-in person: keep the answers as the profile, build the
        program, save it as current and show it."""
        user = require_sign_in(who)
        form = QueryParams(body)
        if not csrf_ok(request, accounts, who, {CSRF_FIELD: form.get(CSRF_FIELD, "")}):
            return csrf_refused(site, request, who)
        values = form_values(form)
        profile = profile_from_form(values)
        name = form.get("name", "").strip() or None
        try:
            programs.save_profile(accounts.database, catalog, user.id, profile)
            row = programs.create_program(accounts.database, catalog, user.id, profile, name)
        except ProfileError as error:
            target = plan_form_target(request, accounts)
            page = render_plan_form(site, values, profile_problems(error), **target)
            return html_page(request, page, who, status=422)
        except InvalidSignUpError as error:
            target = plan_form_target(request, accounts)
            problems = [FieldProblem(error.field, str(error))]
            page = render_plan_form(site, values, problems, **target)
            return html_page(request, page, who, status=422)
        return RedirectResponse(f"/account/programs/{row.id}", status_code=303, headers=PRIVATE)

    @router.post("/account/programs", response_class=HTMLResponse)
    def build_from_profile(
        request: Request, accounts: AccountsDep, who: VisitorDep, form: Form
    ) -> Response:
        user = require_sign_in(who)
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        try:
            row = programs.create_program(
                accounts.database, catalog, user.id, None, form.get("name", "").strip() or None
            )
        except (AccountError, ProfileError) as error:
            return account_page(request, accounts, who, message=str(error))
        return RedirectResponse(f"/account/programs/{row.id}", status_code=303, headers=PRIVATE)

    def owned_program(accounts: Accounts, user: User, program_id: int) -> Any:
        try:
            return programs.get_program(accounts.database, user.id, program_id)
        except NotFoundError:
            raise HTTPException(404) from None

    @router.get("/account/programs/{program_id}.{export}")
    def saved_program_export(
        program_id: int, export: ExportFormat, accounts: AccountsDep, who: VisitorDep
    ) -> Response:
        user = require_sign_in(who)
        row = owned_program(accounts, user, program_id)
        if export is ExportFormat.json:
            return JSONResponse(programs.program_document(row), headers=PRIVATE)
        program = Program.model_validate(row.program)
        render = {
            ExportFormat.csv: to_csv,
            ExportFormat.ics: to_ics,
            ExportFormat.md: program_markdown,
            ExportFormat.html: to_html,
        }[export]
        headers = dict(PRIVATE)
        if export is not ExportFormat.html:
            headers["content-disposition"] = (
                f'attachment; filename="forgefit-program-{program_id}.{export}"'
            )
        return Response(render(program), media_type=EXPORT_MEDIA_TYPES[export], headers=headers)

    @router.get("/account/programs/{program_id}", response_class=HTMLResponse)
    def saved_program(
        request: Request, program_id: int, accounts: AccountsDep, who: VisitorDep
    ) -> Response:
        user = require_sign_in(who)
        row = owned_program(accounts, user, program_id)
        base = f"/account/programs/{program_id}"
        saved = {
            "name": row.name,
            "current": row.is_current,
            "csrf": who.csrf,
            "manage_url": base,
            "export_urls": {fmt.value: f"{base}.{fmt.value}" for fmt in ExportFormat},
            "edit_url": "/account/profile",
            "log_sheet_url": f"{base}/log-sheet",
        }
        program = Program.model_validate(row.program)
        return html_page(request, render_program_page(site, program, "", saved=saved), who)

    @router.get("/account/programs/{program_id}/log-sheet", response_class=HTMLResponse)
    def saved_program_log_sheet(
        request: Request, program_id: int, accounts: AccountsDep, who: VisitorDep
    ) -> Response:
        user = require_sign_in(who)
        row = owned_program(accounts, user, program_id)
        program = Program.model_validate(row.program)
        return html_page(request, render_log_sheet(site, program, row.name), who)

    @router.post("/account/programs/{program_id}", response_class=HTMLResponse)
    def manage_program(
        request: Request, program_id: int, accounts: AccountsDep, who: VisitorDep, form: Form
    ) -> Response:
        user = require_sign_in(who)
        if not csrf_ok(request, accounts, who, form):
            return csrf_refused(site, request, who)
        owned_program(accounts, user, program_id)
        action = form.get("action", "")
        try:
            if action == "rename":
                programs.update_program(
                    accounts.database, user.id, program_id, name=form.get("name", "")
                )
            elif action == "current":
                programs.update_program(accounts.database, user.id, program_id, current=True)
            elif action == "delete":
                programs.delete_program(accounts.database, user.id, program_id)
                return RedirectResponse("/account", status_code=303, headers=PRIVATE)
            else:
                return account_page(
                    request, accounts, who, message=f"Unknown action {action!r} for a program."
                )
        except InvalidSignUpError as error:
            return account_page(request, accounts, who, message=str(error))
        except NotFoundError:
            raise HTTPException(404) from None
        return RedirectResponse(f"/account/programs/{program_id}", status_code=303, headers=PRIVATE)

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
            return account_page(request, accounts, who, message="Choose favourite or exclude.")
        try:
            if form.get("action") == "remove":
                preferences.remove_preference(accounts.database, user.id, kind, slug)
            else:
                preferences.add_preference(accounts.database, catalog, user.id, kind, slug)
        except (UnknownExerciseError, NotFoundError) as error:
            return account_page(request, accounts, who, message=str(error))
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
            return account_page(request, accounts, who, message=str(error))
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
