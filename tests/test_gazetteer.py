"""The gazetteer's promises: folds, lookups in context, a self-healing index, the CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gazetteer.countries import neighbours
from gazetteer.disambiguate import ResolutionContext
from gazetteer.errors import IndexUnusable
from gazetteer.geodesy import haversine_km, territory_centre
from gazetteer.normalize import fold, variant_key
from gazetteer.place import Place
from gazetteer.resolver import open_gazetteer
from gazetteer.sources.base import PlaceSource
from gazetteer.sources.embedded import _compass_regions
from gazetteer.sources.geonames_dump import GeoNamesDumpSource
from geo.cli import main

GEONAMES_FIXTURES = Path(__file__).parent / "data" / "geonames"


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["Khorog", "Khorugh", "Xorugh", "Хорог", "KHOROG"], "hrg"),
        (["Ishkashim", "Ishkoshim", "Eshkashem", "Ashkāsham"], "shkshm"),
        (["Darvaz", "Darvoz"], "drvz"),
        (["Shuroobod", "Shŭrobod", "Shurobod"], "shrbd"),
        (["Humrogi", "Khumrogi"], "hmrg"),
    ],
)
def test_spelling_variants_share_one_key(spellings: list[str], key: str) -> None:
    assert {variant_key(fold(s)) for s in spellings} == {key}


def test_fold_removes_case_accents_script_and_punctuation() -> None:
    assert fold("Mazār-e Sharīf") == fold("MAZAR-E-SHARIF") == "mazar e sharif"
    assert fold("Rŭshon") == "rushon"
    assert fold("Roshtqal'a") == fold("Roshtqal’a") == "roshtqala"


# (name, context, expected country, expected point or None, tolerance km, expected admin text or "")
LOOKUPS = [
    ("Khorog", "", "TJ", (37.49, 71.55), 5, ""),
    ("Khorugh", "", "TJ", (37.49, 71.55), 5, ""),
    ("Xorugh", "", "TJ", (37.49, 71.55), 5, ""),
    ("Ishkashim", "Tajikistan", "TJ", (36.72, 71.61), 10, ""),
    ("Eshkashem", "", "AF", (36.70, 71.57), 15, ""),
    ("Ishkashim", "Badakhshan province, Afghanistan", "AF", (36.70, 71.57), 25, ""),
    ("Langar", "Ishkashim District, Tajikistan", "TJ", (37.04, 72.65), 5, "Ishkoshim"),
    ("Vanj", "", "TJ", (38.37, 71.45), 30, ""),
    ("Darvaz", "", "TJ", (38.5, 70.8), 40, ""),
    ("Darvoz", "", "TJ", (38.5, 70.8), 40, ""),
    ("Qalaikhumb", "", "TJ", (38.45, 70.79), 5, ""),
    ("Ruzvai", "Darvaz District", "TJ", (38.45, 70.78), 25, "Darvoz"),
    ("Nulvand", "Darvaz District", "TJ", (38.3, 70.6), 40, "Darvoz"),
    ("Humrogi", "Vanj District", "TJ", (38.3, 71.3), 40, "Vanj"),
    ("Shamsiddin Shohin", "", "TJ", (37.84, 70.04), 40, ""),
    ("Shuroobod", "", "TJ", (37.84, 70.04), 40, ""),
    ("Badakhshan", "Afghanistan", "AF", (36.9, 70.8), 120, ""),
    ("Badakhshan", "Khorog, Tajikistan", "TJ", (38.2, 72.6), 150, ""),
    ("Takhar", "", "AF", (36.7, 69.6), 100, ""),
    ("Kunduz", "", "AF", (36.73, 68.86), 60, ""),
    ("Mazar-e-Sharif", "", "AF", (36.71, 67.11), 10, ""),
    ("Kabul", "", "AF", (34.53, 69.17), 10, ""),
    ("Termez", "", "UZ", (37.22, 67.28), 10, ""),
    ("Tajikistan", "", "TJ", (38.9, 71.0), 250, ""),
    ("Afghanistan", "", "AF", (33.9, 66.0), 400, ""),
]


@pytest.mark.parametrize(("name", "context", "country", "point", "tolerance_km", "admin2"), LOOKUPS)
def test_lookup_resolves_the_right_place(gazetteer, name, context, country, point, tolerance_km, admin2) -> None:
    resolution = gazetteer.resolve(name, ResolutionContext(text=context))
    assert resolution.resolved, resolution.reason
    place = resolution.place
    assert place.country_code == country, (place, resolution.reason)
    assert haversine_km(place.lat, place.lon, *point) <= tolerance_km, place
    if admin2:
        assert admin2 in place.admin2 or admin2 in place.alternate_names or admin2 == place.name


def test_badakhshan_is_a_province_in_afghanistan_and_a_region_in_tajikistan(gazetteer) -> None:
    afghan = gazetteer.resolve("Badakhshan", ResolutionContext(text="Afghanistan")).place
    tajik = gazetteer.resolve("Badakhshan", ResolutionContext(text="Khorog, Tajikistan")).place
    assert afghan.feature_code == tajik.feature_code == "ADM1"
    assert (afghan.country_code, tajik.country_code) == ("AF", "TJ")


def test_a_district_mention_prefers_the_district(gazetteer) -> None:
    place = gazetteer.resolve("Ishkashim District", ResolutionContext(countries=("TJ",))).place
    assert place.feature_class == "A" and place.country_code == "TJ"


def test_a_generic_word_in_the_name_rules_out_other_kinds(gazetteer) -> None:
    city = gazetteer.resolve("Mexico City").place
    assert (city.country_code, city.feature_class) == ("MX", "P")  # not the country Mexico
    assert "not populated" in gazetteer.candidates("Mexico City")[1].reasons[-1]


def test_unknown_name_is_an_explicit_no_match(gazetteer) -> None:
    resolution = gazetteer.resolve("Blorfingtonville")
    assert not resolution.resolved and resolution.place is None
    assert "no match" in resolution.reason


def test_fuzzy_fallback_stays_in_the_region_and_never_returns_junk(gazetteer) -> None:
    near_miss = gazetteer.resolve("Qalaykhumbb", ResolutionContext(countries=("TJ",)))
    assert near_miss.place is not None and near_miss.place.country_code == "TJ"
    assert near_miss.match in {"variant", "fuzzy"}
    assert gazetteer.resolve("Zzyqxorvtel").place is None


def test_resolution_carries_reason_and_alternatives(gazetteer) -> None:
    resolution = gazetteer.resolve("Langar", ResolutionContext(text="Samangan, Afghanistan"))
    assert resolution.place.country_code == "AF"
    assert "TJ" in {c.place.country_code for c in resolution.alternatives}
    assert "within" in resolution.reason or "in AF" in resolution.reason


# A country's point is a convention, GeoNames' above all: the Factbook's point for most
# countries (Russia 60 N 100 E, not the centre of its territory near 66 N 94 E; France 46 N 2 E),
# the geographic centre of the contiguous states for the United States (39.83 N 98.58 W, near
# Lebanon, Kansas; the Factbook's 38 N 97 W is 240 km off). The tolerance is the benchmarks'
# 161 km halved.
@pytest.mark.parametrize(
    ("name", "country", "point"),
    [("United States", "US", (39.83, -98.58)), ("Russia", "RU", (60.0, 100.0)), ("France", "FR", (46.0, 2.0))],
)
def test_country_point_follows_the_geonames_convention(gazetteer, name, country, point) -> None:
    place = gazetteer.resolve(name).place
    assert place.country_code == country and place.is_country
    assert haversine_km(place.lat, place.lon, *point) < 80


def test_regions_of_several_countries_have_no_country_and_beat_namesake_towns(gazetteer) -> None:
    # "Middle East" is also a neighbourhood of Baltimore; the region wins without context
    middle_east = gazetteer.resolve("Middle East").place
    assert middle_east.spans_countries and middle_east.country_code == ""
    assert haversine_km(middle_east.lat, middle_east.lon, 29.0, 41.0) < 1
    assert gazetteer.resolve("Mideast").place.id == middle_east.id
    central_asia = gazetteer.resolve("Central Asia").place
    assert central_asia.spans_countries and 35 < central_asia.lat < 50 and 55 < central_asia.lon < 80
    # a bare "Gulf" stays what the gazetteer had: no sea is called only that
    assert not gazetteer.resolve("Gulf").place.spans_countries


def test_territory_centre_leaves_out_distant_parts_and_keeps_near_islands() -> None:
    from shapely.geometry import MultiPolygon, box

    mainland = box(0, 0, 10, 10)
    near_island = box(10.2, 0, 12, 10)  # 22 km off the coast: part of the main territory
    far_island = box(100, 40, 105, 45)  # larger than the near island, thousands of km away
    lat, lon = territory_centre(MultiPolygon([mainland, near_island, far_island]))
    assert 4.5 < lat < 5.5 and 5.2 < lon < 6.2


def test_division_point_is_not_its_namesake_city(gazetteer) -> None:
    candidates = gazetteer.candidates("New York")
    state = next(c.place for c in candidates if c.place.feature_code == "ADM1" and c.place.country_code == "US")
    assert haversine_km(state.lat, state.lon, 40.71, -74.01) > 150  # the state's middle, not Manhattan
    assert gazetteer.resolve("New York").place.id == state.id


def test_short_name_of_a_division_is_its_main_name(gazetteer) -> None:
    place = gazetteer.resolve("Henan").place
    assert (place.country_code, place.feature_code) == ("CN", "ADM1")


def test_compass_named_divisions_make_a_region(gazetteer) -> None:
    kordofan = gazetteer.resolve("Kordofan").place  # North, South and West Kordofan
    assert (kordofan.country_code, kordofan.feature_code) == ("SD", "RGN")
    assert 9 < kordofan.lat < 16 and 26 < kordofan.lon < 33  # between its states
    kalimantan = gazetteer.resolve("Kalimantan", ResolutionContext(countries=("ID",))).place
    assert (kalimantan.country_code, kalimantan.feature_code) == ("ID", "RGN")


def test_compass_regions_skip_generic_words_and_country_names() -> None:
    def division(name: str, lat: float, code: str = "XX") -> Place:
        return Place(f"d:{name}", name, lat, 10.0, code, feature_class="A", feature_code="ADM1", precision_km=50.0)

    divisions = [
        division("North Foobar", 12.0),
        division("South Foobar", 10.0),
        division("Western Cape", 1.0),
        division("Eastern Cape", 2.0),
        division("South Australia", -30.0, "AU"),
        division("Western Australia", -25.0, "AU"),
    ]
    regions = list(_compass_regions(divisions, country_names={"australia"}))
    assert [(r.name, r.country_code, r.lat) for r in regions] == [("Foobar", "XX", 11.0)]


class TinySource(PlaceSource):
    """Three places, so that index tests build in milliseconds."""

    name = "tiny"

    def __init__(self, version: str = "1") -> None:
        self.version = version

    def fingerprint(self) -> str:
        return f"tiny:{self.version}"

    def iter_places(self) -> Iterator[Place]:
        yield Place("t:1", "Khorugh", 37.49, 71.55, "TJ", feature_class="P", feature_code="PPLA", population=30500)
        yield Place("t:2", "Langar", 37.04, 72.65, "TJ", feature_class="P", feature_code="PPL")
        yield Place("t:3", "Tajikistan", 38.9, 71.0, "TJ", feature_class="A", feature_code="PCLI")

    def search(self, name: str, country_code: str | None = None, limit: int = 10) -> list[Place]:
        return [p for p in self.iter_places() if fold(p.name) == fold(name)][:limit]


def test_index_is_built_once_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    first = open_gazetteer(path, sources=[TinySource()])
    assert first.resolve("Khorog").place.id == "t:1"
    built_at = path.stat().st_mtime_ns
    again = open_gazetteer(path, sources=[TinySource()])
    assert path.stat().st_mtime_ns == built_at
    assert again.index.place_count == 3


def test_index_rebuilds_when_its_sources_change(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    open_gazetteer(path, sources=[TinySource("1")])
    rebuilt = open_gazetteer(path, sources=[TinySource("2")])
    assert rebuilt.index.meta("fingerprint") == "tiny:2"


@pytest.mark.parametrize("damage", [b"", b"this is not a database at all" * 100])
def test_corrupt_index_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "index.sqlite"
    path.write_bytes(damage)
    gazetteer = open_gazetteer(path, sources=[TinySource()])
    assert gazetteer.resolve("Langar").place.id == "t:2"


def test_index_from_another_schema_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    open_gazetteer(path, sources=[TinySource()]).index.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'schema_version'")
    assert open_gazetteer(path, sources=[TinySource()]).index.meta("schema_version") != "old"


def test_unwritable_index_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(IndexUnusable, match="cannot build the place index"):
        open_gazetteer(blocker / "index.sqlite", sources=[TinySource()])


def test_geonames_dump_import_adds_places_and_survives_a_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    gazetteer = open_gazetteer(path, sources=[TinySource()])
    source = GeoNamesDumpSource(sorted(GEONAMES_FIXTURES.glob("*.txt")))
    added = gazetteer.import_places(source)
    assert added > 0
    assert any("malformed" in str(problem) and problem.line for problem in source.problems)
    imported = [p for p in gazetteer.candidates("Khorugh") if p.place.source == "geonames-dump"]
    assert imported and imported[0].place.country_code == "TJ"
    rebuilt = open_gazetteer(path, sources=[TinySource("2")])
    assert any(c.place.source == "geonames-dump" for c in rebuilt.candidates("Khorugh"))


# -- the command line ----------------------------------------------------------------


def test_cli_lookup_langar_in_context(gazetteer) -> None:
    result = CliRunner().invoke(
        main,
        [
            "gazetteer",
            "lookup",
            "Langar",
            "--context",
            "Ishkashim District, Tajikistan",
            "--json",
            "--gazetteer",
            str(gazetteer.path),
        ],
    )
    assert result.exit_code == 0, result.output
    best = json.loads(result.output)[0]
    assert best["country_code"] == "TJ"
    assert haversine_km(best["lat"], best["lon"], 37.04, 72.65) < 5
    assert set(best) >= {"name", "lat", "lon", "country_code", "admin1", "feature_code", "score", "source"}


def test_cli_lookup_unknown_name_says_no_match_and_exits_zero(gazetteer) -> None:
    result = CliRunner().invoke(main, ["gazetteer", "lookup", "Blorfingtonville", "--gazetteer", str(gazetteer.path)])
    assert result.exit_code == 0
    assert "no match" in result.output
    as_json = CliRunner().invoke(
        main, ["gazetteer", "lookup", "Blorfingtonville", "--json", "--gazetteer", str(gazetteer.path)]
    )
    assert json.loads(as_json.output) == []


def test_cli_country_filter(gazetteer) -> None:
    result = CliRunner().invoke(
        main, ["gazetteer", "lookup", "Ishkashim", "--country", "AF", "--json", "--gazetteer", str(gazetteer.path)]
    )
    assert result.exit_code == 0
    assert {c["country_code"] for c in json.loads(result.output)} == {"AF"}


def test_cli_import_geonames_reports_malformed_rows_by_line(gazetteer, tmp_path: Path) -> None:
    copy = tmp_path / "index.sqlite"
    shutil.copy(gazetteer.path, copy)
    result = CliRunner().invoke(
        main, ["gazetteer", "import", "geonames", str(GEONAMES_FIXTURES / "malformed.txt"), "--gazetteer", str(copy)]
    )
    assert result.exit_code == 0, result.output
    assert "imported" in result.stdout
    assert "malformed.txt:" in result.stderr


def test_python_dash_m_geo_runs_the_real_cli(gazetteer) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "geo", "gazetteer", "lookup", "Khorugh", "--json", "--gazetteer", str(gazetteer.path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)[0]["country_code"] == "TJ"


def test_neighbours_are_the_countries_across_a_land_border() -> None:
    assert neighbours("TJ") == {"AF", "CN", "KG", "UZ"}
    assert "BD" in neighbours("MM") and "IN" not in neighbours("AF")
    assert neighbours("XX") == frozenset()
