"""Reconcile what several documents report into incidents, each listing all its sources.

* Reports of the same type at the same resolved place (the same actor for closures), with
  dates within a window of each other or unknown, are one incident. Its count is the most
  specific one reported (exact, then range, approximate, bounded, unknown); different
  exact counts are all kept in ``reported_counts`` and flagged ``conflicting_counts``,
  never averaged.
* Stated totals with their parts (lists) are groups; the same total reported by several
  documents is one group.
* A movement into a country with no place named ("more than 1,000 soldiers fled to
  Tajikistan") is not another crossing when a group or incident with a compatible count
  already holds that movement: it becomes one more source of it (the closest compatible
  total; a running total only for running totals). Otherwise such reports become
  country-level incidents: ``border_crossing`` with a count, ``refuge_sought`` without.
* A running total ("nearly 1,600 in total over two weeks") is a cumulative group with
  no parts, kept apart from the single day's group.

Clusters keep running summaries (date range, the count interval all members allow), so
merging stays linear in the number of reports.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from gazetteer.normalize import fold
from geo.incidents.reports import DocumentReports, GroupReport, Report
from geo.model import Count, CountQualifier, EventType, Incident, IncidentGroup, SourceRef

DATE_WINDOW_DAYS = 3
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
_MOVEMENT = (EventType.BORDER_CROSSING, EventType.REFUGE_SOUGHT)
_INFINITY = float("inf")


@dataclass(slots=True)
class _Summary:
    """What all members of a cluster allow together: their date range and a common count interval."""

    earliest: tuple[date, str] | None = None
    latest: tuple[date, str] | None = None
    low: float = 0.0
    high: float = _INFINITY
    exact: set[int] = field(default_factory=set)

    def add(self, when: date | None, precision: str, count: Count) -> None:
        if when is not None:
            if self.earliest is None or when < self.earliest[0]:
                self.earliest = (when, precision)
            if self.latest is None or when > self.latest[0]:
                self.latest = (when, precision)
        low, high = _bounds(count)
        self.low, self.high = max(self.low, low), min(self.high, high)
        if count.qualifier is CountQualifier.EXACT and count.value is not None:
            self.exact.add(count.value)

    def dates_agree(self, when: date | None, precision: str, window: int) -> bool:
        return all(_dates_agree(when, precision, *edge, window) for edge in (self.earliest, self.latest) if edge)

    def counts_agree(self, count: Count) -> bool:
        low, high = _bounds(count)
        return max(low, self.low) <= min(high, self.high)

    def magnitude_agrees(self, count: Count) -> bool:
        """Not so far from the exact counts already seen that it must be another event."""
        if count.qualifier is not CountQualifier.EXACT or not count.value or not self.exact:
            return True
        smallest, largest = min(self.exact), max(self.exact)
        return max(largest, count.value) / max(1, min(smallest, count.value)) <= _CONFLICT_RATIO


@dataclass(slots=True)
class _Cluster:
    """Reports that merge into one incident."""

    key: str
    reports: list[Report] = field(default_factory=list)
    summary: _Summary = field(default_factory=_Summary)
    incident: Incident | None = None

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.summary.add(report.date, report.date_precision, report.count)


@dataclass(slots=True)
class _GroupCluster:
    """Group reports that state the same total (and the country-level reports attached to it)."""

    reports: list[GroupReport] = field(default_factory=list)
    attached: list[Report] = field(default_factory=list)
    parts: set[int] = field(default_factory=set)
    summary: _Summary = field(default_factory=_Summary)
    totals: dict[tuple, Count] = field(default_factory=dict)

    def add(self, group: GroupReport, parts: set[int]) -> None:
        self.reports.append(group)
        self.parts |= parts
        self.summary.add(group.date, group.date_precision, group.total)
        self.totals.setdefault(_count_key(group.total), group.total)


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
    incidents = [merger.incident(cluster) for cluster in clusters]

    group_clusters = merger.cluster_groups(group_reports, owner)
    general = [r for r in reports if r.country_level or _unattributed_closure(r)]
    attached_to = merger.attach(general, group_clusters, clusters)
    extra = merger.cluster([r for r in general if id(r) not in attached_to], country_level=True)
    incidents.extend(merger.incident(cluster) for cluster in extra)
    groups = [merger.group(cluster, owner) for cluster in group_clusters]
    for cluster in {id(c): c for c in attached_to.values() if isinstance(c, _Cluster)}.values():
        merger.add_sources(cluster)
    return incidents, groups


class _Merger:
    def __init__(self, window_days: int) -> None:
        self.window = window_days

    # --- incidents -------------------------------------------------------------------------------

    def cluster(self, reports: Iterable[Report], *, country_level: bool = False) -> list[_Cluster]:
        clusters: list[_Cluster] = []
        by_key: dict[str, list[_Cluster]] = defaultdict(list)
        for report in reports:
            key = _incident_key(report)
            home = next((c for c in by_key[key] if self._joins(report, c, country_level)), None)
            if home is None:
                home = _Cluster(key)
                clusters.append(home)
                by_key[key].append(home)
            home.add(report)
        return self._fold_uncounted(clusters) if country_level else clusters

    def _joins(self, report: Report, cluster: _Cluster, country_level: bool) -> bool:
        summary = cluster.summary
        if not summary.dates_agree(report.date, report.date_precision, self.window):
            return False
        return summary.counts_agree(report.count) if country_level else summary.magnitude_agrees(report.count)

    def _fold_uncounted(self, clusters: list[_Cluster]) -> list[_Cluster]:
        """Country-level reports without a count join a counted movement into the same country."""
        counted: dict[str, list[_Cluster]] = defaultdict(list)
        for cluster in clusters:
            if cluster.reports[0].event_type is EventType.BORDER_CROSSING:
                counted[cluster.reports[0].destination_country].append(cluster)
        kept = []
        for cluster in clusters:
            first = cluster.reports[0]
            target = None
            if first.event_type is EventType.REFUGE_SOUGHT:
                target = next(
                    (
                        c
                        for c in counted[first.destination_country]
                        if self._summaries_agree(cluster.summary, c.summary)
                    ),
                    None,
                )
            if target is None:
                kept.append(cluster)
            else:
                for report in cluster.reports:
                    target.add(report)
        return kept

    def _summaries_agree(self, a: _Summary, b: _Summary) -> bool:
        return all(b.dates_agree(*edge, self.window) for edge in (a.earliest, a.latest) if edge)

    def incident(self, cluster: _Cluster) -> Incident:
        reports = cluster.reports
        counted = [r for r in reports if r.count.qualifier is not CountQualifier.UNKNOWN]
        best = max(counted, key=lambda r: _SPECIFICITY[r.count.qualifier], default=reports[0])
        exact_values = Counter(r.count.value for r in counted if r.count.qualifier is CountQualifier.EXACT)
        if len(exact_values) > 1:  # the value most sources give, then the first given; never an average
            value = max(exact_values, key=lambda v: (exact_values[v], -_first_index(reports, v)))
            best = next(r for r in counted if r.count.qualifier is CountQualifier.EXACT and r.count.value == value)
        flags = []
        if len(exact_values) > 1 or any(not counts_compatible(best.count, r.count) for r in counted):
            flags.append("conflicting_counts")
        event_type = reports[0].event_type
        if event_type in _MOVEMENT:  # no count and no crossing place: only that people sought refuge there
            placed = any(not r.country_level and r.event_type is EventType.BORDER_CROSSING for r in reports)
            event_type = EventType.BORDER_CROSSING if counted or placed else EventType.REFUGE_SOUGHT
        when, precision = _best_date((r.date, r.date_precision) for r in reports)
        incident = Incident(
            id=_stable_id("inc", cluster.key, when.isoformat() if when else ""),
            event_type=event_type,
            location=_most_common(r.location for r in reports),
            place=next((r.place for r in reports if r.place is not None), None),
            count=replace(best.count),
            actor=_most_common(r.actor for r in reports),
            origin_country=_most_common(r.origin_country for r in reports),
            destination_country=_most_common(r.destination_country for r in reports),
            date=when,
            date_precision=precision,
            geo_precision=min(r.geo_precision for r in reports),
            sources=_unique_sources(r.source for r in reports),
            flags=flags,
            reported_counts=sorted({r.count.value for r in counted if r.count.value is not None}),
        )
        incident.confidence = _confidence(max(r.confidence for r in reports), incident)
        cluster.incident = incident
        return incident

    def add_sources(self, cluster: _Cluster) -> None:
        """A country-level report attached to an incident adds its source (and nothing else)."""
        incident = cluster.incident
        incident.sources = _unique_sources(r.source for r in cluster.reports)
        incident.confidence = _confidence(max(r.confidence for r in cluster.reports), incident)

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
        first = cluster.reports[0]
        if (first.cumulative, first.event_type, first.destination_country) != (
            group.cumulative,
            group.event_type,
            group.destination_country,
        ):
            return False
        if not cluster.summary.dates_agree(group.date, group.date_precision, self.window):
            return False
        return bool(parts & cluster.parts) or cluster.summary.counts_agree(group.total)

    def attach(
        self, reports: list[Report], groups: list[_GroupCluster], clusters: list[_Cluster]
    ) -> dict[int, _GroupCluster | _Cluster]:
        """Give each country-level report to the group or incident that already holds its event."""
        groups_by_destination: dict[str, list[_GroupCluster]] = defaultdict(list)
        for group in groups:
            if group.reports[0].event_type is EventType.BORDER_CROSSING:
                groups_by_destination[group.reports[0].destination_country].append(group)
        incidents_by_country: dict[tuple[EventType, str], list[_Cluster]] = defaultdict(list)
        for cluster in clusters:
            first = cluster.reports[0]
            country = (
                first.destination_country
                if first.event_type in _MOVEMENT
                else (first.place.country_code if first.place else "")
            )
            incidents_by_country[(first.event_type, country)].append(cluster)
        attached: dict[int, _GroupCluster | _Cluster] = {}
        for report in reports:
            target: _GroupCluster | _Cluster | None = None
            if report.event_type in _MOVEMENT:
                target = self._best_group(report, groups_by_destination[report.destination_country])
                target = target or self._best_incident(
                    report, incidents_by_country[(EventType.BORDER_CROSSING, report.destination_country)]
                )
            elif report.event_type is EventType.FACILITY_CLOSURE and report.place is not None:
                target = self._best_incident(
                    report, incidents_by_country[(EventType.FACILITY_CLOSURE, report.place.country_code)]
                )
            if isinstance(target, _GroupCluster):
                target.attached.append(report)
            elif target is not None:
                target.reports.append(report)
            if target is not None:
                attached[id(report)] = target
        return attached

    def _best_group(self, report: Report, groups: list[_GroupCluster]) -> _GroupCluster | None:
        candidates = []
        for index, cluster in enumerate(groups):
            summary = cluster.summary
            if not summary.dates_agree(report.date, report.date_precision, self.window):
                continue
            if not summary.counts_agree(report.count):
                continue
            distance = min(_distance(report.count, total) for total in cluster.totals.values())
            candidates.append((cluster.reports[0].cumulative != report.cumulative, distance, index, cluster))
        return min(candidates)[3] if candidates else None

    def _best_incident(self, report: Report, clusters: list[_Cluster]) -> _Cluster | None:
        """A country-level report joins the incident of the same kind that holds its event."""
        matches = []
        for cluster in clusters:
            first = cluster.reports[0]
            if not cluster.summary.dates_agree(report.date, report.date_precision, self.window):
                continue
            if report.event_type is EventType.FACILITY_CLOSURE:
                if report.actor_country and first.actor_country != report.actor_country:
                    continue
                if not report.place.is_country and (first.place is None or first.place.id != report.place.id):
                    continue
            elif not cluster.summary.counts_agree(report.count):
                continue
            matches.append(cluster)
        if report.event_type is EventType.FACILITY_CLOSURE and not report.actor_country:
            return matches[0] if matches else None  # "consulates shut in X": each closure there says so
        return matches[0] if len(matches) == 1 else None

    def group(self, cluster: _GroupCluster, owner: dict[int, _Cluster]) -> IncidentGroup:
        reports = cluster.reports
        total = max(
            [*cluster.totals.values(), *(r.count for r in cluster.attached)], key=lambda c: _SPECIFICITY[c.qualifier]
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
            destination_country=first.destination_country,
            date=when,
            sources=_unique_sources([*(g.source for g in reports), *(r.source for r in cluster.attached)]),
        )
        part_counts = [c.incident.count for c in part_clusters]
        if part_counts and all(c.value is not None and c.qualifier is CountQualifier.EXACT for c in part_counts):
            group.parts_sum = sum(c.value for c in part_counts)
            group.consistent = _total_agrees(total, group.parts_sum)
        for part in part_clusters:
            part.incident.group_id = group.id
            if part.incident.date is None and when is not None:
                part.incident.date, part.incident.date_precision = when, precision
        if group.consistent is False:
            group.note = f"parts add up to {group.parts_sum:,}, the stated total is {total.text or total.value}"
        return group


def _group_date(reports: list[GroupReport], attached: list[Report]) -> tuple[date | None, str]:
    """The date the group's own statements give, else the one most of its counted reports give."""
    for group in reports:
        if group.date is not None:
            return group.date, group.date_precision
    counted = [
        (r.date, r.date_precision)
        for r in attached
        if r.date is not None and r.count.qualifier is not CountQualifier.UNKNOWN
    ]
    return _best_date(counted or [(r.date, r.date_precision) for r in attached])


def _best_date(dates: Iterable[tuple[date | None, str]]) -> tuple[date | None, str]:
    """The date given most often, the most precise first, then the earliest."""
    tally = Counter(d for d in dates if d[0] is not None)
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
    qualifier = count.qualifier
    if qualifier is CountQualifier.UNKNOWN:
        return 0.0, _INFINITY
    if qualifier is CountQualifier.RANGE or value is None:  # a range, "hundreds of", "a few hundred"
        return float(count.low or 0), float(count.high) if count.high is not None else _INFINITY
    return {
        CountQualifier.EXACT: (value, value),
        CountQualifier.APPROX: (0.75 * value, 1.25 * value),
        CountQualifier.AT_LEAST: (value, 2.0 * value),
        CountQualifier.AT_MOST: (0.5 * value, value),
    }[qualifier]


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
    if total.qualifier is CountQualifier.UNKNOWN:
        return None
    if total.qualifier is CountQualifier.EXACT:
        return total.value == parts_sum
    return counts_compatible(total, Count(parts_sum, CountQualifier.EXACT))


def _dates_agree(a: date | None, a_precision: str, b: date | None, b_precision: str, window: int) -> bool:
    if a is None or b is None:
        return True
    slack = window + max(_DATE_SPAN_DAYS[a_precision], _DATE_SPAN_DAYS[b_precision])
    return abs((a - b).days) <= slack


def _incident_key(report: Report) -> str:
    """Same type, same place (or country), same actor for closures: candidates for one incident."""
    place = report.place
    if place is None or place.is_country:
        where = f"country:{report.destination_country or (place.country_code if place else '')}"
    else:
        where = place.id
    if report.location_key or place is None:
        where += f"|{report.location_key or fold(report.location)}"
    event = report.event_type
    if event in _MOVEMENT:
        counted = report.count.qualifier is not CountQualifier.UNKNOWN
        placed = not report.country_level and event is EventType.BORDER_CROSSING
        event = EventType.BORDER_CROSSING if counted or placed else EventType.REFUGE_SOUGHT
    actor = (report.actor_country or fold(report.actor)) if event is EventType.FACILITY_CLOSURE else ""
    return f"{event}|{where}|{actor}"


def _unattributed_closure(report: Report) -> bool:
    """A closure nobody is named for ("consulates shut in X") only adds a source to a named one."""
    return report.event_type is EventType.FACILITY_CLOSURE and not report.actor_country and report.place is not None


def _stable_id(prefix: str, key: str, when: str) -> str:
    return f"{prefix}-{hashlib.sha1(f'{key}|{when}'.encode()).hexdigest()[:12]}"


def _unique_sources(sources: Iterable[SourceRef]) -> list[SourceRef]:
    return list(dict.fromkeys(sources))


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(value for value in values if value)
    return counts.most_common(1)[0][0] if counts else ""


def _first_index(reports: list[Report], value: int | None) -> int:
    return next(i for i, r in enumerate(reports) if r.count.value == value)


def _confidence(base: float, incident: Incident) -> float:
    """More independent sources raise confidence; conflicting counts lower it."""
    score = base + 0.05 * (incident.n_sources - 1)
    if "conflicting_counts" in incident.flags:
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)
