"""The progress charts are plain SVG of our own: values in order, higher values drawn higher,
bars as long as their values, every label escaped, nothing drawn for no data."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from forgefit.pages.progress_charts import Bar, Point, bar_chart_svg, line_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_a_line_chart_draws_the_points_in_order_higher_values_higher():
    points = [Point("2026-11-01", 40.0), Point("2026-11-08", 45.5), Point("2026-11-15", 43.0)]
    svg = ET.fromstring(line_chart_svg(points, "lift", "Estimated 1RM"))
    line = svg.find(f"{SVG}polyline")
    assert line is not None
    coordinates = [tuple(map(float, pair.split(","))) for pair in line.attrib["points"].split()]
    assert [x for x, _ in coordinates] == sorted(x for x, _ in coordinates)
    heights = [y for _, y in coordinates]
    assert heights[1] < heights[2] < heights[0]  # SVG y grows downwards
    description = svg.find(f"{SVG}desc")
    assert description is not None and description.text is not None
    assert "45.5 kg" in description.text and "2026-11-15: 43 kg" in description.text


def test_bars_are_as_long_as_their_values_and_bands_drawn_only_when_known():
    bars = [Bar("Back", 6.0, 8.0, 12.0), Bar("Biceps", 3.0, None, None)]
    svg = ET.fromstring(bar_chart_svg(bars, "week", "Sets"))
    widths = [float(r.attrib["width"]) for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert widths[0] == 2 * widths[1]
    assert len([r for r in svg.iter(f"{SVG}rect") if r.get("class") == "band"]) == 1


def test_labels_are_escaped_and_no_data_draws_nothing():
    svg = line_chart_svg([Point("<script>", 10.0)], "x", 'a "title" & more')
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)  # still well-formed
    assert line_chart_svg([], "x", "t") == "" and bar_chart_svg([], "x", "t") == ""
    assert not re.search(r"<script\b", bar_chart_svg([Bar("<script>", 1, None, None)], "b", "t"))
