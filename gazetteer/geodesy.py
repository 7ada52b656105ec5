"""Distances on the sphere, as the benchmarks measure them, and the centre of a territory."""

from __future__ import annotations

import math

import numpy as np
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def territory_centre(territory: BaseGeometry, gap_km: float = 50.0) -> tuple[float, float]:
    """(lat, lon) of the geographic centre of a country's main territory.

    The main territory is the largest landmass plus every part reachable from it across
    gaps of at most ``gap_km`` (Canada's Arctic islands, Indonesia's archipelago), but not
    distant parts (Alaska, Hawaii, overseas departments). Its centroid is taken in a
    Lambert azimuthal equal-area projection around the largest part, so high latitudes
    are not overweighted. This is the point news gazetteers give a country, to within a
    country's width: 39.9 N 98.8 W for the United States.
    """
    parts = shapely.get_parts(territory)
    largest = int(shapely.area(parts).argmax())
    anchor = parts[largest].centroid
    to_plane = pyproj.Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={anchor.y} +lon_0={anchor.x} +datum=WGS84", always_xy=True
    )
    planar = shapely.transform(parts, lambda xy: np.column_stack(to_plane.transform(xy[:, 0], xy[:, 1])))
    tree = shapely.STRtree(planar)
    left, right = tree.query(planar, predicate="dwithin", distance=gap_km * 1000.0)
    neighbours: dict[int, list[int]] = {}
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        neighbours.setdefault(a, []).append(b)
    body, frontier = {largest}, [largest]
    while frontier:
        for other in neighbours.get(frontier.pop(), ()):
            if other not in body:
                body.add(other)
                frontier.append(other)
    centre = shapely.MultiPolygon(list(planar[sorted(body)])).centroid
    lon, lat = to_plane.transform(centre.x, centre.y, direction="INVERSE")
    return float(lat), float(lon)
