"""Hub pages: the library's home page and one page per body part, body part and equipment,
equipment, muscle and difficulty, each listing its exercises most popular first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from forgefit.catalog.model import Exercise
from forgefit.pages import hub_browse, urls
from forgefit.pages.bodymap import muscle_picker_svg
from forgefit.pages.exercise_page import Link
from forgefit.pages.generated_text import lower_name
from forgefit.pages.hubs import combination_hubs, has_difficulty_hub, has_muscle_hub
from forgefit.pages.page_meta import meta_description

if TYPE_CHECKING:
    from forgefit.pages.site import Site


@dataclass(frozen=True, slots=True)
class CountLink:
    text: str
    url: str
    count: int


def _hub(
    site: Site,
    path: str,
    heading: str,
    intro: str,
    lists: list[tuple[str, list[Exercise]]],
    crumbs: list[Link],
    sub_hubs: list[dict[str, Any]] | None = None,
    body_map: str | None = None,
) -> str:
    return site.titled_page(
        "hub.html",
        path,
        heading,
        intro,
        crumbs,
        sub_hubs=sub_hubs or [],
        body_map=body_map,
        filters=hub_browse.filter_options(site.catalog, [e for _, i in lists for e in i]),
        lists=[
            {
                "title": title,
                "exercises": [
                    {**site.card(e), "data": hub_browse.card_data(e, rank)}
                    for rank, e in enumerate(hub_browse.popularity_order(site.catalog, items))
                ],
            }
            for title, items in lists
            if items
        ],
    )


def body_part_hub(site: Site, body_part: str) -> str:
    name = site.vocab.display("body_parts", body_part)
    items = site.catalog.by("body_part", body_part)
    path = urls.body_part_hub(body_part)
    combos = [
        CountLink(site.vocab.display("equipment", e), urls.body_part_equipment_hub(body_part, e), n)
        for e, n in sorted(combination_hubs(site.catalog, body_part), key=lambda pair: -pair[1])
    ]
    muscles = sorted({e.target for e in items}, key=lambda m: list(site.vocab.muscles).index(m))
    muscle_links = [
        CountLink(
            site.vocab.display("muscles", m),
            urls.muscle_hub(m),
            len(site.catalog.by("muscle", m)),
        )
        for m in muscles
        if has_muscle_hub(site.catalog, m)
    ]
    sub_hubs = []
    if combos:
        sub_hubs.append({"title": f"{name} exercises by equipment", "links": combos})
    if muscle_links:
        sub_hubs.append({"title": "By muscle", "links": muscle_links})
    intro = (
        f"{len(items)} {lower_name(name)} exercises with step-by-step instructions, coaching "
        "tips and the mistakes to avoid, most popular first."
    )
    crumbs = [Link("Exercises", urls.LIBRARY), Link(name, path)]
    return _hub(
        site, path, f"{name} Exercises", intro, [("All exercises", items)], crumbs, sub_hubs
    )


def combination_hub(site: Site, body_part: str, equipment: str) -> str:
    part = site.vocab.display("body_parts", body_part)
    tool = site.vocab.display("equipment", equipment)
    items = [e for e in site.catalog.by("body_part", body_part) if e.equipment == equipment]
    path = urls.body_part_equipment_hub(body_part, equipment)
    heading = f"{part} Exercises with {'Your ' if equipment == 'body-weight' else 'a '}{tool}"
    intro = (
        f"{len(items)} {lower_name(part)} exercises you can do with {lower_name(tool)}, "
        "most popular first."
    )
    crumbs = [
        Link("Exercises", urls.LIBRARY),
        Link(part, urls.body_part_hub(body_part)),
        Link(tool, path),
    ]
    return _hub(site, path, heading, intro, [("Exercises", items)], crumbs)


def equipment_hub(site: Site, equipment: str) -> str:
    tool = site.vocab.display("equipment", equipment)
    items = site.catalog.by("equipment", equipment)
    path = urls.equipment_hub(equipment)
    intro = f"{len(items)} exercises done with {lower_name(tool)}, most popular first."
    crumbs = [Link("Exercises", urls.LIBRARY), Link(tool, path)]
    # Plain links that narrow the list (the filters need script; these do not).
    by_part = [
        CountLink(
            site.vocab.display("body_parts", part),
            urls.body_part_equipment_hub(part, equipment),
            count,
        )
        for part in site.vocab.body_parts
        for combo, count in combination_hubs(site.catalog, part)
        if combo == equipment
    ]
    sub_hubs = [{"title": f"{tool} exercises by body part", "links": by_part}] if by_part else []
    return _hub(
        site, path, f"{tool} Exercises", intro, [("All exercises", items)], crumbs, sub_hubs
    )


def muscle_hub(site: Site, muscle: str) -> str:
    name = site.vocab.display("muscles", muscle)
    targets = site.catalog.by("target", muscle)
    assisting = [e for e in site.catalog.by("muscle", muscle) if e.target != muscle]
    path = urls.muscle_hub(muscle)
    intro = (
        f"{len(targets)} exercises target the {lower_name(name)} directly and "
        f"{len(assisting)} more work them as a secondary muscle."
    )
    crumbs = [Link("Exercises", urls.LIBRARY), Link(name, path)]
    lists = [
        (f"Exercises that target the {lower_name(name)}", targets),
        (f"Exercises that also work the {lower_name(name)}", assisting),
    ]
    body_map = muscle_picker_svg(site.vocab, site.muscle_hub_links, highlighted=muscle)
    return _hub(site, path, f"{name} Exercises", intro, lists, crumbs, body_map=body_map)


def difficulty_hub(site: Site, difficulty: str) -> str:
    name = site.vocab.display("difficulties", difficulty)
    items = site.catalog.by("difficulty", difficulty)
    path = urls.difficulty_hub(difficulty)
    intro = f"{len(items)} exercises rated {lower_name(name)}, most popular first."
    crumbs = [Link("Exercises", urls.LIBRARY), Link(name, path)]
    by_part = [
        (site.vocab.display("body_parts", b), [e for e in items if e.body_part == b])
        for b in site.vocab.body_parts
    ]
    return _hub(site, path, f"{name} Exercises", intro, by_part, crumbs)


def home_html(site: Site) -> str:
    catalog, vocab = site.catalog, site.vocab
    groups = [
        {
            "title": "By body part",
            "links": [
                CountLink(name, urls.body_part_hub(slug), count)
                for slug, name in vocab.body_parts.items()
                if (count := catalog.counts("body_part")[slug])
            ],
        },
        {
            "title": "By equipment",
            "links": [
                CountLink(name, urls.equipment_hub(slug), count)
                for slug, name in vocab.equipment.items()
                if (count := catalog.counts("equipment")[slug])
            ],
        },
        {
            "title": "By muscle",
            "links": [
                CountLink(m.name, urls.muscle_hub(slug), catalog.counts("muscle")[slug])
                for slug, m in vocab.muscles.items()
                if has_muscle_hub(catalog, slug)
            ],
        },
        {
            "title": "By difficulty",
            "links": [
                CountLink(name, urls.difficulty_hub(slug), count)
                for slug, name in vocab.difficulties.items()
                if has_difficulty_hub(catalog, slug)
                and (count := catalog.counts("difficulty")[slug])
            ],
        },
    ]
    intro = (
        f"{len(catalog)} exercises, each with instructions, coaching tips, common mistakes and "
        "answers to the questions lifters ask. Browse by body part, equipment, muscle or "
        "difficulty, or search above."
    )
    return site.render_template(
        "home.html",
        title="Exercise Library",
        meta_description=meta_description(intro),
        canonical=site.absolute(urls.LIBRARY),
        intro=intro,
        groups=groups,
        popular=[site.card(e) for e in catalog.exercises[:24]],
        body_map=muscle_picker_svg(vocab, site.muscle_hub_links),
    )
