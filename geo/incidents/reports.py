"""What one document says, before documents are reconciled: one :class:`Report` per statement.

A report is one source's account of one event at one place (or, with ``country_level``,
of a movement into a country with no place named). Merging (:mod:`geo.incidents.merge`)
turns the reports of all documents into :class:`~geo.model.Incident` and
:class:`~geo.model.IncidentGroup` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gazetteer.place import Place
from geo.model import Count, CountQualifier, EventType, SourceRef


@dataclass(slots=True)
class Report:
    """One document's statement of one event.

    ``location_key`` is set when the place is only the container of a name that could
    not be resolved, so that two such names in one district stay two incidents.
    ``cumulative`` marks a running total ("nearly 1,600 in total over two weeks").
    """

    event_type: EventType
    location: str
    place: Place | None
    count: Count
    source: SourceRef
    actor: str = ""
    actor_country: str = ""
    origin_country: str = ""
    destination_country: str = ""
    date: date | None = None
    date_precision: str = ""
    geo_precision: int = 3
    country_level: bool = False
    cumulative: bool = False
    location_key: str = ""
    confidence: float = 0.5
    note: str = ""


@dataclass(slots=True)
class GroupReport:
    """A stated total and the reports of its parts, or a running total with no parts."""

    event_type: EventType
    total: Count
    source: SourceRef
    parts: list[Report] = field(default_factory=list)
    cumulative: bool = False
    origin_country: str = ""
    destination_country: str = ""
    date: date | None = None
    date_precision: str = ""


@dataclass(slots=True)
class DocumentReports:
    """Everything one document states."""

    document: str
    reports: list[Report] = field(default_factory=list)
    groups: list[GroupReport] = field(default_factory=list)


def unknown_count() -> Count:
    """A count nobody stated."""
    return Count(None, CountQualifier.UNKNOWN, "")
