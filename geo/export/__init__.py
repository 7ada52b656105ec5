"""Incidents as GIS files: RFC 7946 GeoJSON, GeoPackage, CSV, KML and JSON Lines.

Everything goes through one table (:func:`incidents_frame`) and GDAL drivers via
geopandas/pyogrio; no format is serialised by hand. Writes are atomic.
"""

from geo.export.frames import groups_frame, incidents_frame, placed, unplaced
from geo.export.writers import EXPORTERS, EXTENSIONS, FORMATS, format_for, write_incidents

__all__ = [
    "EXPORTERS",
    "EXTENSIONS",
    "FORMATS",
    "format_for",
    "groups_frame",
    "incidents_frame",
    "placed",
    "unplaced",
    "write_incidents",
]
