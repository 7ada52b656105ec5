"""The set of place names to look for, read once from the gazetteer and kept in memory.

Reading ~800k folded names out of the SQLite index takes seconds, so the table is also
kept as a pickle in the user cache, keyed by the index file's path, size and time; a new
process then loads it in a fraction of a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from gazetteer.resolver import Gazetteer

_CACHE_VERSION = "3"
#: the longest name searched for, in words
MAX_WORDS = 6
#: only names at least this likely (divisions, countries, cities) are abbreviated in news
INITIALISM_MIN_WEIGHT = 0.7
_NOT_INITIALLED = frozenset({"of", "the", "and"})
#: smaller tables (test indexes) build in well under a second and are not kept on disk
_CACHE_MIN_NAMES = 50_000


@dataclass(frozen=True, slots=True)
class NameTable:
    """Folded place names with their prior weight (0..1).

    ``prefixes`` holds every leading part of a name of several words ("new", "new york" for
    "new york city"), so a search stops as soon as no name can go on. ``initialisms``
    maps the initials of prominent names of several words to those names, most likely
    first ("us" -> "united states", "nsw" -> "new south wales", "sc" -> "south carolina"):
    an acronym in text is a place only if it abbreviates one.
    """

    weights: dict[str, float]
    prefixes: frozenset[str]
    initialisms: dict[str, tuple[str, ...]]
    max_words: int

    def get(self, key: str) -> float | None:
        return self.weights.get(key)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, float]]) -> NameTable:
        weights = {key: float(weight) for key, weight in pairs if key}
        prefixes: set[str] = set()
        expansions: dict[str, list[tuple[float, str]]] = {}
        longest = 1
        for key, weight in weights.items():
            words = key.split(" ")
            longest = max(longest, len(words))
            for size in range(1, len(words)):
                prefixes.add(" ".join(words[:size]))
            initials = "".join(w[0] for w in words if w not in _NOT_INITIALLED)
            if len(initials) > 1 and len(words) > 1 and weight >= INITIALISM_MIN_WEIGHT and initials.isalpha():
                expansions.setdefault(initials, []).append((weight, key))
        initialisms = {
            initials: tuple(key for _weight, key in sorted(found, key=lambda f: (-f[0], f[1]))[:4])
            for initials, found in expansions.items()
        }
        return cls(weights, frozenset(prefixes), initialisms, min(longest, MAX_WORDS))


_TABLES: dict[str, NameTable] = {}


def name_table(gazetteer: Gazetteer) -> NameTable:
    """The name table of this gazetteer, built once per process and cached on disk."""
    index_path = getattr(gazetteer, "path", None)
    if index_path is None:
        return NameTable.from_pairs(gazetteer.recognition_names())
    memory_key = str(Path(index_path).resolve())
    table = _TABLES.get(memory_key)
    if table is None:
        table = _TABLES[memory_key] = _load_or_build(gazetteer, Path(index_path))
    return table


def _cache_file(index_path: Path) -> Path | None:
    """``recognition-names-<index path>-<index version>.pickle`` in the user cache."""
    try:
        stat = index_path.stat()
    except OSError:
        return None
    from platformdirs import user_cache_dir

    where = hashlib.sha256(str(index_path.resolve()).encode()).hexdigest()[:12]
    version = hashlib.sha256(f"{_CACHE_VERSION}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    return Path(user_cache_dir("incident-mapper")) / f"recognition-names-{where}-{version}.pickle"


def _load_or_build(gazetteer: Gazetteer, index_path: Path) -> NameTable:
    cache = _cache_file(index_path)
    if cache is not None and cache.exists():
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return NameTable(*pickle.loads(cache.read_bytes()))
    table = NameTable.from_pairs(gazetteer.recognition_names())
    if cache is not None and len(table.weights) >= _CACHE_MIN_NAMES:
        data = (table.weights, table.prefixes, table.initialisms, table.max_words)
        _write_atomically(cache, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        # The tables of earlier versions of the same index are of no more use.
        for stale in cache.parent.glob(cache.name.rsplit("-", 1)[0] + "-*.pickle"):
            if stale != cache:
                with contextlib.suppress(OSError):
                    stale.unlink()
    return table


def _write_atomically(path: Path, data: bytes) -> None:
    """Write the cache; a cache that cannot be written is only a slower next start."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
