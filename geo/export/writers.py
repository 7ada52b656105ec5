"""Write incidents to GIS files through geopandas/pyogrio (GDAL drivers) and pandas.

Formats are chosen from one table, :data:`EXPORTERS`, by name or by the file's
extension (:data:`EXTENSIONS`); anything else is an :class:`ExportError` listing the
formats we write, never a guess. Every file is written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors

from geo.atomic import atomic_output
from geo.errors import ExportError
from geo.export.frames import groups_frame, incidents_frame
from geo.model import ExtractionResult

Exporter = Callable[[ExtractionResult, Path], None]

_LIST_COLUMNS = ("sources", "flags", "parts")
_GDAL_ERRORS = (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError)


def _json_text(value: list) -> str:
    return json.dumps(value, ensure_ascii=False)


def _gdal_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """List columns as JSON text: GPKG, KML and CSV have no list type."""
    lists = [column for column in _LIST_COLUMNS if column in frame.columns]
    return frame.assign(**{column: frame[column].map(_json_text) for column in lists})


def _table(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """The frame without geometry, with latitude and longitude after the admin names."""
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    position = table.columns.get_loc("admin2") + 1
    table.insert(position, "latitude", frame.geometry.y)
    table.insert(position + 1, "longitude", frame.geometry.x)
    return table


def write_geojson(result: ExtractionResult, path: Path) -> None:
    """RFC 7946 GeoJSON: lon/lat WGS84, no crs member, the incident id as the feature id.

    GDAL writes JSON array text (``sources``, ``flags``) as real arrays
    (AUTODETECT_JSON_STRINGS); a text field that is itself a JSON array or object
    would be written as JSON too.
    """
    _gdal_frame(incidents_frame(result)).to_file(
        path,
        driver="GeoJSON",
        layer="incidents",
        geometry_type="Point",
        layer_options={
            "RFC7946": "YES",
            "ID_FIELD": "id",
            "ID_TYPE": "String",
            "AUTODETECT_JSON_STRINGS": "YES",
        },
    )


def write_gpkg(result: ExtractionResult, path: Path) -> None:
    """GeoPackage with two layers: ``incidents`` (points) and ``groups`` (MultiPoint of the parts)."""
    _gdal_frame(incidents_frame(result)).to_file(path, driver="GPKG", layer="incidents", geometry_type="Point")
    _gdal_frame(groups_frame(result)).to_file(path, driver="GPKG", layer="groups", geometry_type="MultiPoint")


def write_csv(result: ExtractionResult, path: Path) -> None:
    """CSV with latitude and longitude columns; lists as JSON text."""
    table = _table(_gdal_frame(incidents_frame(result)))
    pyogrio.write_dataframe(table, path, driver="CSV", layer="incidents")


def write_kml(result: ExtractionResult, path: Path) -> None:
    """KML placemarks named by the location as written, every field as extended data."""
    frame = _gdal_frame(incidents_frame(result))
    frame.insert(0, "name", frame["location"])
    driver = "LIBKML" if "LIBKML" in pyogrio.list_drivers(write=True) else "KML"
    frame.to_file(path, driver=driver, layer="incidents", geometry_type="Point")


def write_jsonl(result: ExtractionResult, path: Path) -> None:
    """JSON Lines: one object per incident with latitude/longitude, lists as arrays."""
    _table(incidents_frame(result)).to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")


EXPORTERS: dict[str, Exporter] = {
    "geojson": write_geojson,
    "gpkg": write_gpkg,
    "csv": write_csv,
    "kml": write_kml,
    "jsonl": write_jsonl,
}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)
EXTENSIONS: dict[str, str] = {f".{name}": name for name in FORMATS}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format name for ``path``: ``fmt`` when given, else from the extension; never a guess."""
    if fmt is not None:
        if fmt.lower() not in EXPORTERS:
            raise ExportError(f"{path}: unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt.lower()
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ExportError(
            f"{path}: cannot tell the export format from the extension {suffix or '(none)'!r}; "
            f"use one of {', '.join(EXTENSIONS)} or name a format ({', '.join(FORMATS)})"
        )
    return EXTENSIONS[suffix]


def write_incidents(result: ExtractionResult, path: str | Path, fmt: str | None = None) -> Path:
    """Write the placed incidents of ``result`` to ``path`` and return the path.

    Parameters
    ----------
    result : the extraction to export; incidents without a place are left out
        (:func:`geo.export.unplaced` lists them).
    path : the output file; an existing file is replaced only when writing succeeds.
    fmt : one of :data:`FORMATS`; by default taken from the extension of ``path``.

    Example::

        write_incidents(result, Path("out/incidents.geojson"))
        write_incidents(result, Path("out/incidents.txt"), fmt="csv")
    """
    target = Path(path)
    name = format_for(target, fmt)
    with atomic_output(target, suffix=f".{name}") as temporary:
        try:
            EXPORTERS[name](result, temporary)
        except _GDAL_ERRORS as error:
            raise ExportError(f"{target}: writing {name} failed: {error}") from error
    return target
