"""Running totals: is a figure counted over a span of time rather than on one day?

News tells a running total with a span ("over the past two weeks", "so far", "to date", "as
of"), a numbered episode ("the fifth such case"), a tally that grows ("this brings to 155,000
the number of ...", "the total has reached"), or "since" a date, weekday, month or event with
a perfect tense or a total ("have entered since April 15", "since the start of October, in
total ..."). "In total" also continues a span told in the sentence before.

It is not a running total when the sentence pins the figure to one day ("on Sunday alone",
"in a single day", "overnight"), nor when "since" only compares ("the largest number in a
single day since the war began", "the first crossing since 2021"); "since" as "because"
("since the border was closed, people waited") names no date or event that starts a span.
All patterns read the sentence in lower case.
"""

from __future__ import annotations

import re

from geo.incidents.lexicon import MONTHS, WEEKDAYS
from geo.incidents.scan import match_before

_WEEKDAY_NAMES = "|".join(WEEKDAYS)
_MONTH_NAMES = "|".join((*MONTHS, *(month[:3] for month in MONTHS), "sept"))
_SPAN = re.compile(
    r"\b(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+){0,2}?"
    r"(?:days?|weeks?|months?|years?|fortnight)\b|\bso\s+far\b|\bto\s+date\b|\bcumulative(?:ly)?\b"
    r"|\bsince\s+the\s+(?:start|beginning)\b|\bthis\s+year\b|\bin\s+recent\s+(?:days|weeks|months)\b"
    r"|\bover\s+(?:two|three|four|five|several|\d+)\s+(?:days|weeks|months)\b|\bas\s+(?:of|at)\s+(?:\w+day|\d|now\b)"
)
_SPAN_HINTS = ("past", "last", "previous", "so far", "to date", "cumulative", "since the", "this year", "recent")
_SPAN_HINTS += ("over ", "as of", "as at")
_EPISODE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
    r"(?:case|time|incident|group|wave|such)\b"
)
_EPISODE_HINTS = ("case", "time", "incident", "group", "wave", "such")
# a tally that grows: "brings to nearly 155,000 the number", "bringing the total to", "the number ... has reached"
_TALLY = re.compile(
    r"\b(?:brings?|bringing|brought|takes|taking|took|raises|raising|raised|pushes|pushing|pushed)\s+"
    r"(?:the\s+(?:total|number|tally|overall|cumulative)\b|to\s+(?:\w+\s+)?\d)"
    r"|\b(?<!in\sthe\s)(?:total|number|tally)\b[^.;:]{0,80}?\b(?:(?:has|have)\s+(?:now\s+)?(?:reached|passed"
    r"|exceeded|surpassed|topped|(?:risen|climbed|grown|swelled)\s+to)|(?:now\s+)?stands\s+at)\s+(?:\w+\s+)?\d"
)
_TALLY_HINTS = ("bring", "brought", "took", "tak", "rais", "push", "total", "number", "tally")
# "since" that starts a span: a date, weekday or month, the start of something, or an event that began
_SINCE = re.compile(
    r"\bsince\s+(?:"
    r"(?:early|late|mid)\b|the\s+(?:start|beginning|end|middle|outbreak|onset)\s+of\b"
    r"|(?:last\s+|this\s+)?(?:" + _WEEKDAY_NAMES + r"|week|weekend|month|year)\b"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:" + _MONTH_NAMES + r")\b|(?:19|20)\d\d\b|yesterday\b|then\b"
    r"|the\s+(?:[\w'’-]+\s+){0,2}?(?:war|invasion|offensive|conflict|crisis|fighting|coup|election|vote|earthquake"
    r"|takeover|fall|exodus|aggression|hostilities|attacks?|assault|escalation|uprising|violence|clashes"
    r"|ceasefire|truce|deadline|crackdown|campaign|operation|evacuation)\b"
    r"|(?:[\w'’.-]+\s+){1,8}?(?:began|begun|started|erupted|broke\s+out|intensified|escalated|flared|resumed"
    r"|launched|announced|invaded|seized|took\s+(?:power|over|control)|came\s+to\s+power|struck|fell)\b)"
)
# what makes a "since" span count a running total rather than colour a day's figure: a perfect tense or a total
_PERFECT_OR_TOTAL = re.compile(
    r"\b(?:have|has|had)\s+(?!to\b|no\b|nothing\b)\w|\b(?:in\s+total|in\s+all|altogether|total\s+of|all\s+told"
    r"|overall|cumulative)\b"
)
# "since" or a span after a superlative, "first", "record" or "daily" only compares the day with the span
_COMPARISON = re.compile(
    r"\b(?:first|highest|largest|biggest|heaviest|busiest|worst|greatest|fewest|lowest|deadliest|record|daily"
    r"|usual|single|only|ever|the\s+most)\b(?:\s+[\w'’-]+){0,7}\s+$"
)
# one day told as such ("in a single day", "overnight"), or a day's figure "alone" ("on Sunday alone"): two
# patterns, each tried only where its words are, since the second's dozens of day names cost a try at every position
_ONE_DAY = re.compile(r"\bin\s+(?:a\s+single|a|one)\s+day\b|\bsingle[\s-]day\b|\bovernight\b")
_ONE_DAY_HINTS = ("day", "overnight")
_DAY_ALONE = re.compile(
    r"(?:\b(?:" + _WEEKDAY_NAMES + "|" + _MONTH_NAMES + r"|day|night|morning|afternoon|evening|yesterday|today)"
    r"|\d)(?:['’]s)?\s+alone\b"
)
_TOTAL = re.compile(r"\b(?:in\s+total|in\s+all|altogether|overall|all\s+told)\b")
_TOTAL_HINTS = ("total", "in all", "altogether", "overall", "all told")


def states_running_total(text: str, previous: str = "") -> bool:
    """Does the sentence ``text`` give a running total, or continue with "in total" the span of ``previous``?"""
    lowered = text.lower()
    if _pins_one_day(lowered):
        return False
    if _spans_time(lowered):
        return True
    if "since" in lowered and _PERFECT_OR_TOTAL.search(lowered) and _uncompared(_SINCE, lowered):
        return True
    if any(hint in lowered for hint in _TALLY_HINTS) and _TALLY.search(lowered):
        return True
    return (
        bool(previous)
        and any(hint in lowered for hint in _TOTAL_HINTS)
        and _TOTAL.search(lowered) is not None
        and _spans_time(previous.lower())
    )


def _pins_one_day(lowered: str) -> bool:
    """Does the lower-case ``lowered`` tie its figure to one day ("in a single day", "on Sunday alone")?"""
    if any(hint in lowered for hint in _ONE_DAY_HINTS) and _ONE_DAY.search(lowered):
        return True
    return "alone" in lowered and _DAY_ALONE.search(lowered) is not None


def _spans_time(lowered: str) -> bool:
    """Does the lower-case ``lowered`` speak of a span of time or a numbered episode ("over the past two weeks",
    "fifth case"), other than in a comparison ("the highest this year")?"""
    if any(hint in lowered for hint in _SPAN_HINTS) and _uncompared(_SPAN, lowered):
        return True
    return any(hint in lowered for hint in _EPISODE_HINTS) and _EPISODE.search(lowered) is not None


def _uncompared(pattern: re.Pattern[str], lowered: str) -> bool:
    """Does ``pattern`` occur in ``lowered`` somewhere other than just after a comparison?"""
    return any(match_before(_COMPARISON, lowered, found.start(), 80) is None for found in pattern.finditer(lowered))
