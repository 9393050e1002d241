"""Account pages as HTML: sign in, sign up, the account overview and notices. Plain data in,
HTML out (no database here; web/account_pages.py and web/auth_pages.py fetch and pass the data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from forgefit.pages import urls
from forgefit.pages.site import Site

EXPORT_TABLES = (
    "account",
    "profile",
    "programs",
    "favourites",
    "exclusions",
    "tokens",
    "workouts",
    "sets",
)


def _page(site: Site, template: str, title: str, **context: Any) -> str:
    return site.render_template(
        template,
        title=title,
        meta_description=f"{title} on ForgeFit.",
        canonical=None,
        robots="noindex",
        **context,
    )


def render_sign_in(site: Site, csrf: str, email: str = "", error: str | None = None) -> str:
    return _page(
        site,
        "account_sign.html",
        "Sign in",
        heading="Sign in",
        lede="Sign in to keep your programs, profile and favourite exercises.",
        action="/account/signin",
        submit="Sign in",
        new_password=False,
        csrf=csrf,
        email=email,
        error=error,
        other_text="New here?",
        other_url="/account/signup",
        other_link="Create an account",
    )


def render_sign_up(site: Site, csrf: str, email: str = "", error: str | None = None) -> str:
    return _page(
        site,
        "account_sign.html",
        "Create an account",
        heading="Create an account",
        lede="An account keeps your programs and answers. Only your email and a hash of your "
        "password are stored; you can download or delete everything at any time.",
        action="/account/signup",
        submit="Create my account",
        new_password=True,
        csrf=csrf,
        email=email,
        error=error,
        other_text="Already have an account?",
        other_url="/account/signin",
        other_link="Sign in",
    )


def profile_summary(profile: Mapping[str, Any] | None) -> str:
    """One sentence for the account page. Injuries are counted, not named, so the page says
    nothing about them to someone looking over a shoulder."""
    if not profile:
        return "No profile yet: your answers to the plan builder's questions."
    injuries = profile.get("injuries") or []
    parts = [
        f"{str(profile.get('goal', '?')).replace('-', ' ')}",
        f"{profile.get('experience', '?')}",
        f"{profile.get('days_per_week', '?')} days a week",
        f"{profile.get('minutes_per_session', '?')} minutes a session",
    ]
    if profile.get("preset"):
        parts.append(f"equipment: {str(profile['preset']).replace('-', ' ')}")
    if injuries:
        parts.append(f"{len(injuries)} joint{'s' if len(injuries) != 1 else ''} to protect")
    return "Saved: " + ", ".join(parts) + "."


def render_account(
    site: Site,
    *,
    csrf: str,
    email: str,
    profile: Mapping[str, Any] | None,
    programs: Sequence[Mapping[str, Any]],
    preferences: Mapping[str, Sequence[str]],
    tokens: Sequence[Mapping[str, Any]],
    message: str | None = None,
) -> str:
    names = {e.slug: e.name for e in site.catalog.exercises}

    def items(slugs: Sequence[str]) -> list[dict[str, str]]:
        return [
            {"slug": slug, "name": names.get(slug, slug), "url": urls.exercise(slug)}
            for slug in slugs
        ]

    return _page(
        site,
        "account.html",
        "Your account",
        csrf=csrf,
        email=email,
        message=message,
        has_profile=profile is not None,
        profile_summary=profile_summary(profile),
        programs=programs,
        preference_lists=[
            ("favourites", "Favourites", items(preferences.get("favourites", []))),
            ("exclusions", "Never use", items(preferences.get("exclusions", []))),
        ],
        tokens=tokens,
        export_tables=EXPORT_TABLES,
    )


def render_notice(
    site: Site,
    heading: str,
    paragraphs: Sequence[str],
    *,
    secret: str | None = None,
    confirm: Mapping[str, Any] | None = None,
    back_url: str = "/account",
    back_text: str = "Back to your account",
) -> str:
    return _page(
        site,
        "account_notice.html",
        heading,
        heading=heading,
        paragraphs=paragraphs,
        secret=secret,
        confirm=confirm,
        back_url=back_url,
        back_text=back_text,
    )
