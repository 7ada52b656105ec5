"""Reconcile what several documents report into incidents, each listing all its sources.

* Reports of the same type at the same place (the same actor for closures), with dates
  within a window of each other or unknown, are one incident. The same place is the same
  resolved place; across documents also the same name spelled another way ("Torkham",
  "Torkhum") or a place within a few kilometres in the same country. Within one document,
  two different days are two events, and two differently written names two places.
  The count is the most specific one reported (exact, then range, approximate, bounded,
  unknown); different exact counts are all kept in ``reported_counts`` and flagged
  ``conflicting_counts``, never averaged. A running total never joins a single day's report.
* Stated totals with their parts (lists) are groups; the same total reported by several
  documents is one group. A list with no stated total is only the same group as another
  through a shared part.
* A movement into a country with no place named ("more than 1,000 soldiers fled to
  Tajikistan") is not another crossing when a group or incident with the same count
  already holds that movement: it becomes one more source of it (the closest compatible
  stated total of the same kind, running or single-day; else the one single-day incident
  with a compatible count on the same day). Without a count it says only that people went
  there: it joins what its own document's counted report of that movement joined.
  Otherwise such reports become country-level incidents: ``border_crossing`` with a count,
  ``refuge_sought`` without.
* A running total ("nearly 1,600 in total over two weeks") is a cumulative group with
  no parts, kept apart from the single day's group.

Clusters keep running summaries (date range, the count interval all members allow, the
places and names seen), so merging stays linear in the number of reports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from gazetteer.geodesy import haversine_km
from gazetteer.matching import spelling_variants, split_generic
from gazetteer.normalize import fold
from gazetteer.place import Place
from geo.incidents.reports import DocumentReports, GroupReport, Report
from geo.model import (
    APPROXIMATE_SOURCE,
    RUNNING_TOTAL,
    Count,
    CountQualifier,
    EventType,
    Incident,
    IncidentGroup,
    SourceRef,
)

DATE_WINDOW_DAYS = 3
#: two gazetteer places this close in one country are one crossing point (duplicate entries, two sides of a post)
SAME_PLACE_KM = 5.0
#: exact counts further apart than this factor are different events, not a conflict
_CONFLICT_RATIO = 3.0
_SPECIFICITY = {
    CountQualifier.EXACT: 5,
    CountQualifier.RANGE: 4,
    CountQualifier.APPROX: 3,
    CountQualifier.AT_LEAST: 2,
    CountQualifier.AT_MOST: 2,
    CountQualifier.UNKNOWN: 0,
}
_DATE_SPAN_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366, "": 0}
# the members every step of merging compares with, as module names: in Python 3.11 reading a member from its enum
# class costs as much as a call of a small function
_CROSSING, _REFUGE, _CLOSURE = EventType.BORDER_CROSSING, EventType.REFUGE_SOUGHT, EventType.FACILITY_CLOSURE
_EXACT, _RANGE, _UNKNOWN = CountQualifier.EXACT, CountQualifier.RANGE, CountQualifier.UNKNOWN
_MOVEMENT = (_CROSSING, _REFUGE)
_INFINITY = float("inf")
#: how far a hedged count reaches below and above its value ("more than 1,000": 1,000 to 2,000)
_BOUND_FACTORS = {
    _EXACT: (1, 1),
    CountQualifier.APPROX: (0.75, 1.25),
    CountQualifier.AT_LEAST: (1, 2.0),
    CountQualifier.AT_MOST: (0.5, 1),
}


@dataclass(slots=True)
class _Summary:
    """What all members of a cluster allow together: their date range and a common count interval."""

    earliest: tuple[date, str] | None = None
    latest: tuple[date, str] | None = None
    low: float = 0.0
    high: float = _INFINITY
    exact: tuple[int, int] | None = None  # the smallest and the largest exact count

    def add(self, when: date | None, precision: str, count: Count) -> None:
        if when is not None:
            if self.earliest is None or when < self.earliest[0]:
                self.earliest = (when, precision)
            if self.latest is None or when > self.latest[0]:
                self.latest = (when, precision)
        low, high = _bounds(count)
        self.low, self.high = max(self.low, low), min(self.high, high)
        if count.qualifier is _EXACT and count.value is not None:
            value, exact = count.value, self.exact
            self.exact = (value, value) if exact is None else (min(exact[0], value), max(exact[1], value))

    def dates_agree(self, when: date | None, precision: str, window: int) -> bool:
        if when is None or self.earliest is None:  # the latest is set with the earliest
            return True
        earliest, latest = self.earliest, self.latest
        return _dates_agree(when, precision, *earliest, window) and _dates_agree(when, precision, *latest, window)

    def counts_agree(self, count: Count) -> bool:
        low, high = _bounds(count)
        return max(low, self.low) <= min(high, self.high)

    def magnitude_agrees(self, count: Count) -> bool:
        """Not so far from the exact counts already seen that it must be another event."""
        if count.qualifier is not _EXACT or not count.value or self.exact is None:
            return True
        smallest, largest = self.exact
        return max(largest, count.value) / max(1, min(smallest, count.value)) <= _CONFLICT_RATIO


class _Where(NamedTuple):
    """Where one report places its event, in the terms that tell two places apart.

    ``place_id`` and ``point`` are empty when the gazetteer does not know the place itself
    (unresolved, placed near a named town, or only its containing district): then only the
    written name identifies it. ``names`` are the written name and the resolved place's.
    """

    document: str
    place_id: str
    point: tuple[float, float] | None
    names: frozenset[str]


def _where(report: Report) -> _Where:
    place = report.place
    written = _core_name(report.location) if report.location else ""
    if place is None or report.location_key or place.source == APPROXIMATE_SOURCE:
        name = report.location_key or written
        return _Where(report.source.document, "", None, frozenset((name,) if name else ()))
    names = {written, _core_name(place.name)}
    names.discard("")
    return _Where(report.source.document, place.id, (place.lat, place.lon), frozenset(names))


@lru_cache(maxsize=4096)
def _core_name(name: str) -> str:
    """A name folded and without its generic words ("Ishkashim District": "ishkashim"); reports repeat a few names."""
    return split_generic(name)[0]


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    """:func:`fold` of a name or actor, which reports repeat."""
    return fold(name)


@dataclass(slots=True)
class _Cluster:
    """Reports that merge into one incident, and the reports that only add their source to it."""

    key: str
    reports: list[Report] = field(default_factory=list)
    wheres: list[_Where] = field(default_factory=list)  # each report's
    attached: list[Report] = field(default_factory=list)
    summary: _Summary = field(default_factory=_Summary)
    incident: Incident | None = None
    documents: set[str] = field(default_factory=set)
    place_ids: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    points: set[tuple[float, float]] = field(default_factory=set)
    #: each document's own statements of where and on which days (a day is "day"-precise)
    wheres_by_document: dict[str, set[_Where]] = field(default_factory=dict)
    days_by_document: dict[str, set[date]] = field(default_factory=dict)

    def add(self, report: Report, where: _Where) -> None:
        self.reports.append(report)
        self.wheres.append(where)
        self.summary.add(report.date, report.date_precision, report.count)
        document = report.source.document
        self.documents.add(document)
        self.wheres_by_document.setdefault(document, set()).add(where)
        if report.date is not None and report.date_precision == "day":
            self.days_by_document.setdefault(document, set()).add(report.date)
        if where.place_id:
            self.place_ids.add(where.place_id)
            self.points.add(where.point)
        self.names |= where.names

    def attach(self, report: Report) -> None:
        self.attached.append(report)
        self.documents.add(report.source.document)

    def same_day_in_document(self, report: Report) -> bool:
        """One document's two different days are two events ("2,150 on Sunday", "450 on Saturday")."""
        days = self.days_by_document.get(report.source.document)
        return not days or report.date_precision != "day" or report.date in days

    def holds_place(self, where: _Where) -> bool:
        """Is ``where`` the place of this cluster, and no other than what its own document names?"""
        for other in self.wheres_by_document.get(where.document, ()):
            if not _same_place_in_document(where, other):
                return False
        if where.place_id in self.place_ids or where.names & self.names:
            return True
        if any(spelling_variants(name, other) for name in where.names for other in self.names):
            return True
        return where.point is not None and any(
            haversine_km(*where.point, *point) <= SAME_PLACE_KM for point in self.points
        )


def _same_place_in_document(where: _Where, other: _Where) -> bool:
    """In one document, one place is written one way: the same resolved place or the same name."""
    return bool(where.place_id and where.place_id == other.place_id) or bool(where.names & other.names)


@dataclass(slots=True)
class _GroupCluster:
    """Group reports that state the same total (and the country-level reports attached to it).

    ``parts_low``/``parts_high`` bound the total of a list that states none, from its
    counted parts (None when some part has no count).
    """

    reports: list[GroupReport] = field(default_factory=list)
    attached: list[Report] = field(default_factory=list)
    parts: set[int] = field(default_factory=set)
    summary: _Summary = field(default_factory=_Summary)
    totals: dict[tuple, Count] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    parts_low: float | None = None
    parts_high: float | None = None

    def add(self, group: GroupReport, parts: set[int]) -> None:
        self.reports.append(group)
        self.parts |= parts
        self.summary.add(group.date, group.date_precision, group.total)
        self.documents.add(group.source.document)
        self.documents.update(part.source.document for part in group.parts)
        if _counted(group.total):
            self.totals.setdefault(_count_key(group.total), group.total)
        elif group.parts and all(_counted(part.count) for part in group.parts):
            bounds = [_bounds(part.count) for part in group.parts]
            self.parts_low = max(self.parts_low or 0.0, sum(low for low, _ in bounds))
            self.parts_high = min(self.parts_high or _INFINITY, sum(high for _, high in bounds))

    def attach(self, report: Report) -> None:
        self.attached.append(report)
        self.documents.add(report.source.document)

    def total_agrees(self, count: Count) -> bool:
        """Could ``count`` be this group's total: its stated total, or else the sum of its counted parts?"""
        if self.totals:
            return self.summary.counts_agree(count)
        if self.parts_low is None:
            return False  # neither a total nor counted parts: nothing says how many
        low, high = _bounds(count)
        return max(low, self.parts_low) <= min(high, self.parts_high)


def merge_documents(
    documents: Sequence[DocumentReports], *, window_days: int = DATE_WINDOW_DAYS
) -> tuple[list[Incident], list[IncidentGroup]]:
    """Incidents and groups from every document's reports, each with all its sources."""
    merger = _Merger(window_days)
    reports = [report for document in documents for report in document.reports]
    group_reports = [group for document in documents for group in document.groups]
    placed = [r for r in reports if not (r.country_level or _unattributed_closure(r))]
    placed += [part for group in group_reports for part in group.parts]
    clusters = merger.cluster(placed)
    owner = {id(report): cluster for cluster in clusters for report in cluster.reports}
    group_clusters = merger.cluster_groups(group_reports, owner)

    general = [r for r in reports if r.country_level or _unattributed_closure(r)]
    uncounted = [r for r in general if r.event_type in _MOVEMENT and not _counted(r.count)]
    counted = [r for r in general if r.event_type not in _MOVEMENT or _counted(r.count)]
    attached = merger.attach(counted, group_clusters, clusters)
    country = merger.cluster([r for r in counted if id(r) not in attached], country_level=True)
    attached |= merger.attach_uncounted(uncounted, group_clusters, [*clusters, *country])
    country += merger.cluster([r for r in uncounted if id(r) not in attached], country_level=True)

    incidents = [merger.incident(cluster) for cluster in [*clusters, *country]]
    groups = [merger.group(cluster, owner) for cluster in group_clusters]
    return incidents, groups


class _Merger:
    def __init__(self, window_days: int) -> None:
        self.window = window_days

    # --- incidents -------------------------------------------------------------------------------

    def cluster(self, reports: Iterable[Report], *, country_level: bool = False) -> list[_Cluster]:
        """Reports of one event, first those of the same day, then days within the window joined.

        Placed reports meet by place (see :meth:`_Cluster.holds_place`), country-level ones by
        key. Two passes, so that a document that tells Saturday from Sunday at one place keeps
        another document's Sunday report from ending up with its Saturday.
        """
        reports = list(reports)
        same_day = self._cluster_pass(reports, 0, country_level)
        clusters: list[_Cluster] = []
        buckets: dict[str, list[_Cluster]] = defaultdict(list)
        for cluster in same_day:
            bucket = buckets[cluster.key if country_level else _bucket_key(cluster.reports[0])]
            home = next((c for c in bucket if self._accepts(c, cluster, country_level)), None)
            if home is None:
                clusters.append(cluster)
                bucket.append(cluster)
            else:
                for report, where in zip(cluster.reports, cluster.wheres, strict=True):
                    home.add(report, where)
        position = {id(report): index for index, report in enumerate(reports)}
        for cluster in clusters:  # sources in the order the documents were given
            order = sorted(range(len(cluster.reports)), key=lambda i: position[id(cluster.reports[i])])
            cluster.reports = [cluster.reports[i] for i in order]
            cluster.wheres = [cluster.wheres[i] for i in order]
            cluster.key = _incident_key(cluster.reports[0])
        return clusters

    def _cluster_pass(self, reports: list[Report], window: int, country_level: bool) -> list[_Cluster]:
        clusters: list[_Cluster] = []
        by_key: dict[str, list[_Cluster]] = defaultdict(list)  # every key a cluster holds a report of
        buckets: dict[str, list[_Cluster]] = defaultdict(list)
        for report in reports:
            key = _incident_key(report)
            where = _where(report)
            bucket = buckets[key if country_level else _bucket_key(report)]
            home = next((c for c in by_key[key] if self._joins(report, where, c, window, country_level)), None)
            if home is None:  # the same place told otherwise: another spelling, a neighbouring entry
                home = next((c for c in bucket if self._joins(report, where, c, window, country_level)), None)
            if home is None:
                home = _Cluster(key)
                clusters.append(home)
                bucket.append(home)
            if home not in by_key[key]:
                by_key[key].append(home)
            home.add(report, where)
        return clusters

    def _joins(self, report: Report, where: _Where, cluster: _Cluster, window: int, country_level: bool) -> bool:
        summary = cluster.summary
        if not summary.dates_agree(report.date, report.date_precision, window):
            return False
        if not cluster.same_day_in_document(report):
            return False
        if country_level:
            return summary.counts_agree(report.count)
        return summary.magnitude_agrees(report.count) and cluster.holds_place(where)

    def _accepts(self, cluster: _Cluster, other: _Cluster, country_level: bool) -> bool:
        """Could every report of ``other`` (one day's) join ``cluster`` (a day within the window)?"""
        return all(
            self._joins(report, where, cluster, self.window, country_level)
            for report, where in zip(other.reports, other.wheres, strict=True)
        )

    def incident(self, cluster: _Cluster) -> Incident:
        reports = cluster.reports
        counted = [r for r in reports if _counted(r.count)]
        best = max(counted, key=lambda r: _SPECIFICITY[r.count.qualifier], default=reports[0])
        exact_values = _tally(r.count.value for r in counted if r.count.qualifier is _EXACT)
        if len(exact_values) > 1:  # the value most sources give, then the first given; never an average
            value = max(exact_values, key=lambda v: (exact_values[v], -_first_index(reports, v)))
            best = next(r for r in counted if r.count.qualifier is _EXACT and r.count.value == value)
        flags = []
        if len(exact_values) > 1 or any(not counts_compatible(best.count, r.count) for r in counted):
            flags.append("conflicting_counts")
        if reports[0].cumulative:  # clusters never mix running totals with single days
            flags.append(RUNNING_TOTAL)
        event_type = reports[0].event_type
        if event_type in _MOVEMENT:
            types = {_movement_type(r) for r in reports}
            event_type = _CROSSING if _CROSSING in types else _REFUGE
        when, precision = _best_date((r.date, r.date_precision) for r in reports)
        everyone = [*reports, *cluster.attached]
        incident = Incident(
            id=_stable_id("inc", cluster.key, when.isoformat() if when else ""),
            event_type=event_type,
            location=_most_common(r.location for r in reports),
            place=_best_place(reports),
            count=replace(best.count),
            actor=_most_common(r.actor for r in reports),
            origin_country=_most_common(r.origin_country for r in reports),
            destination_country=_most_common(r.destination_country for r in reports),
            date=when,
            date_precision=precision,
            geo_precision=min(r.geo_precision for r in reports),
            sources=_unique_sources(r.source for r in everyone),
            flags=flags,
            reported_counts=sorted({r.count.value for r in counted if r.count.value is not None}),
        )
        incident.confidence = _confidence(max(r.confidence for r in everyone), incident)
        cluster.incident = incident
        return incident

    # --- groups ----------------------------------------------------------------------------------

    def cluster_groups(self, groups: list[GroupReport], owner: dict[int, _Cluster]) -> list[_GroupCluster]:
        clusters: list[_GroupCluster] = []
        for group in groups:
            parts = {id(owner[id(p)]) for p in group.parts if id(p) in owner}
            home = next((c for c in clusters if self._same_group(group, parts, c)), None)
            if home is None:
                home = _GroupCluster()
                clusters.append(home)
            home.add(group, parts)
        return clusters

    def _same_group(self, group: GroupReport, parts: set[int], cluster: _GroupCluster) -> bool:
        """Same kind and days, and a shared part or the same stated total (two unstated ones say nothing)."""
        first = cluster.reports[0]
        if (first.cumulative, first.event_type, first.destination_country) != (
            group.cumulative,
            group.event_type,
            group.destination_country,
        ):
            return False
        if not cluster.summary.dates_agree(group.date, group.date_precision, self.window):
            return False
        if parts & cluster.parts:
            return True
        return _counted(group.total) and bool(cluster.totals) and cluster.summary.counts_agree(group.total)

    def attach(
        self, reports: list[Report], groups: list[_GroupCluster], clusters: list[_Cluster]
    ) -> dict[int, _GroupCluster | _Cluster]:
        """Give each counted country-level report to the group or incident that already holds its event."""
        groups_by_destination = _groups_by_destination(groups)
        incidents_by_country = _clusters_by_country(clusters)
        attached: dict[int, _GroupCluster | _Cluster] = {}
        for report in reports:
            target: _GroupCluster | _Cluster | None = None
            if report.event_type in _MOVEMENT:
                target = self._best_group(report, groups_by_destination[report.destination_country])
                if target is None and not report.cumulative:  # a running total is never one day's crossing
                    target = self._best_incident(report, incidents_by_country[(_CROSSING, report.destination_country)])
            elif report.event_type is _CLOSURE and report.place is not None:
                target = self._best_incident(report, incidents_by_country[(_CLOSURE, report.place.country_code)])
            if target is not None:
                target.attach(report)
                attached[id(report)] = target
        return attached

    def attach_uncounted(
        self, reports: list[Report], groups: list[_GroupCluster], clusters: list[_Cluster]
    ) -> dict[int, _GroupCluster | _Cluster]:
        """A movement told without a count joins what its own document counted of that movement.

        "Soldiers fled to Tajikistan" says nothing that tells one event from another; only the
        document that also says how many went there ties it to an event. It adds a sentence to
        what already cites that document: a running total for a running total if there is one,
        a stated total before a single place.
        """
        groups_by_destination = _groups_by_destination(groups)
        incidents_by_country = _clusters_by_country(clusters)
        attached: dict[int, _GroupCluster | _Cluster] = {}
        for report in reports:
            document, destination = report.source.document, report.destination_country
            targets: list[_GroupCluster | _Cluster] = [
                *groups_by_destination[destination],
                *incidents_by_country[(_CROSSING, destination)],
            ]
            own = [
                (target.reports[0].cumulative != report.cumulative, index, target)
                for index, target in enumerate(targets)
                if document in target.documents
                and target.summary.dates_agree(report.date, report.date_precision, self.window)
            ]
            if own:
                target = min(own)[2]
                target.attach(report)
                attached[id(report)] = target
        return attached

    def _best_group(self, report: Report, groups: list[_GroupCluster]) -> _GroupCluster | None:
        """The group of the same kind (running or single-day) whose total is the closest to the report's count."""
        candidates = []
        for index, cluster in enumerate(groups):
            if cluster.reports[0].cumulative != report.cumulative:
                continue
            if not cluster.summary.dates_agree(report.date, report.date_precision, self.window):
                continue
            if not cluster.total_agrees(report.count):
                continue
            distance = min((_distance(report.count, total) for total in cluster.totals.values()), default=0.0)
            candidates.append((distance, index, cluster))
        return min(candidates)[2] if candidates else None

    def _best_incident(self, report: Report, clusters: list[_Cluster]) -> _Cluster | None:
        """A country-level report joins the one incident of the same kind that holds its event."""
        matches = []
        for cluster in clusters:
            first = cluster.reports[0]
            if not cluster.summary.dates_agree(report.date, report.date_precision, self.window):
                continue
            if first.cumulative != report.cumulative:
                continue  # a running total at a place holds no single day's movement, nor the reverse
            if not cluster.same_day_in_document(report):
                continue
            if report.event_type is _CLOSURE:
                if report.actor_country and first.actor_country != report.actor_country:
                    continue
                if not report.place.is_country and (first.place is None or first.place.id != report.place.id):
                    continue
            elif first.cumulative != report.cumulative or not cluster.summary.counts_agree(report.count):
                continue
            matches.append(cluster)
        if report.event_type is _CLOSURE and not report.actor_country:
            return matches[0] if matches else None  # "consulates shut in X": each closure there says so
        return matches[0] if len(matches) == 1 else None

    def group(self, cluster: _GroupCluster, owner: dict[int, _Cluster]) -> IncidentGroup:
        reports = cluster.reports
        total = max(
            [*cluster.totals.values(), *(r.count for r in cluster.attached), reports[0].total],
            key=lambda c: _SPECIFICITY[c.qualifier],
        )
        part_clusters = list(
            {id(owner[id(p)]): owner[id(p)] for g in reports for p in g.parts if id(p) in owner}.values()
        )
        when, precision = _group_date(reports, cluster.attached)
        first = reports[0]
        key = "|".join(
            (
                first.event_type,
                first.destination_country,
                str(first.cumulative),
                ",".join(sorted(c.key for c in part_clusters)) or str(total.value),
            )
        )
        group = IncidentGroup(
            id=_stable_id("grp", key, when.isoformat() if when else ""),
            event_type=first.event_type,
            total=replace(total),
            parts=[c.incident.id for c in part_clusters],
            cumulative=first.cumulative,
            origin_country=next((g.origin_country for g in reports if g.origin_country), ""),
            destination_country=first.destination_country,
            date=when,
            sources=_unique_sources([*(g.source for g in reports), *(r.source for r in cluster.attached)]),
        )
        part_counts = [c.incident.count for c in part_clusters]
        if part_counts and all(c.value is not None and c.qualifier is _EXACT for c in part_counts):
            group.parts_sum = sum(c.value for c in part_counts)
            group.consistent = _total_agrees(total, group.parts_sum)
        for part in part_clusters:
            part.incident.group_id = group.id
            if part.incident.date is None and when is not None:
                part.incident.date, part.incident.date_precision = when, precision
        if group.consistent is False:
            group.note = f"parts add up to {group.parts_sum:,}, the stated total is {total.text or total.value}"
        return group


def _groups_by_destination(groups: list[_GroupCluster]) -> dict[str, list[_GroupCluster]]:
    """Crossing groups by the country they went into."""
    by_destination: dict[str, list[_GroupCluster]] = defaultdict(list)
    for group in groups:
        if group.reports[0].event_type is _CROSSING:
            by_destination[group.reports[0].destination_country].append(group)
    return by_destination


def _clusters_by_country(clusters: list[_Cluster]) -> dict[tuple[EventType, str], list[_Cluster]]:
    """Incidents by type and country: where movements went, where anything else happened."""
    by_country: dict[tuple[EventType, str], list[_Cluster]] = defaultdict(list)
    for cluster in clusters:
        first = cluster.reports[0]
        if first.event_type in _MOVEMENT:
            by_country[(_CROSSING, first.destination_country)].append(cluster)
        else:
            by_country[(first.event_type, first.place.country_code if first.place else "")].append(cluster)
    return by_country


def _best_place(reports: list[Report]) -> Place | None:
    """The place most reports resolved to, a gazetteer place before one placed near a named town."""
    places = [r.place for r in reports if r.place is not None]
    if not places:
        return None
    tally = _tally(place.id for place in places)
    return max(places, key=lambda p: (p.source != APPROXIMATE_SOURCE, tally[p.id]))


def _group_date(reports: list[GroupReport], attached: list[Report]) -> tuple[date | None, str]:
    """The date the group's own statements give, else the one most of its counted reports give."""
    for group in reports:
        if group.date is not None:
            return group.date, group.date_precision
    counted = [(r.date, r.date_precision) for r in attached if r.date is not None and r.count.qualifier is not _UNKNOWN]
    return _best_date(counted or [(r.date, r.date_precision) for r in attached])


def _best_date(dates: Iterable[tuple[date | None, str]]) -> tuple[date | None, str]:
    """The date given most often, the most precise first, then the earliest."""
    tally = _tally(d for d in dates if d[0] is not None)
    if not tally:
        return None, ""
    return max(tally, key=lambda d: (-_DATE_SPAN_DAYS[d[1]], tally[d], -d[0].toordinal()))


def counts_compatible(a: Count, b: Count) -> bool:
    """Could both counts describe the same number of people ("more than 1,000" and 1,037: yes)?"""
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    return low_a <= high_b and low_b <= high_a


def _bounds(count: Count) -> tuple[float, float]:
    """The interval of values a count allows, generously read for hedged figures."""
    value = count.value
    factors = _BOUND_FACTORS.get(count.qualifier)
    if factors is not None and value is not None:
        return factors[0] * value, factors[1] * value
    if count.qualifier is _UNKNOWN:
        return 0.0, _INFINITY
    # a range, "hundreds of", "a few hundred"
    return float(count.low or 0), float(count.high) if count.high is not None else _INFINITY


def _distance(a: Count, b: Count) -> float:
    """How far apart two compatible counts are, relative to their size (0 when unknown)."""
    first, second = _representative(a), _representative(b)
    if first is None or second is None:
        return 0.0
    return abs(first - second) / max(first, second, 1)


def _representative(count: Count) -> float | None:
    if count.value is not None:
        return float(count.value)
    return float(count.low) if count.low is not None else None


def _count_key(count: Count) -> tuple:
    return count.value, count.qualifier, count.low, count.high


def _total_agrees(total: Count, parts_sum: int) -> bool | None:
    if total.qualifier is _UNKNOWN:
        return None
    if total.qualifier is _EXACT:
        return total.value == parts_sum
    return counts_compatible(total, Count(parts_sum, _EXACT))


def _dates_agree(a: date | None, a_precision: str, b: date | None, b_precision: str, window: int) -> bool:
    if a is None or b is None:
        return True
    slack = window + max(_DATE_SPAN_DAYS[a_precision], _DATE_SPAN_DAYS[b_precision])
    return abs((a - b).days) <= slack


def _movement_type(report: Report) -> EventType:
    """A movement with a count or at a crossing place is a crossing; with neither, or shelter taken at
    a place inside the country ("600 families sheltered in the school at X"), only refuge sought."""
    if report.event_type is _REFUGE and not report.country_level:
        return _REFUGE
    placed = not report.country_level and report.event_type is _CROSSING
    return _CROSSING if _counted(report.count) or placed else _REFUGE


def _incident_key(report: Report) -> str:
    """Same type, same place (or country), same actor for closures: candidates for one incident."""
    place = report.place
    if place is None or place.is_country:
        where = f"country:{report.destination_country or (place.country_code if place else '')}"
    else:
        where = place.id
    if report.location_key or place is None:
        where += f"|{report.location_key or _folded(report.location)}"
    return _bucket_key(report, where)


def _bucket_key(report: Report, where: str = "") -> str:
    """Type, actor for closures and running total or not, at ``where``, or else in the place's country.

    Placed reports that may be one incident share this key without ``where``: their places
    are compared one by one (:meth:`_Cluster.holds_place`).
    """
    if not where:
        place = report.place
        where = f"in:{place.country_code if place is not None else report.destination_country}"
    event = _movement_type(report) if report.event_type in _MOVEMENT else report.event_type
    actor = (report.actor_country or _folded(report.actor)) if event is _CLOSURE else ""
    return "|".join((event, where, actor, "running") if report.cumulative else (event, where, actor))


def _counted(count: Count) -> bool:
    return count.qualifier is not _UNKNOWN


def _unattributed_closure(report: Report) -> bool:
    """A closure nobody is named for ("consulates shut in X") only adds a source to a named one."""
    return report.event_type is _CLOSURE and not report.actor_country and report.place is not None


def _stable_id(prefix: str, key: str, when: str) -> str:
    return f"{prefix}-{hashlib.sha1(f'{key}|{when}'.encode()).hexdigest()[:12]}"


def _unique_sources(sources: Iterable[SourceRef]) -> list[SourceRef]:
    return list(dict.fromkeys(sources))


def _most_common(values: Iterable[str]) -> str:
    """The value given most often, the first given of those; "" if none is."""
    counts = _tally(value for value in values if value)
    return max(counts, key=counts.__getitem__) if counts else ""


def _tally(values: Iterable[Hashable]) -> dict[Hashable, int]:
    """How often each value occurs, in the order they first occur: a Counter without its cost per call."""
    counts: dict[Hashable, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _first_index(reports: list[Report], value: int | None) -> int:
    return next(i for i, r in enumerate(reports) if r.count.value == value)


def _confidence(base: float, incident: Incident) -> float:
    """More independent sources raise confidence; conflicting counts lower it."""
    score = base + 0.05 * (incident.n_sources - 1)
    if "conflicting_counts" in incident.flags:
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)
