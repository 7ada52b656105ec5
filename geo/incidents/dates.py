"""Dates as news writes them, resolved against the document's reference date.

Explicit dates ("13 November 2001", "July 4, 2021", "2021-07-04", "in June 2021") stand on
their own; a day or month without a year, weekdays ("on Sunday", "early on Monday",
"Sunday's retreats") and relative words ("yesterday", "last week", "two days ago") need the
reference date (publication date or ``--date``) and stay unknown without it. A weekday is
the most recent such day on or before the reference date. Dates introduced by "by",
"until" or "since" are deadlines or spans, not when something happened; so is a date that
tells when the event a span starts from happened ("since fighting erupted on 7 July"). A
running total's date is the day it was counted to ("by Wednesday", "as of 5 March") or else
the day it was stated.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from geo.incidents.lexicon import MONTHS, WEEKDAYS
from geo.incidents.scan import WordScanner, ends_in, lower_case_reading, match_before


class DateMention(NamedTuple):
    """``text[start:end]`` names a date; ``value`` is None when it cannot be placed in time.

    ``precision`` is "day", "week", "month" or "year"; ``relation`` is "" for when
    something happened, or "deadline" ("by September 11") or "since".
    """

    start: int
    end: int
    text: str
    value: date | None
    precision: str
    relation: str = ""


_MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER |= {name[:3]: number for name, number in _MONTH_NUMBER.items()} | {"sept": 9}
_MONTH = (
    r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "an": 1}
_DATE = re.compile(
    r"(?P<iso>\b(?P<iso_year>(?:19|20)\d{2})-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)\b)"
    r"|(?P<day_month>\b(?P<dm_day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format("dm_month")
    + r"(?:,?\s+(?P<dm_year>(?:19|20)\d{2}))?\b)"
    r"|(?P<month_day>\b" + _MONTH.format("md_month") + r"\s+(?P<md_day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<md_year>(?:19|20)\d{2}))?)"
    r"|(?P<month_year>\b" + _MONTH.format("my_month") + r"(?:\s+(?:of\s+)?(?P<my_year>(?:19|20)\d{2}))?\b)"
    r"|(?P<weekday_phrase>\b" + _WEEKDAY + r"(?:['’]s)?\b)"
    r"|(?P<relative>\b(?i:yesterday|today|tonight|last\s+night|this\s+week|last\s+week|last\s+month"
    r"|this\s+month|last\s+year|this\s+year))\b"
    r"|(?P<ago>\b(?P<ago_n>\d+|(?i:one|two|three|four|five|six|seven|a|an))\s+(?P<ago_unit>(?i:days?|weeks?))"
    r"\s+(?i:ago)\b)"
    r"|(?P<year>(?P<year_value>(?:19|20)\d{2})\b(?![-/]\d))"
)
_DATES = WordScanner(
    _DATE,
    [
        *MONTHS,
        *(month[:3] for month in MONTHS),
        "sept",
        *WEEKDAYS,
        "yesterday",
        "today",
        "tonight",
        "last night",
        "last week",
        "last month",
        "last year",
        "this week",
        "this month",
        "this year",
        *(
            f"{number} {unit}"
            for number in ("a", "one", "two", "three", "four", "five", "six", "seven")
            for unit in ("day", "days", "week", "weeks")
        ),
    ],
    digits=True,
)
_YEAR_PREPOSITION = re.compile(r"\b(?:in|since|during|by|until|of|from)\s+$", re.IGNORECASE)
#: the words the relations before a date end in (see scan.ends_in)
_RELATION_ENDINGS = ("by", "until", "till", "before", "of", "than", "the", "since", "from")
_RELATION_BEFORE = re.compile(
    r"\b(?:(?P<deadline>by|until|till|before|deadline\s+of|no\s+later\s+than)\s+(?:the\s+end\s+of\s+|the\s+)?$"
    r"|(?P<since>since|from)\s+$)",
    re.IGNORECASE,
)
# the date of the event "since" starts a span from: "since the exodus began on Sunday", "since ... on Oct. 3"
_IN_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w'’.-]+\s+){1,8}?(?:on|in|of)\s+(?:the\s+)?$", re.IGNORECASE)
_IN_SINCE_ENDINGS = ("on", "in", "of", "the")
# what a running total is counted to: "by Wednesday morning", "as of 5 March", "until Sunday"
_AS_OF_BEFORE = re.compile(r"\b(?:as\s+(?:of|at)|by|until|till|up\s+to)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
_MONTH_PREPOSITION = re.compile(r"\b(?:in|of|early|late|mid|since|until|by)[\s-]+$", re.IGNORECASE)
_DEADLINE_AFTER = re.compile(r"\s+deadline\b", re.IGNORECASE)


#: what refers to the time of an event told before: "also", "as well", "the same day", "that night"
SAME_DAY = re.compile(r"\b(?:the\s+same|that)\s+(?:day|night|morning|afternoon|evening)\b", re.IGNORECASE)
_SAME_TIME = re.compile(rf"\b(?:also|too|as\s+well|likewise)\b|{SAME_DAY.pattern}", re.IGNORECASE)
_SAME_TIME_LOWER = re.compile(_SAME_TIME.pattern)  # for text in lower case (lower_case_reading), which it reads faster
_SAME_TIME_HINTS = ("also", "too", "as well", "same", "that", "likewise")


def find_dates(text: str, reference: date | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``reference`` where one is needed."""
    mentions = []
    for match in _DATES.finditer(text):
        kind = match.lastgroup if match.lastgroup in _RESOLVERS else _outer_group(match)
        if kind == "month_year" and _is_modal_may(text, match):
            continue
        if kind == "year" and not match_before(_YEAR_PREPOSITION, text, match.start(), 12):
            continue  # a bare four-digit number: "in 2001" is a year, "2001 people" is not
        value, precision = _RESOLVERS[kind](match, reference)
        start, end = match.start(), match.end()
        relation = _relation(text, start, end)
        mentions.append(DateMention(start, end, text[start:end], value, precision, relation))
    return mentions


def refers_to_time_told(text: str) -> bool:
    """Does the sentence ``text`` refer to the time of an event told before ("also", "the same day")?"""
    if not any(hint in text for hint in _SAME_TIME_HINTS):
        return False
    lowered = lower_case_reading(text)
    return (_SAME_TIME.search(text) if lowered is None else _SAME_TIME_LOWER.search(lowered)) is not None


def event_date(
    text: str,
    reference: date | None,
    near: int,
    mentions: list[DateMention] | None = None,
    *,
    running: bool = False,
) -> tuple[date | None, str]:
    """The date of what happened in ``text`` (a sentence): the resolved event date closest to ``near``.

    ``mentions`` are the sentence's dates when already found (several events in one sentence). For a
    ``running`` total, the day it was counted to ("by Wednesday", "as of 5 March") comes first.
    """
    found = find_dates(text, reference) if mentions is None else mentions
    if running:
        as_of = [
            mention
            for mention in found
            if mention.relation != "since"
            and mention.value is not None
            and match_before(_AS_OF_BEFORE, text, mention.start, 20)
        ]
        if as_of:
            return as_of[0].value, as_of[0].precision
    candidates = [mention for mention in found if not mention.relation and mention.value is not None]
    if not candidates:
        return None, ""
    best = min(candidates, key=lambda mention: abs((mention.start + mention.end) // 2 - near))
    return best.value, best.precision


def _is_modal_may(text: str, match: re.Match[str]) -> bool:
    """ "May" alone is the month only after a preposition ("in May", "since May")."""
    if match.group("my_month") != "May" or match.group("my_year"):
        return False
    return not match_before(_MONTH_PREPOSITION, text, match.start(), 12)


def _outer_group(match: re.Match[str]) -> str:
    return next(name for name in _RESOLVERS if match.group(name) is not None)


def _relation(text: str, start: int, end: int) -> str:
    before = match_before(_RELATION_BEFORE, text, start, 30) if ends_in(text, start, _RELATION_ENDINGS, 30) else None
    if before:
        return before.lastgroup or ""
    if _DEADLINE_AFTER.match(text, end):
        return "deadline"
    if (
        "ince" in text
        and ends_in(text, start, _IN_SINCE_ENDINGS, 90)
        and match_before(_IN_SINCE_CLAUSE, text, start, 90)
    ):
        return "since"
    return ""


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, reference: date | None) -> int | None:
    """A day and month without a year: the most recent one on or before the reference date."""
    if reference is None:
        return None
    candidate = _safe_date(reference.year, month, min(day, 28) if month == 2 and day == 29 else day)
    if candidate is not None and candidate > reference + timedelta(days=1):
        return reference.year - 1
    return reference.year


def _iso(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    year, month, day = (int(match.group(name)) for name in ("iso_year", "iso_month", "iso_day"))
    return _safe_date(year, month, day), "day"


def _day_month(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    return _day_and_month(
        int(match.group("dm_day")), _month(match.group("dm_month")), match.group("dm_year"), reference
    )


def _month_day(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    return _day_and_month(
        int(match.group("md_day")), _month(match.group("md_month")), match.group("md_year"), reference
    )


def _day_and_month(day: int, month: int, year: str | None, reference: date | None) -> tuple[date | None, str]:
    resolved_year = int(year) if year else _year_for(month, day, reference)
    if resolved_year is None:
        return None, "day"
    return _safe_date(resolved_year, month, day), "day"


def _month_year(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    month = _month(match.group("my_month"))
    year = int(match.group("my_year")) if match.group("my_year") else _year_for(month, 1, reference)
    return (date(year, month, 1) if year else None), "month"


def _weekday(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    if reference is None:
        return None, "day"
    wanted = WEEKDAYS.index(match.group("weekday").lower())
    return reference - timedelta(days=(reference.weekday() - wanted) % 7), "day"


def _relative(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    phrase = " ".join(match.group("relative").lower().split())
    if reference is None:
        return None, "week" if "week" in phrase else "month" if "month" in phrase else "day"
    if phrase in ("today", "tonight", "this week", "this month", "this year"):
        precision = phrase.split()[-1] if phrase.startswith("this") else "day"
        return reference, precision
    if phrase in ("yesterday", "last night"):
        return reference - timedelta(days=1), "day"
    if phrase == "last week":
        return reference - timedelta(days=7), "week"
    if phrase == "last month":
        first = reference.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    return date(reference.year - 1, 1, 1), "year"


def _ago(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    amount_text = match.group("ago_n").lower()
    amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS[amount_text]
    weeks = match.group("ago_unit").lower().startswith("week")
    if reference is None:
        return None, "week" if weeks else "day"
    return reference - timedelta(days=amount * (7 if weeks else 1)), "week" if weeks else "day"


def _year(match: re.Match[str], reference: date | None) -> tuple[date | None, str]:
    return date(int(match.group("year_value")), 1, 1), "year"


_RESOLVERS = {
    "iso": _iso,
    "day_month": _day_month,
    "month_day": _month_day,
    "month_year": _month_year,
    "weekday_phrase": _weekday,
    "relative": _relative,
    "ago": _ago,
    "year": _year,
}
