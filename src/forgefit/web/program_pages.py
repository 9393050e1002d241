"""Your profile and saved programs on the web: the profile form, building a program from it or
from the /plan form, and each saved program's page, exports, log sheet and management."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from forgefit.accounts import AccountError, InvalidSignUpError, NotFoundError, programs
from forgefit.accounts.models import User
from forgefit.pages.program_page import render_log_sheet, render_plan_form, render_program_page
from forgefit.pages.site import Site
from forgefit.training import FieldProblem, ProfileError, Program, to_csv, to_html, to_ics
from forgefit.training import to_markdown as program_markdown
from forgefit.web.account_pages import account_page
from forgefit.web.deps import CSRF_FIELD, PRIVATE, Accounts, AccountsDep, plan_form_target
from forgefit.web.page_session import (
    MAX_FORM_BYTES,
    Form,
    VisitorDep,
    as_list,
    csrf_ok,
    csrf_refused,
    html_page,
    require_sign_in,
)
from forgefit.web.plan import EXPORT_MEDIA_TYPES, ExportFormat, form_values, profile_from_form


def build_router(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    catalog = site.catalog

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
            return account_page(site, request, accounts, who, message=str(error))
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
                    site,
                    request,
                    accounts,
                    who,
                    message=f"Unknown action {action!r} for a program.",
                )
        except InvalidSignUpError as error:
            return account_page(site, request, accounts, who, message=str(error))
        except NotFoundError:
            raise HTTPException(404) from None
        return RedirectResponse(f"/account/programs/{program_id}", status_code=303, headers=PRIVATE)

    return router
