"""Places from the files GeoNames publishes (https://download.geonames.org/export/dump/).

A user with internet downloads ``allCountries.zip`` (or one country, ``TJ.zip``, or
``cities500.zip``) plus ``admin1CodesASCII.txt``, ``admin2Codes.txt`` and ``countryInfo.txt``,
and imports them into the index to upgrade from the embedded gazetteer to the full one.

Which file is which is decided by its name: the three auxiliary files by their GeoNames
names, every other file is a main table (19 tab-separated columns). Any of them may be a
``.zip`` holding the ``.txt``; it is read from the archive as a stream, never extracted.

Malformed rows do not stop an import: each is recorded in :attr:`GeoNamesDumpSource.problems`
with its file and line, and the rest is read. A file that is not a GeoNames file at all
(missing, binary, none of its first rows fits the layout) raises :class:`DataFileError`
before any place is yielded.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, TypeVar

from gazetteer.errors import DataFileError
from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource

#: the columns of a GeoNames main table, in order (readme.txt of the dump)
MAIN_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1_code",
    "admin2_code",
    "admin3_code",
    "admin4_code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
)

# How far a GeoNames point may lie from the place it stands for. Populated places and
# spots (P, S) are points to within about a kilometre. For divisions (class A) GeoNames
# gives one representative point, so the precision is roughly the half-width of a
# typical division of that level in Central Asia: a country several hundred km, a
# province (ADM1) ~50 km, a district (ADM2) ~20 km. Other classes: streams (H) and
# regions (L) are extended, terrain features (T) mostly peaks and passes.
_PRECISION_KM_BY_CODE = {
    "ADM1": 50.0,
    "ADM1H": 50.0,
    "ADM2": 20.0,
    "ADM2H": 20.0,
    "ADM3": 10.0,
    "ADM3H": 10.0,
    "ADM4": 5.0,
    "ADM4H": 5.0,
    "ADM5": 5.0,
    "ADMD": 10.0,
}
_PRECISION_KM_COUNTRY = 300.0
_PRECISION_KM_BY_CLASS = {"P": 1.0, "S": 1.0, "T": 2.0, "H": 10.0, "L": 25.0, "V": 5.0, "R": 5.0, "U": 10.0}
_PRECISION_KM_OTHER_ADMIN = 50.0

# A division's own level: its admin1/admin2 fields name its parents only (see Place).
_ADMIN_LEVEL = {"ADM1": 1, "ADM1H": 1, "ADM2": 2, "ADM2H": 2}

_SNIFF_BYTES = 64 * 1024
_SNIFF_ROWS = 5

_Row = TypeVar("_Row")


class _RowError(ValueError):
    """One row that does not fit its file's layout; the message says how."""


@dataclass
class _DivisionNames:
    """What the auxiliary files add to the main table's rows."""

    admin1: dict[str, str] = field(default_factory=dict)  # "TJ.01" -> "Gorno-Badakhshan"
    admin2: dict[str, str] = field(default_factory=dict)  # "TJ.01.8220896" -> "Nohiyai Ishqoshim"
    countries: dict[int, str] = field(default_factory=dict)  # geonameid -> "Tajikistan"


class GeoNamesDumpSource(PlaceSource):
    """The places in a set of GeoNames dump files.

    Parameters
    ----------
    paths
        Main tables (``allCountries.txt``, ``TJ.txt``, ``cities500.txt`` or their ``.zip``)
        and optionally ``admin1CodesASCII.txt``, ``admin2Codes.txt``, ``countryInfo.txt``,
        in any order.

    Example
    -------
    >>> source = GeoNamesDumpSource([Path("TJ.zip"), Path("admin1CodesASCII.txt")])
    >>> places = list(source.iter_places())   # doctest: +SKIP
    >>> source.problems                        # malformed rows, by file and line
    """

    name = "geonames-dump"

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(Path(path) for path in paths)
        #: malformed rows met by the last :meth:`iter_places` run, in file order
        self.problems: list[DataFileError] = []

    def iter_places(self) -> Iterator[Place]:
        """Yield every well-formed place of the main tables, with division and country names.

        Every file is checked first, so a wrong file fails before anything is yielded.
        """
        self.problems = []
        layouts = [(path, _layout_of(path)) for path in self.paths]
        for path, layout in layouts:
            layout.check(path)
        names = _DivisionNames()
        for path, layout in layouts:
            if layout.lookup is not None:
                layout.lookup(names).update(self._rows(path, layout.parse))
        for path, layout in layouts:
            if layout.lookup is None:
                yield from self._rows(path, functools.partial(_place, names=names))

    def search(self, name: str, country_code: str | None = None, limit: int = 10) -> list[Place]:
        """Places whose name, ASCII name or an alternate name equals ``name`` (case-folded).

        This reads every file from the start: it is meant for small files and checks.
        The fast path is the SQLite index, which imports :meth:`iter_places` once.
        """
        wanted = name.strip().casefold()
        country = country_code.upper() if country_code else None
        found = [
            place
            for place in self.iter_places()
            if (country is None or place.country_code == country)
            and any(wanted == known.casefold() for known in (place.name, *place.alternate_names))
        ]
        found.sort(key=lambda place: place.population, reverse=True)
        return found[:limit]

    def fingerprint(self) -> str:
        """Changes when any input file is added, removed, moved, resized or touched."""
        digest = hashlib.sha256()
        for path in self.paths:
            try:
                stat = path.stat()
            except OSError as err:
                raise DataFileError(path, f"cannot read: {err.strerror or err}") from err
            digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return f"{self.name}:{digest.hexdigest()[:16]}"

    def _rows(self, path: Path, parse: Callable[[list[str]], _Row]) -> Iterator[_Row]:
        """Parse each data row of ``path``; record the rows that do not parse and go on."""
        with _open_binary(path) as stream:
            for line_no, line in _data_lines(stream):
                try:
                    row = parse(_split(line))
                except _RowError as err:
                    self.problems.append(DataFileError(path, str(err), line=line_no))
                    continue
                yield row


# --- reading files ------------------------------------------------------------------


@contextlib.contextmanager
def _open_binary(path: Path) -> Iterator[IO[bytes]]:
    """Open ``path`` for reading bytes; for a ``.zip``, stream the table inside it."""
    try:
        if path.suffix.lower() != ".zip":
            with path.open("rb") as stream:
                yield stream
            return
        with zipfile.ZipFile(path) as archive, archive.open(_member(archive, path)) as stream:
            yield stream
    except zipfile.BadZipFile as err:
        raise DataFileError(path, f"not a readable zip archive ({err})") from err
    except OSError as err:
        raise DataFileError(path, f"cannot read: {err.strerror or err}") from err


def _member(archive: zipfile.ZipFile, path: Path) -> str:
    """The table inside a GeoNames zip: ``TJ.zip`` holds ``TJ.txt`` (and a readme)."""
    texts = [name for name in archive.namelist() if name.lower().endswith(".txt")]
    same_stem = [name for name in texts if Path(name).stem.lower() == path.stem.lower()]
    tables = same_stem or [name for name in texts if Path(name).name.lower() != "readme.txt"]
    if len(tables) != 1:
        raise DataFileError(
            path, f"expected one .txt table named {path.stem}.txt in the archive, found {texts or 'none'}"
        )
    return tables[0]


def _data_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """Non-blank, non-comment lines with their 1-based line numbers."""
    for line_no, raw in enumerate(stream, start=1):
        line = raw.rstrip(b"\r\n")
        if line.strip() and not line.startswith(b"#"):
            yield line_no, line


def _split(line: bytes) -> list[str]:
    try:
        return line.decode("utf-8").split("\t")
    except UnicodeDecodeError as err:
        raise _RowError(f"not UTF-8 text (byte {err.start + 1} of the line)") from err


# --- layouts: how each kind of file is checked and parsed ---------------------------


@dataclass(frozen=True)
class _Layout:
    """One kind of GeoNames file: what it is, how its rows parse, where they go."""

    description: str
    parse: Callable[[list[str]], object]
    #: for an auxiliary file, the lookup its rows fill; None for a main table
    lookup: Callable[[_DivisionNames], dict] | None = None

    def check(self, path: Path) -> None:
        """Raise DataFileError unless ``path`` exists, is text, and one of its first rows fits."""
        if not path.is_file():
            raise DataFileError(path, f"no such file (expected {self.description})")
        with _open_binary(path) as stream:
            if b"\0" in stream.read(_SNIFF_BYTES):
                raise DataFileError(path, f"binary data, expected {self.description}")
        with _open_binary(path) as stream:
            head = list(islice(_data_lines(stream), _SNIFF_ROWS))
        if not head:
            raise DataFileError(path, f"no data rows, expected {self.description}")
        errors: list[tuple[int, _RowError]] = []
        for line_no, line in head:
            try:
                self.parse(_split(line))
            except _RowError as err:
                errors.append((line_no, err))
            else:
                return
        line_no, err = errors[0]
        raise DataFileError(
            path, f"not {self.description}: none of its first {len(head)} rows fits ({err})", line=line_no
        )


def _place(fields: list[str], names: _DivisionNames | None = None) -> Place:
    """The Place of one main-table row, named divisions filled from ``names``."""
    if len(fields) != len(MAIN_COLUMNS):
        raise _RowError(f"expected {len(MAIN_COLUMNS)} tab-separated columns, found {len(fields)}")
    names = names or _DivisionNames()
    geonameid = _geonameid(fields[0])
    name, asciiname = fields[1].strip(), fields[2].strip()
    if not name:
        raise _RowError("empty name")
    feature_class, feature_code = fields[6], fields[7]
    country_code = fields[8].upper()
    level = _ADMIN_LEVEL.get(feature_code, 3)
    admin1_key = f"{country_code}.{fields[10]}"
    admin1 = names.admin1.get(admin1_key, "") if level > 1 else ""
    admin2 = names.admin2.get(f"{admin1_key}.{fields[11]}", "") if level > 2 else ""
    alternates = [asciiname, *fields[3].split(","), names.countries.get(geonameid, "")]  # already stripped in the dump
    return Place(
        id=f"geonames:{geonameid}",
        name=name,
        lat=_coordinate(fields[4], "latitude", 90.0),
        lon=_coordinate(fields[5], "longitude", 180.0),
        country_code=country_code,
        admin1=admin1,
        admin2=admin2,
        feature_class=feature_class,
        feature_code=feature_code,
        population=_population(fields[14]),
        alternate_names=tuple(dict.fromkeys(a for a in alternates if a and a != name)),
        source="geonames-dump",
        precision_km=_precision_km(feature_class, feature_code),
        geonameid=geonameid,
        raw=dict(zip(MAIN_COLUMNS, fields, strict=True)),
    )


def _precision_km(feature_class: str, feature_code: str) -> float:
    if feature_code.startswith("PCL"):
        return _PRECISION_KM_COUNTRY
    if feature_code in _PRECISION_KM_BY_CODE:
        return _PRECISION_KM_BY_CODE[feature_code]
    if feature_class == "A":
        return _PRECISION_KM_OTHER_ADMIN
    return _PRECISION_KM_BY_CLASS.get(feature_class, 1.0)


def _division_row(dots: int) -> Callable[[list[str]], tuple[str, str]]:
    """Parser of admin1CodesASCII (``CC.A1``) or admin2Codes (``CC.A1.A2``) rows."""

    def parse(fields: list[str]) -> tuple[str, str]:
        if len(fields) != 4:
            raise _RowError(f"expected 4 tab-separated columns, found {len(fields)}")
        code, name = fields[0].strip(), fields[1].strip()
        if code.count(".") != dots or not name:
            example = "CC.A1" if dots == 1 else "CC.A1.A2"
            raise _RowError(f"expected a code like {example} and a name, got {code!r} and {name!r}")
        _geonameid(fields[3])
        return code, name

    return parse


def _country_row(fields: list[str]) -> tuple[int, str]:
    """Parser of countryInfo rows: (geonameid, country name)."""
    if len(fields) < 17:
        raise _RowError(f"expected at least 17 tab-separated columns, found {len(fields)}")
    iso, name = fields[0].strip(), fields[4].strip()
    if len(iso) != 2 or not iso.isalpha() or not name:
        raise _RowError(f"expected an ISO code and a country name, got {iso!r} and {name!r}")
    return _geonameid(fields[16]), name


_MAIN_TABLE = _Layout("a GeoNames table (19 tab-separated columns: geonameid, name, ...)", _place)
_LAYOUTS_BY_STEM = {
    "admin1codesascii": _Layout("GeoNames admin1CodesASCII.txt", _division_row(1), lambda n: n.admin1),
    "admin2codes": _Layout("GeoNames admin2Codes.txt", _division_row(2), lambda n: n.admin2),
    "countryinfo": _Layout("GeoNames countryInfo.txt", _country_row, lambda n: n.countries),
}


def _layout_of(path: Path) -> _Layout:
    """Which kind of GeoNames file ``path`` is, by its name."""
    return _LAYOUTS_BY_STEM.get(path.stem.lower(), _MAIN_TABLE)


# --- field parsers ------------------------------------------------------------------


def _is_whole_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _geonameid(text: str) -> int:
    if not _is_whole_number(text) or int(text) <= 0:
        raise _RowError(f"geonameid must be a positive integer, got {text!r}")
    return int(text)


def _coordinate(text: str, what: str, bound: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _RowError(f"{what} is not a number: {text!r}") from None
    if not -bound <= value <= bound:  # also rejects nan
        raise _RowError(f"{what} {text} is outside -{bound:g}..{bound:g}")
    return value


def _population(text: str) -> int:
    if not text:
        return 0
    if not _is_whole_number(text):
        raise _RowError(f"population must be a whole number, got {text!r}")
    return int(text)
