"""Render pages as Markdown, section for section as the reference page lays them out."""

from __future__ import annotations

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.pages import urls
from forgefit.pages.exercise_page import ExercisePage, Link, build_exercise_page

CALL_TO_ACTION = "Get a personalized workout plan with the [ForgeFit plan builder]({url})."


def _link(link: Link) -> str:
    return f"[{link.text}]({link.url})"


def exercise_page_markdown(page: ExercisePage) -> str:
    lines = [f"# {page.title}", "", "## Quick answer", "", page.quick_answer, ""]
    lines += [f"- **{label}:** {value}" for label, value in page.attributes]
    lines += ["", "---", "", "## How to perform", ""]
    lines += [f"{number}. {step}" for number, step in enumerate(page.instructions, start=1)]
    lines += ["", "## Pro tips", ""]
    lines += [f"- {tip}" for tip in page.tips]
    lines += ["", "## Common mistakes", ""]
    lines += [f"- {mistake}" for mistake in page.mistakes]
    lines += ["", "## FAQ", ""]
    for faq in page.faqs:
        lines += [f"### {faq.question}", "", faq.answer, ""]
        if faq.links:
            lines += [f"- {_link(link)}" for link in faq.links] + [""]
    lines += ["## Related exercises", ""]
    lines += [f"- {_link(link)}" for link in (*page.hub_links, *page.related)]
    if page.easier:
        lines.append(f"- Easier: {', '.join(_link(link) for link in page.easier)}")
    if page.harder:
        lines.append(f"- Harder: {', '.join(_link(link) for link in page.harder)}")
    lines += ["", "---", "", CALL_TO_ACTION.format(url=urls.PLAN_BUILDER), ""]
    return "\n".join(lines)


def render_exercise_markdown(catalog: Catalog, exercise: Exercise) -> str:
    return exercise_page_markdown(build_exercise_page(catalog, exercise))
