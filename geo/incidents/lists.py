"""Lists of places in a sentence, with their own counts and the divisions that contain them.

News (and official statements quoted in it) enumerates places in a few regular shapes:

* counted lists: "through A District (104 people), B (213 people) and C (83 people) in D
  District, E, F District (173 people), the city of G (312) ...": each item is a place
  with a parenthesised count; "in/of D District" after an item names the division that
  contains it and the items before it back to the previous division, a district-level
  item or a "city of" item; "E, F District (n)" is one item, E in F District;
* counted pairs: "500 at A and 300 at B";
* plain lists: "the districts of A, B, C and D in P, E and F in Q", where "in P" contains
  every item back to the previous container.

Names are runs of capitalised words with an optional generic word ("District",
"province", "city") that says what kind of place they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from geo.incidents.counts import NumberMention
from geo.incidents.lexicon import MONTHS, WEEKDAYS
from geo.incidents.scan import ends_in, match_before

ADMIN_WORDS = frozenset(
    {
        "district",
        "districts",
        "province",
        "provinces",
        "region",
        "regions",
        "county",
        "counties",
        "oblast",
        "governorate",
        "governorates",
        "municipality",
        "prefecture",
        "jamoat",
        "nohiya",
        "woleswali",
        "state",
        "division",
        "department",
        "canton",
        "raion",
        "rayon",
        "velayat",
        "wilayat",
    }
)
POPULATED_WORDS = frozenset({"city", "town", "village", "villages", "towns", "cities", "settlement", "hamlet"})
#: words after a name that make it a site on the ground: "the X crossing", "X bridge"
SITE_WORDS = frozenset(
    {
        "crossing",
        "bridge",
        "checkpoint",
        "post",
        "port",
        "pass",
        "gate",
        "airport",
        "camp",
        "valley",
        "river",
        "airbase",
        "base",
        "terminal",
    }
)
GENERIC_WORDS = ADMIN_WORDS | POPULATED_WORDS | SITE_WORDS
_PARTICLES = frozenset({"e", "i", "al", "ul", "el", "ed", "ad", "ar", "as", "de", "du", "bin", "ibn", "la"})
_NOT_NAMES = (
    frozenset(
        {
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "of",
            "and",
            "but",
            "this",
            "these",
            "those",
            "it",
            "they",
            "he",
            "she",
            "we",
            "after",
            "before",
            "following",
            "according",
            "some",
            "many",
            "most",
            "all",
            "more",
            "other",
            "president",
            "minister",
            "general",
            "gen",
            "mr",
            "mrs",
            "ms",
            "dr",
        }
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*(?:\.[^\W\d_][\w'’-]*)*|\d[\d,.]*|[^\w\s]", re.UNICODE)
# a capital that starts a word: the capital first, a set the engine skips to, then what stands before it
_CAPITAL = re.compile(r"[A-Z\u00C0-\u00DE\u0400-\u042F](?<![\w'’-].)")
_PLURAL_DESCRIPTOR = re.compile(
    r"\b(?P<noun>districts|provinces|regions|villages|towns|cities|settlements)\s+(?:of|including|such\s+as|like)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DESCRIPTOR = re.compile(
    r"\b(?:the\s+)?(?:(?:northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern"
    r"|south-?western|central|remote|mountainous|neighbou?ring|border|key|strategic|nearby)\s+)*"
    r"(?P<noun>city|town|village|district|province|region|area|areas|settlement)\s+of\s+$",
    re.IGNORECASE,
)
_CONTAINER_LEAD = re.compile(
    r"\s*,?\s*(?:in|of|within)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|remote"
    r"|mountainous|neighbou?ring)\s+)*(?:(?:province|district|region)\s+of\s+)?",
    re.IGNORECASE,
)
_ITEM_SEPARATOR = re.compile(r"\s*(?:,|;|,?\s*and|,?\s*&)?\s*", re.IGNORECASE)
_LEAD_PREPOSITION = re.compile(r"\b(?:through|via|at|in|from|near|of|to|into)\s*(?:the\s+)?$")
_COUNTED_PAIR = re.compile(
    r"\s*(?:(?:[\w'’-]+\s+){0,3}?(?:at|in|through|via|to|into|near|from)|by)\s+(?:the\s+)?", re.IGNORECASE
)
# "... followed by Otaci with 2,310 persons", "the crossing point Palanca, in the number of 7,120 persons"
_NAME_THEN_COUNT = re.compile(r"(?:\s+with|,?\s+in\s+the\s+number\s+of)\s+$", re.IGNORECASE)


class NamePhrase(NamedTuple):
    """A place name as written: ``text[start:end]``; ``core`` drops the generic word.

    ``hint`` is "admin" for "X District" or "the province of X", "populated" for "the
    city of X", else "".
    """

    start: int
    end: int
    text: str
    core: str
    hint: str


@dataclass(slots=True)
class ListItem:
    """One place of a list, with its own count (counted lists) and its stated container."""

    name: NamePhrase
    count: NumberMention | None = None
    container: NamePhrase | None = None

    @property
    def is_division(self) -> bool:
        return self.name.hint == "admin"


def name_before(text: str, end: int, floor: int = 0) -> NamePhrase | None:
    """The capitalised name that ends at ``end`` ("Shamsiddin Shohin District", "the city of G")."""
    tokens = [m for m in _TOKEN.finditer(text, floor, end)]
    index = len(tokens) - 1
    feature = ""
    if index >= 0 and tokens[index].group().lower() in GENERIC_WORDS:
        feature = tokens[index].group().lower()
        index -= 1
    first = None
    while index >= 0:
        word = tokens[index].group()
        if _is_name_word(word):
            first = index
        elif (
            word.lower() in _PARTICLES and first is not None and index > 0 and _is_name_word(tokens[index - 1].group())
        ):
            pass
        else:
            break
        index -= 1
    if first is None:
        return None
    while first < len(tokens) and tokens[first].group().lower() in _NOT_NAMES:
        first += 1
    last_name = len(tokens) - (2 if feature else 1)
    if first > last_name:
        return None
    start = tokens[first].start()
    stop = tokens[-1].end() if feature else tokens[last_name].end()
    core = text[start : tokens[last_name].end()]
    return NamePhrase(start, stop, text[start:stop], core, _hint(text, start, feature))


def name_after(text: str, start: int, ceiling: int) -> NamePhrase | None:
    """The capitalised name that starts at ``start`` (after spaces), with a trailing generic word."""
    tokens = []
    for token in _TOKEN.finditer(text, start, ceiling):  # the name and the two words after it at most
        tokens.append(token)
        word = token.group()
        if not (_is_name_word(word) or word.lower() in _PARTICLES) and len(tokens) > 1:
            break
    last = None
    for index, token in enumerate(tokens):
        word = token.group()
        if last is not None and word.lower() in GENERIC_WORDS:
            break
        if _is_name_word(word) and (index == 0 or last is not None) and word.lower() not in _NOT_NAMES:
            last = index
        elif (
            word.lower() in _PARTICLES
            and last is not None
            and index + 1 < len(tokens)
            and _is_name_word(tokens[index + 1].group())
        ):
            continue
        else:
            break
    if last is None:
        return None
    name_start, name_end = tokens[0].start(), tokens[last].end()
    feature = ""
    if last + 1 < len(tokens) and tokens[last + 1].group().lower() in GENERIC_WORDS:
        feature = tokens[last + 1].group().lower()
        end = tokens[last + 1].end()
    else:
        end = name_end
    return NamePhrase(
        name_start, end, text[name_start:end], text[name_start:name_end], _hint(text, name_start, feature)
    )


def counted_list(
    text: str, numbers: list[NumberMention], not_a_point: Callable[[NamePhrase], bool] = lambda _name: False
) -> list[ListItem]:
    """Items of a list whose places carry their own counts; empty when there is no such list.

    ``not_a_point`` rejects a name that cannot be one of the places counted (the caller knows
    which names are countries: "1,112 crossed into Syria through A, along with 380 at B").
    """
    items = _parenthesised_items(text, numbers)
    return items if len(items) >= 2 else _counted_pairs(text, numbers, not_a_point)


def name_list(text: str, start: int, end: int) -> list[ListItem]:
    """Every capitalised name in ``text[start:end]``, with the container each one is stated to be in.

    "A, B and C in P, D in Q": P contains A, B and C; Q contains D. A name that only
    serves as a container is not an item.
    """
    names: list[NamePhrase] = []
    cursor = start
    while cursor < end:
        match = _CAPITAL.search(text, cursor, end)
        if not match:
            break
        phrase = name_after(text, match.start(), end)
        if phrase is None:
            cursor = match.end()
            continue
        names.append(phrase)
        cursor = phrase.end
    items: list[ListItem] = []
    run_start = 0
    run_hint = ""
    for index, phrase in enumerate(names):
        gap = text[names[index - 1].end : phrase.start] if index else ""
        if index and _CONTAINER_LEAD.fullmatch(gap) and not _ITEM_SEPARATOR.fullmatch(gap):
            for item in items[run_start:]:
                if item.container is None:
                    item.container = phrase
            run_start = len(items)
            continue
        if not index or not _ITEM_SEPARATOR.fullmatch(gap):
            run_start = len(items)
            run_hint = _plural_hint(text, phrase.start)
        if run_hint and not phrase.hint:
            phrase = NamePhrase(phrase.start, phrase.end, phrase.text, phrase.core, run_hint)
        items.append(ListItem(phrase))
    _share_plural_feature(text, items)
    return items


def _parenthesised_items(text: str, numbers: list[NumberMention]) -> list[ListItem]:
    parts = [n for n in numbers if n.parenthesised and n.kind in ("people", "bare") and n.value is not None]
    if len(parts) < 2:
        return []
    items: list[ListItem] = []
    floor = 0
    for part in parts:
        opening = text.rfind("(", floor, part.start)
        segment_start = floor
        if items:
            segment_start = _take_container(text, floor, opening, items)
        name = name_before(text, opening, segment_start)
        if name is None:
            floor = text.find(")", part.end) + 1 or part.end
            continue
        item = ListItem(name, part)
        if name.hint == "admin":
            owner = _name_before_comma(text, name.start, segment_start, first=not items)
            if owner is not None:
                item = ListItem(owner, part, name)
        items.append(item)
        floor = text.find(")", part.end) + 1 or part.end
    if items:
        _take_container(text, floor, len(text), items)
    return items


def _take_container(text: str, start: int, end: int, items: list[ListItem]) -> int:
    """Read "in/of D District" right after the previous item; give D to the items it contains."""
    lead = _CONTAINER_LEAD.match(text, start, end)
    if not lead or not text[start : lead.end()].strip(" ,"):
        return start
    container = name_after(text, lead.end(), end)
    if container is None:
        return start
    for item in reversed(items):
        if item.container is not None or item.is_division:
            break
        item.container = container
        if item.name.hint == "populated" and item is not items[-1]:
            item.container = None
            break
    return container.end


def _name_before_comma(text: str, start: int, floor: int, *, first: bool) -> NamePhrase | None:
    """ "E, F District (n)": the E before the comma, if it is a name standing as a list item."""
    comma = text[floor:start].rstrip()
    if not comma.endswith(","):
        return None
    comma_at = floor + len(comma) - 1
    owner = name_before(text, comma_at, floor)
    if owner is None or owner.hint == "admin":
        return None
    lead = text[floor : owner.start].strip().lower()
    if first and not _LEAD_PREPOSITION.search(lead):
        return None
    if not first and lead not in ("", ",", "and", ", and"):
        return None
    return owner


def _counted_pairs(
    text: str, numbers: list[NumberMention], not_a_point: Callable[[NamePhrase], bool]
) -> list[ListItem]:
    """ "500 at A and 300 by B", "A with 500 and B with 300": counts of people, each with its place."""
    items = []
    for number in numbers:
        if not (number.is_people or number.kind == "bare") or number.value is None or number.parenthesised:
            continue
        name, cursor = None, number.noun_end
        for _ in range(2):  # "crossed into Syria through A": past a name that is no point, to the next
            lead = _COUNTED_PAIR.match(text, cursor, min(len(text), cursor + 60))
            name = name_after(text, lead.end(), min(len(text), lead.end() + 60)) if lead else None
            if name is None or not not_a_point(name):
                break
            name, cursor = None, lead.end()
        if name is None:
            lead = _NAME_THEN_COUNT.search(text, max(0, number.start - 30), number.start)
            name = name_before(text, lead.start(), max(0, lead.start() - 60)) if lead else None
        if name is not None:
            items.append(ListItem(name, number))
    return items if len(items) >= 2 else []


def _share_plural_feature(text: str, items: list[ListItem]) -> None:
    """ "Badakhshan and Takhar provinces": the plural generic word types every name it follows."""
    for index, item in enumerate(items):
        if item.name.hint or not index:
            continue
        previous = items[index - 1].name
        if previous.hint:
            continue
        after = text[item.name.end : item.name.end + 14].split()
        if after and after[0].lower().rstrip(",.") in ("provinces", "districts", "regions"):
            items[index - 1].name = NamePhrase(previous.start, previous.end, previous.text, previous.core, "admin")
            item.name = NamePhrase(item.name.start, item.name.end, item.name.text, item.name.core, "admin")


def _plural_hint(text: str, start: int) -> str:
    """ "the districts of A, B and C": the kind of place every name of the list is."""
    descriptor = match_before(_PLURAL_DESCRIPTOR, text, start, 40)
    if not descriptor:
        return ""
    return "admin" if descriptor.group("noun").lower() in ("districts", "provinces", "regions") else "populated"


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and not word.isdigit()


def _hint(text: str, start: int, feature: str) -> str:
    if feature in ADMIN_WORDS:
        return "admin"
    if feature in POPULATED_WORDS:
        return "populated"
    descriptor = match_before(_DESCRIPTOR, text, start, 60) if ends_in(text, start, ("of",), 60) else None
    if descriptor:
        noun = descriptor.group("noun").lower()
        if noun in ("district", "province", "region"):
            return "admin"
        if noun in ("city", "town", "village", "settlement"):
            return "populated"
    return ""
