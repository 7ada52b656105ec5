"""Facility closures: which crossings, consulates or bases a sentence closes, who closed them and when.

:class:`ClosureReading` is a part of :class:`geo.incidents.extract._DocumentExtractor`, which inherits it.
"""

from __future__ import annotations

import re
from datetime import date

from gazetteer.disambiguate import ResolutionContext
from gazetteer.normalize import fold
from gazetteer.place import Place
from geo.geoparse import place_near
from geo.incidents.dates import event_date
from geo.incidents.lexicon import words
from geo.incidents.lists import ListItem, name_list
from geo.incidents.reports import Report, unknown_count
from geo.incidents.rules import Frame
from geo.incidents.scan import match_before, preceded_by, search_at_words
from geo.incidents.sentence_places import (
    _JOINER,
    _PREPOSITIONS,
    _THE,
    SentenceToponym,
    _is_passive,
    _named_next_to,
    _precision_of,
    _toponym_for,
)
from geo.incidents.sentences import Sentence
from geo.model import EventType

_TOWARDS = words("to into toward towards for")
_FACILITY_NAME = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){1,3})(?:Air\s?[Bb]ase|Airbase|Airfield|Air\s+Field|Base|Consulate|Embassy)\b"
)
_STATE_NOUNS = re.compile(
    r"\s+(?:government|authorities|officials|forces|military|army|embassy|consulate"
    r"|diplomats|foreign\s+ministry)\b",
    re.IGNORECASE,
)
_LOCATIVES = words("in at near of outside")
_LOCATIVE_FILLERS = words("the northern southern eastern western central city town village port capital border")
_FACILITY_NOUN = re.compile(
    r"\b(consulates?|embass(?:y|ies)|air\s?bases?|airbase|airfield|bases?|missions?|gates?|crossings?|checkpoints?"
    r"|bridges?)\b",
    re.IGNORECASE,
)
_FACILITY_NOUN_STARTS = ("consulate", "embass", "air", "base", "mission", "gate", "crossing", "checkpoint", "bridge")
# a crossing or post named by a name no gazetteer may have: "the Bajakovo motorway crossing", "the Kastanies border
# post", and in translated text "the point of Belladère", "the frontier post of Ras Jedir"
_CROSSING_NAME = re.compile(
    r"\b(?:(?P<before>[A-Z][\w'’-]+(?:[\s-]+[A-Z][\w'’-]+){0,2})\s+"
    r"(?:(?:motorway|road|rail|railway|border|frontier|land)\s+)?(?:crossing|border\s+post|checkpoint|gate|bridge)\b"
    r"|(?:(?:border|frontier|crossing)\s+)?(?:point|post|crossing|checkpoint)\s+of\s+"
    r"(?P<after>[A-Z][\w'’-]+(?:[\s-]+[A-Z][\w'’-]+){0,2}))"
)
# two capitalised words joined as a list's items are: what a list of closed places needs, cheaper than reading one
_JOINED_NAMES = re.compile(r"[A-Z][\w'’-]*(?:,|\s+and|\s+or)\s+[A-Z]")
_NOT_NAME_WORDS = words("the a an this that its their his her our both all")
# ", accusing Moscow of ...", ", citing ...": a participle clause, whose objects are no closed facility
_PARTICIPLE_CLAUSE = re.compile(r",\s+(?!including\b)[a-z]+ing\b")
# what stands between the subject of a passive or stative closure and its verb: "has been", "remained"
_CLOSED_AUXILIARIES = re.compile(
    r"\b(?:(?:has|have|had|will|would|was|were|is|are|be|been|being|remained|remains|remain|stayed|stays|stay|also"
    r"|now|still)\s+)+$",
    re.IGNORECASE,
)
_STILL_CLOSED = re.compile(r"\b(?:remained|remains|remain|stayed|stays|stay)\s+$", re.IGNORECASE)
# a date told with a decision is when it was decided: "decided on Thursday to shut ..."
_DECIDED = re.compile(
    r"\b(?:decided|agreed|voted|ordered|announced|approved|resolved)\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


class ClosureReading:
    """Reads a closure frame into one report per closed facility and closing state.

    A mixin of :class:`geo.incidents.extract._DocumentExtractor`; of the extractor it reads ``document``, ``home``,
    ``gazetteer``, ``result``, ``unnamed_closure`` (which it sets) and ``_dates``, and calls ``_date``, ``_source``,
    ``_country_name``, ``_words_before``, ``_resolve_name``, ``_named_in_country``, ``_anaphoric_place`` and
    ``_place_of``.
    """

    def _closure(self, sentence: Sentence, frame: Frame, toponyms: list[SentenceToponym]) -> None:
        """A facility closed (a crossing, a consulate, a base), one report per facility and closing state."""
        text, trigger = sentence.text, frame.trigger
        # the subject of "has been closed", "remained closed" is the facility: a state named before it is no actor
        passive = _is_passive(text, trigger.start, trigger.text) or bool(
            match_before(_STILL_CLOSED, text, trigger.start, 20)
        )
        actors = [] if passive else self._closure_actors(text, frame, toponyms)
        places = self._closure_places(sentence, frame, toponyms, actors, passive=passive)
        places = [entry for entry in places if actors or not entry[0].is_country]
        if not places:
            self.unnamed_closure = (sentence, trigger.start)
            return
        when, when_precision = self._closure_date(sentence, frame)
        source = self._source(sentence)
        note = _facility_noun(text)
        for place, location, precision in places:
            for code in actors or [""]:
                self.result.reports.append(
                    Report(
                        EventType.FACILITY_CLOSURE,
                        location,
                        place,
                        unknown_count(),
                        source,
                        actor=self._country_name(code) if code else "",
                        actor_country=code,
                        date=when,
                        date_precision=when_precision,
                        geo_precision=precision,
                        country_level=place.is_country,
                        confidence=0.6 if not place.is_country else 0.4,
                        note=note,
                    )
                )

    def _closure_actors(self, text: str, frame: Frame, toponyms: list[SentenceToponym]) -> list[str]:
        """ "Turkey and Iran have also suspended ...": every state named in the subject."""
        codes = []
        for toponym in toponyms:
            if toponym.place is None or not frame.left[0] <= toponym.start < frame.left[1]:
                continue
            if toponym.kind == "demonym" and not _STATE_NOUNS.match(text, toponym.end):
                continue
            if preceded_by(self._words_before(text, toponym.start), _PREPOSITIONS, _THE):
                continue
            state = (
                toponym.place
                if toponym.place.is_country or toponym.kind == "demonym"
                else (self._country_named(toponym.surface))
            )  # the subject of a closure is a state
            if state is not None:
                codes.append(state.country_code)
        return list(dict.fromkeys(codes))

    def _closure_date(self, sentence: Sentence, frame: Frame) -> tuple[date | None, str]:
        """When the facility closed: a date of its own frame, else "since" a date after the verb ("has been closed
        since Friday": it closed on Friday), else the sentence's date. A date told with a decision ("decided on
        Thursday to shut A, B and C") is when it was decided: the closure told just before without its facilities
        ("closed four crossings early on Saturday") is the same closure, and its date is the closing's."""
        text, trigger = sentence.text, frame.trigger
        when, precision = self._date(sentence, EventType.FACILITY_CLOSURE, trigger.start)
        # "Athens sent 500 police on Monday, and the X border post has been closed since Friday": a date before
        # ", and" is the clause before's
        own_start = max(frame.start, text.rfind(", and ", frame.start, trigger.start))
        mentions = [m for m in self._dates[1] if m.value is not None and own_start <= m.start < frame.end]
        decided = [m for m in mentions if not m.relation and match_before(_DECIDED, text, m.start, 30)]
        told = self.unnamed_closure
        if decided and told is not None and sentence.index - told[0].index == 1:
            told_when, told_precision = event_date(told[0].text, self.document.reference_date, told[1])
            if told_when is not None:
                return told_when, told_precision
        own = [m for m in mentions if not m.relation and m not in decided]
        if own:
            best = min(own, key=lambda m: abs(m.start - trigger.start))
            return best.value, best.precision
        since = [m for m in mentions if m.relation == "since" and m.start > trigger.end]
        if since:
            return since[0].value, since[0].precision
        return when, precision

    def _closure_places(
        self, sentence: Sentence, frame: Frame, toponyms: list[SentenceToponym], actors: list[str], *, passive: bool
    ) -> list[tuple[Place, str, int]]:
        """Where the closed facilities are: the subject of a passive ("the X border post has been closed"), the
        places of a list after the verb ("shut A, B, C and D"), else the first place named after it (a place, a
        named base or crossing, "the city" named before), else a locative place before it, else a country ("its
        base in X"). A participle clause after the verb (", accusing Moscow of ...") is no part of it."""
        text, trigger = sentence.text, frame.trigger
        country = actors[0] if actors else self.home
        at = sentence.start + trigger.start
        cut = _PARTICIPLE_CLAUSE.search(text, trigger.end, frame.end)
        right_end = cut.start() if cut else frame.end
        if passive:
            subject_end = self._closed_subject_end(text, frame.left[0], trigger.start)
            named = self._named_facilities(text, frame.left[0], subject_end, toponyms, country, at)
            if named:
                _, place, location = named[-1]
                return [(place, location, _precision_of(place, ""))]
        listed = self._closed_list(text, trigger.end, right_end, toponyms)
        if listed:
            return listed
        in_frame = [
            t for t in toponyms if t.place is not None and frame.start <= t.start < right_end and t.kind != "demonym"
        ]
        after: list[tuple[int, Place, str]] = []
        before: list[tuple[int, Place, str]] = []
        for toponym in in_frame:
            if toponym.place.is_country or preceded_by(self._words_before(text, toponym.start), _TOWARDS, _THE):
                continue
            if toponym.start >= trigger.end:
                after.append((toponym.start, toponym.place, toponym.surface))
            elif preceded_by(self._words_before(text, toponym.start), _LOCATIVES, _LOCATIVE_FILLERS):
                before.append((toponym.start, toponym.place, toponym.surface))  # not the subject: who closed it
        named = _FACILITY_NAME.search(text, frame.start, right_end)
        if named and not any(named.start() <= start < named.end() for start, _, _ in after + before):
            place = self._resolve_name(named.group(1).strip())
            if place is not None:
                (after if named.start() >= trigger.end else before).append(
                    (named.start(), place, named.group().strip())
                )
        taken = {start for start, _, _ in after}
        after.extend(
            entry
            for entry in self._named_facilities(text, trigger.end, right_end, toponyms, country, at)
            if entry[0] not in taken
        )
        anaphor = self._anaphoric_place(text, trigger.end, right_end)
        if anaphor is not None:
            after.append(anaphor)
        for _, place, location in sorted(after, key=lambda c: c[0]) or before:
            return [(place, location, _precision_of(place, ""))]
        for toponym in in_frame:
            if (
                toponym.place.is_country
                and toponym.start > trigger.end
                and preceded_by(self._words_before(text, toponym.start), _LOCATIVES, _LOCATIVE_FILLERS)
                and toponym.place.country_code not in actors
            ):
                return [(toponym.place, toponym.surface, 3)]
        return []

    @staticmethod
    def _closed_subject_end(text: str, start: int, verb: int) -> int:
        """Where the subject of a passive or stative closure ends: before its auxiliaries ("has been", "remained")
        and an apposition set off by commas ("the X border post, opposite Y, has been closed")."""
        auxiliaries = match_before(_CLOSED_AUXILIARIES, text, verb, 40)
        end = auxiliaries.start() if auxiliaries else verb
        head = text[start:end].rstrip()
        if head.endswith(","):
            comma = text.rfind(",", start, start + len(head) - 1)
            if comma >= 0:
                end = comma
        return end

    def _named_facilities(
        self, text: str, start: int, end: int, toponyms: list[SentenceToponym], country: str, at: int
    ) -> list[tuple[int, Place, str]]:
        """The crossings and posts named in ``text[start:end]`` ("the Kastanies border post", "the point of X"),
        in order; a name no gazetteer has is placed in ``country`` (where the text at ``at`` is about)."""
        found: list[tuple[int, Place, str]] = []
        for match in _CROSSING_NAME.finditer(text, start, end):
            group = "before" if match.group("before") else "after"
            words = match.group(group).split()
            skipped = 0
            while skipped < len(words) and words[skipped].lower() in _NOT_NAME_WORDS:
                skipped += 1
            if skipped == len(words):
                continue
            name = " ".join(words[skipped:])
            name_start = text.index(words[skipped], match.start(group))
            toponym = next((t for t in toponyms if t.start <= name_start < t.end), None)
            if toponym is not None and (toponym.kind == "demonym" or toponym.place is None or toponym.place.is_country):
                continue  # "the Afghan border post", "the Serbian crossing": whose, not which
            if toponym is not None:
                place: Place | None = toponym.place
            else:
                place = self._resolve_name(name)
                if place is not None and country and place.country_code != country:
                    place = None
                if place is None and country:
                    place = self._named_in_country(name, country, at)
            if place is not None:
                found.append((name_start, place, toponym.surface if toponym is not None else name))
        return found

    def _closed_list(
        self, text: str, start: int, end: int, toponyms: list[SentenceToponym]
    ) -> list[tuple[Place, str, int]]:
        """ "shut A, B, C and D": a run of names after the verb, one closure each, when the gazetteer knows one of
        them; the others are sought in its country, else placed at the known place named next to them."""
        if not _JOINED_NAMES.search(text, start, end):
            return []
        run: list[ListItem] = []
        for item in name_list(text, start, end):
            if run and not _JOINER.fullmatch(text, run[-1].name.end, item.name.start):
                break
            run.append(item)
        if len(run) < 2:
            return []
        readings = [_toponym_for(item.name, toponyms) for item in run]
        known = [t.place for t in readings if t is not None and t.place is not None]
        if not known or any(place.is_country for place in known):
            return []
        country = known[0].country_code
        near = tuple(known)
        listed = []
        for item in run:
            place = self._place_of(item.name, toponyms, (country,), None, near, resolve_unknown=True)
            if place is None and (anchor := _named_next_to(item.name, toponyms)) is not None:
                place = place_near(item.name.core, anchor)
            if place is not None and not place.is_country:
                listed.append((place, item.name.core, _precision_of(place, "")))
        return listed

    def _country_named(self, name: str) -> Place | None:
        """The country called ``name``, when the geoparser read the name as some other place."""
        if self.gazetteer is None:
            return None
        place = self.gazetteer.resolve(name, ResolutionContext(feature_hint="country")).place
        return place if place is not None and place.is_country and fold(place.name) == fold(name) else None


def _facility_noun(text: str) -> str:
    match = search_at_words(_FACILITY_NOUN, text, _FACILITY_NOUN_STARTS)
    return match.group(1).lower() if match else ""
