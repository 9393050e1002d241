"""Progress charts as our own SVG (no chart library, no script): estimated 1RM over time as a
line, and one week's hard sets per muscle group as bars over the target band.

The drawing is 360 units wide, about a phone's width, so its 12-unit text stays readable at
390 px; it scales with the page (width 100 %). Every chart carries a title and a description
that reads out the numbers, and the page puts a table with the same numbers beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 360
LINE_HEIGHT = 180
PAD_LEFT = 44
PAD_RIGHT = 12
PAD_TOP = 12
PAD_BOTTOM = 30
BAR_ROW = 26
BAR_LABEL = 112
BAR_VALUE = 36


@dataclass(frozen=True, slots=True)
class Point:
    label: str  # the date, as shown on the axis
    value: float


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    low: float | None
    high: float | None


def _open(css_class: str, chart_id: str, height: float, title: str, description: str) -> str:
    return (
        f'<svg class="{css_class}" viewBox="0 0 {WIDTH} {height:g}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


def line_chart_svg(points: Sequence[Point], chart_id: str, title: str, unit: str = "kg") -> str:
    """A line through the points in order, with the lowest and highest value on the axis."""
    if not points:
        return ""
    values = [p.value for p in points]
    low, high = min(values), max(values)
    margin = max((high - low) * 0.1, 1.0)
    bottom, top = max(low - margin, 0.0), high + margin
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = LINE_HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(index: int) -> float:
        return PAD_LEFT + (plot_w * index / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return PAD_TOP + plot_h * (top - value) / (top - bottom)

    description = "; ".join(f"{p.label}: {p.value:g} {unit}" for p in points)
    parts = [_open("progress-chart", chart_id, LINE_HEIGHT, title, description)]
    axis_y = PAD_TOP + plot_h
    parts.append(
        f'<line class="axis" x1="{PAD_LEFT}" y1="{axis_y:.1f}" x2="{WIDTH - PAD_RIGHT}" '
        f'y2="{axis_y:.1f}"/>'
    )
    for value in sorted({low, high}):
        parts.append(
            f'<line class="grid" x1="{PAD_LEFT}" y1="{y(value):.1f}" x2="{WIDTH - PAD_RIGHT}" '
            f'y2="{y(value):.1f}"/>'
            f'<text x="{PAD_LEFT - 4}" y="{y(value) + 4:.1f}" text-anchor="end">{value:g}</text>'
        )
    path = " ".join(f"{x(i):.1f},{y(p.value):.1f}" for i, p in enumerate(points))
    parts.append(f'<polyline class="line" points="{path}"/>')
    for index, point in enumerate(points):
        parts.append(
            f'<circle class="dot" cx="{x(index):.1f}" cy="{y(point.value):.1f}" r="4">'
            f"<title>{escape(point.label)}: {point.value:g} {unit}</title></circle>"
        )
    parts.append(f'<text x="{PAD_LEFT}" y="{LINE_HEIGHT - 8}">{escape(points[0].label)}</text>')
    if len(points) > 1:
        parts.append(
            f'<text x="{WIDTH - PAD_RIGHT}" y="{LINE_HEIGHT - 8}" text-anchor="end">'
            f"{escape(points[-1].label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_svg(bars: Sequence[Bar], chart_id: str, title: str) -> str:
    """One row per bar: the value as a bar over its shaded target band (when it has one)."""
    if not bars:
        return ""
    scale = max([12.0, *(b.value for b in bars), *(b.high or 0.0 for b in bars if b.high)])
    scale = min(scale, max(b.value for b in bars) * 2 + 12)  # an open-ended band stays in view
    plot_w = WIDTH - BAR_LABEL - BAR_VALUE
    height = BAR_ROW * len(bars) + 8

    def x(value: float) -> float:
        return BAR_LABEL + plot_w * min(value, scale) / scale

    def band(bar: Bar) -> str:
        if bar.low is None or bar.high is None:
            return ""
        return f"target {bar.low:g} to {bar.high:g}"

    description = "; ".join(
        f"{b.label}: {b.value:g} sets" + (f" ({band(b)})" if band(b) else "") for b in bars
    )
    parts = [_open("progress-chart", chart_id, height, title, description)]
    for index, bar in enumerate(bars):
        top = index * BAR_ROW + 4
        parts.append(
            f'<text x="{BAR_LABEL - 6}" y="{top + 15}" text-anchor="end">'
            f"{escape(bar.label[:16])}</text>"
        )
        if bar.low is not None and bar.high is not None:
            parts.append(
                f'<rect class="band" x="{x(bar.low):.1f}" y="{top}" '
                f'width="{max(x(bar.high) - x(bar.low), 2):.1f}" height="{BAR_ROW - 6}" rx="3">'
                f"<title>{escape(band(bar))}</title></rect>"
            )
        parts.append(
            f'<rect class="bar" x="{BAR_LABEL}" y="{top + 6}" '
            f'width="{max(x(bar.value) - BAR_LABEL, 1):.1f}" height="{BAR_ROW - 18}" rx="2"/>'
            f'<text x="{WIDTH - 4}" y="{top + 15}" text-anchor="end">{bar.value:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
