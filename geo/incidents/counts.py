"""Find numbers in news text and say what they count.

News states how many people moved in many ways: digits with separators ("1,037",
"1 037", "20.000" in translated text), words ("two hundred", "a thousand"), hedges
("more than", "nearly", "about"), vague multiples ("hundreds of"), ranges ("3,000 to
5,000", "between 3,000 and 5,000") and list annotations ("(104 people)", "(312)"). The
same text is full of numbers that count nothing that moved: years, dates, ages,
durations, ordinals, percentages, money, and tallies of districts or posts. Each
:class:`NumberMention` therefore carries a ``kind`` ("people", "bare", "thing", "time",
"year", "date", "age", "ordinal", "percent", "money", "measure") so the event rules only
ever take counts of people.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from text_to_num import text2num

from geo.incidents.lexicon import (
    DETERMINERS,
    MEASURE_NOUNS,
    MONEY_NOUNS,
    MONTHS,
    NOUN_STOP_WORDS,
    NUMBER_WORDS,
    PEOPLE_NOUNS,
    THING_NOUNS,
    TIME_NOUNS,
)
from geo.incidents.scan import WordScanner, ends_in, lower_case_reading, match_before
from geo.model import Count, CountQualifier


class NumberMention(NamedTuple):
    """A number as written, with its hedge, what it counts and where: ``text[start:end]``.

    ``number_start`` is where the numeral itself starts (after any hedge); ``noun_end``
    is the end of the counted noun when one was found (else ``end``).
    """

    start: int
    end: int
    number_start: int
    text: str
    value: int | None
    qualifier: CountQualifier
    low: int | None
    high: int | None
    kind: str
    noun: str
    noun_end: int
    parenthesised: bool = False

    def to_count(self) -> Count:
        return Count(self.value, self.qualifier, self.text, self.low, self.high)

    @property
    def is_people(self) -> bool:
        return self.kind == "people"


_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_MULTIPLIERS = {**_SCALES, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000, "mn": 1_000_000}
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_MONTHS = "|".join((*MONTHS, *(month[:3] for month in MONTHS), "sept"))

# Vague multiples: value unknown, a lower bound (and for "a few hundred" an upper one).
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "millions": 2_000_000,
}
_FEW = {"dozen": 12, "hundred": 100, "thousand": 1_000}

_NUMERAL = re.compile(
    r"(?P<numeric_date>(?<![\w/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/]))"
    r"|(?P<clock>(?<![\w:])\d{1,2}:\d{2}(?![\w:]))"
    r"|(?P<ordinal>(?<![\w.,])\d+(?:st|nd|rd|th)\b)"
    r"|(?P<decade>(?<![\w.,])(?:1[89]|20)\d0s\b)"
    r"|(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+thousands|dozens|scores|hundreds|thousands|millions)\s+of\b)"
    r"|(?P<few>\b(?:a\s+few|several|a\s+couple\s+of|a\s+couple|some)\s+(?P<few_unit>dozen|hundred|thousand)\b"
    r"(?!\s+(?:and|-)))"
    r"|(?P<digits>(?<![\w.,])(?:\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009|'| (?=\d{3}(?![\d,.])))\d{3})+(?![\d])"
    r"|\d{1,3}(?:\.\d{3})+(?![\d.,])|\d+(?:\.\d+)?)(?![\d]))"
    r"(?:[\s-]*(?P<multiplier>million|thousand|billion|hundred|bn|mn|m|k)\b)?"
    rf"|(?P<words>\b(?:(?:an?|one)[\s-]+(?:dozen|hundred|thousand|million)"
    rf"|(?:{_NUMBER_WORD}|dozen))(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_NUMBER_WORD}|dozen))*\b)",
    re.IGNORECASE,
)
_NUMERALS = WordScanner(
    _NUMERAL,
    [
        *NUMBER_WORDS,
        "dozen",
        "dozens",
        "scores",
        "tens",
        "hundreds",
        "thousands",
        "millions",
        "several",
        *(f"{lead} {unit}" for lead in ("a", "an", "some") for unit in ("hundred", "thousand", "million", "dozen")),
        "a few",
        "a couple",
    ],
    digits=True,
)
_NUMERAL_KINDS = ("numeric_date", "clock", "ordinal", "decade", "vague", "few", "digits", "words")
_QUALIFIER_BEFORE = re.compile(
    r"\b(?:(?P<at_least>more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of|above|exceeding"
    r"|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|just\s+over|well\s+over)"
    r"|(?P<at_most>nearly|almost|up\s+to|fewer\s+than|less\s+than|under|no\s+more\s+than|not\s+more\s+than"
    r"|as\s+many\s+as|at\s+most|a\s+maximum\s+of|close\s+to|just\s+under|just\s+shy\s+of)"
    r"|(?P<approx>about|around|some|roughly|approximately|an\s+estimated|estimated|circa|approx\.?"
    r"|an\s+approximate)"
    r"|(?P<between>between|from)"
    r"|(?P<exact>a\s+total\s+of|exactly|precisely|a\s+group\s+of))"
    r"(?:\s+an?)?\s*$",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE_LOWER = re.compile(_QUALIFIER_BEFORE.pattern)  # for text in lower case: see lower_case_reading
#: the last words of the hedges, the last word before a number that has one (see scan.ends_in)
_HEDGE_ENDINGS = (
    *("than", "over", "least", "of", "above", "exceeding", "nearly", "almost", "to", "under", "as", "most", "about"),
    *("around", "some", "roughly", "approximately", "estimated", "circa", "approx", "approx.", "approximate"),
    *("between", "from", "exactly", "precisely", "a", "an"),
)
_QUALIFIERS = {qualifier.value: qualifier for qualifier in CountQualifier}
_QUALIFIER_AFTER = re.compile(r"\s*(?:(?P<at_least>or\s+more|\+|-?plus\b)|(?P<approx>or\s+so\b))", re.IGNORECASE)
_HYPHEN_UNIT = re.compile(
    r"-(?P<unit>year|month|week|day|hour|minute|decade|km|kilometre|kilometer|mile|metre|meter|strong|man"
    r"|member|person|people)s?(?P<old>-old)?\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹]|\bUS\$|\bUSD|\bEUR|\bRs\.?)\s*$")
_MONEY_ENDINGS = ("$", "€", "£", "¥", "₹", "usd", "eur", "rs", "rs.")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+(?:the\s+)?$", re.IGNORECASE)
_MONTH_ENDINGS = (*_MONTHS.split("|"), *(f"{month}." for month in _MONTHS.split("|")), "the")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|of|during|before|after|early|late|mid|year|spring|summer|autumn"
    r"|fall|winter|the)\s*-?\s*$",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages|aged\s+between|aged\s+under|aged\s+over)\s*$", re.IGNORECASE)
_AGE_ENDINGS = ("aged", "age", "ages", "between", "under", "over")
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*|[^\s\w]", re.UNICODE)
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NOT_DIGITS = re.compile(r"\D")

_DEMONYM_PLURAL = re.compile(r"^[A-Z][a-z]+(?:ans|ians|is|iks|eks|ks|ese|ish|ch|s)$")


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text`` (one call per document or sentence), in order of position."""
    matches = list(_NUMERALS.finditer(text))
    mentions: list[NumberMention] = []
    if not matches:
        return mentions
    lowered = lower_case_reading(text)
    skip_until = -1
    for index, match in enumerate(matches):
        if match.start() < skip_until:
            continue
        following = matches[index + 1] if index + 1 < len(matches) else None
        mention, consumed = _read_mention(text, lowered, match, following)
        skip_until = consumed
        if mention is not None:
            mentions.append(mention)
    return mentions


def parse_count(text: str) -> Count | None:
    """The count a short phrase states ("more than 1,000 soldiers", "hundreds of"), or None."""
    for mention in find_numbers(text):
        if mention.kind in ("people", "bare"):
            return mention.to_count()
    return None


def _read_mention(
    text: str, lowered: str | None, match: re.Match[str], following: re.Match[str] | None
) -> tuple[NumberMention | None, int]:
    """The mention that ``match`` starts; ``lowered`` is ``text`` in lower case where that reads the same."""
    group = _numeral_kind(match)
    start, end = match.start(), match.end()
    if group in ("numeric_date", "clock"):
        return _plain(text, start, end, None, "date"), end
    if group == "decade":
        return _plain(text, start, end, int(match.group()[:4]), "year"), end
    if group == "ordinal":
        return _plain(text, start, end, int(_NOT_DIGITS.sub("", match.group())), "ordinal"), end

    qualifier, low, high, value = CountQualifier.EXACT, None, None, None
    if group == "vague":
        phrase = " ".join(match.group("vague").lower().split()[:-1])
        low, high = _VAGUE[phrase], None
        qualifier = CountQualifier.APPROX
    elif group == "few":
        unit = _FEW[match.group("few_unit").lower()]
        low, high = 2 * unit, 10 * unit - 1
        qualifier = CountQualifier.APPROX
    else:
        value = _numeral_value(match)
        if value is None:
            return None, end

    number_start = start
    hedge = None
    if group in ("digits", "words") and ends_in(text, start, _HEDGE_ENDINGS):
        hedge = (
            match_before(_QUALIFIER_BEFORE_LOWER, lowered, start)
            if lowered is not None
            else match_before(_QUALIFIER_BEFORE, text, start)
        )
    if group in ("digits", "words") and text[max(0, start - 3) : start].rstrip().endswith("~"):
        qualifier, start = CountQualifier.APPROX, text.rindex("~", 0, start)
    elif hedge:
        hedge_kind = hedge.lastgroup
        if hedge_kind == "between":
            joiners = ("and",) if hedge.group("between").lower() == "between" else ("to", "-", "–", "—")
            joined = _range_with(text, match, following, joiners)
            if joined:
                return _finish(text, hedge.start(), start, joined[0], CountQualifier.RANGE, joined[1], joined[2])
        elif hedge_kind == "exact":
            start = hedge.start()
        else:
            qualifier, start = _QUALIFIERS[hedge_kind], hedge.start()
    if group in ("digits", "words") and value is not None:
        joined = _range_with(text, match, following, ("to", "-", "–", "—", "or"))
        if joined:
            return _finish(text, start, number_start, joined[0], CountQualifier.RANGE, joined[1], joined[2])
        suffix = _QUALIFIER_AFTER.match(text, end)
        if suffix and qualifier is CountQualifier.EXACT:
            qualifier = _QUALIFIERS[suffix.lastgroup]
            end = suffix.end()
    return _finish(text, start, number_start, end, qualifier, low, high, value)


def _numeral_kind(match: re.Match[str]) -> str:
    """Which alternative of the numeral pattern matched (``lastgroup`` may name an inner group)."""
    if match.lastgroup in _NUMERAL_KINDS:
        return match.lastgroup
    return next(name for name in _NUMERAL_KINDS if match.group(name) is not None)


def _numeral_value(match: re.Match[str]) -> int | None:
    if match.group("digits"):
        digits = match.group("digits")
        multiplier = match.group("multiplier")
        if multiplier:
            number = float(digits.replace(",", "")) if "." in digits else _integer(digits)
            return round(number * _MULTIPLIERS[multiplier.lower()])
        if "." in digits:
            if _DOTTED_THOUSANDS.fullmatch(digits):
                return int(digits.replace(".", ""))  # "20.000": a thousands separator, people are whole
            return None if not digits.replace(".", "").isdigit() else int(float(digits))
        return _integer(digits)
    return _words_value(match.group("words"))


def _integer(digits: str) -> int:
    """The value of digits written with separators ("1,037", "1 037")."""
    return int(digits) if digits.isdecimal() else int(_NOT_DIGITS.sub("", digits))


@lru_cache(maxsize=4096)
def _words_value(phrase: str) -> int | None:
    """The value of a number in words ("two hundred", "a dozen"); news repeats a few, so it is cached."""
    words = [word for word in re.split(r"[\s-]+", phrase.lower()) if word]
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    dozens = 1
    if words and words[-1] == "dozen":
        dozens, words = 12, words[:-1] or ["one"]
    if "dozen" in words:
        return None
    try:
        return text2num(" ".join(words), "en") * dozens
    except ValueError:
        return None


def _range_with(
    text: str, match: re.Match[str], following: re.Match[str] | None, joiners: tuple[str, ...]
) -> tuple[int, int, int] | None:
    """``(end, low, high)`` when ``match`` starts a range written out to ``following``."""
    if following is None or _numeral_kind(following) not in ("digits", "words"):
        return None
    between = text[match.end() : following.start()]
    if len(between) > 6 or between.strip().lower() not in joiners:
        return None
    low, high = _numeral_value(match), _numeral_value(following)
    if low is None or high is None:
        return None
    if match.group("digits") and following.group("multiplier") and not match.group("multiplier"):
        low *= _MULTIPLIERS[following.group("multiplier").lower()]  # "3 to 5 million"
    if high <= low:
        return None
    return following.end(), low, high


def _finish(
    text: str,
    start: int,
    number_start: int,
    end: int,
    qualifier: CountQualifier,
    low: int | None,
    high: int | None,
    value: int | None = None,
) -> tuple[NumberMention, int]:
    """Build the mention; a range's value is its low end (the ACLED convention)."""
    if qualifier is CountQualifier.RANGE:
        value = low
    kind, noun, noun_end = _classify(text, start, number_start, end, value)
    parenthesised = _is_parenthesised(text, start, noun_end)
    mention = NumberMention(
        start,
        end,
        number_start,
        text[start:end],
        value,
        qualifier,
        low,
        high,
        kind,
        noun,
        noun_end,
        parenthesised,
    )
    return mention, max(end, noun_end)


def _plain(text: str, start: int, end: int, value: int | None, kind: str) -> NumberMention:
    return NumberMention(start, end, start, text[start:end], value, CountQualifier.EXACT, None, None, kind, "", end)


def _classify(text: str, start: int, number_start: int, end: int, value: int | None) -> tuple[str, str, int]:
    """What the number counts, from the words around it: ``(kind, noun, noun_end)``."""
    before = text[max(0, number_start - 8) : number_start]
    after = text[end : end + 80]
    hyphen = _HYPHEN_UNIT.match(after)
    if hyphen:
        unit = hyphen.group("unit").lower()
        if hyphen.group("old"):
            kind = "age"
        elif unit in ("strong", "man", "member", "person", "people"):
            kind = "people"
        elif unit in ("km", "kilometre", "kilometer", "mile", "metre", "meter"):
            kind = "measure"
        else:
            kind = "time"
        return kind, unit, end + hyphen.end()
    percent = _PERCENT.match(after)
    if percent:
        return "percent", "percent", end + percent.end()
    if ends_in(text, number_start, _MONEY_ENDINGS, 8) and _MONEY_BEFORE.search(before):
        return "money", "", end
    if ends_in(text, number_start, _AGE_ENDINGS, 30) and match_before(_AGE_BEFORE, text, number_start, 30):
        return "age", "", end
    day_of_month = value is not None and 1 <= value <= 31
    if day_of_month and (
        (ends_in(text, number_start, _MONTH_ENDINGS, 30) and match_before(_MONTH_BEFORE, text, number_start, 30))
        or _MONTH_AFTER.match(after)
    ):
        return "date", "", end
    kind, noun, noun_end = _noun_after(text, end, value)
    plain_number = number_start == start and "," not in text[number_start:end]
    if (
        kind == "bare"
        and value is not None
        and 1800 <= value <= 2100
        and (plain_number or match_before(_YEAR_CONTEXT_BEFORE, text, number_start, 30))
    ):
        return "year", "", end
    return kind, noun, noun_end


def _noun_after(text: str, end: int, value: int | None) -> tuple[str, str, int]:
    """The noun a number counts: the first known noun within a few words, skipping adjectives."""
    of_chain = False
    skipped = 0
    for token in _TOKEN.finditer(text, end, min(len(text), end + 90)):
        word = token.group()
        lower = word.lower()
        if lower in PEOPLE_NOUNS and not _noun_follows(text, token.end()):
            return "people", lower, token.end()
        if lower in TIME_NOUNS:
            return "time", lower, token.end()
        if lower in MEASURE_NOUNS:
            return "measure", lower, token.end()
        if lower in MONEY_NOUNS:
            return "money", lower, token.end()
        if lower in THING_NOUNS and not _noun_follows(text, token.end()):
            return "thing", lower, token.end()
        if lower == "of" and skipped == 0 and not of_chain:
            of_chain = True  # "190 of the country's 407 districts", "two of the soldiers"
            continue
        if of_chain and (lower in DETERMINERS or lower[0].isdigit() or lower.endswith(("'s", "’s"))):
            continue
        if not word[0].isalpha() or lower in NOUN_STOP_WORDS:
            return "bare", "", end
        if skipped == 0 and word[0].isupper() and _verb_follows(text, token) and _counts_a_people(text, end, value):
            return "people", lower, token.end()  # "hundreds of Rohingya crossed", "80 Rohingya landed"
        if _DEMONYM_PLURAL.match(word) and word.endswith(("s", "ese")) and not word.isupper() and skipped <= 2:
            following = text[token.end() : token.end() + 2]
            # "600 Afghans", "12,000 Sudanese" (whose plural is the adjective: "Sudanese refugees" counts refugees)
            if (
                not following[:1].isalpha()
                and not following.strip()[:1].isupper()
                and not _noun_follows(text, token.end())
            ):
                return "people", lower, token.end()
        if word.islower() and word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            return "thing", lower, token.end()
        skipped += 1
        if skipped > 4:
            break
    return "bare", "", end


def _counts_a_people(text: str, end: int, value: int | None) -> bool:
    """Can the capitalised word after this number be a people's name? After "hundreds of", or after a
    number that is no year ("In 2021 Kabul fell" is a year and a city)."""
    return text[end - 2 : end].lower() == "of" or (value is not None and not 1800 <= value <= 2100)


def _verb_follows(text: str, token: re.Match[str]) -> bool:
    """The noun phrase ends after ``token``: a verb such as "crossed", "were" or "in" follows, or a comma
    ("80 Rohingya, most of them women, landed")."""
    if text[token.end() : token.end() + 1] in (",", ";", ")"):
        return True
    following = _TOKEN.match(text, token.end() + 1) if text[token.end() : token.end() + 1] == " " else None
    return following is not None and following.group().lower() in NOUN_STOP_WORDS


def _noun_follows(text: str, end: int) -> bool:
    """True in a compound whose head comes next ("army checkpost", "refugee camps")."""
    token = _TOKEN.match(text, end + 1) if text[end : end + 1] == " " else None
    return bool(token) and (token.group().lower() in PEOPLE_NOUNS or token.group().lower() in THING_NOUNS)


def _is_parenthesised(text: str, start: int, end: int) -> bool:
    opening = text.rfind("(", max(0, start - 3), start)
    if opening < 0 or text[opening + 1 : start].strip():
        return False
    closing = text[end : end + 3].lstrip()
    return closing.startswith(")")
