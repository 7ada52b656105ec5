"""The one result type every place source returns, and the result of resolving a name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """A named point on the earth, as one source describes it.

    ``id`` is unique across sources (``"geonames:1221328"``, ``"curated:tj-langar"``).
    ``country_code`` is ISO 3166-1 alpha-2; ``admin1``/``admin2`` are the names of the
    first- and second-level divisions that contain the place (for a division itself,
    its parents). ``feature_class``/``feature_code`` follow GeoNames (``P``/``PPL``,
    ``A``/``ADM1``, ``A``/``PCLI``...). ``precision_km`` says how far the point may be
    from the real place: a village from a trusted source is ~1 km, a district centroid
    tens of km.
    """

    id: str
    name: str
    lat: float
    lon: float
    country_code: str = ""
    admin1: str = ""
    admin2: str = ""
    feature_class: str = ""
    feature_code: str = ""
    population: int = 0
    alternate_names: tuple[str, ...] = ()
    source: str = ""
    precision_km: float = 1.0
    geonameid: int | None = None
    note: str = ""
    raw: dict[str, Any] | None = field(default=None, compare=False, hash=False, repr=False)
    # Derived from the feature code once, not on each read: resolution asks them in its inner loops.
    is_country: bool = field(init=False, compare=False, repr=False)
    is_admin_division: bool = field(init=False, compare=False, repr=False)
    #: a continent or a region of several countries ("Central Asia", "the Horn of Africa")
    spans_countries: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        country = self.feature_code.startswith("PCL")
        object.__setattr__(self, "is_country", country)
        object.__setattr__(self, "is_admin_division", self.feature_class == "A" and not country)
        object.__setattr__(self, "spans_countries", not self.country_code and self.feature_class in ("L", "H", "T"))


#: one reason for or against a candidate, with its weight: ("in TJ", 0.5)
Signal = tuple[str, float]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that a name may refer to, with how well it fits and why.

    ``signals`` are the parts of the score, the prior first; ``reasons`` words them.
    """

    place: Place
    score: float
    match: str  # "exact", "variant" (transliteration fold), "fuzzy"
    signals: tuple[Signal, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        """The signals as people read them: "prior 0.85", "in TJ +0.50"."""
        if not self.signals:
            return ()
        (_prior, prior), *others = self.signals
        return (f"prior {prior:.2f}", *(f"{reason} {weight:+.2f}" for reason, weight in others))


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one name: a chosen place, or an explicit "unresolved".

    ``place`` is None when nothing fitted; ``reason`` then says why (no match, too
    fuzzy, ...). ``alternatives`` are the other candidates, best first.
    """

    query: str
    place: Place | None
    score: float
    reason: str
    alternatives: tuple[Candidate, ...] = ()
    match: str = ""  # how the chosen place's name matched: "exact", "variant", "fuzzy"

    @property
    def resolved(self) -> bool:
        return self.place is not None
