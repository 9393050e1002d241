"""The /search results page: what the query was understood as, facets that narrow it, results."""

from __future__ import annotations

from urllib.parse import urlencode

from forgefit.catalog.search_explain import plain_understanding
from forgefit.catalog.search_results import FACET_KINDS, SearchResults
from forgefit.pages import urls
from forgefit.pages.hub_pages import CountLink
from forgefit.pages.site import Site

FACET_TITLES = {
    "body_part": ("Body part", "body_parts"),
    "equipment": ("Equipment", "equipment"),
    "target": ("Target muscle", "muscles"),
    "difficulty": ("Difficulty", "difficulties"),
    "category": ("Category", "categories"),
    "pattern": ("Movement", "patterns"),
}
# The query parameter each facet narrows by (the filter names of /api/v1/search).
FACET_PARAMETERS = {"target": "muscle"}


def _url(params: dict[str, str]) -> str:
    kept = {key: value for key, value in params.items() if value}
    return f"{urls.SEARCH}?{urlencode(kept)}" if kept else urls.SEARCH


def understood_text(site: Site, results: SearchResults) -> str:
    """How the query was read, in plain words ("sqaut" as "squat", "db" as dumbbell)."""
    return plain_understanding(results)


def render_search_page(
    site: Site,
    query: str,
    results: SearchResults | None,
    filters: dict[str, str],
    error: str | None = None,
) -> str:
    vocab = site.vocab
    base = {"q": query, **filters}
    facets = []
    if results is not None and results.total:
        for kind in FACET_KINDS:
            counts = results.facets.get(kind, {})
            parameter = FACET_PARAMETERS.get(kind, kind)
            if len(counts) < 2 or parameter in filters:
                continue  # a facet with one value narrows nothing
            title, vocabulary = FACET_TITLES[kind]
            names = vocab.names(vocabulary)
            links = [
                CountLink(names[slug], _url(base | {parameter: slug}), count)
                for slug, count in counts.items()
            ]
            facets.append({"title": title, "links": links})
    total = results.total if results is not None else 0
    offset = results.offset if results is not None else 0
    limit = results.limit if results is not None else 0
    if error is not None:
        summary = error
    elif results is None:
        summary = ""
    elif total:
        shown = f"{offset + 1} to {offset + len(results.hits)}"
        summary = f"{total} exercise{'s' if total != 1 else ''} found; showing {shown}."
    else:
        summary = "No exercises match. Try fewer words, another spelling or a broader term."
    previous_url = _url(base | {"offset": str(max(offset - limit, 0))}) if offset > 0 else None
    next_url = _url(base | {"offset": str(offset + limit)}) if offset + limit < total else None
    return site.render_template(
        "search.html",
        title=f"Search: {query}" if query else "Search exercises",
        meta_description="Search the ForgeFit exercise library.",
        canonical=None,
        robots="noindex",
        query=query,
        summary=summary,
        understood=understood_text(site, results) if results is not None else "",
        facets=facets,
        filters_active=bool(filters),
        clear_url=_url({"q": query}),
        results=[site.card(hit.exercise) for hit in results.hits] if results else [],
        previous_url=previous_url,
        next_url=next_url,
    )
