"""GeoNamesDumpSource on small files in GeoNames format (tests/data/geonames, see its README)."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gazetteer.errors import DataFileError
from gazetteer.place import Place
from gazetteer.sources import get_source
from gazetteer.sources.geonames_dump import GeoNamesDumpSource

DATA = Path(__file__).parent / "data" / "geonames"
AUXILIARY = [DATA / "admin1CodesASCII.txt", DATA / "admin2Codes.txt", DATA / "countryInfo.txt"]
TOLERANCE_DEG = 1e-6


@pytest.fixture
def af_zip(tmp_path: Path) -> Path:
    """AF.txt packed as GeoNames packs it: AF.zip holding AF.txt and readme.txt."""
    path = tmp_path / "AF.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(DATA / "AF.txt", "AF.txt")
        archive.writestr("readme.txt", "GeoNames country extract\n")
    return path


def by_id(places: list[Place]) -> dict[int | None, Place]:
    return {place.geonameid: place for place in places}


def test_imports_tables_with_division_and_country_names(af_zip: Path) -> None:
    source = GeoNamesDumpSource([DATA / "TJ.txt", af_zip, *AUXILIARY])
    places = by_id(list(source.iter_places()))

    assert len(places) == 11
    assert source.problems == []
    khorugh = places[1221328]
    assert khorugh.id == "geonames:1221328"
    assert khorugh.name == "Khorugh"
    assert khorugh.lat == pytest.approx(37.49039, abs=TOLERANCE_DEG)
    assert khorugh.lon == pytest.approx(71.55337, abs=TOLERANCE_DEG)
    assert (khorugh.country_code, khorugh.admin1, khorugh.admin2) == ("TJ", "Gorno-Badakhshan", "")
    assert (khorugh.feature_class, khorugh.feature_code) == ("P", "PPLA")
    assert khorugh.population == 30500
    assert {"Khorog", "Xorog", "Хорог"} <= set(khorugh.alternate_names)
    assert "Khorugh" not in khorugh.alternate_names  # the name itself is not repeated
    assert khorugh.source == "geonames-dump"
    assert khorugh.precision_km == 1.0
    assert khorugh.raw is not None and khorugh.raw["timezone"] == "Asia/Dushanbe"

    assert places[1221614].admin2 == "Nohiyai Ishqoshim"
    assert (places[1148268].country_code, places[1148268].admin1, places[1148268].admin2) == (
        "AF",
        "Badakhshan",
        "Ishkāshim",
    )
    assert places[1138958].admin1 == "Kabul"


def test_divisions_name_only_their_parents_and_are_coarser() -> None:
    places = by_id(list(GeoNamesDumpSource([DATA / "TJ.txt", *AUXILIARY]).iter_places()))
    region = places[1221692]
    country = places[1220409]

    assert (region.feature_code, region.admin1, region.country_code) == ("ADM1", "", "TJ")
    assert region.is_admin_division
    assert region.precision_km == 50.0
    assert country.is_country
    assert country.precision_km == 300.0


def test_country_info_adds_the_short_country_name() -> None:
    with_info = by_id(list(GeoNamesDumpSource([*AUXILIARY, DATA / "TJ.txt"]).iter_places()))
    without_info = by_id(list(GeoNamesDumpSource([DATA / "TJ.txt"]).iter_places()))

    assert with_info[1220409].name == "Republic of Tajikistan"
    assert "Tajikistan" in with_info[1220409].alternate_names
    assert "Tajikistan" not in without_info[1220409].alternate_names
    assert without_info[1221328].admin1 == ""  # no admin1CodesASCII.txt: no division names


def test_zip_is_read_in_place_and_matches_the_text_file(af_zip: Path, tmp_path: Path) -> None:
    from_zip = list(GeoNamesDumpSource([af_zip]).iter_places())
    from_text = list(GeoNamesDumpSource([DATA / "AF.txt"]).iter_places())

    assert [place.id for place in from_zip] == [place.id for place in from_text]
    assert from_zip == from_text
    assert sorted(os.listdir(tmp_path)) == ["AF.zip"]  # nothing extracted


def test_malformed_rows_are_reported_by_line_and_the_rest_imported() -> None:
    path = DATA / "malformed.txt"
    source = GeoNamesDumpSource([path])
    places = list(source.iter_places())

    assert [place.name for place in places] == ["Khorugh", "Qalaikhumb", "Murghob"]
    assert [problem.line for problem in source.problems] == [2, 3, 4, 5, 8]
    assert all(problem.path == str(path) for problem in source.problems)
    reasons = [problem.reason for problem in source.problems]
    assert "expected 19 tab-separated columns, found 8" in reasons[0]
    assert "latitude is not a number: 'north'" in reasons[1]
    assert "latitude 97.94487 is outside -90..90" in reasons[2]
    assert "geonameid must be a positive integer, got '12209x62'" in reasons[3]
    assert "longitude 271.82591 is outside -180..180" in reasons[4]
    assert str(source.problems[0]).startswith(f"{path}:2: ")


def test_a_line_that_is_not_utf8_is_a_problem_not_a_failure(tmp_path: Path) -> None:
    good = (DATA / "TJ.txt").read_bytes().splitlines(keepends=True)
    path = tmp_path / "TJ.txt"
    path.write_bytes(good[2] + b"1221614\tIshq\xf6shim\n" + good[3])

    source = GeoNamesDumpSource([path])
    places = list(source.iter_places())

    assert [place.geonameid for place in places] == [1221328, 1221614]
    assert [(problem.line, problem.reason) for problem in source.problems] == [
        (2, "not UTF-8 text (byte 13 of the line)")
    ]


def test_problems_are_reset_on_each_run() -> None:
    source = GeoNamesDumpSource([DATA / "malformed.txt"])
    list(source.iter_places())
    list(source.iter_places())

    assert len(source.problems) == 5


def _write_png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))


def _write_csv(path: Path) -> None:
    path.write_text("name,lat,lon\nKhorugh,37.49039,71.55337\n", encoding="utf-8")


def _write_empty(path: Path) -> None:
    path.write_text("# nothing here\n\n", encoding="utf-8")


def _write_main_table_under_admin1_name(path: Path) -> None:
    shutil.copy(DATA / "TJ.txt", path)


def _write_zip_without_table(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no table here\n")


def _write_text_named_zip(path: Path) -> None:
    shutil.copy(DATA / "TJ.txt", path)


@pytest.mark.parametrize(
    ("file_name", "write", "expected"),
    [
        ("TJ.txt", None, "no such file"),
        ("TJ.txt", _write_png, "binary data"),
        ("cities500.txt", _write_csv, "none of its first 2 rows fits (expected 19 tab-separated columns"),
        ("XX.txt", _write_empty, "no data rows"),
        ("admin1CodesASCII.txt", _write_main_table_under_admin1_name, "not GeoNames admin1CodesASCII.txt"),
        ("TJ.zip", _write_zip_without_table, "expected one .txt table named TJ.txt"),
        ("TJ.zip", _write_text_named_zip, "not a readable zip archive"),
    ],
    ids=["missing", "binary", "csv", "empty", "wrong-layout-for-name", "zip-without-table", "not-a-zip"],
)
def test_a_file_that_is_not_geonames_fails_before_any_place(
    tmp_path: Path, file_name: str, write: Callable[[Path], None] | None, expected: str
) -> None:
    bad = tmp_path / file_name
    if write is not None:
        write(bad)
    places = GeoNamesDumpSource([DATA / "TJ.txt", bad]).iter_places()

    with pytest.raises(DataFileError) as raised:
        next(places)

    assert raised.value.path == str(bad)
    assert expected in raised.value.reason


def test_constructor_reads_nothing(tmp_path: Path) -> None:
    source = GeoNamesDumpSource([tmp_path / "absent.txt"])

    assert source.paths == (tmp_path / "absent.txt",)


@pytest.mark.parametrize(
    ("query", "country_code", "expected_ids"),
    [
        ("khorog", None, [1221328]),
        ("Ishkashim", "TJ", [1221614]),
        ("Ishkashim", "AF", []),
        ("Tajikistan", None, [1220409]),
        ("Badakhshan", "af", [1147745]),
        ("Nowhereabad", None, []),
    ],
)
def test_search_scans_names_and_alternate_names(
    af_zip: Path, query: str, country_code: str | None, expected_ids: list[int]
) -> None:
    source = GeoNamesDumpSource([DATA / "TJ.txt", af_zip, *AUXILIARY])

    found = source.search(query, country_code=country_code)

    assert [place.geonameid for place in found] == expected_ids


def test_search_ranks_by_population_and_honours_limit(tmp_path: Path) -> None:
    khorugh = (DATA / "TJ.txt").read_text(encoding="utf-8").splitlines()[2].split("\t")
    hamlet = [*khorugh[:14], "10", *khorugh[15:]]  # a made-up namesake with 10 people
    hamlet[0] = "999999999"
    table = tmp_path / "TJ.txt"
    table.write_text("\t".join(hamlet) + "\n" + "\t".join(khorugh) + "\n", encoding="utf-8")
    source = GeoNamesDumpSource([table])

    assert [place.population for place in source.search("Khorog")] == [30500, 10]
    assert [place.geonameid for place in source.search("Khorog", limit=1)] == [1221328]


def test_fingerprint_follows_file_size_time_and_path(tmp_path: Path) -> None:
    table = tmp_path / "TJ.txt"
    shutil.copy(DATA / "TJ.txt", table)
    source = GeoNamesDumpSource([table])
    first = source.fingerprint()

    assert GeoNamesDumpSource([table]).fingerprint() == first
    stat = table.stat()
    os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    touched = source.fingerprint()
    assert touched != first
    with table.open("ab") as stream:
        stream.write(b"\n")
    assert source.fingerprint() not in {first, touched}
    assert GeoNamesDumpSource([table, DATA / "AF.txt"]).fingerprint() != source.fingerprint()


def test_fingerprint_of_a_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"absent\.txt"):
        GeoNamesDumpSource([tmp_path / "absent.txt"]).fingerprint()


def test_registry_makes_the_dump_source() -> None:
    source = get_source("geonames-dump", paths=[DATA / "TJ.txt"])

    assert isinstance(source, GeoNamesDumpSource)
    assert len(list(source.iter_places())) == 6
