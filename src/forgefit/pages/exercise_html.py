"""An exercise's HTML page: its content (exercise_page) with HowTo, FAQ and breadcrumb JSON-LD
and the body map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forgefit.catalog.model import Exercise
from forgefit.pages import urls
from forgefit.pages.bodymap import body_map_svg
from forgefit.pages.exercise_page import Link
from forgefit.pages.page_meta import json_ld, meta_description

if TYPE_CHECKING:
    from forgefit.pages.site import Site


def exercise_html(site: Site, exercise: Exercise) -> str:
    page = site.exercise_page(exercise)
    body_part = site.vocab.display("body_parts", exercise.body_part)
    crumbs = [
        Link("Exercises", urls.LIBRARY),
        Link(body_part, urls.body_part_hub(exercise.body_part)),
        Link(exercise.name, urls.exercise(exercise.slug)),
    ]
    canonical = site.absolute(urls.exercise(exercise.slug))
    how_to = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": f"How to do the {exercise.name}",
        "description": exercise.description,
        "url": canonical,
        "tool": [
            {"@type": "HowToTool", "name": site.vocab.display("equipment", e)}
            for e in sorted(exercise.requires)
        ],
        "step": [
            {"@type": "HowToStep", "position": n, "text": step}
            for n, step in enumerate(exercise.instructions, start=1)
        ],
    }
    faq = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer},
            }
            for item in page.faqs
        ],
    }
    compare_links = [
        Link(f"{a.name} vs {b.name}", urls.compare(a.slug, b.slug))
        for a, b in site.compare_pairs_by_slug.get(exercise.slug, [])
    ]
    return site.render_template(
        "exercise.html",
        title=f"{exercise.name}: How to Do It, Muscles Worked, Tips",
        meta_description=meta_description(exercise.description),
        canonical=canonical,
        og_type="article",
        markdown_url=urls.exercise_markdown(exercise.slug),
        breadcrumbs=crumbs,
        json_ld=[json_ld(how_to), json_ld(faq), site.breadcrumb_ld(crumbs)],
        page=page,
        body_map=body_map_svg(exercise, site.vocab, site.muscle_hub_links),
        compare_links=compare_links,
    )
