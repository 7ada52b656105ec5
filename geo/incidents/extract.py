"""Per-document extraction: sentences, triggers and frames, lists, places in context -> reports.

For each sentence with an event trigger (:mod:`geo.incidents.rules`), the frame of the
trigger is filled from the sentence's numbers (:mod:`geo.incidents.counts`), dates
(:mod:`geo.incidents.dates`) and toponyms (from the geoparser). Places named in lists
(:mod:`geo.incidents.lists`) are resolved again with what the list states: their
container ("Langar of Ishkashim District") and the destination country of the movement.
The document carries a little memory from sentence to sentence: where the last movement
went (a running total such as "about 1,600 troops have now crossed" names no country) and
which places were named last ("suspended operations in the city").

Movements, lists and headlines are read here; each other event family reads in a module of its own, a mixin
the extractor inherits: seizures (:mod:`geo.incidents.seizures`), deployments (:mod:`geo.incidents.deployments`)
and closures (:mod:`geo.incidents.closures`). What they share of a sentence's places is in
:mod:`geo.incidents.sentence_places`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import cached_property

from gazetteer.disambiguate import ResolutionContext
from gazetteer.geodesy import haversine_km
from gazetteer.normalize import fold
from gazetteer.place import Place
from gazetteer.resolver import Gazetteer
from geo.geoparse import place_near
from geo.incidents.closures import ClosureReading
from geo.incidents.counts import NumberMention, find_numbers
from geo.incidents.dates import SAME_DAY, DateMention, event_date, find_dates, refers_to_time_told
from geo.incidents.deployments import DeploymentReading
from geo.incidents.lexicon import words
from geo.incidents.lists import ListItem, NamePhrase, counted_list, name_after
from geo.incidents.reports import DocumentReports, GroupReport, Report, unknown_count
from geo.incidents.rules import (
    Frame,
    actor_phrase,
    direction_before,
    find_triggers,
    frame_count,
    frames_of,
    has_border_word,
    location_before,
    origin_before,
    shelter_place_before,
    station_before,
    territory_after,
)
from geo.incidents.scan import may_hold, preceded_by, search_at_words, words_before
from geo.incidents.seizures import SeizureReading
from geo.incidents.sentence_places import (
    _CALENDAR_WORDS,
    _JOINER,
    _PREPOSITIONS,
    _THE,
    SentenceToponym,
    _named_next_to,
    _opens_clause,
    _precision_of,
    _toponym_for,
)
from geo.incidents.sentences import Sentence, split_sentences
from geo.incidents.totals import states_running_total
from geo.model import APPROXIMATE_SOURCE, Count, CountQualifier, Document, EventType, SourceRef, Toponym

_ANAPHOR_NOUNS = ("city", "town", "capital", "village", "province", "district")
_ANAPHOR = re.compile(
    rf"\b(?:in|at|from|near|to|protect)\s+the\s+(?P<noun>{'|'.join(_ANAPHOR_NOUNS)})\b", re.IGNORECASE
)
#: the movements that are news without a count ("soldiers fled to Tajikistan", "sought refuge in Pakistan")
_UNCOUNTED_MOVEMENTS = frozenset({"refuge", "flight", "crossing"})
_NEGATIONS = words("not never n't cannot didn't don't won't wouldn't couldn't")
_THEIR_COUNTRY = re.compile(r"\b(?:into|to)\s+their\s+(?:own\s+|home\s+)?(?:country|homeland)\b", re.IGNORECASE)
_INTO_THE_COUNTRY = re.compile(
    r"\b(?:into|to|entered|enter|entering|reached)\s+(?:in\s+)?the\s+country\b", re.IGNORECASE
)
_SUBJECT_NAME = re.compile(r"(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3}")
_NOT_ACTORS = words("""
    the a an in on at after according monday tuesday wednesday thursday friday saturday sunday last this it he she
    they there but and
""")
_CIVILIAN_NOUNS = words(
    "refugees migrants returnees asylum-seekers seekers civilians families people deportees evacuees displaced"
    " arrivals newcomers households persons"
)
# what lies between a place and the place that only says where it is: "X near Y", "the X border point in Y"
_NEAR = re.compile(
    r"\s*(?:(?:border|crossing|point|post|gate|checkpoint|bridge)\s+){0,2},?\s*"
    r"(?:near|outside|close\s+to|not\s+far\s+from|in|of)\s+(?:the\s+)?(?:\w+\s+)?",
    re.IGNORECASE,
)
_TWO_DIGIT_RUNS = re.compile(r"\d\D++\d")  # starts with a set: the engine skips to the digits
_BY_NAME = re.compile(r"\bby\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s?){1,4})")
_FALLEN_TO = re.compile(r"\s*(?:the\s+)?([\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
_OBJECT_VERBS = ("deport", "expel", "push", "forced", "sent", "brought")
_COUNTRY_WITHIN_KM = 60.0
# "At X, ...", "Further north, at X, ...": a phrase of place opening the sentence, after at most a short
# adverbial; or the crossing point the sentence is about: "The frontier post of X has seen ..."
_OPENING_LOCATIVE = re.compile(
    r"\s*(?:[\w'’-]+(?:\s+[\w'’-]+){0,2}\s*,\s*)?(?:(?:at|in|through|via|near|on)\b[^,;.]*"
    r"|the\s+(?:[\w-]+\s+)?(?:post|crossing|checkpoint|crossing\s+point|gate)\s+of\s+)$",
    re.IGNORECASE,
)
#: how far from a name the gazetteer lacks a place of its stated country may be to lend it a point (as geoparse)
_NEAR_NAMED_WINDOW = 1000
_SHARE_OF_THEM = re.compile(r"\b(?:most|many|some|half|part|several|few)\s+of\s+them\b", re.IGNORECASE)
# a line of a list of counted places: "- Villa del Rosario (Simon Bolivar International Bridge): 4,210"
_BULLET_ITEM = re.compile(r"\s*[-*•]\s+(?P<name>[^\W\d_][^:()\n]*?)\s*(?:\([^)\n]*\))?\s*:\s*\d[\d,. ]*(?:\s+\w+)?\s*")
_TOTAL_LINE = re.compile(r"\s*(?:[-*•]\s+)?(?:total|in\s+all|altogether)\s*:", re.IGNORECASE)
_POINT_AFTER = re.compile(
    r"\b(?:at|through|via)\s+(?:the\s+)?((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,2})(?=[,.;]|\s+(?:in|near|on|crossing|border)\b)",
    re.IGNORECASE,
)
# a headline: one line of at most 20 words with no full stop at its end (perhaps a Markdown heading)
_HEADLINE = re.compile(r"\s*#*\s*(?:\S+\s+){0,19}\S*[^.!?\s]\s*")
# a place name of capitalised words, joined by the particles of Arabic, Spanish and French names ("Ras al-Ain")
_CAPITALISED_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:al|el|de|del|la|le|du|des|da|di)[\s-]+)?[A-Z][\w'’-]*){0,3}")


def extract_document(document: Document, toponyms: Sequence[Toponym], gazetteer: Gazetteer | None) -> DocumentReports:
    """Everything ``document`` reports, given its toponyms (from :func:`geo.geoparse.geoparse`)."""
    return _DocumentExtractor(document, toponyms, gazetteer).run()


class _DocumentExtractor(SeizureReading, DeploymentReading, ClosureReading):
    """Walks one document's sentences, remembering where movements went and places named."""

    def __init__(self, document: Document, toponyms: Sequence[Toponym], gazetteer: Gazetteer | None) -> None:
        self.document = document
        self.gazetteer = gazetteer
        self.toponyms = sorted(toponyms, key=lambda toponym: toponym.start)
        self.starts = [toponym.start for toponym in self.toponyms]
        self.result = DocumentReports(document.name)
        placed = [(toponym, toponym.resolution.place) for toponym in self.toponyms]
        placed = [(toponym, place) for toponym, place in placed if place is not None]
        self.home = _home_country(placed)
        #: how often the document names each country, by its name or a demonym
        self.named_countries = Counter(
            place.country_code for toponym, place in placed if toponym.kind == "demonym" or place.is_country
        )
        self.countries = _country_places(placed)
        self._placed = placed
        # places a later "the city" may stand for: neither countries nor demonyms, by where they are named
        referable = [
            (t.start, (place, t.surface)) for t, place in placed if t.kind != "demonym" and not place.is_country
        ]
        self._referable_starts = [start for start, _ in referable]
        self._referable = [place for _, place in referable]
        self.last_destination = ""
        self.last_movement: tuple[int, Count, dict] | None = None
        self.recent_places: list[tuple[Place, str]] = []
        self.previous: Sentence | None = None
        self.last_date: tuple[int, EventType, date, str] | None = None
        #: a closure told without the facilities it closed ("closed four of its crossings on Saturday"): its sentence
        #: and where its verb is, for the date the sentence after it that names them shares
        self.unnamed_closure: tuple[Sentence, int] | None = None
        self._dates: tuple[int, list[DateMention]] = (-1, [])
        self._cumulative_at: tuple[int, bool] = (-1, False)
        self._source_at: tuple[int, SourceRef | None] = (-1, None)
        self._resolved: dict[tuple[str, tuple[str, ...], str, str], Place | None] = {}
        self._words_text = ""
        self._words_at: dict[int, list[str]] = {}
        #: the place that says where a location of the current movement lies, by the location's start
        self._containers: dict[int, SentenceToponym] = {}
        #: the country whose officials or side the current movement's sentence names before its verb
        self._authority = ""
        #: places in the current movement's subject ("officers at the X border post counted ...")
        self._subject_places: list[SentenceToponym] = []

    def run(self) -> DocumentReports:
        bullets: list[tuple[Sentence, list[SentenceToponym]]] = []
        lead = None
        for sentence in split_sentences(self.document.text):
            first = bisect.bisect_left(self.starts, sentence.start)
            named = self.toponyms[first : bisect.bisect_left(self.starts, sentence.end, first)]
            if _BULLET_ITEM.fullmatch(sentence.text):
                lead = lead or self.previous
                bullets.append((sentence, _shifted(named, sentence)))
                continue
            if bullets and lead is not None:
                self._bulleted_list(lead, bullets, sentence)
            bullets, lead = [], None
            triggers = find_triggers(sentence.text)
            if triggers or (self.last_movement is not None and "(" in sentence.text):
                self._sentence(sentence, _shifted(named, sentence), frames_of(sentence.text, triggers))
            first = bisect.bisect_left(self._referable_starts, sentence.start)
            self.recent_places.extend(
                self._referable[first : bisect.bisect_left(self._referable_starts, sentence.end, first)]
            )
            self.previous = sentence
        if bullets and lead is not None:
            self._bulleted_list(lead, bullets, None)
        self._drop_restated_headline()
        return self.result

    def _drop_restated_headline(self) -> None:
        """A headline restates the story ("264 Myanmar border guards cross into Bandarban"): its report
        goes when the body reports the same movement with that count, or, uncounted, any count there."""
        reports = self.result.reports
        headline = next((r.source for r in reports if r.source.start == 0), None)
        if headline is None or not _HEADLINE.fullmatch(headline.sentence):
            return
        groups = self.result.groups
        body = [r for r in reports if r.source.start > 0] + [part for group in groups for part in group.parts]
        told = {(r.destination_country, r.count.value) for r in body}
        told |= {(group.destination_country, group.total.value) for group in groups}
        places = {code for code, _value in told}

        def restated(report: Report) -> bool:
            if report.source.start > 0 or report.event_type not in (EventType.BORDER_CROSSING, EventType.REFUGE_SOUGHT):
                return False
            if report.count.value is None:
                return report.destination_country in places
            return (report.destination_country, report.count.value) in told

        self.result.reports = [r for r in reports if not restated(r)]

    # --- one sentence ---------------------------------------------------------------------------

    def _sentence(self, sentence: Sentence, toponyms: list[SentenceToponym], frames: list[Frame]) -> None:
        """Fill each trigger's frame; a counted list with no movement of its own continues the last one."""
        numbers = _Numbers(sentence.text)
        movement = any(frame.trigger.is_movement for frame in frames)
        recent = self.last_movement is not None and sentence.index - self.last_movement[0] <= 2
        # a country is where people went or came from ("29,850 came back from Pakistan: 23,412 by A, ..."),
        # never a place of a list of crossing points
        items = []
        if (movement or recent) and ("(" in sentence.text or _TWO_DIGIT_RUNS.search(sentence.text)):
            items = counted_list(sentence.text, numbers(), lambda name: _names_a_country(name, toponyms))
            items = [item for item in items if not _names_a_country(item.name, toponyms)]
            if len(items) < 2:
                items = []
        list_frame = _frame_of_list(frames, items)
        taken = frozenset(item.count.start for item in items if item.count is not None)
        if items and list_frame is None and recent:
            _, total, base = self.last_movement  # "... crossed. They came at A (n1), B (n2) and C (n3)."
            self._counted_group(sentence, items, toponyms, self.last_destination, replace(total), base)
        for frame in frames:
            kind = frame.trigger.kind
            if frame.trigger.is_movement:
                self._movement(sentence, frame, toponyms, numbers, items if frame is list_frame else [], taken)
            elif kind == "seizure":
                self._seizure(sentence, frame, toponyms)
            elif kind == "deployment":
                self._deployment(sentence, frame, toponyms, numbers())
            elif kind == "closure":
                self._closure(sentence, frame, toponyms)

    def _movement(
        self,
        sentence: Sentence,
        frame: Frame,
        toponyms: list[SentenceToponym],
        numbers: _Numbers,
        items: list[ListItem],
        taken: frozenset[int],
    ) -> None:
        """A movement: where to (and from), whether it crosses a border, how many, then the report(s).

        ``items`` is the sentence's counted list when this movement owns it; ``taken`` says where
        the list's counts stand, since a count of the list told with its own verb ("1,500 entered at
        A, while another 800 arrived at B") is reported with the list, not again, nor as its total.
        """
        text, trigger = sentence.text, frame.trigger
        if _NEGATIONS.intersection(self._words_before(text, trigger.start)[-3:]):
            return  # "would not cross into Congo", "never reached the border"
        destinations, origin, locations = self._directions(text, frame, toponyms)
        named_country = bool(destinations)  # "crossed into <a country>", "sought refuge in <a country>"
        object_first = trigger.kind == "movement_noun" or (
            trigger.kind in ("return", "arrival") and trigger.text.lower().startswith(_OBJECT_VERBS)
        )
        count = None
        homeward = False
        if trigger.kind == "return":  # people go back to their own country: "Pakistan deported 600 Afghans"
            count = frame_count(text, frame, numbers(), object_first=object_first)
            origin = origin or (self._actor_country(text, frame, toponyms) if object_first else "")
            mover = self._mover_country(text, frame, toponyms, count)
            if not destinations and mover and mover != origin:
                destinations = [mover]
        else:
            mover = self._mover_country(text, frame, toponyms, count)
            if not destinations and mover and _THEIR_COUNTRY.search(text, frame.right[0], frame.right[1]):
                destinations, named_country = [mover], True  # "24,183 Afghans crossed back into their country"
            # "Armenians left for Armenia": people going to their own country came from elsewhere
            homeward = named_country and mover in destinations
            if not origin and not homeward:
                origin = mover
        # "crossed back": back over the border they had crossed before
        border = has_border_word(text, (frame.start, frame.end)) or text.startswith(" back", trigger.end)
        if (
            not destinations
            and self.home
            and self.home != origin
            and may_hold(text, ("country",), trigger.start, frame.right[1])
            and _INTO_THE_COUNTRY.search(text, trigger.start, frame.right[1])
        ):
            destinations = [self.home]
        # a place the gazetteer lacks is unplaced, or was put next to a place named near it, perhaps across
        # the border: it says where only once the movement's country is known
        known = [t for t in locations if t.place is not None and t.place.source != APPROXIMATE_SOURCE]
        if not destinations and known:
            destinations = [known[0].place.country_code]
        counted = any(n.is_people and frame.start <= n.start < frame.end for n in numbers())
        if not destinations and counted and self._authority:
            destinations = [self._authority]  # "Finland's border guard counted 7,000 arrivals from Russia"
        if (
            not destinations
            and counted
            and self.home
            and any(t.place is None or t.place.source == APPROXIMATE_SOURCE for t in self._subject_places)
        ):
            destinations = [self.home]  # "our team at the X reception centre registered 5,120 new arrivals"
        previous = self.last_movement
        continues = (
            previous is not None
            and sentence.index - previous[0] <= 2
            and not self._other_movers(frame, toponyms, previous[2]["origin_country"])
        )
        if not destinations and (border or trigger.kind == "refuge" or continues) and self.last_destination:
            destinations = [self.last_destination]
        if continues and not origin:
            origin = previous[2]["origin_country"]
        if trigger.kind == "refuge" and not locations:
            locations = self._shelter_places(sentence, frame, toponyms, destinations[0] if destinations else "")
        if not destinations:
            destinations = [t.place.country_code for t in locations if t.place is not None][:1]
        destinations = [code for code in destinations if code and code != origin]
        if not destinations:
            return
        if not locations:  # where those who counted or received them stand: only in the movement's country
            locations = [
                t
                for t in self._subject_places
                if t.place is None or t.place.source == APPROXIMATE_SOURCE or t.place.country_code == destinations[0]
            ]
        locations = [t if t in known else self._placed_in(t, destinations[0]) for t in locations]
        locations = [t for t in locations if t.place is not None]
        if locations and _SHARE_OF_THEM.search(text, trigger.end, locations[0].start):
            locations = []  # "8,000 crossed into Uganda, most of them through X": the count is the country's
        if not origin and locations and locations[0].place.country_code != destinations[0]:
            origin = locations[0].place.country_code  # the crossing point is named on the side they left
        if count is None:  # counted only now that the movement has somewhere to go
            count = frame_count(text, frame, numbers(), object_first=object_first)
            if not origin and trigger.kind != "return" and not homeward:
                origin = self._mover_country(text, frame, toponyms, count)
                destinations = [code for code in destinations if code != origin]
                if not destinations:
                    return
        abroad = destinations[0] != self.home
        if continues and destinations[0] == self.last_destination:
            pass  # the same movement told further: already judged a crossing
        elif trigger.kind in ("arrival", "movement_noun"):
            # "arrived", "came over": a border crossing only at a border, abroad, for foreigners ("12,000
            # Sudanese reached Adre") or for civilians on the move
            civilians = count is not None and (count.noun in _CIVILIAN_NOUNS or _names_a_people(text, count))
            if not (border or abroad or origin or civilians):
                return
        elif trigger.kind != "refuge" and not (border or abroad or origin or named_country):
            return  # (shelter sought at a place is refuge wherever it is)
        self.last_destination = destinations[0]
        when, precision = self._date(sentence, EventType.BORDER_CROSSING, trigger.start, running=True)
        actor = actor_phrase(text, frame, count)
        people = count.to_count() if count is not None else unknown_count()
        if continues and count is None:  # "412 crossed ... the men came at A (186), B (97) ..."
            people, actor = replace(previous[1]), previous[2]["actor"]
            when, precision = (when, precision) if when else (previous[2]["date"], previous[2]["date_precision"])
        base = dict(actor=actor, origin_country=origin, date=when, date_precision=precision)
        self.last_movement = (sentence.index, people, base)  # what the text states, for the sentences after
        if not origin:
            base = dict(base, origin_country=self._other_side(destinations[0]))
        source = self._source(sentence)
        if count is not None and count.start in taken:
            if not items:
                return
            people = unknown_count()
        if items:
            self._counted_group(sentence, items, toponyms, destinations[0], people, base)
            return
        if locations:
            self._located_movement(sentence, locations, people, destinations[0], base, refuge=trigger.kind == "refuge")
            return
        if count is None and trigger.kind not in _UNCOUNTED_MOVEMENTS:
            return  # "those arriving may travel on towards X", "the Group of Support to the Repatriated"
        cumulative = self._cumulative(sentence)
        for destination in destinations:
            place = self.countries.get(destination) or self._country_place(destination)
            event = EventType.BORDER_CROSSING if count is not None else EventType.REFUGE_SOUGHT
            stated = replace(people) if count is not None else unknown_count()
            report = Report(
                event,
                place.name if place else destination,
                place,
                stated,
                source,
                destination_country=destination,
                country_level=True,
                cumulative=cumulative,
                confidence=0.4,
                **base,
            )
            if count is not None and cumulative:
                self.result.groups.append(
                    GroupReport(
                        EventType.BORDER_CROSSING,
                        report.count,
                        source,
                        cumulative=True,
                        origin_country=origin,
                        destination_country=destination,
                        date=when,
                        date_precision=precision,
                    )
                )
            else:
                self.result.reports.append(report)

    def _counted_group(
        self,
        sentence: Sentence,
        items: list[ListItem],
        toponyms: list[SentenceToponym],
        destination: str,
        total: Count,
        base: dict,
    ) -> None:
        source = self._source(sentence)
        parts = [self._list_part(item, toponyms, destination, source, base) for item in items]
        self.result.groups.append(_crossing_group(total, source, parts, destination, base))

    def _list_part(
        self, item: ListItem, toponyms: list[SentenceToponym], destination: str, source: SourceRef, base: dict
    ) -> Report:
        """One counted place of a list, placed with what the list says about it."""
        near = tuple(
            t.place
            for t in toponyms
            if t.place is not None and t.place.country_code == destination and not t.place.is_country
        )
        container = self._container(item.container, toponyms, (destination,))
        place = self._place_of(item.name, toponyms, (destination,), container, near, resolve_unknown=True)
        location, location_key, precision = item.name.core if item.name.hint != "admin" else item.name.text, "", 1
        if place is None and container is not None:
            place, location_key = container, fold(item.name.core)
        if place is None and (anchor := _named_next_to(item.name, toponyms)) is not None:
            place = place_near(location, anchor)  # "229 through Ghumdhum ..., 21 through Tumbru"
        if place is None and (country := self._country_place(destination)) is not None:
            place = place_near(location, country)  # a list of crossing points into a country, no more said
        if place is None:
            precision = 3
        elif place.source == APPROXIMATE_SOURCE:
            precision = _precision_of(place, location_key)
        elif place.is_admin_division or location_key:
            precision = 2
        count = item.count.to_count() if item.count is not None else unknown_count()
        return Report(
            EventType.BORDER_CROSSING,
            location,
            place,
            count,
            source,
            destination_country=destination,
            geo_precision=precision,
            location_key=location_key,
            confidence=0.8 if place else 0.3,
            **base,
        )

    def _bulleted_list(
        self, lead: Sentence, bullets: list[tuple[Sentence, list[SentenceToponym]]], after: Sentence | None
    ) -> None:
        """Lines such as "- Villa del Rosario (Simon Bolivar bridge): 4,210" after a lead ("The agency gave
        this breakdown:", "Entries on Thursday by border post:"), and perhaps "Total: 3,665 people" after
        them: one counted list of the movement the lead tells, or of entries into the document's country."""
        previous = self.last_movement
        recent = previous is not None and lead.index - previous[0] <= 1
        if recent:
            _, total, base = previous
            destination = self.last_destination
        elif any(t.is_movement for t in find_triggers(lead.text)) and self.home:
            when, precision = self._date(lead, EventType.BORDER_CROSSING, 0)
            total, destination = unknown_count(), self.home
            base = dict(actor="", origin_country="", date=when, date_precision=precision)
        else:
            return
        base = dict(base, origin_country=base["origin_country"] or self._other_side(destination))
        stated = find_numbers(after.text) if after is not None and _TOTAL_LINE.match(after.text) else []
        if stated:
            total = stated[0].to_count()
        parts = []
        for sentence, toponyms in bullets:
            line = _BULLET_ITEM.fullmatch(sentence.text)
            numbers = find_numbers(sentence.text)
            name = name_after(sentence.text, line.start("name"), line.end("name"))
            if name is None or not numbers:
                continue
            item = ListItem(name, numbers[-1])
            parts.append(self._list_part(item, toponyms, destination, self._source(sentence), base))
        if len(parts) >= 2:
            self.result.groups.append(_crossing_group(total, self._source(lead), parts, destination, base))

    def _located_movement(
        self,
        sentence: Sentence,
        locations: list[SentenceToponym],
        people: Count,
        destination: str,
        base: dict,
        *,
        refuge: bool,
    ) -> None:
        """A movement at named places; a province or region named alone is only where, broadly, it went.

        Refuge sought at a place ("600 families sought shelter in the school at X") is refuge, counted or
        not: it says where people stay, not where they crossed.
        """
        source = self._source(sentence)
        # a named place the gazetteer lacks is a place, however coarsely it is put on the map
        fine = [t for t in locations if _precision_of(t.place, "") < 3 or t.place.source == APPROXIMATE_SOURCE]
        counted = people.qualifier is not CountQualifier.UNKNOWN
        if not fine:
            place = locations[0].place
            self.result.reports.append(
                Report(
                    EventType.BORDER_CROSSING if counted else EventType.REFUGE_SOUGHT,
                    locations[0].surface,
                    place,
                    replace(people),
                    source,
                    destination_country=destination,
                    country_level=True,
                    cumulative=self._cumulative(sentence),
                    confidence=0.4,
                    **base,
                )
            )
            return
        shared = len(fine) > 1 and not refuge
        parts = [
            Report(
                EventType.REFUGE_SOUGHT if refuge else EventType.BORDER_CROSSING,
                toponym.surface,
                toponym.place,
                unknown_count() if shared else replace(people),
                source,
                destination_country=destination,
                geo_precision=_precision_of(toponym.place, ""),
                cumulative=self._cumulative(sentence),
                confidence=0.6,
                **base,
            )
            for toponym in fine
        ]
        if shared:
            self.result.groups.append(_crossing_group(people, source, parts, destination, base))
        else:
            self.result.reports.extend(parts)

    def _named_in_country(self, name: str, country: str, at: int) -> Place | None:
        """A name the gazetteer lacks, in a stated country (or, with ``country`` "", in any): the place the document
        reads under that name there, else the point of the place of that country named closest to it (as the
        geoparser places such names)."""
        key = fold(name)
        nearest: tuple[int, Place] | None = None
        for toponym, place in self._placed:
            if (country and place.country_code != country) or place.is_country or toponym.kind == "demonym":
                continue
            if fold(toponym.surface) == key:
                return place
            distance = abs(toponym.start - at)
            if distance <= _NEAR_NAMED_WINDOW and (nearest is None or distance < nearest[0]):
                nearest = (distance, place)
        return place_near(name, nearest[1]) if nearest is not None else None

    def _shelter_places(
        self, sentence: Sentence, frame: Frame, toponyms: list[SentenceToponym], country: str
    ) -> list[SentenceToponym]:
        """Where refuge in ``country`` (any, if "") was sought, when no movement's place follows the trigger: a place
        after "in the houses of the inhabitants of", a name the geoparser did not read ("sought shelter at X primary
        school"), else a place the sentence is told from ("officials in X said 600 spent the night sheltering in a
        school")."""
        text = sentence.text
        for span in (frame.right, frame.left):
            for toponym in toponyms:
                if (
                    span[0] <= toponym.start < span[1]
                    and toponym.place is not None
                    and (not country or toponym.place.country_code == country)
                    and not toponym.place.is_country
                    and toponym.kind != "demonym"
                    and _sheltered_at(self._words_before(text, toponym.start))
                ):
                    return [toponym]
            unread = self._unread_place(sentence, span, toponyms, country, _sheltered_at)
            if unread is not None:
                start, place, name = unread
                return [SentenceToponym(start, start + len(name), name, place, "name")]
        return []

    def _unread_place(
        self,
        sentence: Sentence,
        span: tuple[int, int],
        toponyms: list[SentenceToponym],
        country: str,
        place_before: Callable[[list[str]], bool],
    ) -> tuple[int, Place, str] | None:
        """The first name in ``span`` the geoparser did not read, after words that make it a place (``place_before``:
        "sent 150 police officers to Peñas Blancas", "in the zone of X"), with where it starts: sought in
        ``country``, else placed at the place of that country named nearest to it; with no country stated, at the
        place named nearest to it (the document's main country is often the one people come from), as the
        geoparser places names the gazetteer lacks."""
        text = sentence.text
        for match in _CAPITALISED_NAME.finditer(text, span[0], span[1]):
            name = match.group()
            if name.split(maxsplit=1)[0].lower() in _CALENDAR_WORDS or any(
                t.start < match.end() and match.start() < t.end for t in toponyms
            ):
                continue
            if not place_before(self._words_before(text, match.start())):
                continue
            place = self._resolve_name(name) if country else None
            if place is None or place.country_code != country:
                place = self._named_in_country(name, country, sentence.start + match.start())
            if place is not None:
                return match.start(), place, name
        return None

    # --- frame parts -----------------------------------------------------------------------------

    def _directions(
        self, text: str, frame: Frame, toponyms: list[SentenceToponym]
    ) -> tuple[list[str], str, list[SentenceToponym]]:
        """Destination countries, origin country and places of a movement frame."""
        trigger = frame.trigger
        destinations: list[str] = []
        origin = ""
        locations: list[SentenceToponym] = []
        last_destination_end = -1
        demonyms = {t.surface.lower() for t in toponyms if t.kind == "demonym"}  # "the Chadian town of Adre"
        authority = ""  # "Finland's border guard counted 7,000 arrivals", "officers on the Ugandan side"
        self._containers = {}
        self._subject_places = []
        for toponym in toponyms:
            place = toponym.place
            if toponym.start < frame.start:
                if self._fronted_locative(text, toponym, frame):
                    locations.append(toponym)
                continue
            if toponym.start >= frame.end:
                continue
            after = toponym.start >= trigger.end
            if place is None:  # a place the gazetteer lacks: where, once the movement's country is known
                if toponym.kind == "demonym":
                    continue
                before = self._words_before(text, toponym.start)
                if after and location_before(before):
                    locations.append(toponym)
                elif not after and ", " not in text[toponym.end : trigger.start] and station_before(before):
                    self._subject_places.append(toponym)
                continue
            code = place.country_code
            if not after and (toponym.kind == "demonym" or place.is_country) and territory_after(text, toponym.end):
                authority = authority or code
                continue
            if toponym.kind == "demonym":
                if after and territory_after(text, toponym.end):  # "Tajik territory"; "from the Libyan territory"
                    if origin_before(self._words_before(text, toponym.start)):
                        origin = origin or code
                    else:
                        destinations.append(code)
                continue
            if origin_before(self._words_before(text, toponym.start)):
                origin = origin or code
                continue
            if place.is_country:
                joined = last_destination_end >= 0 and _JOINER.fullmatch(text, last_destination_end, toponym.start)
                entered = trigger.text.lower().startswith("enter") and not text[trigger.end : toponym.start].strip()
                first = not destinations and (direction_before(self._words_before(text, toponym.start)) or entered)
                # the first destination, and any joined to it ("X and Y"); not in a clause of its own
                # ("crossed back through A, many of them after living in Iran")
                if after and (first or joined) and not _opens_clause(text, trigger.end, toponym.start):
                    destinations.append(code)
                    last_destination_end = toponym.end
                continue
            if not after:
                if self._fronted_locative(text, toponym, frame):
                    locations.append(toponym)
                elif ", " not in text[toponym.end : trigger.start] and station_before(
                    self._words_before(text, toponym.start)
                ):
                    self._subject_places.append(toponym)  # "our team at the Hamdait centre registered ..."
                continue
            before = self._words_before(text, toponym.start)
            if location_before([word for word in before if word not in demonyms]):
                if locations and _NEAR.fullmatch(text[locations[-1].end : toponym.start]):
                    # "at the Friendship Bridge near Termez": Termez only says where the bridge is
                    self._containers[locations[-1].start] = toponym
                    continue
                locations.append(toponym)
        self._authority = authority if trigger.kind in ("crossing", "arrival", "movement_noun") else ""
        unlisted = self._unlisted_point(text, frame, toponyms)
        if unlisted is not None and all(t.place is not None and t.start > unlisted.start for t in locations):
            container = self._containers.get(unlisted.start)
            locations = [unlisted, *(t for t in locations if t is not container)]
        return list(dict.fromkeys(destinations)), origin, locations

    def _unlisted_point(self, text: str, frame: Frame, toponyms: list[SentenceToponym]) -> SentenceToponym | None:
        """A name no gazetteer lists where people crossed: "crossed at Gogui, in the Hodh El Gharbi region".

        Only a capitalised name right after "at", "through" or "via" in the movement's own words, that is
        no toponym, month or weekday; the place named just after it, if any, says where it lies.
        """
        found = search_at_words(_POINT_AFTER, text, ("at", "through", "via"), *frame.right)
        if found is None or found.group(1).lower() in _CALENDAR_WORDS:
            return None
        start, end = found.span(1)
        if any(t.start < end and start < t.end for t in toponyms):
            return None
        near = _NEAR.match(text, end)
        if near is not None:
            container = next((t for t in toponyms if end < t.start <= near.end() and t.place is not None), None)
            if container is not None:
                self._containers[start] = container
        return SentenceToponym(start, end, found.group(1), None, "name")

    def _placed_in(self, toponym: SentenceToponym, code: str) -> SentenceToponym:
        """A place the gazetteer lacks, where a movement into ``code`` went through it: at the place it was
        put next to, if in that country, else somewhere in the country (geo precision 3)."""
        if toponym.place is not None and toponym.place.country_code == code:
            return toponym
        container = self._containers.get(toponym.start)  # "at Gogui, in the Hodh El Gharbi region"
        if container is not None and container.place is not None and container.place.country_code == code:
            return toponym._replace(place=place_near(toponym.surface, container.place))
        country = self._country_place(code)
        return toponym._replace(place=place_near(toponym.surface, country) if country is not None else None)

    def _other_side(self, destination: str) -> str:
        """Where people crossing into ``destination`` came from, when the sentence does not say: the other
        country the story names, if one stands out (named at least twice as often as any third)."""
        others = [(code, n) for code, n in self.named_countries.most_common(3) if code and code != destination]
        if others and (len(others) == 1 or others[0][1] >= 2 * others[1][1]):
            return others[0][0]
        return ""

    def _fronted_locative(self, text: str, toponym: SentenceToponym, frame: Frame) -> bool:
        """A place in the phrase that opens the sentence, where its first event happened:
        "At the crossing of X, which faces Y, about 1,100 families returned"."""
        return (
            toponym.kind != "demonym"
            and (toponym.place is None or not toponym.place.is_country)
            and _OPENING_LOCATIVE.match(text, 0, toponym.start) is not None
            and not find_triggers(text[toponym.end : frame.trigger.start])
        )

    def _mover_country(
        self, text: str, frame: Frame, toponyms: list[SentenceToponym], count: NumberMention | None
    ) -> str:
        """The country of the people who moved: a demonym in their noun phrase or just before the verb."""
        if count is not None:
            phrase = (count.number_start, count.noun_end + 40)
            for toponym in toponyms:
                if toponym.place is None or not phrase[0] <= toponym.start < phrase[1]:
                    continue
                # "600 Afghans", "Afghan soldiers", a country's name before the noun ("Myanmar soldiers") or
                # owning it ("264 members of Myanmar's Border Guard Police")
                if toponym.kind == "demonym" or (
                    toponym.place.is_country
                    and (
                        toponym.end < count.noun_end
                        or text.startswith(("'s", "’s"), toponym.end)
                        or text[count.noun_end : toponym.start].strip() in ("of", "from")  # "citizens of Ukraine"
                    )
                ):
                    return toponym.place.country_code
        candidates = [
            t
            for t in toponyms
            if t.kind == "demonym"
            and t.place is not None
            and frame.left[0] <= t.start < frame.left[1]
            and not territory_after(text, t.end)
        ]
        return candidates[-1].place.country_code if candidates else ""

    def _other_movers(self, frame: Frame, toponyms: list[SentenceToponym], origin: str) -> bool:
        """Does the frame name people of another country than the movement told before ("American forces")?"""
        return any(
            t.kind == "demonym" and t.place is not None and t.place.country_code not in (origin, self.last_destination)
            for t in toponyms
            if frame.start <= t.start < frame.end
        )

    def _cumulative(self, sentence: Sentence) -> bool:
        """A running total (:mod:`geo.incidents.totals`): a span of time, a tally, "since" a start, or "in total"
        after a sentence that told a span."""
        if self._cumulative_at[0] != sentence.index:
            previous = self.previous.text if self.previous is not None else ""
            self._cumulative_at = (sentence.index, states_running_total(sentence.text, previous))
        return self._cumulative_at[1]

    def _actor(self, text: str, frame: Frame, toponyms: list[SentenceToponym]) -> str:
        """Who acted, when no country does: "by the Taliban", or the named subject."""
        spans = [(t.start, t.end) for t in toponyms]
        after = _BY_NAME.search(text[frame.right[0] : frame.right[1]])
        if after:
            return after.group(1).strip()
        if frame.trigger.text.lower().startswith(("fell", "fallen", "fall")):
            to = _FALLEN_TO.match(text[frame.trigger.end : frame.right[1]])
            if to:
                return to.group(1).strip()
        subject = ""
        for match in _SUBJECT_NAME.finditer(text, frame.left[0], frame.left[1]):
            words = match.group().split()
            while words and words[0].lower() in _NOT_ACTORS:
                words = words[1:]
            inside_toponym = any(start <= match.start() < end for start, end in spans)
            if words and not inside_toponym:
                subject = " ".join(words)
        return subject

    def _actor_country(
        self, text: str, frame: Frame, toponyms: list[SentenceToponym], *, capitals: bool = False
    ) -> str:
        """The country that acts: the country or demonym nearest before the trigger, not a location; with
        ``capitals``, a capital city too, which stands for its government ("N'Djamena has deployed ...")."""
        candidates = [
            t
            for t in toponyms
            if t.place is not None
            and frame.left[0] <= t.start < frame.left[1]
            and (t.place.is_country or t.kind == "demonym" or (capitals and t.place.feature_code == "PPLC"))
            and not preceded_by(self._words_before(text, t.start), _PREPOSITIONS, _THE)
        ]
        return candidates[-1].place.country_code if candidates else ""

    def _anaphoric_place(self, text: str, start: int, end: int) -> tuple[int, Place, str] | None:
        """ "in the city", "to the province": the place of that kind named last in the document."""
        anaphor = _ANAPHOR.search(text, start, end) if may_hold(text, _ANAPHOR_NOUNS, start, end) else None
        if anaphor is None:
            return None
        division = anaphor.group("noun").lower() in ("province", "district")
        recent = list(reversed(self.recent_places))
        fitting = (
            [(p, s) for p, s in recent if p.is_admin_division]
            if division
            else (
                [(p, s) for p, s in recent if p.feature_class == "P"]
                or [(p, s) for p, s in recent if p.feature_code != "ADM1"]
            )
        )
        return (anaphor.start(), *fitting[0]) if fitting else None

    def _resolve_name(self, name: str) -> Place | None:
        """A name the geoparser did not report (a base, a port), resolved in the document's countries."""
        if self.gazetteer is None:
            return None
        countries = tuple(c for c in (self.home,) if c)
        place = self.gazetteer.resolve(name, ResolutionContext(countries=countries)).place
        return place if place is not None and not place.is_country else None

    # --- places ----------------------------------------------------------------------------------

    def _container(
        self, name: NamePhrase | None, toponyms: list[SentenceToponym], countries: tuple[str, ...]
    ) -> Place | None:
        if name is None:
            return None
        hint = name.hint or "admin"
        return self._place_of(
            NamePhrase(name.start, name.end, name.text, name.core, hint),
            toponyms,
            countries,
            None,
            (),
            resolve_unknown=True,
        )

    def _place_of(
        self,
        name: NamePhrase,
        toponyms: list[SentenceToponym],
        countries: tuple[str, ...],
        container: Place | None,
        near: tuple[Place, ...],
        *,
        resolve_unknown: bool,
    ) -> Place | None:
        """The place a listed name refers to, given what the list states about it.

        The geoparser's reading is kept when it agrees with the stated container, countries
        and kind of place; otherwise the name is resolved again with them as context.
        """
        toponym = _toponym_for(name, toponyms)
        if toponym is not None and toponym.place is not None and _fits(toponym.place, countries, container, name.hint):
            return toponym.place
        if self.gazetteer is None or (toponym is None and not resolve_unknown):
            return toponym.place if toponym is not None else None
        query = name.text if name.hint == "admin" else name.core
        key = (query, countries, container.id if container else "", name.hint)
        if key not in self._resolved:
            context = ResolutionContext(
                countries=countries, within=(container,) if container else (), near=near, feature_hint=name.hint
            )
            place = self.gazetteer.resolve(query, context).place
            if place is not None and countries and place.country_code not in countries:
                place = None
            self._resolved[key] = place
        place = self._resolved[key]
        if (
            place is None
            and toponym is not None
            and toponym.place is not None
            and (not countries or toponym.place.country_code in countries)
        ):
            return toponym.place  # e.g. a place the gazetteer lacks, put next to a place named with it
        return place

    def _date(
        self, sentence: Sentence, event: EventType, near: int, *, running: bool = False
    ) -> tuple[date | None, str]:
        """The sentence's event date (where it may tell a ``running`` total and does, the day it was counted to or
        stated); "also", "the same day" carry over the date of the event just told."""
        if self._dates[0] != sentence.index:
            self._dates = (sentence.index, find_dates(sentence.text, self.document.reference_date))
        reference, mentions = self.document.reference_date, self._dates[1]
        # a date's day matters to a running total only where the sentence dates something: only then read whether it is
        running = running and any(mention.value is not None for mention in mentions) and self._cumulative(sentence)
        when, precision = event_date(sentence.text, reference, near, mentions, running=running)
        if when is not None:
            self.last_date = (sentence.index, event, when, precision)
        elif refers_to_time_told(sentence.text):
            when, precision = self._same_time_date(sentence, event)
        return when, precision

    def _same_time_date(self, sentence: Sentence, event: EventType) -> tuple[date | None, str]:
        """The day "also", "the same day" refer to: the event of that kind told in the sentence before; else, for
        "the same day", the day the sentence before names (it may tell no event: "On Sunday alone, we registered
        ..."); else the event of that kind told two sentences before."""
        last = self.last_date if self.last_date is not None and self.last_date[1] is event else None
        if last is not None and sentence.index - last[0] <= 1:
            return last[2], last[3]
        if self.previous is not None and SAME_DAY.search(sentence.text):
            when, precision = event_date(self.previous.text, self.document.reference_date, 0)
            if when is not None:
                return when, precision
        if last is not None and sentence.index - last[0] <= 2:
            return last[2], last[3]
        return None, ""

    @cached_property
    def _document_countries(self) -> tuple[str, ...]:
        """The home country, then the three countries the document names most: where seized places are sought."""
        votes = Counter(place.country_code for _, place in self._placed if place.country_code)
        most = (code for code, _ in votes.most_common(3))
        return tuple(dict.fromkeys(c for c in (self.home, *most) if c))

    def _country_place(self, code: str) -> Place | None:
        if code in self.countries or self.gazetteer is None:
            return self.countries.get(code)
        place = self.gazetteer.get(f"country:{code}")
        if place is not None:
            self.countries[code] = place
        return place

    def _country_name(self, code: str) -> str:
        place = self._country_place(code)
        return place.name if place is not None else code

    def _words_before(self, text: str, start: int) -> list[str]:
        """:func:`words_before` a name in the sentence ``text``, kept for the sentence: each frame and rule asks."""
        if text is not self._words_text:
            self._words_text, self._words_at = text, {}
        words = self._words_at.get(start)
        if words is None:
            words = self._words_at[start] = words_before(text, start)
        return words

    def _source(self, sentence: Sentence) -> SourceRef:
        if self._source_at[0] != sentence.index:
            self._source_at = (
                sentence.index,
                SourceRef(self.document.name, sentence.text, sentence.start, sentence.end),
            )
        return self._source_at[1]


def _home_country(placed: list[tuple[Toponym, Place]]) -> str:
    """The country the document is mostly about (by its resolved places), or ""."""
    votes: dict[str, int] = {}
    for toponym, place in placed:
        if place.country_code:
            votes[place.country_code] = votes.get(place.country_code, 0) + (1 if toponym.kind == "demonym" else 2)
    return max(votes, key=votes.__getitem__) if votes else ""  # the first named of the most voted, as Counter


def _country_places(placed: list[tuple[Toponym, Place]]) -> dict[str, Place]:
    """The first place the document names for each country that it names as a country."""
    places: dict[str, Place] = {}
    for _, place in placed:
        if place.is_country:
            places.setdefault(place.country_code, place)
    return places


def _shifted(toponyms: list[Toponym], sentence: Sentence) -> list[SentenceToponym]:
    """The sentence's toponyms, with offsets into the sentence."""
    shift = sentence.start
    return [
        SentenceToponym(t.start - shift, t.end - shift, t.surface, t.resolution.place, t.kind)
        for t in toponyms
        if t.end <= sentence.end
    ]


class _Numbers:
    """The numbers of a sentence, found on first use (most event sentences never need them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: list[NumberMention] | None = None

    def __call__(self) -> list[NumberMention]:
        if self._found is None:
            self._found = find_numbers(self.text)
        return self._found


def _frame_of_list(frames: list[Frame], items: list[ListItem]) -> Frame | None:
    """The movement frame a counted list belongs to: the one that holds its first item, else the nearest."""
    if not items:
        return None
    movement = [frame for frame in frames if frame.trigger.is_movement]
    if not movement:
        return None
    first = items[0].name.start
    holding = [frame for frame in movement if frame.start <= first < frame.end]
    if holding:
        return holding[0]
    return min(movement, key=lambda frame: min(abs(frame.trigger.start - first), abs(frame.trigger.end - first)))


def _fits(place: Place, countries: tuple[str, ...], container: Place | None, hint: str) -> bool:
    if countries and place.country_code not in countries:
        return False
    if hint == "admin" and not place.is_admin_division:
        return False
    if hint == "populated" and place.feature_class not in ("P", ""):
        return False
    return container is None or _inside(place, container)


def _inside(place: Place, container: Place) -> bool:
    """Is ``place`` in ``container``: by its division names, or within the container's uncertainty."""
    name = fold(container.name)
    if name and name in (fold(place.admin1), fold(place.admin2)):
        return True
    reach = max(_COUNTRY_WITHIN_KM, container.precision_km * 1.5)
    return haversine_km(place.lat, place.lon, container.lat, container.lon) <= reach


def _names_a_country(name: NamePhrase, toponyms: list[SentenceToponym]) -> bool:
    toponym = _toponym_for(name, toponyms)
    return toponym is not None and toponym.place is not None and toponym.place.is_country


def _names_a_people(text: str, count: NumberMention) -> bool:
    """Are the people counted named by who they are ("80 Rohingya")? Such a group on the move is civilians."""
    return bool(count.noun) and text[count.noun_end - len(count.noun) : count.noun_end][:1].isupper()


def _sheltered_at(before: list[str]) -> bool:
    """Is the name after the words ``before`` where people sheltered, not where they fled ("fighting in X")?"""
    return shelter_place_before(before) and not origin_before(before)


def _crossing_group(total: Count, source: SourceRef, parts: list[Report], destination: str, base: dict) -> GroupReport:
    """A stated number of people who crossed, and the per-place reports it divides into."""
    return GroupReport(
        EventType.BORDER_CROSSING,
        total,
        source,
        parts,
        origin_country=base["origin_country"],
        destination_country=destination,
        date=base["date"],
        date_precision=base["date_precision"],
    )
