"""Build the incident map (one self-contained HTML file) from an extraction result."""

from __future__ import annotations

import html
from pathlib import Path

import folium

from geo.atomic import write_text_atomic
from geo.errors import ExportError
from geo.mapping.assets import external_references
from geo.mapping.countries import Bounds, origin_starts, outlines
from geo.mapping.elements import PANEL_WIDTH, IncidentLayer, IncidentSources, Legend, OfflineMap, TotalsPanel
from geo.mapping.layers import SourceTable, format_count, layer_json
from geo.mapping.style import STYLES
from geo.mapping.totals import compute_totals
from geo.model import ExtractionResult, Incident

DETAILED_LIMIT = 2_000
"""Up to this many mapped incidents: count labels and origin lines, no clustering."""

ONLINE_TILES = ("OpenStreetMap", "OpenTopoMap", "Esri.WorldImagery")
"""Online base layers, listed in the layer control but off when the file opens."""

_WORLD: Bounds = (-180.0, -60.0, 180.0, 75.0)
_OUTLINE_STYLE = {"color": "#7a7a7a", "weight": 1, "fillColor": "#f4f1ea", "fillOpacity": 1}


def _bounds(incidents: list[Incident]) -> Bounds:
    if not incidents:
        return _WORLD
    lons = [i.place.lon for i in incidents]
    lats = [i.place.lat for i in incidents]
    return min(lons), min(lats), max(lons), max(lats)


def _with_margin(bounds: Bounds) -> Bounds:
    """The incidents' box plus its own size (at least two degrees) on every side, within the world.

    Wide enough that the outlines fill the window at the fitted view and a zoom level or two out.
    """
    west, south, east, north = bounds
    margin = max(2.0, max(east - west, north - south))
    return (
        max(-180.0, west - margin),
        max(-85.0, south - margin),
        min(180.0, east + margin),
        min(85.0, north + margin),
    )


def _group_notes(result: ExtractionResult) -> dict[str, str]:
    """For each group id, the popup line of its parts: "g1: part of a stated total of 1,037"."""
    return {
        group.id: (
            f"{group.id}: part of a stated total of {format_count(group.total.value)}"
            if group.total.value is not None
            else group.id
        )
        for group in result.groups
    }


def _origin_lines(crossings: list[Incident], bounds: Bounds) -> dict[str, list[float]]:
    """Incident id -> [lat, lon] where its line from the origin side starts."""
    with_origin = [i for i in crossings if i.origin_country]
    reach = max(0.02, 0.05 * max(bounds[2] - bounds[0], bounds[3] - bounds[1]))
    starts = origin_starts(
        [(i.place.lat, i.place.lon) for i in with_origin], [i.origin_country for i in with_origin], reach
    )
    return {
        incident.id: [round(start[0], 5), round(start[1], 5)]
        for incident, start in zip(with_origin, starts, strict=True)
        if start is not None
    }


def _add_base_layers(m: folium.Map, bounds: Bounds) -> None:
    """The offline outlines (shown) and the online tile layers (listed, not shown) as base layers."""
    folium.GeoJson(
        outlines(_with_margin(bounds)),
        name="Country outlines (offline)",
        overlay=False,
        style_function=lambda _feature: _OUTLINE_STYLE,
        interactive=False,
    ).add_to(m)
    for tiles in ONLINE_TILES:
        folium.TileLayer(tiles, name=f"{tiles} (online)", show=False, overlay=False).add_to(m)


def _add_incident_layers(
    m: folium.Map, result: ExtractionResult, mapped: list[Incident], *, detailed: bool, cluster: bool
) -> Legend:
    """One layer per event type present; returns the legend of what was drawn."""
    sources = IncidentSources(SourceTable(mapped))
    sources.add_to(m)
    group_notes = _group_notes(result)
    bounds = _bounds(mapped)
    legend = Legend()
    for event_type, style in STYLES.items():
        incidents = [i for i in mapped if i.event_type == event_type]
        if not incidents:
            continue
        origins = _origin_lines(incidents, bounds) if detailed and style.proportional else {}
        data = layer_json(incidents, style, sources.table, group_notes, origins)
        IncidentLayer(style, data, sources, labels=detailed, cluster=cluster).add_to(m)
        legend.add_style(style, max_count=max((i.count.value or 0 for i in incidents), default=0))
        legend.origin_lines = legend.origin_lines or bool(origins)
    return legend


def build_map(result: ExtractionResult, *, title: str = "Incidents", cluster: bool | None = None) -> folium.Map:
    """A Leaflet map of the placed incidents: one layer per event type, legend and totals.

    Parameters
    ----------
    result : the extraction; incidents without a place are counted in the totals panel only.
    title : shown in the totals panel and as the page title.
    cluster : group nearby symbols (Leaflet.markercluster). By default only above
        :data:`DETAILED_LIMIT` incidents, where count labels and origin lines are left out too.

    The base layer is offline (Natural Earth country outlines around the incidents);
    the online tile layers of :data:`ONLINE_TILES` are off until chosen in the layer
    control, so opening the file makes no request. Write it with :func:`save_map`.

    Example::

        save_map(build_map(result, title="Afghan soldiers crossing into Tajikistan"), Path("maps/tj.html"))
    """
    mapped = [incident for incident in result.incidents if incident.place is not None]
    detailed = len(mapped) <= DETAILED_LIMIT
    west, south, east, north = _bounds(mapped)
    m = OfflineMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=5,
        tiles=None,
        maxZoom=18,
        control_scale=True,
    )
    m.get_root().title = html.escape(title)
    _add_base_layers(m, (west, south, east, north))
    legend = _add_incident_layers(
        m, result, mapped, detailed=detailed, cluster=not detailed if cluster is None else cluster
    )
    legend.add_to(m)
    TotalsPanel(title, compute_totals(result, mapped)).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    if mapped:
        # The panels take a column of PANEL_WIDTH on the left: keep the incidents out from under it.
        m.fit_bounds(
            [[south, west], [north, east]],
            padding_top_left=(PANEL_WIDTH + 30, 30),
            padding_bottom_right=(30, 30),
            max_zoom=10,
        )
    return m


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Render ``m`` to one self-contained HTML file at ``path``, atomically; return the path.

    Raises :class:`ExportError` when the page would load anything from the network
    (for example a folium element added by hand that links a CDN).
    """
    target = Path(path)
    page = m.get_root().render()
    external = external_references(page)
    if external:
        raise ExportError(
            f"{target}: the map would load {len(external)} resource(s) from outside the file "
            f"(first: {external[0]}); use elements whose assets are embedded"
        )
    return write_text_atomic(target, page)
