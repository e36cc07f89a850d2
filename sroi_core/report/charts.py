"""Inline SVG bar charts, generated here: no JavaScript, no library, no external file.

A chart is a horizontal bar chart with one group of bars per category (a theme, a status)
and one bar per series (committed, verified, forecast). It is built for reading and
printing:

* every chart is ``role="img"`` with a ``<title>`` and ``<desc>`` that screen readers
  announce (``aria-labelledby``), and every bar has its own ``<title>`` with its figure;
* every bar carries its value as text, so colour is never the only carrier of meaning; the
  colours reach at least 3:1 contrast on white (WCAG 2.1, non-text contrast);
* category names wrap onto at most three lines; longer names are shortened with an
  ellipsis and given in full in the bar titles;
* the output is a pure function of the input: the same chart gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

PALETTE = {
    "committed": "#1d4f91",
    "verified": "#2a7a3b",
    "forecast": "#2a7a3b",
    "unverified": "#8a5100",
    "rejected": "#b3261e",
    "withdrawn": "#5f6368",
    "not-counted": "#6a4c93",
}
"""Bar colours by role; each has at least 4.5:1 contrast on white."""

HATCHED = frozenset({"forecast"})
"""Roles drawn as an outlined, hatched bar in their colour: a projection, not a fact (the
hatching also tells the bars apart in grey print)."""

WIDTH = 900
LABEL_WIDTH = 250
VALUE_SPACE = 130
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 16
FONT_SIZE = 13
LINE_HEIGHT = 15
CHARS_PER_LINE = 32
MAX_LINES = 3
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#6b6b6b"


@dataclass(frozen=True)
class Series:
    """One set of bars: a name (in the legend) and one value per category."""

    name: str
    values: tuple[Decimal, ...]
    role: str
    """A key of :data:`PALETTE`, the bar colour."""


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: categories down the side, one bar per series."""

    chart_id: str
    title: str
    description: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    bar_roles: tuple[str, ...] = ()
    """For a one-series chart: a colour role per category (e.g. per status)."""


def wrap(label: str, width: int = CHARS_PER_LINE, lines: int = MAX_LINES) -> list[str]:
    """Split ``label`` into at most ``lines`` lines of about ``width`` characters."""
    words = label.split()
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        kept = out[: lines - 1]
        last = " ".join(out[lines - 1 :])
        kept.append(last[: width - 1].rstrip() + "…")
        out = kept
    return [line if len(line) <= width + 8 else line[: width - 1] + "…" for line in out]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def _fmt(value: float) -> str:
    """A coordinate with at most one decimal, written the same way on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_bar_chart(chart: BarChart, format_value: Callable[[Decimal], str]) -> str:
    """The chart as an inline ``<svg>`` element (a string of markup)."""
    base = _slug(chart.chart_id)
    title_id, desc_id = f"{base}-title", f"{base}-desc"
    series = chart.series
    show_legend = len(series) > 1
    legend_height = 30 if show_legend else 0
    top = 8 + legend_height
    maximum = max((v for s in series for v in s.values), default=Decimal(0))
    bar_area = WIDTH - LABEL_WIDTH - VALUE_SPACE
    per_group = len(series) * BAR_HEIGHT + (len(series) - 1) * BAR_GAP
    wrapped = [wrap(c) for c in chart.categories]
    group_heights = [max(per_group, len(lines) * LINE_HEIGHT) for lines in wrapped]
    height = top + sum(group_heights) + GROUP_GAP * len(group_heights) + 4
    roles = {s.role for s in series} | set(chart.bar_roles)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{title_id} {desc_id}" '
        f'font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, Arial, sans-serif" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    for role in sorted(roles & HATCHED):
        colour = PALETTE[role]
        parts.append(
            f'<defs><pattern id="{base}-{role}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="#ffffff"/>'
            f'<rect width="3" height="6" fill="{colour}"/></pattern></defs>'
        )

    def paint(role: str) -> str:
        colour = PALETTE.get(role, TEXT_COLOUR)
        if role in HATCHED:
            return f'fill="url(#{base}-{role})" stroke="{colour}" stroke-width="1.5"'
        return f'fill="{colour}"'
    if show_legend:
        x = LABEL_WIDTH
        parts.append('<g class="legend" aria-hidden="true">')
        for item in series:
            parts.append(
                f'<rect x="{x}" y="8" width="14" height="14" {paint(item.role)}/>'
                f'<text x="{x + 20}" y="20" fill="{TEXT_COLOUR}">{escape(item.name)}</text>'
            )
            x += 20 + int(len(item.name) * FONT_SIZE * 0.58) + 24
        parts.append("</g>")
    y = top
    for index, (category, lines) in enumerate(zip(chart.categories, wrapped, strict=True)):
        group = group_heights[index]
        centre = y + group / 2
        first_line = centre - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
        parts.append(f'<g class="group"><title>{escape(category)}</title>')
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{LABEL_WIDTH - 10}" y="{_fmt(first_line + n * LINE_HEIGHT)}" '
                f'text-anchor="end" fill="{TEXT_COLOUR}">{escape(line)}</text>'
            )
        bar_y = centre - per_group / 2
        for item in series:
            value = item.values[index]
            role = chart.bar_roles[index] if chart.bar_roles else item.role
            width = float(value / maximum) * bar_area if maximum > 0 else 0.0
            shown = format_value(value)
            label = f"{category} — {item.name}: {shown}" if show_legend else f"{category}: {shown}"
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{_fmt(bar_y)}" width="{_fmt(width)}" '
                f'height="{BAR_HEIGHT}" {paint(role)}><title>{escape(label)}</title></rect>'
                f'<text x="{_fmt(LABEL_WIDTH + width + 6)}" '
                f'y="{_fmt(bar_y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35)}" '
                f'fill="{TEXT_COLOUR}">{escape(shown)}</text>'
            )
            bar_y += BAR_HEIGHT + BAR_GAP
        parts.append("</g>")
        y += group + GROUP_GAP
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 4}" x2="{LABEL_WIDTH}" y2="{height - 4}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    bar_roles: Sequence[str] = (),
) -> BarChart:
    """Build a :class:`BarChart`, checking that every series has one value per category."""
    for item in series:
        if len(item.values) != len(categories):
            raise ValueError(
                f"series {item.name!r} has {len(item.values)} values for "
                f"{len(categories)} categories"
            )
    if bar_roles and len(bar_roles) != len(categories):
        raise ValueError("give one bar role per category")
    return BarChart(chart_id, title, description, tuple(categories), tuple(series),
                    tuple(bar_roles))
