"""Incidents and groups as GeoDataFrames (EPSG:4326), the one table every exporter writes.

Columns follow the incident schema (ACLED-like names). Lists stay Python lists here
(``sources`` as ``{document, sentence, start, end}`` dicts, ``flags`` as strings);
each writer decides how its format stores them.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.model import ExtractionResult, Incident, IncidentGroup, SourceRef

CRS = "EPSG:4326"

INCIDENT_COLUMNS = (
    "id",
    "event_type",
    "location",
    "place_name",
    "country_code",
    "admin1",
    "admin2",
    "count",
    "count_qualifier",
    "count_low",
    "count_high",
    "count_text",
    "actor",
    "origin_country",
    "destination_country",
    "date",
    "date_precision",
    "geo_precision",
    "sources",
    "n_sources",
    "confidence",
    "group_id",
    "flags",
)

GROUP_COLUMNS = (
    "id",
    "event_type",
    "total",
    "total_qualifier",
    "total_low",
    "total_high",
    "total_text",
    "parts",
    "n_parts",
    "parts_sum",
    "consistent",
    "cumulative",
    "destination_country",
    "date",
    "sources",
    "note",
)

_DTYPES = {
    "count": "Int64",
    "count_low": "Int64",
    "count_high": "Int64",
    "geo_precision": "int64",
    "n_sources": "int64",
    "confidence": "float64",
    "total": "Int64",
    "total_low": "Int64",
    "total_high": "Int64",
    "n_parts": "int64",
    "parts_sum": "Int64",
    "consistent": "boolean",
    "cumulative": "bool",
}


def placed(result: ExtractionResult) -> list[Incident]:
    """The incidents that have a place, i.e. a point on the map and in the exports."""
    return [incident for incident in result.incidents if incident.place is not None]


def unplaced(result: ExtractionResult) -> list[Incident]:
    """The incidents without a place: reported, but neither mapped nor exported as points."""
    return [incident for incident in result.incidents if incident.place is None]


def incidents_frame(result: ExtractionResult) -> gpd.GeoDataFrame:
    """One row per placed incident, a Point geometry in EPSG:4326, in the order extracted.

    Incidents without a place are left out; :func:`unplaced` lists them.

    Example::

        frame = incidents_frame(result)
        frame.loc[frame.event_type == "border_crossing", "count"].sum()
    """
    incidents = placed(result)
    rows = [_incident_row(incident) for incident in incidents]
    points = shapely.points([(i.place.lon, i.place.lat) for i in incidents]) if incidents else []
    return _frame(rows, INCIDENT_COLUMNS, points)


def groups_frame(result: ExtractionResult) -> gpd.GeoDataFrame:
    """One row per group: its stated total and parts, located by the MultiPoint of its placed parts.

    A group none of whose parts has a place (e.g. a cumulative figure) keeps a null geometry.
    """
    points_by_id = {i.id: (i.place.lon, i.place.lat) for i in placed(result)}
    rows = [_group_row(group) for group in result.groups]
    geometries = [_parts_geometry(group, points_by_id) for group in result.groups]
    return _frame(rows, GROUP_COLUMNS, geometries)


def _frame(rows: list[dict], columns: tuple[str, ...], geometry) -> gpd.GeoDataFrame:
    data = pd.DataFrame(rows, columns=list(columns))
    dtypes = {column: dtype for column, dtype in _DTYPES.items() if column in data.columns}
    return gpd.GeoDataFrame(data.astype(dtypes), geometry=gpd.GeoSeries(geometry, crs=CRS))


def _incident_row(incident: Incident) -> dict:
    place = incident.place
    count = incident.count
    return {
        "id": incident.id,
        "event_type": str(incident.event_type),
        "location": incident.location,
        "place_name": place.name,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "count": count.value,
        "count_qualifier": str(count.qualifier),
        "count_low": count.low,
        "count_high": count.high,
        "count_text": count.text,
        "actor": incident.actor,
        "origin_country": incident.origin_country,
        "destination_country": incident.destination_country,
        "date": incident.date.isoformat() if incident.date else None,
        "date_precision": incident.date_precision,
        "geo_precision": incident.geo_precision,
        "sources": _sources(incident.sources),
        "n_sources": incident.n_sources,
        "confidence": incident.confidence,
        "group_id": incident.group_id,
        "flags": list(incident.flags),
    }


def _group_row(group: IncidentGroup) -> dict:
    return {
        "id": group.id,
        "event_type": str(group.event_type),
        "total": group.total.value,
        "total_qualifier": str(group.total.qualifier),
        "total_low": group.total.low,
        "total_high": group.total.high,
        "total_text": group.total.text,
        "parts": list(group.parts),
        "n_parts": len(group.parts),
        "parts_sum": group.parts_sum,
        "consistent": group.consistent,
        "cumulative": group.cumulative,
        "destination_country": group.destination_country,
        "date": group.date.isoformat() if group.date else None,
        "sources": _sources(group.sources),
        "note": group.note,
    }


def _sources(sources: list[SourceRef]) -> list[dict]:
    return [{"document": s.document, "sentence": s.sentence, "start": s.start, "end": s.end} for s in sources]


def _parts_geometry(group: IncidentGroup, points_by_id: dict[str, tuple[float, float]]):
    points = [points_by_id[part] for part in group.parts if part in points_by_id]
    return shapely.multipoints(points) if points else None
