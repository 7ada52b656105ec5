"""Choosing among candidate places from what the context says."""

from __future__ import annotations

from dataclasses import dataclass

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
