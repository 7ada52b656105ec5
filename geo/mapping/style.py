"""How each event type is drawn: colour, symbol, legend label. One table, used by layers and legend."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from geo.model import EventType

# Symbol outlines in a 16 x 16 box (SVG path data).
SHAPES = {
    "circle": "M2 8a6 6 0 1 0 12 0a6 6 0 1 0 -12 0Z",
    "square": "M2 2H14V14H2Z",
    "triangle": "M8 1L15 14H1Z",
    "diamond": "M8 1L15 8L8 15L1 8Z",
    "cross": "M3.5 1L8 5.5L12.5 1L15 3.5L10.5 8L15 12.5L12.5 15L8 10.5L3.5 15L1 12.5L5.5 8L1 3.5Z",
    "dot": "M4 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0Z",
}

SYMBOL_SIZE = 18  # px, for the fixed-size symbols
MAX_RADIUS = 28.0  # px, the circle of the largest count
MIN_RADIUS = 4.0  # px, so that small counts stay clickable


@dataclass(frozen=True, slots=True)
class EventStyle:
    """The look of one event type. ``proportional`` types are circles sized by count."""

    event_type: EventType
    label: str  # legend and layer control
    place_noun: str  # totals panel: "7 crossing points"
    color: str
    shape: str
    proportional: bool = False

    def svg(self, size: int = SYMBOL_SIZE) -> Markup:
        """The symbol as inline SVG markup, built only from this table's constants."""
        return Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="{size}" height="{size}">'
            '<path d="{path}" fill="{color}" fill-opacity="0.85" stroke="#222" stroke-width="0.8"/></svg>'
        ).format(size=size, path=SHAPES[self.shape], color=escape(self.color))


STYLES: dict[EventType, EventStyle] = {
    style.event_type: style
    for style in (
        EventStyle(EventType.BORDER_CROSSING, "Border crossings", "crossing point", "#d62728", "circle", True),
        EventStyle(EventType.TERRITORY_SEIZED, "Territory seized", "place", "#6a3d9a", "square"),
        EventStyle(EventType.DEPLOYMENT, "Deployments", "place", "#1f78b4", "triangle"),
        EventStyle(EventType.FACILITY_CLOSURE, "Facility closures", "place", "#ff7f00", "cross"),
        EventStyle(EventType.REFUGE_SOUGHT, "Refuge sought", "place", "#33a02c", "diamond"),
        EventStyle(EventType.OTHER, "Other events", "place", "#636363", "dot"),
    )
}


def radius(count: int | None, max_count: int) -> float:
    """Circle radius in px with the area proportional to ``count`` (``MIN_RADIUS`` when unknown)."""
    if count is None or max_count <= 0:
        return MIN_RADIUS
    return max(MIN_RADIUS, MAX_RADIUS * math.sqrt(count / max_count))


def reference_counts(max_count: int) -> list[int]:
    """Round counts for the legend's size key: the largest 1-2-5 number up to the maximum and a smaller one."""
    if max_count < 1:
        return []
    steps = [m * 10**e for e in range(len(str(max_count)) + 1) for m in (1, 2, 5)]
    top = max(step for step in steps if step <= max_count)
    smaller = [step for step in steps if step <= top / 4]
    return [top, smaller[-1]] if smaller else [top]
