"""What the readers of a sentence's events share: its toponyms, and how a name, a place and a clause are read.

:class:`SentenceToponym` is a toponym with offsets into its sentence. The helpers here read a listed name's toponym,
the place named next to a name, the ACLED geo precision of a place, a passive verb and a clause that opens before a
verb; the word sets are those that more than one event family reads with. Movements
(:mod:`geo.incidents.extract`), seizures (:mod:`geo.incidents.seizures`), deployments
(:mod:`geo.incidents.deployments`) and closures (:mod:`geo.incidents.closures`) import them from here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gazetteer.place import Place
from geo.incidents.lexicon import MONTHS, WEEKDAYS, words
from geo.incidents.lists import NamePhrase
from geo.incidents.scan import ends_in, match_before
from geo.model import APPROXIMATE_SOURCE

_THE = words("the")
_PASSIVE_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+|also\s+|not\s+)?$", re.IGNORECASE)
_PASSIVE_ENDINGS = ("was", "were", "been", "being", "is", "are", "be", "ly", "also", "not")
_PREPOSITIONS = words("in at into to from with of for near")
_JOINER = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")
#: a place put next to one this imprecise (a province, a country) is only known to lie in that region
_NEAR_A_REGION_KM = 100.0
_CALENDAR_WORDS = frozenset(MONTHS + WEEKDAYS)
_SUBORDINATOR = re.compile(r"\b(?:after|before|when|as|while|since|because|until|once)\b", re.IGNORECASE)


class SentenceToponym(NamedTuple):
    """A toponym of a sentence, with offsets into the sentence: ``sentence.text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    place: Place | None
    kind: str


def _toponym_for(name: NamePhrase, toponyms: list[SentenceToponym]) -> SentenceToponym | None:
    """The geoparser's toponym for a listed name: the one that overlaps its core the most."""
    core_end = name.start + len(name.core)
    best, best_overlap = None, 0
    for toponym in toponyms:
        if toponym.end <= name.start or toponym.start >= core_end:
            continue  # no overlap
        overlap = min(core_end, toponym.end) - max(name.start, toponym.start)
        if overlap > best_overlap and toponym.kind != "demonym":
            best, best_overlap = toponym, overlap
    return best


def _named_next_to(name: NamePhrase, toponyms: list[SentenceToponym]) -> Place | None:
    """The place on the ground named closest to a name the gazetteer lacks, in its sentence."""
    grounded = [
        t
        for t in toponyms
        if t.place is not None and t.kind != "demonym" and not t.place.is_country and not t.place.spans_countries
    ]
    if not grounded:
        return None
    return min(grounded, key=lambda t: min(abs(t.start - name.end), abs(name.start - t.end))).place


def _precision_of(place: Place, location_key: str) -> int:
    """ACLED geo precision: 1 a town or village, 2 a district (or near a place), 3 a province or country."""
    if place.source == APPROXIMATE_SOURCE:  # near a town or district; near a province or country only
        return 2 if place.precision_km < _NEAR_A_REGION_KM else 3
    if location_key:
        return 2
    if place.is_country or place.feature_code in ("ADM1", "ADM1H", "PCLI", "PCL", "RGN"):
        return 3
    if place.is_admin_division:
        return 2
    return 1


def _opens_clause(text: str, start: int, end: int) -> bool:
    """Does a subordinate clause open between ``start`` and the verb at ``end``, as in "fled into X
    after rebels overran ..." (but not "In X, after days of fighting, the rebels took ...")?"""
    openers = list(_SUBORDINATOR.finditer(text, start, end))
    return bool(openers) and "," not in text[openers[-1].end() : end]


def _is_passive(text: str, start: int, trigger: str) -> bool:
    lowered = trigger.lower()
    if lowered.startswith(("fell", "fallen", "fall", "came under")):
        return True
    auxiliary = ends_in(text, start, _PASSIVE_ENDINGS, 25) and match_before(_PASSIVE_AUXILIARY, text, start, 25)
    return bool(auxiliary) and lowered.endswith(("ed", "en", "overrun")) and not lowered.startswith("took")
