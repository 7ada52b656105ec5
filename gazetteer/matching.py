"""From a written name to candidate places: exact, then spelling variant, then fuzzy.

Each stage runs only when the previous found nothing usable, and fuzzy matching is bounded
twice: by a similarity cut-off, and by region (the names of places in the preferred
countries, or else only the world's prominent places), so that an unknown village name
never comes back as a look-alike from the other side of the world.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from gazetteer.index import ALTERNATE, PRIMARY, VARIANT, PlaceIndex
from gazetteer.normalize import fold, soft_key, variant_key
from gazetteer.place import Place

#: words that say what kind of place a name is, not which one
ADMIN_WORDS = frozenset(
    "district districts province provinces region oblast viloyat viloyati nohiya nohiyai rayon county "
    "governorate prefecture state autonomous wilayat woleswali".split()
)
POPULATED_WORDS = frozenset("city town village settlement kishlak qishloq".split())
_LEADING = re.compile(r"^(?:the )?(?:(?:city|town|village|province|district|region) of )")
VARIANT_MIN_SIMILARITY = 75.0
FUZZY_MIN_SIMILARITY_REGIONAL = 82.0
FUZZY_MIN_SIMILARITY_GLOBAL = 88.0
#: a spelling variant outside the preferred countries must be at least this similar
VARIANT_MIN_SIMILARITY_ELSEWHERE = 85.0


@dataclass(frozen=True, slots=True)
class Match:
    """A place found under a name, with how the name matched."""

    place: Place
    prior: float
    match: str  # "exact", "variant", "fuzzy"
    primary: bool  # matched the place's main name
    similarity: float  # 0..100
    feature_hint: str  # "admin" / "populated" when the written name said so


@lru_cache(maxsize=100_000)
def split_generic(name: str) -> tuple[str, str]:
    """Fold a name and take off words like "District" or "the city of": (core key, hint)."""
    key = fold(name)
    hint = ""
    leading = _LEADING.match(key)
    if leading:
        hint = "populated" if any(w in leading.group(0) for w in POPULATED_WORDS) else "admin"
        key = key[leading.end() :]
    words = key.split()
    while len(words) > 1 and (words[-1] in ADMIN_WORDS or words[-1] in POPULATED_WORDS):
        hint = hint or ("admin" if words[-1] in ADMIN_WORDS else "populated")
        words.pop()
    return " ".join(words), hint


@lru_cache(maxsize=100_000)
def spelling_variants(first: str, second: str) -> bool:
    """Two written names that may be one place spelled two ways ("Torkham", "Torkhum", "Adré", "Adre").

    The test of the index's variant stage: the same name once folded, or the same variant
    key and at least ``VARIANT_MIN_SIMILARITY`` alike with transliteration choices undone.
    """
    first_key, second_key = split_generic(first)[0], split_generic(second)[0]
    if not first_key or not second_key:
        return False
    if first_key == second_key:
        return True
    return variant_key(first_key) == variant_key(second_key) and _soft_similarity(first_key, second_key) >= (
        VARIANT_MIN_SIMILARITY
    )


def _soft_similarity(first_key: str, second_key: str) -> float:
    """How alike two folded names are once transliteration choices are undone (0..100)."""
    return fuzz.ratio(soft_key(first_key), soft_key(second_key))


class Matcher:
    """Candidate generation over one :class:`PlaceIndex`."""

    def __init__(self, index: PlaceIndex) -> None:
        self.index = index
        self._regional_keys: dict[tuple[str, ...], list[str]] = {}
        self._global_keys: list[str] | None = None
        self.find = lru_cache(maxsize=50_000)(self._find)
        self._named = lru_cache(maxsize=50_000)(self._named_uncached)

    def _find(self, name: str, countries: tuple[str, ...] = (), fuzzy: bool = True) -> tuple[Match, ...]:
        """Every place the name may refer to; ``countries`` bounds the variant and fuzzy stages."""
        core_key, hint = split_generic(name)
        if not core_key:
            return ()
        matches = [
            m
            for m in self._named(name)
            if m.match == "exact"
            or m.similarity
            >= (VARIANT_MIN_SIMILARITY if m.place.country_code in countries else VARIANT_MIN_SIMILARITY_ELSEWHERE)
        ]
        if not matches and fuzzy and len(core_key) >= 4:
            matches = self._fuzzy(core_key, hint, countries)
        return tuple(matches)

    def _named_uncached(self, name: str) -> tuple[Match, ...]:
        """Exact matches of the name (with and without generic words), else its spelling variants.

        Independent of the caller's countries, so one look-up serves every context pass.
        """
        full_key = fold(name)
        core_key, hint = split_generic(name)
        if not full_key:
            return ()
        matches = self._exact(full_key, hint)
        if core_key != full_key:
            matches += self._exact(core_key, hint)
        if not matches:
            matches = self._variants(core_key, hint)
        return tuple(_best_per_place(matches))

    def _exact(self, key: str, hint: str) -> list[Match]:
        return [
            Match(place, prior, "exact", kind == PRIMARY, 100.0, hint)
            for place, kind, prior in self.index.lookup(key, (PRIMARY, ALTERNATE))
        ]

    def _variants(self, key: str, hint: str) -> list[Match]:
        """Places sharing the name's variant key and at least ``VARIANT_MIN_SIMILARITY`` alike."""
        found = []
        for place, _kind, prior in self.index.lookup(variant_key(key), (VARIANT,)):
            similarity = max(_soft_similarity(key, fold(n)) for n in (place.name, *place.alternate_names))
            if similarity >= VARIANT_MIN_SIMILARITY:
                found.append(Match(place, prior, "variant", False, similarity, hint))
        return found

    def _fuzzy(self, key: str, hint: str, countries: tuple[str, ...]) -> list[Match]:
        if countries:
            keys = self._regional_keys.get(countries)
            if keys is None:
                keys = self._regional_keys[countries] = self.index.name_keys(countries)
            cutoff = FUZZY_MIN_SIMILARITY_REGIONAL
        else:
            if self._global_keys is None:
                self._global_keys = self.index.prominent_name_keys()
            keys, cutoff = self._global_keys, FUZZY_MIN_SIMILARITY_GLOBAL
        found = []
        for other, similarity, _ in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5):
            for place, _kind, prior in self.index.lookup(other):
                if not countries or place.country_code in countries:
                    found.append(Match(place, prior, "fuzzy", False, similarity, hint))
        return _best_per_place(found)


def _best_per_place(matches: list[Match]) -> list[Match]:
    best: dict[str, Match] = {}
    for match in matches:
        current = best.get(match.place.id)
        if current is None or (match.similarity, match.primary) > (current.similarity, current.primary):
            best[match.place.id] = match
    return list(best.values())
