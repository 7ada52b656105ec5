"""The place index: one SQLite file built once from the bulk sources, then reused.

Tables: ``place`` (one row per place), ``name`` (one row per folded name or variant key
of a place: ``kind`` 0 primary name, 1 alternate name, 2 variant key) and ``meta``
(schema version and the fingerprint of the sources it was built from, so that a
change of data triggers a rebuild). Building writes to a temporary file that replaces
the old index only when complete.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from gazetteer.errors import IndexUnusable
from gazetteer.normalize import fold, variant_key
from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource

SCHEMA_VERSION = "11"
PRIMARY, ALTERNATE, VARIANT = 0, 1, 2
_SEPARATOR = "\x1f"
_PLACE_COLUMNS = (
    "id, name, lat, lon, country_code, admin1, admin2, feature_class, feature_code, population, "
    "alternate_names, source, precision_km, geonameid, note, prior"
)
_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place(rowid INTEGER PRIMARY KEY, {_PLACE_COLUMNS});
CREATE TABLE name(key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL);
"""
#: places kept in memory once read (a few hundred bytes each)
_PLACES_KEPT = 50_000
#: a place at or above this prior is "prominent": its names are searched by global fuzzy matching
PROMINENT_PRIOR = 0.75
_INDEXES = f"""
CREATE INDEX IF NOT EXISTS name_key ON name(key);
CREATE INDEX IF NOT EXISTS name_place ON name(place);
CREATE UNIQUE INDEX IF NOT EXISTS place_id ON place(id);
CREATE INDEX IF NOT EXISTS place_country ON place(country_code);
DROP TABLE IF EXISTS prominent_name;
CREATE TABLE prominent_name AS
    SELECT DISTINCT n.key FROM name n JOIN place p ON p.rowid = n.place
    WHERE n.kind = 0 AND p.prior >= {PROMINENT_PRIOR};
"""


def place_prior(place: Place) -> float:
    """How likely a bare mention of this name means this place, before any context.

    Populated places score 0.15-0.95 by population; a country scores 1.6 because a bare
    "Egypt" or "Jordan" in news means the country far more often than a namesake town, and
    a continent 1.4 and a region of several countries 1.5 for the same reason (a story that
    names Washington still means the region by "Middle East", not a part of Baltimore).
    """
    if place.is_country:
        return 1.6
    if place.spans_countries:
        return 1.4 if place.feature_code == "CONT" else 1.5
    if place.feature_code in ("ADM1", "RGN"):  # a region made of first-level divisions ranks like one
        return 0.85
    if place.feature_code == "ADM2":
        return 0.45
    if place.feature_class == "A":
        return 0.4
    prior = 0.15 + math.log10(place.population + 1) / 8
    if place.feature_code == "PPLC":
        prior += 0.1
    return min(prior, 0.95)


def _row(place: Place) -> tuple:
    return (
        place.id,
        place.name,
        place.lat,
        place.lon,
        place.country_code,
        place.admin1,
        place.admin2,
        place.feature_class,
        place.feature_code,
        place.population,
        _SEPARATOR.join(place.alternate_names),
        place.source,
        place.precision_km,
        place.geonameid,
        place.note,
        place_prior(place),
    )


def _place(row: Sequence) -> Place:
    return Place(
        id=row[0],
        name=row[1],
        lat=row[2],
        lon=row[3],
        country_code=row[4],
        admin1=row[5],
        admin2=row[6],
        feature_class=row[7],
        feature_code=row[8],
        population=row[9],
        alternate_names=tuple(row[10].split(_SEPARATOR)) if row[10] else (),
        source=row[11],
        precision_km=row[12],
        geonameid=row[13],
        note=row[14],
    )


def _name_rows(rowid: int, place: Place) -> Iterator[tuple[str, int, int]]:
    """(key, place, kind) rows. A division's alternate name that its primary name begins
    with, as a whole word ("Henan" of "Henan Sheng", "Madrid" of "Madrid, Comunidad de"),
    is its short name and counts as primary: divisions are recorded under their official
    long forms, populated places under their common names already."""
    seen: set[str] = set()
    variants: set[str] = set()
    for kind, name in ((PRIMARY, place.name), *((ALTERNATE, n) for n in place.alternate_names)):
        if kind == ALTERNATE and place.is_admin_division and place.name.startswith((f"{name} ", f"{name},")):
            kind = PRIMARY
        key = fold(name)
        if not key or key in seen:
            continue
        seen.add(key)
        yield key, rowid, kind
        variants.add(variant_key(key))
    for key in variants - seen:
        if len(key) >= 2:
            yield key, rowid, VARIANT


class PlaceIndex:
    """Read access to a built index, and the means to build one."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            version = self.meta("schema_version")
        except sqlite3.DatabaseError as error:
            raise IndexUnusable(f"{self.path}: not a usable place index ({error})") from error
        if version != SCHEMA_VERSION:
            raise IndexUnusable(f"{self.path}: index schema {version!r}, this version needs {SCHEMA_VERSION!r}")
        self._kept_places: dict[int, tuple[Place, float]] = {}

    def close(self) -> None:
        self._db.close()

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @property
    def place_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM place").fetchone()[0]

    def lookup(self, key: str, kinds: tuple[int, ...] = (PRIMARY, ALTERNATE)) -> list[tuple[Place, int, float]]:
        """Places with a name of that key: (place, best name kind, prior), best prior first."""
        marks = ",".join("?" * len(kinds))
        named = self._db.execute(
            f"SELECT place, min(kind) FROM name WHERE key = ? AND kind IN ({marks}) GROUP BY place", (key, *kinds)
        ).fetchall()
        places = self._places([rowid for rowid, _kind in named])
        found = [(*places[rowid], kind) for rowid, kind in named]
        found.sort(key=lambda place_prior_kind: -place_prior_kind[1])
        return [(place, kind, prior) for place, prior, kind in found]

    def _places(self, rowids: list[int]) -> dict[int, tuple[Place, float]]:
        """(place, prior) by row, read once: one place has many names, and common places recur."""
        kept = self._kept_places
        missing = [rowid for rowid in rowids if rowid not in kept]
        if len(kept) + len(missing) > _PLACES_KEPT:
            kept.clear()
            missing = rowids
        if missing:
            rows = self._db.execute(
                f"SELECT rowid, {_PLACE_COLUMNS} FROM place WHERE rowid IN ({','.join('?' * len(missing))})", missing
            )
            for row in rows:
                kept[row[0]] = (_place(row[1:]), row[-1])
        return {rowid: kept[rowid] for rowid in rowids}

    def get(self, place_id: str) -> Place | None:
        row = self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE id = ?", (place_id,)).fetchone()
        return _place(row) if row else None

    def name_keys(self, countries: Sequence[str]) -> list[str]:
        """Distinct folded names (not variant keys) of the places in these countries."""
        rows = self._db.execute(
            "SELECT DISTINCT n.key FROM place p JOIN name n ON n.place = p.rowid "
            f"WHERE n.kind < 2 AND p.country_code IN ({','.join('?' * len(countries))})",
            tuple(countries),
        )
        return [row[0] for row in rows]

    def prominent_name_keys(self) -> list[str]:
        """Distinct main names (folded) of countries, first-level divisions and large cities."""
        return [row[0] for row in self._db.execute("SELECT key FROM prominent_name")]

    def recognition_names(self) -> Iterator[tuple[str, float]]:
        """Every folded name with the highest prior of the places it names."""
        yield from self._db.execute(
            "SELECT n.key, max(p.prior) FROM name n JOIN place p ON p.rowid = n.place WHERE n.kind < 2 GROUP BY n.key"
        )

    # -- building ---------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        path: Path,
        sources: Sequence[PlaceSource],
        *,
        fingerprint: str,
        progress: bool = False,
    ) -> PlaceIndex:
        """Build an index from the sources into ``path``, replacing it only when complete."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".building", dir=path.parent)
        os.close(handle)
        try:
            with contextlib.closing(sqlite3.connect(temporary)) as db:
                db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
                for source in sources:
                    _insert_places(db, source.iter_places(), label=source.name, progress=progress)
                db.executescript(_INDEXES)
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("schema_version", SCHEMA_VERSION), ("fingerprint", fingerprint)],
                )
                db.commit()
                db.execute("VACUUM")
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        return cls(path)

    @staticmethod
    def set_meta(path: Path, key: str, value: str) -> None:
        """Record a fact about an index (e.g. the dumps imported into it)."""
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
            db.commit()

    @staticmethod
    def add_places(path: Path, places: Iterable[Place], *, label: str, progress: bool = False) -> int:
        """Insert or replace places in an existing index; returns how many were written."""
        with contextlib.closing(sqlite3.connect(path)) as db:
            count = _insert_places(db, places, label=label, progress=progress, replace=True)
            db.executescript(_INDEXES)
            db.commit()
        return count


def _insert_places(
    db: sqlite3.Connection,
    places: Iterable[Place],
    *,
    label: str,
    progress: bool,
    replace: bool = False,
) -> int:
    from tqdm import tqdm

    next_rowid = (db.execute("SELECT coalesce(max(rowid), 0) FROM place").fetchone()[0] or 0) + 1
    pending: dict[str, Place] = {}  # by id: a later row of the same place replaces an earlier one
    count = 0
    bar = tqdm(desc=f"indexing {label}", unit=" places", disable=not (progress and sys.stderr.isatty()))

    def flush() -> None:
        nonlocal next_rowid
        if replace:
            ids = [(place_id,) for place_id in pending]
            db.executemany("DELETE FROM name WHERE place IN (SELECT rowid FROM place WHERE id = ?)", ids)
            db.executemany("DELETE FROM place WHERE id = ?", ids)
        rowids = range(next_rowid, next_rowid + len(pending))
        db.executemany(
            f"INSERT INTO place VALUES (?{', ?' * 16})",
            [(rowid, *_row(place)) for rowid, place in zip(rowids, pending.values(), strict=True)],
        )
        db.executemany(
            "INSERT INTO name VALUES (?, ?, ?)",
            [row for rowid, place in zip(rowids, pending.values(), strict=True) for row in _name_rows(rowid, place)],
        )
        next_rowid += len(pending)
        bar.update(len(pending))
        pending.clear()

    for place in places:
        if place.id in pending:
            del pending[place.id]
        else:
            count += 1
        pending[place.id] = place
        if len(pending) >= 20_000:
            flush()
    flush()
    bar.close()
    return count
