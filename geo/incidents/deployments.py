"""Deployments: forces sent to a border or an area, how many, by whom and where to.

:class:`DeploymentReading` is a part of :class:`geo.incidents.extract._DocumentExtractor`, which inherits it.
"""

from __future__ import annotations

import re

from geo.incidents.counts import NumberMention
from geo.incidents.lexicon import words
from geo.incidents.reports import Report, unknown_count
from geo.incidents.rules import Frame, actor_phrase, deployment_place_before, direction_before
from geo.incidents.scan import match_before
from geo.incidents.sentence_places import _CALENDAR_WORDS, SentenceToponym, _precision_of
from geo.incidents.sentences import Sentence
from geo.model import Count, CountQualifier, EventType

_BORDER_PHRASE = re.compile(
    r"\b(?:along|on|to|at|near|of)\s+(?:the\s+)?((?:[\w'’-]+\s+){0,3}?(?:border|frontier)(?:\s+with\s+[A-Z][\w'’-]+)?)",
    re.IGNORECASE,
)
_TROOP_NOUNS = re.compile(
    r"\b(?:troops|soldiers|forces|units|personnel|reinforcements|servicemen|battalions?|brigades?|regiments?"
    r"|contingents?|detachments?|gendarmes)\b",
    re.IGNORECASE,
)
# the people a deployment counts: forces, never the civilians they are sent to receive
_FORCE_NOUNS = words("""
    troops troop soldiers soldier servicemen serviceman servicewomen servicemembers members personnel officers
    police policemen policewomen guards guardsmen gendarmes gendarme commandos marines paratroopers reservists
    conscripts recruits fighters militiamen forces military men reinforcements sailors airmen rangers agents
""")
# units of no fixed size: "2 battalions" is a strength as written, not a head count
_UNIT_NOUNS = words("battalions battalion brigades brigade regiments regiment companies company divisions division")
# "redistributed in the number of 250" (translated text): a bare number that counts the subject
_IN_THE_NUMBER_OF = re.compile(r"\b(?:in\s+the\s+number\s+of|numbering)\s+$", re.IGNORECASE)


class DeploymentReading:
    """Reads a deployment frame into one report.

    A mixin of :class:`geo.incidents.extract._DocumentExtractor`; of the extractor it reads ``home`` and ``result``,
    and calls ``_date``, ``_source``, ``_words_before``, ``_actor``, ``_actor_country``, ``_anaphoric_place``,
    ``_unread_place``, ``_country_place`` and ``_country_name``.
    """

    def _deployment(
        self, sentence: Sentence, frame: Frame, toponyms: list[SentenceToponym], numbers: list[NumberMention]
    ) -> None:
        """Forces sent to a border or an area, placed where they go: the place named ("to Suceava county", "to
        the border area around X"), else the country named, else the deploying country's border ("N'Djamena
        deployed 1,000 soldiers to the frontier"; with no state named, the country the document is about)."""
        text, trigger = sentence.text, frame.trigger
        if _told_as_a_time(self._words_before(text, trigger.start)):
            return  # "the largest movement since Turkey sent its troops into Syria": a past event dates the news
        strength = self._deployed_strength(text, frame, numbers)
        right = [t for t in toponyms if frame.right[0] <= t.start < frame.right[1] and t.place is not None]
        places = [
            t
            for t in right
            if not t.place.is_country
            and t.kind != "demonym"
            and deployment_place_before(self._words_before(text, t.start))
        ]
        countries = [
            t
            for t in right
            if t.place.is_country and t.kind != "demonym" and direction_before(self._words_before(text, t.start))
        ]
        actor_country = self._actor_country(text, frame, toponyms, capitals=True)
        border = _BORDER_PHRASE.search(text, frame.right[0], frame.right[1])
        if places:
            place, location, precision = places[0].place, places[0].surface, _precision_of(places[0].place, "")
        elif countries:
            place, location, precision = countries[0].place, countries[0].surface, 3
        elif (anaphor := self._anaphoric_place(text, frame.right[0], frame.right[1])) is not None:
            place, location, precision = anaphor[1], anaphor[2], _precision_of(anaphor[1], "")
        elif (
            unread := self._unread_place(sentence, frame.right, toponyms, actor_country, deployment_place_before)
        ) is not None:
            place, location = unread[1], unread[2]
            precision = _precision_of(place, "")
        elif border and (actor_country or self.home):
            place = self._country_place(actor_country or self.home)
            location, precision = border.group(1), 3
        else:
            return
        counted = strength[0] if strength is not None and strength[1].value is not None else None
        if counted is None and not _TROOP_NOUNS.search(text, frame.start, frame.end):
            return
        when, when_precision = self._date(sentence, EventType.DEPLOYMENT, trigger.start)
        if actor_country:
            actor = self._country_name(actor_country)
        else:
            actor = actor_phrase(text, frame, counted) if counted is not None else self._actor(text, frame, toponyms)
        self.result.reports.append(
            Report(
                EventType.DEPLOYMENT,
                location,
                place,
                strength[1] if strength is not None else unknown_count(),
                self._source(sentence),
                actor=actor,
                actor_country=actor_country,
                destination_country=place.country_code if place else "",
                date=when,
                date_precision=when_precision,
                geo_precision=precision,
                confidence=0.6,
            )
        )

    def _deployed_strength(
        self, text: str, frame: Frame, numbers: list[NumberMention]
    ) -> tuple[NumberMention, Count] | None:
        """How many were sent: forces counted as the verb's object, else as its subject ("1,000 troops were
        deployed"), or a bare number "in the number of 250" (translated text). A number of civilians is never a
        deployment's strength.

        Units have no fixed size (a battalion is anything from 300 to 1,000 soldiers), so an analyst gets "2
        battalions" as the count's text with the head count unknown, rather than a guessed number that would
        be summed with real head counts.
        """
        trigger_end = frame.trigger.end
        after = [n for n in numbers if trigger_end <= n.start < frame.right[1] and n.start - trigger_end <= 60]
        before = [n for n in reversed(numbers) if frame.left[0] <= n.start and n.end <= frame.left[1]]
        for number in after + before:
            if number.parenthesised:
                continue
            noun = number.noun.lower()
            if noun in _FORCE_NOUNS:
                return number, number.to_count()
            if noun in _UNIT_NOUNS:
                return number, Count(
                    None, CountQualifier.UNKNOWN, " ".join(text[number.start : number.noun_end].split())
                )
            if number.kind == "bare" and match_before(_IN_THE_NUMBER_OF, text, number.start, 30):
                return number, number.to_count()
        return None


def _told_as_a_time(before: list[str]) -> bool:
    """Do the words ``before`` a verb (:func:`words_before`) make its clause a point in time: "since Turkey", "since
    the army" (not "since Monday the army", where the time is the day)?"""
    recent = before[-4:]
    if "since" not in recent:
        return False
    after_since = recent[recent.index("since") + 1 :]
    return bool(after_since) and after_since[0] not in _CALENDAR_WORDS and not after_since[0][:1].isdigit()
