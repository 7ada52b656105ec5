"""Choosing among candidate places from what the context says."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gazetteer.geodesy import EARTH_RADIUS_KM, haversine_km
from gazetteer.matching import Match, split_generic
from gazetteer.place import Place


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


class NearPlaces:
    """The co-mentioned places of a context as arrays, so that distances to them are computed at once."""

    def __init__(self, places: tuple[Place, ...]) -> None:
        # countries and continents say nothing about nearness: their points are conventions
        self.places = [p for p in places if not p.is_country and p.feature_code != "CONT"]
        self._lat = np.radians([p.lat for p in self.places])
        self._lon = np.radians([p.lon for p in self.places])
        self._precision = np.array([p.precision_km for p in self.places])
        self._index = {p.id: i for i, p in enumerate(self.places)}

    def bonuses(self, candidates: list[Place]) -> list[tuple[float, str]]:
        """For each candidate, the bonus for its closest co-mention within a ``NEAR_BONUS`` distance, and why."""
        if not self.places or not candidates:
            return [(0.0, "")] * len(candidates)
        lat = np.radians([c.lat for c in candidates])[:, None]
        lon = np.radians([c.lon for c in candidates])[:, None]
        a = np.sin((self._lat - lat) / 2) ** 2 + np.cos(lat) * np.cos(self._lat) * np.sin((self._lon - lon) / 2) ** 2
        distances = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        # a large place (a region, a district) is "near" whatever lies inside it
        reach = distances - np.array([c.precision_km for c in candidates])[:, None] - self._precision
        for row, candidate in enumerate(candidates):
            if candidate.id in self._index:
                reach[row, self._index[candidate.id]] = np.inf
        rows = np.arange(len(candidates))
        closest = np.argmin(reach, axis=1)
        found = []
        for column, gap, distance in zip(
            closest.tolist(), reach[rows, closest].tolist(), distances[rows, closest].tolist(), strict=True
        ):
            bonus = next((b for limit, b in NEAR_BONUS if gap <= limit), 0.0)
            found.append((bonus, f"{distance:.0f} km from {self.places[column].name}" if bonus else ""))
        return found


def core_names(place: Place) -> set[str]:
    """A place's folded names without generic words ("Darvoz District" -> "darvoz")."""
    return {split_generic(name)[0] for name in (place.name, *place.alternate_names)} - {""}


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


def context_score(
    match: Match, context: ResolutionContext, near_bonus: tuple[float, str] | None = None
) -> tuple[float, list[tuple[str, float]]]:
    """A candidate's score: its prior plus every context signal that speaks for or against it.

    Returns the score and the signals as (reason, weight), the prior first; they are worded
    by :func:`describe_signals` only for the candidates a caller keeps, since most of the
    candidates of a common name are scored and dropped. ``near_bonus`` is this candidate's
    entry of ``NearPlaces(context.near).bonuses(...)``, passed in when many candidates share
    a context (it is computed here otherwise).
    """
    place = match.place
    signals: list[tuple[str, float]] = [("prior", match.prior)]
    if match.match == "variant":
        signals.append(("spelling variant", WEIGHTS["variant"]))
    elif match.match == "fuzzy":
        signals.append((f"fuzzy {match.similarity:.0f}", WEIGHTS["fuzzy"] * (1 + (100 - match.similarity) / 20)))
    elif match.primary:
        signals.append(("main name", WEIGHTS["primary_name"]))
    else:
        signals.append(("other name", WEIGHTS["alternate_name"]))
    code = place.country_code
    if context.countries and code == context.countries[0]:
        signals.append((f"in {code}", WEIGHTS["first_country"]))
    elif code in context.countries:
        signals.append((f"in {code}", WEIGHTS["other_country"]))
    for container in context.within:
        if contains(container, place):
            signals.append((f"within {container.name}", WEIGHTS["within"]))
        elif container.country_code == code:
            signals.append((f"same country as {container.name}", WEIGHTS["within_country"]))
        else:
            signals.append((f"outside {container.name}", WEIGHTS["outside"]))
    hint = context.feature_hint or match.feature_hint
    if (
        (hint == "admin" and (place.is_admin_division or place.feature_code == "RGN"))
        or (hint == "populated" and place.feature_class == "P")
        or (hint == "country" and place.is_country)
    ):
        signals.append((f"{hint} named", WEIGHTS["feature_hint"]))
    elif hint and hint == match.feature_hint:
        # the written name says what kind of place it is, and this is another kind:
        # "Mexico City" is not the country, "Vanj District" not the town
        signals.append((f"not {hint}", -WEIGHTS["feature_hint"]))
    bonus, bonus_reason = near_bonus or NearPlaces(context.near).bonuses([place])[0]
    if bonus:
        signals.append((bonus_reason, bonus))
    if (
        place.admin1
        and not place.is_country
        and any(o.admin1 == place.admin1 and o.country_code == code for o in context.near)
    ):
        signals.append((f"in {place.admin1} like a co-mention", WEIGHTS["same_admin1_as_near"]))
    return sum(weight for _reason, weight in signals), signals


def describe_signals(signals: list[tuple[str, float]]) -> tuple[str, ...]:
    """The reasons of a score as people read them: "prior 0.85", "in TJ +0.50"."""
    (_prior, prior), *others = signals
    return (f"prior {prior:.2f}", *(f"{reason} {weight:+.2f}" for reason, weight in others))
