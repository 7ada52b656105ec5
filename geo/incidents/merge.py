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
"""

from __future__ import annotations

import hashlib
from collections import Counter
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
    CountQualifier.EXACT: 5, CountQualifier.RANGE: 4, CountQualifier.APPROX: 3, CountQualifier.AT_LEAST: 2,
    CountQualifier.AT_MOST: 2, CountQualifier.UNKNOWN: 0,
}
_DATE_SPAN_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366, "": 0}
_MOVEMENT = (EventType.BORDER_CROSSING, EventType.REFUGE_SOUGHT)


@dataclass(slots=True)
class _Cluster:
    """Reports that merge into one incident."""

    key: str
    reports: list[Report] = field(default_factory=list)
    incident: Incident | None = None


@dataclass(slots=True)
class _GroupCluster:
    reports: list[GroupReport] = field(default_factory=list)
    attached: list[Report] = field(default_factory=list)
    group: IncidentGroup | None = None


def merge_documents(documents: Sequence[DocumentReports], *, window_days: int = DATE_WINDOW_DAYS) -> tuple[
        list[Incident], list[IncidentGroup]]:
    """Incidents and groups from every document's reports, each with all its sources."""
    merger = _Merger(window_days)
    placed = [r for doc in documents for r in doc.reports if not r.country_level and not _unattributed_closure(r)]
    part_owner: dict[int, GroupReport] = {}
    for doc in documents:
        for group in doc.groups:
            for part in group.parts:
                part_owner[id(part)] = group
                placed.append(part)
    clusters = merger.cluster(placed)
    owner_cluster = {id(r): cluster for cluster in clusters for r in cluster.reports}
    incidents = [merger.incident(cluster) for cluster in clusters]

    group_clusters = merger.cluster_groups([g for doc in documents for g in doc.groups], owner_cluster)
    country_level = [r for doc in documents for r in doc.reports if r.country_level or _unattributed_closure(r)]
    leftovers = merger.attach(country_level, group_clusters, clusters)
    extra_clusters = merger.cluster(leftovers, country_level=True)
    incidents.extend(merger.incident(cluster) for cluster in extra_clusters)
    groups = [merger.group(cluster, owner_cluster) for cluster in group_clusters]
    for cluster in clusters:  # a country-level report attached to a single incident
        if cluster.incident is not None:
            merger.finish_sources(cluster)
    return incidents, groups


class _Merger:
    def __init__(self, window_days: int) -> None:
        self.window = window_days

    # --- incidents -------------------------------------------------------------------------------

    def cluster(self, reports: Iterable[Report], *, country_level: bool = False) -> list[_Cluster]:
        clusters: list[_Cluster] = []
        by_key: dict[str, list[_Cluster]] = {}
        for report in reports:
            key = _incident_key(report, country_level)
            home = next((c for c in by_key.get(key, []) if self._joins(report, c.reports, country_level)), None)
            if home is None:
                home = _Cluster(key)
                clusters.append(home)
                by_key.setdefault(key, []).append(home)
            home.reports.append(report)
        if country_level:
            clusters = self._fold_uncounted(clusters)
        return clusters

    def _joins(self, report: Report, members: list[Report], country_level: bool) -> bool:
        if not all(self.dates_agree(report, member) for member in members):
            return False
        if country_level:
            return all(counts_compatible(report.count, member.count) for member in members)
        return not any(_far_apart(report.count, member.count) for member in members)

    def _fold_uncounted(self, clusters: list[_Cluster]) -> list[_Cluster]:
        """Country-level reports without a count join a counted movement into the same country."""
        counted = [c for c in clusters if any(r.count.qualifier is not CountQualifier.UNKNOWN for r in c.reports)]
        kept = []
        for cluster in clusters:
            if cluster in counted or cluster.reports[0].event_type is not EventType.REFUGE_SOUGHT:
                kept.append(cluster)
                continue
            target = next((c for c in counted if c.reports[0].event_type is EventType.BORDER_CROSSING
                           and c.reports[0].destination_country == cluster.reports[0].destination_country
                           and all(self.dates_agree(a, b) for a in cluster.reports for b in c.reports)), None)
            if target is None:
                kept.append(cluster)
            else:
                target.reports.extend(cluster.reports)
        return kept

    def incident(self, cluster: _Cluster) -> Incident:
        reports = cluster.reports
        counted = [r for r in reports if r.count.qualifier is not CountQualifier.UNKNOWN]
        best = max(counted, key=lambda r: _SPECIFICITY[r.count.qualifier], default=reports[0])
        exact_values = Counter(r.count.value for r in reports if r.count.qualifier is CountQualifier.EXACT)
        if len(exact_values) > 1:
            value = max(exact_values, key=lambda v: (exact_values[v], -_first_index(reports, v)))
            best = next(r for r in reports if r.count.qualifier is CountQualifier.EXACT and r.count.value == value)
        reported = sorted({r.count.value for r in counted if r.count.value is not None})
        flags = []
        if len(exact_values) > 1 or any(not counts_compatible(best.count, r.count) for r in counted):
            flags.append("conflicting_counts")
        event_type = EventType.BORDER_CROSSING if counted and reports[0].event_type in _MOVEMENT else reports[
            0].event_type
        dated = sorted((r for r in reports if r.date is not None), key=lambda r: _DATE_SPAN_DAYS[r.date_precision])
        place = next((r.place for r in reports if r.place is not None), None)
        incident = Incident(
            id=_stable_id("inc", cluster.key, dated[0].date.isoformat() if dated else ""),
            event_type=event_type,
            location=_most_common(r.location for r in reports),
            place=place,
            count=replace(best.count),
            actor=_most_common(r.actor for r in reports),
            origin_country=_most_common(r.origin_country for r in reports),
            destination_country=_most_common(r.destination_country for r in reports),
            date=dated[0].date if dated else None,
            date_precision=dated[0].date_precision if dated else "",
            geo_precision=min(r.geo_precision for r in reports),
            sources=_unique_sources(r.source for r in reports),
            flags=flags,
            reported_counts=reported,
        )
        incident.confidence = _confidence(max(r.confidence for r in reports), incident)
        cluster.incident = incident
        return incident

    def finish_sources(self, cluster: _Cluster) -> None:
        incident = cluster.incident
        incident.sources = _unique_sources(r.source for r in cluster.reports)
        incident.confidence = _confidence(max(r.confidence for r in cluster.reports), incident)

    # --- groups ----------------------------------------------------------------------------------

    def cluster_groups(self, groups: list[GroupReport], owner: dict[int, _Cluster]) -> list[_GroupCluster]:
        clusters: list[_GroupCluster] = []
        for group in groups:
            parts = {id(owner[id(p)]) for p in group.parts if id(p) in owner}
            home = None
            for cluster in clusters:
                other = cluster.reports[0]
                if other.cumulative != group.cumulative or other.event_type is not group.event_type:
                    continue
                if other.destination_country != group.destination_country:
                    continue
                if not all(self._group_dates_agree(group, member) for member in cluster.reports):
                    continue
                cluster_parts = {id(owner[id(p)]) for m in cluster.reports for p in m.parts if id(p) in owner}
                same_parts = bool(parts & cluster_parts)
                if same_parts or all(counts_compatible(group.total, m.total) for m in cluster.reports):
                    home = cluster
                    break
            if home is None:
                home = _GroupCluster()
                clusters.append(home)
            home.reports.append(group)
        return clusters

    def attach(self, reports: list[Report], groups: list[_GroupCluster], clusters: list[_Cluster]) -> list[Report]:
        """Give each country-level report to the group or incident that already holds its event."""
        leftovers = []
        for report in reports:
            group = self._best_group(report, groups)
            if group is not None:
                group.attached.append(report)
                continue
            incident = self._best_incident(report, clusters)
            if incident is not None:
                incident.reports.append(report)
                continue
            leftovers.append(report)
        return leftovers

    def _best_group(self, report: Report, groups: list[_GroupCluster]) -> _GroupCluster | None:
        candidates = []
        for cluster in groups:
            first = cluster.reports[0]
            if report.event_type not in _MOVEMENT or first.event_type is not EventType.BORDER_CROSSING:
                continue
            if first.destination_country != report.destination_country:
                continue
            if not all(_dates_agree(report.date, report.date_precision, g.date, g.date_precision, self.window)
                       for g in cluster.reports):
                continue
            totals = [g.total for g in cluster.reports]
            if not all(counts_compatible(report.count, total) for total in totals):
                continue
            distance = min(_distance(report.count, total) for total in totals)
            candidates.append((first.cumulative != report.cumulative, distance, len(candidates), cluster))
        return min(candidates)[3] if candidates else None

    def _best_incident(self, report: Report, clusters: list[_Cluster]) -> _Cluster | None:
        """A country-level report joins a single incident of the same kind in that country."""
        def same_event(cluster: _Cluster) -> bool:
            first = cluster.reports[0]
            if report.event_type is EventType.FACILITY_CLOSURE:
                if first.event_type is not EventType.FACILITY_CLOSURE:
                    return False
                if report.actor_country and first.actor_country != report.actor_country:
                    return False
                if not report.place.is_country and (first.place is None or first.place.id != report.place.id):
                    return False
                if report.place.country_code != (first.place.country_code if first.place else ""):
                    return False
            elif report.event_type in _MOVEMENT:
                if first.event_type is not EventType.BORDER_CROSSING:
                    return False
                if first.destination_country != report.destination_country:
                    return False
                if not all(counts_compatible(report.count, r.count) for r in cluster.reports):
                    return False
            else:
                return False
            return all(self.dates_agree(report, r) for r in cluster.reports)

        matches = [cluster for cluster in clusters if same_event(cluster)]
        if report.event_type is EventType.FACILITY_CLOSURE and not report.actor_country:
            return matches[0] if matches else None  # "consulates shut in X": each closure there says so
        return matches[0] if len(matches) == 1 else None

    def group(self, cluster: _GroupCluster, owner: dict[int, _Cluster]) -> IncidentGroup:
        reports = cluster.reports
        totals = [g.total for g in reports] + [r.count for r in cluster.attached]
        total = max(totals, key=lambda c: _SPECIFICITY[c.qualifier])
        part_clusters = list({id(owner[id(p)]): owner[id(p)] for g in reports for p in g.parts
                              if id(p) in owner}.values())
        when, precision = _group_date(reports, cluster.attached)
        first = reports[0]
        key = "|".join((first.event_type, first.destination_country, str(first.cumulative),
                        ",".join(sorted(c.key for c in part_clusters)) or str(total.value)))
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
        cluster.group = group
        return group

    def _group_dates_agree(self, a: GroupReport, b: GroupReport) -> bool:
        return _dates_agree(a.date, a.date_precision, b.date, b.date_precision, self.window)

    def dates_agree(self, a: Report, b: Report) -> bool:
        return _dates_agree(a.date, a.date_precision, b.date, b.date_precision, self.window)


def _group_date(reports: list[GroupReport], attached: list[Report]) -> tuple[date | None, str]:
    """The date the group's own statements give, else the one most of its counted reports give."""
    for group in reports:
        if group.date is not None:
            return group.date, group.date_precision
    counted = [(r.date, r.date_precision) for r in attached
               if r.date is not None and r.count.qualifier is not CountQualifier.UNKNOWN]
    pool = counted or [(r.date, r.date_precision) for r in attached if r.date is not None]
    if not pool:
        return None, ""
    tally = Counter(pool)
    return max(tally, key=lambda d: (tally[d], -_DATE_SPAN_DAYS[d[1]], -d[0].toordinal()))


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
        return 0.0, float("inf")
    if qualifier is CountQualifier.RANGE:
        return float(count.low or 0), float(count.high if count.high is not None else "inf")
    if value is None:  # "hundreds of", "a few hundred"
        return float(count.low or 0), float(count.high) if count.high is not None else float("inf")
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


def _far_apart(a: Count, b: Count) -> bool:
    """Two exact counts so different that they cannot be one event misreported."""
    if a.qualifier is not CountQualifier.EXACT or b.qualifier is not CountQualifier.EXACT:
        return False
    if not a.value or not b.value:
        return False
    return max(a.value, b.value) / min(a.value, b.value) > _CONFLICT_RATIO


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


def _incident_key(report: Report, country_level: bool) -> str:
    place = report.place
    if place is None or place.is_country:
        where = f"country:{report.destination_country or (place.country_code if place else '')}"
    else:
        where = place.id
    if report.location_key or place is None:
        where += f"|{report.location_key or fold(report.location)}"
    event = report.event_type
    if event in _MOVEMENT:
        event = EventType.BORDER_CROSSING if report.count.qualifier is not CountQualifier.UNKNOWN or not \
            country_level else EventType.REFUGE_SOUGHT
    actor = report.actor_country or fold(report.actor) if event is EventType.FACILITY_CLOSURE else ""
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
