"""GIS exports: real files in tmp_path, read back with geopandas/pyogrio and checked against the incidents."""

from __future__ import annotations

import itertools
import json
import math

import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors
import pytest
from conftest_map import CROSSING_COUNTS, STATED_TOTAL, seed_result

from geo.errors import ExportError
from geo.export import EXPORTERS, FORMATS, incidents_frame, unplaced, write_incidents
from geo.export.frames import INCIDENT_COLUMNS
from geo.model import ExtractionResult

TOLERANCE = 1e-6  # degrees


@pytest.fixture(scope="module")
def result() -> ExtractionResult:
    return seed_result()


@pytest.fixture(scope="module")
def placed_by_id(result: ExtractionResult) -> dict:
    return {i.id: i for i in result.incidents if i.place is not None}


def _ring_area(ring: list[list[float]]) -> float:
    """Shoelace sum: positive for counter-clockwise rings."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _positions(coordinates) -> list[list[float]]:
    if isinstance(coordinates[0], (int, float)):
        return [coordinates]
    return [position for part in coordinates for position in _positions(part)]


def assert_rfc7946(document: dict) -> None:
    """RFC 7946: no crs member, [lon, lat] in range, exterior rings counter-clockwise, holes clockwise."""
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    for feature in document["features"]:
        assert "crs" not in feature
        for lon, lat, *_ in _positions(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        for polygon in _polygons(feature["geometry"]):
            exterior, *holes = polygon
            assert _ring_area(exterior) > 0, f"{feature.get('id')}: exterior ring is clockwise"
            assert all(_ring_area(hole) < 0 for hole in holes), f"{feature.get('id')}: hole is counter-clockwise"


def test_rfc7946_check_rejects_clockwise_polygons() -> None:
    clockwise = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]
    document = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": "p", "geometry": {"type": "Polygon", "coordinates": [clockwise]}}],
    }
    with pytest.raises(AssertionError, match="clockwise"):
        assert_rfc7946(document)
    document["features"][0]["geometry"]["coordinates"] = [clockwise[::-1]]
    assert_rfc7946(document)


def test_frame_has_the_schema_and_skips_incidents_without_place(result: ExtractionResult) -> None:
    frame = incidents_frame(result)
    assert list(frame.columns) == [*INCIDENT_COLUMNS, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == 10
    assert [i.id for i in unplaced(result)] == ["r1"]
    crossings = frame[frame.event_type == "border_crossing"]
    assert crossings["count"].sum() == STATED_TOTAL
    assert crossings.set_index("id")["count"].to_dict() == CROSSING_COUNTS


def test_geojson_follows_rfc7946_and_reads_back_identical(tmp_path, placed_by_id) -> None:
    path = write_incidents(seed_result(), tmp_path / "incidents.geojson")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert_rfc7946(document)
    assert [f["id"] for f in document["features"]] == list(placed_by_id)
    for feature in document["features"]:
        incident = placed_by_id[feature["id"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert math.isclose(lon, incident.place.lon, abs_tol=TOLERANCE)
        assert math.isclose(lat, incident.place.lat, abs_tol=TOLERANCE)
        properties = feature["properties"]
        assert properties["count"] == incident.count.value
        assert properties["date"] == (incident.date.isoformat() if incident.date else None)
        assert properties["flags"] == incident.flags
        assert properties["sources"] == [
            {"document": s.document, "sentence": s.sentence, "start": s.start, "end": s.end} for s in incident.sources
        ]

    frame = gpd.read_file(path, engine="pyogrio")
    assert frame.crs.to_epsg() == 4326
    assert frame["id"].tolist() == list(placed_by_id)
    counts = [None if pd.isna(c) else int(c) for c in frame["count"]]
    assert counts == [i.count.value for i in placed_by_id.values()]
    for (_, row), incident in zip(frame.iterrows(), placed_by_id.values(), strict=True):
        assert math.isclose(row.geometry.x, incident.place.lon, abs_tol=TOLERANCE)
        assert math.isclose(row.geometry.y, incident.place.lat, abs_tol=TOLERANCE)
        assert row["country_code"] == incident.place.country_code
        assert row["event_type"] == str(incident.event_type)


def test_gpkg_has_incident_and_group_layers(tmp_path) -> None:
    path = write_incidents(seed_result(), tmp_path / "incidents.gpkg")
    assert {tuple(layer) for layer in pyogrio.list_layers(path)} == {
        ("incidents", "Point"),
        ("groups", "MultiPoint"),
    }
    incidents = gpd.read_file(path, layer="incidents", engine="pyogrio")
    assert len(incidents) == 10
    assert incidents.crs.to_epsg() == 4326
    assert json.loads(incidents.set_index("id").loc["c6", "sources"])[0]["document"] == "tj-border-2021-07-05.txt"
    groups = gpd.read_file(path, layer="groups", engine="pyogrio")
    group = groups.iloc[0]
    assert (group["id"], group["total"], group["n_parts"], group["parts_sum"]) == ("g1", STATED_TOTAL, 7, STATED_TOTAL)
    assert bool(group["consistent"]) is True
    assert json.loads(group["parts"]) == list(CROSSING_COUNTS)
    assert len(group.geometry.geoms) == 7


def test_csv_has_latitude_and_longitude_columns(tmp_path, placed_by_id) -> None:
    path = write_incidents(seed_result(), tmp_path / "incidents.csv")
    table = pd.read_csv(path, keep_default_na=False)
    assert {"latitude", "longitude"} <= set(table.columns)
    assert table["id"].tolist() == list(placed_by_id)
    for _, row in table.iterrows():
        place = placed_by_id[row["id"]].place
        assert math.isclose(row["latitude"], place.lat, abs_tol=TOLERANCE)
        assert math.isclose(row["longitude"], place.lon, abs_tol=TOLERANCE)
    assert pyogrio.read_info(path)["features"] == 10


def test_kml_opens_with_pyogrio(tmp_path, placed_by_id) -> None:
    path = write_incidents(seed_result(), tmp_path / "incidents.kml")
    frame = gpd.read_file(path, engine="pyogrio")
    assert len(frame) == 10
    by_location = {i.location: i for i in placed_by_id.values()}
    for _, row in frame.iterrows():
        place = by_location[row["location"]].place
        assert math.isclose(row.geometry.x, place.lon, abs_tol=TOLERANCE)
        assert math.isclose(row.geometry.y, place.lat, abs_tol=TOLERANCE)


def test_jsonl_has_one_object_per_incident(tmp_path, placed_by_id) -> None:
    path = write_incidents(seed_result(), tmp_path / "incidents.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(placed_by_id)
    for record in records:
        incident = placed_by_id[record["id"]]
        assert (record["latitude"], record["longitude"]) == (incident.place.lat, incident.place.lon)
        assert record["count"] == incident.count.value
        assert record["sources"][0]["sentence"] == incident.sources[0].sentence


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_name_overrides_the_extension(tmp_path, fmt: str) -> None:
    path = write_incidents(seed_result(), tmp_path / "incidents.out", fmt=fmt)
    assert path.stat().st_size > 0


@pytest.mark.parametrize(("name", "fmt"), [("incidents.shp", None), ("incidents", None), ("x.csv", "xlsx")])
def test_unknown_format_is_an_error_naming_the_formats(tmp_path, name: str, fmt: str | None) -> None:
    with pytest.raises(ExportError, match="geojson, gpkg, csv, kml, jsonl") as error:
        write_incidents(seed_result(), tmp_path / name, fmt=fmt)
    assert name in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_missing_directory_is_an_export_error(tmp_path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_incidents(seed_result(), tmp_path / "missing" / "incidents.geojson")


def test_failed_write_leaves_the_existing_file(tmp_path, monkeypatch) -> None:
    path = tmp_path / "incidents.geojson"
    path.write_text("previous export", encoding="utf-8")

    def half_written(result, temporary):
        temporary.write_text('{"type": "FeatureColl', encoding="utf-8")
        raise pyogrio.errors.DataSourceError("disk full")

    monkeypatch.setitem(EXPORTERS, "geojson", half_written)
    with pytest.raises(ExportError, match="disk full"):
        write_incidents(seed_result(), path)
    assert path.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.geojson"]


def test_empty_result_writes_empty_layers(tmp_path) -> None:
    path = write_incidents(ExtractionResult(), tmp_path / "empty.geojson")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["features"] == []
    gpkg = write_incidents(ExtractionResult(), tmp_path / "empty.gpkg")
    assert pyogrio.read_info(gpkg, layer="incidents")["features"] == 0
    assert pyogrio.read_info(gpkg, layer="groups")["features"] == 0
