"""The body map: our own front and back figure as inline SVG, with the target muscle
highlighted strongly and secondary muscles lightly. Each region carries an accessible title."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from forgefit.catalog.model import Exercise
from forgefit.catalog.vocabulary import Vocabulary

# (muscle, SVG shape) for each view, drawn in order (later shapes sit on top). Left and right
# sides are written out by hand so each region is one simple shape a reader can follow.
_FRONT: list[tuple[str, str]] = [
    ("neck", '<rect x="91" y="50" width="18" height="14" rx="4"/>'),
    ("traps", '<path d="M78 66 L91 56 L91 66 Z"/><path d="M122 66 L109 56 L109 66 Z"/>'),
    (
        "side-delts",
        '<ellipse cx="57" cy="80" rx="7" ry="13"/><ellipse cx="143" cy="80" rx="7" ry="13"/>',
    ),
    (
        "front-delts",
        '<ellipse cx="69" cy="76" rx="10" ry="13"/><ellipse cx="131" cy="76" rx="10" ry="13"/>',
    ),
    (
        "chest",
        '<rect x="75" y="68" width="24" height="30" rx="9"/><rect x="101" y="68" width="24" height="30" rx="9"/>',
    ),
    (
        "serratus",
        '<rect x="72" y="101" width="8" height="18" rx="3"/><rect x="120" y="101" width="8" height="18" rx="3"/>',
    ),
    (
        "biceps",
        '<ellipse cx="58" cy="114" rx="8" ry="20"/><ellipse cx="142" cy="114" rx="8" ry="20"/>',
    ),
    (
        "forearms",
        '<ellipse cx="51" cy="160" rx="7" ry="23"/><ellipse cx="149" cy="160" rx="7" ry="23"/>',
    ),
    ("abs", '<rect x="88" y="101" width="24" height="56" rx="6"/>'),
    (
        "obliques",
        '<rect x="76" y="122" width="11" height="34" rx="4"/><rect x="113" y="122" width="11" height="34" rx="4"/>',
    ),
    (
        "hip-flexors",
        '<path d="M82 162 L96 162 L93 180 Z"/><path d="M118 162 L104 162 L107 180 Z"/>',
    ),
    (
        "abductors",
        '<ellipse cx="72" cy="184" rx="5" ry="15"/><ellipse cx="128" cy="184" rx="5" ry="15"/>',
    ),
    (
        "quads",
        '<ellipse cx="84" cy="220" rx="12" ry="38"/><ellipse cx="116" cy="220" rx="12" ry="38"/>',
    ),
    (
        "adductors",
        '<ellipse cx="96.5" cy="202" rx="3.5" ry="20"/><ellipse cx="103.5" cy="202" rx="3.5" ry="20"/>',
    ),
]
_BACK: list[tuple[str, str]] = [
    ("neck", '<rect x="91" y="50" width="18" height="12" rx="4"/>'),
    ("upper-back", '<path d="M80 74 L120 74 L112 102 L88 102 Z"/>'),
    ("traps", '<path d="M100 54 L124 68 L100 82 L76 68 Z"/>'),
    ("side-delts", '<ellipse cx="57" cy="80" rx="7" ry="13"/><ellipse cx="143" cy="80" rx="7" ry="13"/>'),
    ("rear-delts", '<ellipse cx="68" cy="78" rx="10" ry="12"/><ellipse cx="132" cy="78" rx="10" ry="12"/>'),
    ("triceps", '<ellipse cx="58" cy="114" rx="8" ry="20"/><ellipse cx="142" cy="114" rx="8" ry="20"/>'),
    ("forearms", '<ellipse cx="51" cy="160" rx="7" ry="23"/><ellipse cx="149" cy="160" rx="7" ry="23"/>'),
    ("lats", '<path d="M76 90 L88 104 L92 140 L78 126 Z"/><path d="M124 90 L112 104 L108 140 L122 126 Z"/>'),
    ("lower-back", '<rect x="89" y="128" width="22" height="28" rx="5"/>'),
    ("abductors", '<ellipse cx="74" cy="166" rx="6" ry="9"/><ellipse cx="126" cy="166" rx="6" ry="9"/>'),
    ("glutes", '<ellipse cx="88" cy="178" rx="13" ry="16"/><ellipse cx="112" cy="178" rx="13" ry="16"/>'),
    ("hamstrings", '<ellipse cx="86" cy="230" rx="11" ry="34"/><ellipse cx="114" cy="230" rx="11" ry="34"/>'),
    ("adductors", '<ellipse cx="97" cy="206" rx="3" ry="16"/><ellipse cx="103" cy="206" rx="3" ry="16"/>'),
    ("calves", '<ellipse cx="86" cy="300" rx="10" ry="30"/><ellipse cx="114" cy="300" rx="10" ry="30"/>'),
]  # fmt: skip
_SILHOUETTE = (
    '<circle cx="100" cy="30" r="19"/>'
    '<path d="M60 66 Q100 52 140 66 L150 96 L160 186 L146 188 L136 110 L130 160 L126 340 '
    'L108 340 L101 200 L99 200 L92 340 L74 340 L70 160 L64 110 L54 188 L40 186 L50 96 Z"/>'
)
MAPPED_MUSCLES = frozenset(m for m, _ in (*_FRONT, *_BACK))


def _view(
    label: str,
    shapes: list[tuple[str, str]],
    roles: dict[str, str],
    names: dict[str, str],
    links: dict[str, str],
) -> str:
    parts = [
        f'<g class="bodymap-view" aria-label="{label}"><g class="silhouette">{_SILHOUETTE}</g>'
    ]
    for muscle, shape in shapes:
        role = roles.get(muscle, "idle")
        title = escape(names.get(muscle, muscle)) + ("" if role == "idle" else f" ({role})")
        region = (
            f'<g class="muscle {role}" data-muscle="{muscle}"><title>{title}</title>{shape}</g>'
        )
        if muscle in links:
            # A plain SVG link: the map is a way into the muscle hubs, with or without script.
            region = f'<a href="{escape(links[muscle])}" class="muscle-link">{region}</a>'
        parts.append(region)
    parts.append(
        f'<text x="100" y="362" text-anchor="middle" class="bodymap-caption">{label}</text></g>'
    )
    return "".join(parts)


def _svg(
    title: str,
    description: str,
    roles: dict[str, str],
    vocab: Vocabulary,
    links: Mapping[str, str],
) -> str:
    names = {slug: m.name for slug, m in vocab.muscles.items()}
    front = _view("Front", _FRONT, roles, names, dict(links))
    back = _view("Back", _BACK, roles, names, dict(links))
    return (
        # With links inside, the map is a group of links, not a single image.
        f'<svg class="bodymap" viewBox="0 0 420 370" role="{"group" if links else "img"}" '
        f'aria-labelledby="bodymap-title bodymap-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="bodymap-title">{escape(title)}</title>'
        f'<desc id="bodymap-desc">{escape(description)}</desc>'
        f'{front}<g transform="translate(220 0)">{back}</g></svg>'
    )


def body_map_svg(
    exercise: Exercise, vocab: Vocabulary, links: Mapping[str, str] | None = None
) -> str:
    """Inline SVG with front and back views; target = strong, secondary = light highlight.
    `links` maps a muscle to the page its region opens (its hub)."""
    names = {slug: m.name for slug, m in vocab.muscles.items()}
    roles = {muscle: "secondary" for muscle in exercise.secondary}
    roles[exercise.target] = "target"
    secondary = ", ".join(names[m] for m in exercise.secondary) or "none"
    description = f"Target muscle: {names[exercise.target]}. Secondary muscles: {secondary}."
    title = f"Muscles worked by the {exercise.name}"
    return _svg(title, description, roles, vocab, links or {})


def muscle_picker_svg(
    vocab: Vocabulary, links: Mapping[str, str], highlighted: str | None = None
) -> str:
    """The body map as a way in: every region with a hub links to it; `highlighted` (a muscle
    hub's own muscle) is drawn as the target."""
    roles = {highlighted: "target"} if highlighted else {}
    description = "Choose a muscle to see the exercises that train it."
    return _svg("Browse exercises by muscle", description, roles, vocab, links)
