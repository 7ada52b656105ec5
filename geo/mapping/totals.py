"""The figures in the map's totals panel, computed from the incidents and groups.

Per event type: how many places are on the map and how many people their counts add
up to. Per stated total: whether the parts found in the text add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.mapping.layers import format_count
from geo.mapping.style import STYLES
from geo.model import CountQualifier, EventType, ExtractionResult, Incident, IncidentGroup

MAX_GROUP_LINES = 5


@dataclass(frozen=True, slots=True)
class TypeTotal:
    """One event type on the map: ``places`` distinct places, ``people`` the sum of known counts."""

    event_type: EventType
    label: str
    incidents: int
    places: int
    place_noun: str
    people: int | None
    qualifiers: frozenset[CountQualifier]  # of the summed counts

    def summary(self) -> str:
        """Like "7 crossing points, 1,037 people", saying so when the summed counts are not all exact."""
        noun = self.place_noun if self.places == 1 else f"{self.place_noun}s"
        text = f"{self.places:,} {noun}"
        if self.incidents != self.places:
            text += f" ({self.incidents:,} incidents)"
        if self.people is not None:
            inexact = self.qualifiers - {CountQualifier.EXACT}
            about = "about " if inexact == {CountQualifier.APPROX} else ""
            caveat = " (not all counts exact)" if inexact - {CountQualifier.APPROX} else ""
            text += f", {about}{format_count(self.people)} people{caveat}"
        return text


@dataclass(frozen=True, slots=True)
class Totals:
    types: list[TypeTotal]
    groups: list[str]  # one line per stated total, at most MAX_GROUP_LINES
    unplaced: int  # incidents without a place, not on the map


def type_totals(incidents: list[Incident]) -> list[TypeTotal]:
    """Totals per event type, in the legend's order, for the incidents on the map."""
    by_type: dict[EventType, list[Incident]] = {}
    for incident in incidents:
        by_type.setdefault(incident.event_type, []).append(incident)
    totals = []
    for event_type, style in STYLES.items():
        of_type = by_type.get(event_type)
        if not of_type:
            continue
        counted = [i.count for i in of_type if i.count.value is not None]
        totals.append(
            TypeTotal(
                event_type=event_type,
                label=style.label,
                incidents=len(of_type),
                places=len({i.place.id for i in of_type}),
                place_noun=style.place_noun,
                people=sum(c.value for c in counted) if counted else None,
                qualifiers=frozenset(c.qualifier for c in counted),
            )
        )
    return totals


def group_line(group: IncidentGroup, counts: dict[str, int | None]) -> str:
    """One stated total checked against its parts: "Stated total 1,037: 7 parts sum to 1,037, consistent"."""
    label = STYLES[group.event_type].label.lower()
    if group.total.value is None:
        return f"Group {group.id} ({label}): no stated total, {len(group.parts)} parts"
    total = format_count(group.total.value)
    if not group.parts:
        kind = "Cumulative total" if group.cumulative else "Stated total"
        return f"{kind} {total} ({label}), not split into places"
    known = [counts[part] for part in group.parts if counts.get(part) is not None]
    parts_sum = sum(known)
    counted = f"{len(known)} of {len(group.parts)}" if len(known) < len(group.parts) else f"{len(known)}"
    difference = parts_sum - group.total.value
    verdict = "consistent" if difference == 0 else f"differs by {difference:+,}"
    return f"Stated total {total} ({label}): {counted} parts sum to {format_count(parts_sum)}, {verdict}"


def compute_totals(result: ExtractionResult, mapped: list[Incident]) -> Totals:
    counts = {incident.id: incident.count.value for incident in result.incidents}
    lines = [group_line(group, counts) for group in result.groups]
    if len(lines) > MAX_GROUP_LINES:
        hidden = len(lines) - MAX_GROUP_LINES
        lines = [*lines[:MAX_GROUP_LINES], f"… and {hidden:,} more stated totals (see the exports)"]
    return Totals(
        types=type_totals(mapped),
        groups=lines,
        unplaced=len(result.incidents) - len(mapped),
    )
