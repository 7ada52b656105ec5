"""Choosing among candidate places from what the context says.

The candidates of one name are scored together (:class:`NameCandidates`): what does not
depend on the context (prior, how the name matched, where each place lies) is read once
per name, and each context adds its signals as arrays over all the candidates at once.
The signals are worded only for the candidates a caller keeps, since most candidates of
a common name are scored and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from gazetteer.geodesy import EARTH_RADIUS_KM, haversine_km
from gazetteer.matching import Match, split_generic
from gazetteer.place import Candidate, Place, Signal


@dataclass(frozen=True, slots=True)
class ResolutionContext:
    """What the caller knows around a name.

    ``text``: free text such as "Ishkashim District, Tajikistan" (names in it are looked up
    and used as co-mentions). ``countries``: preferred ISO alpha-2 codes, strongest first.
    ``near``: places already resolved in the same document. ``within``: stated containers
    ("Langar of Ishkashim District"). ``feature_hint``: "admin" for "X District/Province",
    "populated" for "the city/town/village of X", "country", or "".
    """

    text: str = ""
    countries: tuple[str, ...] = ()
    near: tuple[Place, ...] = ()
    within: tuple[Place, ...] = ()
    feature_hint: str = ""


#: weights of the context signals, added to a candidate's prior (0..1)
WEIGHTS = {
    "primary_name": 0.1,
    "alternate_name": -0.1,
    "variant": -0.2,
    "fuzzy": -0.35,
    "first_country": 0.5,
    "other_country": 0.35,
    "within": 0.9,
    "within_country": 0.2,
    "outside": -0.3,
    "feature_hint": 0.4,
    "same_admin1_as_near": 0.15,
}
#: (km, bonus): the bonus for the closest already-resolved place within that distance
NEAR_BONUS = ((25.0, 0.5), (100.0, 0.4), (300.0, 0.25), (1000.0, 0.1))
_NEAR_BONUS_LIMITS = np.array([limit for limit, _bonus in NEAR_BONUS])
_NEAR_BONUS_VALUES = np.array([*(bonus for _limit, bonus in NEAR_BONUS), 0.0])
#: more than the most that rounding scores to 4 places can move them
_ROUNDING = 1e-3
#: the kind of place each feature hint asks for
_KIND_OF_HINT = {
    "admin": lambda place: place.is_admin_division or place.feature_code == "RGN",
    "populated": lambda place: place.feature_class == "P",
    "country": lambda place: place.is_country,
}


def _name_signal(match: Match) -> Signal:
    """How the written name matched the place: its main name, another, a variant, a look-alike."""
    if match.match == "variant":
        return ("spelling variant", WEIGHTS["variant"])
    if match.match == "fuzzy":
        return (f"fuzzy {match.similarity:.0f}", WEIGHTS["fuzzy"] * (1 + (100 - match.similarity) / 20))
    if match.primary:
        return ("main name", WEIGHTS["primary_name"])
    return ("other name", WEIGHTS["alternate_name"])


class NearPlaces:
    """The co-mentioned places of a context as arrays, so that distances to them are computed at once."""

    def __init__(self, places: tuple[Place, ...]) -> None:
        # countries, continents and world regions say nothing about nearness: their points are conventions
        self.places = [p for p in places if not p.is_country and not p.spans_countries]
        self._lat = np.radians([p.lat for p in self.places])
        self._cos_lat = np.cos(self._lat)
        self._lon = np.radians([p.lon for p in self.places])
        self._precision = np.array([p.precision_km for p in self.places])
        self._index = {p.id: i for i, p in enumerate(self.places)}

    def bonuses(self, candidates: NameCandidates) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each candidate: the bonus for its closest co-mention within a ``NEAR_BONUS`` distance,
        which co-mention that is (a position in ``places``), and its distance in km.
        There must be candidates and co-mentions."""
        count = len(candidates)
        a = (
            np.sin((self._lat - candidates.lat[:, None]) / 2) ** 2
            + candidates.cos_lat[:, None] * self._cos_lat * np.sin((self._lon - candidates.lon[:, None]) / 2) ** 2
        )
        distances = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        # a large place (a region, a district) is "near" whatever lies inside it
        reach = distances - candidates.precision[:, None] - self._precision
        for place_id in self._index.keys() & candidates.rows.keys():
            reach[candidates.rows[place_id], self._index[place_id]] = np.inf  # a place is not near itself
        rows = np.arange(count)
        closest = reach.argmin(axis=1)
        gap = reach[rows, closest]
        return _NEAR_BONUS_VALUES[np.searchsorted(_NEAR_BONUS_LIMITS, gap)], closest, distances[rows, closest]


@lru_cache(maxsize=4096)
def core_names(place: Place) -> frozenset[str]:
    """A place's folded names without generic words ("Darvoz District" -> "darvoz")."""
    return frozenset(split_generic(name)[0] for name in (place.name, *place.alternate_names)) - {""}


def contains(container: Place, place: Place) -> bool:
    """Whether ``place`` lies in ``container`` by the names of its divisions or by distance."""
    if container.id == place.id or container.country_code != place.country_code:
        return False
    if container.is_country:
        return True
    names = core_names(container)
    if any(split_generic(n)[0] in names for n in (place.admin1, place.admin2) if n):
        return True
    if place.feature_class == "A" and container.feature_code == "ADM2" and place.feature_code == "ADM1":
        return False
    distance = haversine_km(container.lat, container.lon, place.lat, place.lon)
    return distance <= max(container.precision_km * 1.2, 5.0)


def _container_signal(container: Place, place: Place) -> Signal:
    """Whether a stated container ("Ishkashim District") holds the place, or at least shares its country."""
    if contains(container, place):
        return (f"within {container.name}", WEIGHTS["within"])
    if container.country_code == place.country_code:
        return (f"same country as {container.name}", WEIGHTS["within_country"])
    return (f"outside {container.name}", WEIGHTS["outside"])


class NameCandidates:
    """The places one name may refer to, with what scoring needs read once as arrays."""

    def __init__(self, matches: tuple[Match, ...]) -> None:
        self.matches = matches
        self.places = [m.place for m in matches]
        self.name_signals = [_name_signal(m) for m in matches]
        #: the score before any context: prior plus the name signal
        self.base = np.array([m.prior for m in matches], dtype=float) + [w for _r, w in self.name_signals]
        self.codes = [p.country_code for p in self.places]
        self.ids = [p.id for p in self.places]
        self._fits: dict[str, np.ndarray] = {}
        #: the feature the written name asks for ("X District"), the same for all its matches
        self.written_hint = matches[0].feature_hint if matches else ""

    # Read only when a context has co-mentioned places, since most names are scored once
    # with no context at all.

    @cached_property
    def lat(self) -> np.ndarray:
        return np.radians([p.lat for p in self.places])

    @cached_property
    def cos_lat(self) -> np.ndarray:
        return np.cos(self.lat)

    @cached_property
    def lon(self) -> np.ndarray:
        return np.radians([p.lon for p in self.places])

    @cached_property
    def precision(self) -> np.ndarray:
        return np.array([p.precision_km for p in self.places], dtype=float)

    @cached_property
    def rows(self) -> dict[str, int]:
        """Each candidate's position by place id."""
        return {place_id: row for row, place_id in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.matches)

    def fits(self, hint: str) -> np.ndarray:
        """Which candidates are of the kind a feature hint asks for ("Vanj District": a division)."""
        if hint not in self._fits:
            wanted = _KIND_OF_HINT.get(hint, lambda _place: False)
            self._fits[hint] = np.array([wanted(p) for p in self.places], dtype=bool)
        return self._fits[hint]

    def score(self, context: ResolutionContext) -> ScoredCandidates:
        """Every candidate's score in this context: its prior plus each signal for or against it."""
        return ScoredCandidates(self, context)


class ScoredCandidates:
    """The signals of one context over a name's candidates, as arrays; their sum is the score."""

    def __init__(self, candidates: NameCandidates, context: ResolutionContext) -> None:
        self.candidates = candidates
        total = candidates.base.copy()
        # Each signal is an array over the candidates, or None where the context gives no such signal.
        self.country: np.ndarray | None = None
        if context.countries:
            weight = {code: WEIGHTS["other_country"] for code in context.countries[1:]}
            weight[context.countries[0]] = WEIGHTS["first_country"]
            self.country = np.array([weight.get(code, 0.0) for code in candidates.codes])
            total += self.country
        self.within = []
        for container in context.within:
            signals = [_container_signal(container, place) for place in candidates.places]
            self.within.append(signals)
            total += [weight for _reason, weight in signals]
        self.hint = context.feature_hint or candidates.written_hint
        self.hint_weight: np.ndarray | None = None
        if self.hint:
            fits = candidates.fits(self.hint)
            self.hint_weight = np.where(fits, WEIGHTS["feature_hint"], 0.0)
            if self.hint == candidates.written_hint:
                # the written name says what kind of place it is, and this is another kind:
                # "Mexico City" is not the country, "Vanj District" not the town
                self.hint_weight[~fits] = -WEIGHTS["feature_hint"]
            total += self.hint_weight
        self.near = NearPlaces(context.near) if context.near else None
        self.near_bonus = self.closest = self.distance = None
        if self.near is not None and self.near.places and len(candidates):
            self.near_bonus, self.closest, self.distance = self.near.bonuses(candidates)
            total += self.near_bonus
        self.same_admin1: np.ndarray | None = None
        regions = {(o.country_code, o.admin1) for o in context.near if o.admin1}
        if regions:
            self.same_admin1 = np.array(
                [
                    WEIGHTS["same_admin1_as_near"]
                    if p.admin1 and not p.is_country and (p.country_code, p.admin1) in regions
                    else 0.0
                    for p in candidates.places
                ]
            )
            total += self.same_admin1
        self.total = total
        self._lists: tuple[list, ...] | None = None

    def ranked(self, limit: int) -> list[tuple[int, float]]:
        """(position, score to 4 places) of the best ``limit`` candidates: by score, population, id."""
        total = self.total
        if len(total) > limit:
            # Only candidates within rounding of the limit-th best can be among the best once rounded.
            cut = np.partition(total, len(total) - limit)[len(total) - limit] - _ROUNDING
            close = np.flatnonzero(total >= cut)
            contenders, scores = close.tolist(), total[close].tolist()
        else:
            contenders, scores = range(len(total)), total.tolist()
        rounded = {i: round(score, 4) for i, score in zip(contenders, scores, strict=True)}
        places, ids = self.candidates.places, self.candidates.ids
        order = sorted(rounded, key=lambda i: (-rounded[i], -places[i].population, ids[i]))
        return [(i, rounded[i]) for i in order[:limit]]

    def candidate(self, i: int, score: float, *, worded: bool = True) -> Candidate:
        """Candidate ``i`` with its score, and its signals unless ``worded`` is false."""
        match = self.candidates.matches[i]
        return Candidate(match.place, score, match.match, self.signals(i) if worded else ())

    def signals(self, i: int) -> tuple[Signal, ...]:
        """Candidate ``i``'s signals as (reason, weight), its prior first."""
        candidates = self.candidates
        country, hint, near, closest, distance, same_admin1 = self._columns()
        signals: list[Signal] = [("prior", candidates.matches[i].prior), candidates.name_signals[i]]
        if country[i]:
            signals.append((f"in {candidates.codes[i]}", country[i]))
        signals += [within[i] for within in self.within]
        if hint[i]:
            signals.append((f"{self.hint} named" if hint[i] > 0 else f"not {self.hint}", hint[i]))
        if near[i]:
            signals.append((f"{distance[i]:.0f} km from {self.near.places[closest[i]].name}", near[i]))
        if same_admin1[i]:
            signals.append((f"in {candidates.places[i].admin1} like a co-mention", same_admin1[i]))
        return tuple(signals)

    def _columns(self) -> tuple[list, ...]:
        """The signal arrays as lists, read once for all the kept candidates."""
        if self._lists is None:
            arrays = (self.country, self.hint_weight, self.near_bonus, self.closest, self.distance, self.same_admin1)
            zeros = [0] * len(self.candidates)
            self._lists = tuple(zeros if array is None else array.tolist() for array in arrays)
        return self._lists
