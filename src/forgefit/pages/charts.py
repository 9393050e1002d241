"""Small SVG charts of our own (no chart library, no script): the program's weekly sets per
muscle group drawn against the target band for the person's goal and experience."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

ROW_HEIGHT = 26
LABEL_WIDTH = 110
PLOT_WIDTH = 420
VALUE_WIDTH = 70


@dataclass(frozen=True, slots=True)
class VolumeRow:
    label: str
    sets: float
    low: float
    high: float


def volume_chart_svg(rows: list[VolumeRow], title: str) -> str:
    """Horizontal bars (sets) over shaded target bands, one row per muscle group."""
    scale_max = max([22.0, *(r.sets for r in rows), *(r.high for r in rows)])
    height = ROW_HEIGHT * len(rows) + 30

    def x(value: float) -> float:
        return LABEL_WIDTH + PLOT_WIDTH * min(value, scale_max) / scale_max

    description = "; ".join(
        f"{r.label}: {r.sets:g} sets (target {r.low:g} to {r.high:g})" for r in rows
    )
    parts = [
        f'<svg class="volume-chart" viewBox="0 0 {LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH} '
        f'{height}" role="img" aria-labelledby="volume-title volume-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="volume-title">{escape(title)}</title>',
        f'<desc id="volume-desc">{escape(description)}</desc>',
    ]
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT + 4
        label = escape(row.label)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{top + 15}" text-anchor="end">{label}</text>'
            f'<rect class="band" x="{x(row.low):.1f}" y="{top}" '
            f'width="{max(x(row.high) - x(row.low), 2):.1f}" height="{ROW_HEIGHT - 6}" rx="3"/>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{top + 6}" '
            f'width="{x(row.sets) - LABEL_WIDTH:.1f}" height="{ROW_HEIGHT - 18}" rx="2"/>'
            f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{top + 15}">{row.sets:g}</text>'
        )
    axis_y = len(rows) * ROW_HEIGHT + 8
    parts.append(
        f'<line class="axis" x1="{LABEL_WIDTH}" y1="{axis_y}" '
        f'x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{axis_y}"/>'
    )
    for tick in range(0, int(scale_max) + 1, 5):
        parts.append(
            f'<text x="{x(tick):.1f}" y="{axis_y + 16}" text-anchor="middle">{tick}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
