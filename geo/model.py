"""The data that flows through the pipeline: documents, toponyms, incidents.

text -> :class:`Document` -> :class:`Toponym` (a place mention, resolved or not)
-> :class:`Incident` (what happened where, how many, per whom) -> map / export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from enum import StrEnum

from gazetteer.place import Place, Resolution


@dataclass(frozen=True, slots=True)
class Document:
    """One article's text and where it came from.

    ``name`` identifies the document in sources (usually the file name);
    ``reference_date`` anchors relative dates such as "on Sunday".
    """

    name: str
    text: str
    reference_date: Date | None = None
    title: str = ""


#: the ``source`` of a place that stands for a name no gazetteer has, at the place named next to it
APPROXIMATE_SOURCE = "approximate"


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place mention in a text: ``text[start:end] == surface``, end exclusive."""

    start: int
    end: int
    surface: str
    resolution: Resolution
    kind: str = "name"  # "name", "demonym", "district" ("X District"), ...

    @property
    def place(self) -> Place | None:
        return self.resolution.place


class EventType(StrEnum):
    BORDER_CROSSING = "border_crossing"
    TERRITORY_SEIZED = "territory_seized"
    DEPLOYMENT = "deployment"
    FACILITY_CLOSURE = "facility_closure"
    REFUGE_SOUGHT = "refuge_sought"
    OTHER = "other"


class CountQualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a fact was read: a document, the sentence, and its character span."""

    document: str
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class Count:
    """A number of people as reported: value, qualifier and the words it came from."""

    value: int | None
    qualifier: CountQualifier = CountQualifier.UNKNOWN
    text: str = ""
    low: int | None = None
    high: int | None = None


@dataclass(slots=True)
class Incident:
    """One event at one place, with all the sources that report it.

    ``geo_precision`` follows ACLED: 1 town or village, 2 part of a region or near a
    town, 3 province, region or country. ``group_id`` links the parts of a list
    ("104 through A, 213 through B ...") to their :class:`IncidentGroup`.
    """

    id: str
    event_type: EventType
    location: str  # the surface name as written
    place: Place | None
    count: Count
    actor: str = ""
    origin_country: str = ""  # ISO alpha-2 where known ("from")
    destination_country: str = ""  # ISO alpha-2 where known ("to", "into")
    date: Date | None = None
    date_precision: str = ""  # "day", "month", "year", "" when unknown
    geo_precision: int = 3
    sources: list[SourceRef] = field(default_factory=list)
    confidence: float = 0.5
    group_id: str = ""
    flags: list[str] = field(default_factory=list)  # "conflicting_counts", RUNNING_TOTAL
    reported_counts: list[int] = field(default_factory=list)

    @property
    def n_sources(self) -> int:
        return len({s.document for s in self.sources})


#: the flag of an incident whose count is a running total ("50,243 since Sunday"), not one day's
RUNNING_TOTAL = "running_total"


@dataclass(slots=True)
class IncidentGroup:
    """A stated total and the parts that make it up (or a cumulative figure with no parts).

    ``consistent`` is True when the parts add up to the stated total, None when there is
    nothing to compare.
    """

    id: str
    event_type: EventType
    total: Count
    parts: list[str] = field(default_factory=list)  # incident ids
    parts_sum: int | None = None
    consistent: bool | None = None
    cumulative: bool = False
    origin_country: str = ""  # ISO alpha-2 where known: where the people came from
    destination_country: str = ""
    date: Date | None = None
    sources: list[SourceRef] = field(default_factory=list)
    note: str = ""


@dataclass(slots=True)
class ExtractionResult:
    """Everything extracted from a set of documents."""

    incidents: list[Incident] = field(default_factory=list)
    groups: list[IncidentGroup] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
