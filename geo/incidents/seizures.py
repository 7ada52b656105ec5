"""Territory seized: the places a sentence says were taken, placed with what the sentence states about them.

:class:`SeizureReading` is a part of :class:`geo.incidents.extract._DocumentExtractor`, which inherits it.
"""

from __future__ import annotations

import re

from gazetteer.normalize import fold
from geo.incidents.lists import ListItem, NamePhrase, name_list
from geo.incidents.reports import Report, unknown_count
from geo.incidents.rules import Frame, location_before
from geo.incidents.scan import match_before
from geo.incidents.sentence_places import SentenceToponym, _is_passive, _opens_clause, _precision_of, _toponym_for
from geo.incidents.sentences import Sentence
from geo.model import EventType

# translated text names the kind of place before the name, with no "of": "the city X in the state Y"
_KIND_BEFORE_NAME = re.compile(r"\bthe\s+(?P<noun>city|town|village|district|province|state|region)\s+$", re.IGNORECASE)
_DIVISION_BEFORE_NAME = re.compile(r"\s*,?\s*in\s+the\s+(?:state|province|district|region|county)\s+", re.IGNORECASE)
# an apposition after a name says what it is or where: ", the capital of South Kivu province", ", a Congolese town
# just across the river from Burundi", ", on the Congolese side of the border": its names are no items
_APPOSITION = re.compile(
    r",\s+(?:(?:just|right|some|about)\s+)?(?:a|an|the|on|in|near|opposite|across|outside|inside|along)\s+[^,;]*",
    re.IGNORECASE,
)
# ", the town of B" names the next item of a list ("took A, the town of B and C"), it does not describe A
_NAMING_DESCRIPTOR = re.compile(
    r",\s+the\s+(?:[\w-]+\s+)?(?:city|town|village|district|province|region|area|settlement)\s+of\s+", re.IGNORECASE
)
# after a demonym, the kind of place it makes that country's: "a Congolese town", "on the Afghan side"
_PLACE_OF_A_PEOPLE = re.compile(
    r"\s+(?:(?:border|frontier|river|market|garrison|provincial|district)\s+)?"
    r"(?:town|city|village|port|side|district|province|region|locality|territory|commune|capital)\b",
    re.IGNORECASE,
)
_IN_COUNTRY = re.compile(r"\b(?:in|inside)\s+(?:the\s+)?$", re.IGNORECASE)
_CONTAINER_WORDS = re.compile(r"\b(?:of|in)\s+(?:the\s+)?$", re.IGNORECASE)


class SeizureReading:
    """Reads a seizure frame into one report per seized place.

    A mixin of :class:`geo.incidents.extract._DocumentExtractor`; of the extractor it reads ``result`` and
    ``_document_countries``, and calls ``_date``, ``_actor``, ``_source``, ``_words_before``, ``_container``,
    ``_place_of`` and ``_named_in_country``.
    """

    def _seizure(self, sentence: Sentence, frame: Frame, toponyms: list[SentenceToponym]) -> None:
        text, trigger = sentence.text, frame.trigger
        passive = _is_passive(text, trigger.start, trigger.text)
        spans = [frame.left] if passive else [frame.right, frame.left]
        items: list[ListItem] = []
        for index, span in enumerate(spans):
            found = name_list(text, *span)
            if index:  # an active verb's left side: only "In X, the Taliban took ..." locatives of its own clause
                found = [
                    item
                    for item in found
                    if location_before(self._words_before(text, item.name.start))
                    and not _opens_clause(text, item.name.end, trigger.start)
                ]
            if found:
                items = found
                break
        if not items:
            return
        described = self._described(text, _translated_kinds(text, items), toponyms)
        countries = self._document_countries
        when, precision = self._date(sentence, EventType.TERRITORY_SEIZED, trigger.start)
        actor = self._actor(text, frame, toponyms)
        source = self._source(sentence)
        several = len(described) > 1
        for item, stated_country in described:
            container = self._container(item.container, toponyms, countries)
            if container is not None:
                scope = (container.country_code,)
            else:
                scope = (stated_country,) if stated_country else countries
            recognised = _toponym_for(item.name, toponyms) is not None
            place = self._place_of(
                item.name,
                toponyms,
                scope,
                container,
                (),
                resolve_unknown=recognised
                or several
                or container is not None
                or bool(item.name.hint)
                or bool(stated_country),
            )
            location_key = ""
            if place is None and container is not None and (several or item.name.hint):
                place, location_key = container, fold(item.name.core)
            if place is None and stated_country:
                place = self._named_in_country(item.name.core, stated_country, sentence.start + item.name.start)
            if place is None or place.is_country:
                continue
            self.result.reports.append(
                Report(
                    EventType.TERRITORY_SEIZED,
                    item.name.core,
                    place,
                    unknown_count(),
                    source,
                    actor=actor,
                    actor_country="",
                    date=when,
                    date_precision=precision,
                    geo_precision=_precision_of(place, location_key),
                    location_key=location_key,
                    confidence=0.7 if not location_key else 0.3,
                )
            )

    def _described(
        self, text: str, items: list[ListItem], toponyms: list[SentenceToponym]
    ) -> list[tuple[ListItem, str]]:
        """The items of a list that are not part of an apposition to the item before, each with the country its
        apposition states ("Kamanyola, a Congolese town just across the Rusizi from Burundi": CD) or "".

        A division the apposition places the item in ("Bukavu, the capital of South Kivu province") is its
        container when the list states none.
        """
        described: list[tuple[ListItem, str]] = []
        apposition_end = -1
        for item in items:
            if item.name.start < apposition_end:
                head = described[-1][0]
                toponym = _toponym_for(item.name, toponyms)
                division = item.name.hint == "admin" or (
                    toponym is not None and toponym.place is not None and toponym.place.is_admin_division
                )
                if head.container is None and division and match_before(_CONTAINER_WORDS, text, item.name.start, 12):
                    head.container = item.name
                continue
            apposition = _APPOSITION.match(text, item.name.end)
            if apposition is None or _NAMING_DESCRIPTOR.match(text, item.name.end):
                described.append((item, ""))
                continue
            apposition_end = apposition.end()
            described.append((item, self._stated_country(text, apposition.start(), apposition_end, toponyms)))
        return described

    def _stated_country(self, text: str, start: int, end: int, toponyms: list[SentenceToponym]) -> str:
        """The country that ``text[start:end]`` says a place is in: "a Congolese town", "on the Afghan side",
        "in Congo" (a country named there for any other reason, "from Burundi", is not the place's)."""
        for toponym in toponyms:
            if toponym.place is None or not start <= toponym.start < end:
                continue
            if toponym.kind == "demonym" and _PLACE_OF_A_PEOPLE.match(text, toponym.end):
                return toponym.place.country_code
            if toponym.place.is_country and match_before(_IN_COUNTRY, text, toponym.start, 12):
                return toponym.place.country_code
        return ""


def _translated_kinds(text: str, items: list[ListItem]) -> list[ListItem]:
    """Read the kind of place that translated text writes before a name with no "of": in "the city X in the
    state Y", X is a town (hinted so, as "the city of X" is) and Y is X's container, not an item of its own."""
    kept: list[ListItem] = []
    for item in items:
        name = item.name
        kind = match_before(_KIND_BEFORE_NAME, text, name.start, 20) if not name.hint else None
        if kind is not None:
            hint = "populated" if kind.group("noun").lower() in ("city", "town", "village") else "admin"
            name = NamePhrase(name.start, name.end, name.text, name.core, hint)
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.container is None
            and _DIVISION_BEFORE_NAME.fullmatch(text, previous.name.end, name.start)
        ):
            previous.container = NamePhrase(name.start, name.end, name.text, name.core, "admin")
            continue
        kept.append(ListItem(name, item.count, item.container))
    return kept
