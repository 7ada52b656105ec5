"""Which sentences report an event, of what type, and the frame around each trigger word.

An event is announced by a trigger: a verb or noun of movement ("fled", "crossed",
"retreated", "withdrawal of"), of refuge ("sought refuge"), of seizure ("took control of",
"fell to"), of deployment ("deployed", "sent troops") or of closure ("suspended operations
at its consulate", "vacated the base"). Each trigger owns the words around it up to the
neighbouring trigger or a clause break; in that window the rules look for who and how
many (a count of people, usually the subject before a verb or the object after a noun or
a transitive verb), where to (a country after "to", "into", "in", "enter"; "Tajik
territory"), where from ("from X", "Afghan soldiers") and where (a place after "through",
"at", "via", "near", "in").

Numbers that count no moving people never fill a frame: :mod:`geo.incidents.counts` types
every number, and a frame only takes a count of people (or a bare number right before
its verb: "some 300 crossed").
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from geo.incidents.counts import NumberMention
from geo.incidents.lexicon import PEOPLE_NOUNS, words
from geo.incidents.scan import WordScanner, preceded_by, search_at_words


class Trigger(NamedTuple):
    """A word that announces an event, at ``text[start:end]`` of its sentence.

    ``kind`` is "flight" (fled, escaped, retreated, withdrew), "refuge" (sought refuge),
    "crossing" (crossed, entered: a crossing at a border, abroad or by foreigners), "arrival"
    (arrived, came over: only at a border, abroad, or for civilians), "return" (returned,
    deported: towards the movers' own country),
    "movement_noun" (withdrawal of, crossings into), "seizure", "deployment" or "closure".
    """

    kind: str
    start: int
    end: int
    text: str

    @property
    def is_movement(self) -> bool:
        return self.kind in _MOVEMENT_KINDS


class Frame(NamedTuple):
    """One trigger with the span of its sentence it owns: ``left`` before it, ``right`` after it."""

    trigger: Trigger
    left: tuple[int, int]
    right: tuple[int, int]

    @property
    def start(self) -> int:
        return self.left[0]

    @property
    def end(self) -> int:
        return self.right[1]


#: security forces and their units, as a deployment names them (a regex alternation ending in a word boundary)
_FORCES = (
    r"(?:troops|soldiers|forces|personnel|guards|servicemen|units|battalions?|brigades?|regiments?|contingents?"
    r"|detachments?|military|army|police|gendarmes|gendarmerie|reinforcements|commandos|marines|paratroopers"
    r"|reservists)\b"
)
_MOVEMENT_KINDS = frozenset({"flight", "refuge", "crossing", "arrival", "return", "movement_noun"})
#: event words by kind, in the order they are tried: each entry is (first words, what must follow them)
TRIGGER_WORDS: dict[str, list[tuple[str, str]]] = {
    "refuge": [
        (
            "sought seek seeks seeking took take takes taking taken found find finds finding given granted offered",
            r"\s+(?:(?:temporary|political)\s+)?(?:refuge|shelter|asylum|sanctuary)",
        ),
        # "600 of the new arrivals spent the night sheltering in a school": sheltering is told where
        ("sheltering sheltered", r"(?=\s+(?:in|at|inside|with|under)\b)"),
    ],
    "closure": [
        (
            "suspend suspended suspends suspending closed closes closing close vacate vacated vacates vacating"
            " abandon abandoned abandons abandoning evacuate evacuated evacuates evacuating",
            "",
        ),
        ("shut shuts shutting", r"(?:\s+down)?"),
        ("closure", r"\s+of"),
        ("withdrawal withdrew withdrawn", r"\s+from"),
        ("pulled", r"\s+out\s+(?:of|from)"),
        ("handed hand hands handing", r"\s+over"),
    ],
    "seizure": [
        ("took taken take takes taking", r"\s+(?:over|(?:the\s+|full\s+|total\s+)?control\s+(?:of|over))"),
        # "established control over X", in translated text "has established the control over the city X"
        (
            "established establish establishes establishing assumed assume assumes assuming wrested wrest",
            r"\s+(?:the\s+|full\s+|total\s+)?control\s+(?:of|over)",
        ),
        (
            "captured capture captures capturing seized seize seizes seizing overran overrun overruns conquered"
            " occupied",
            "",
        ),
        ("gained gain lost", r"\s+(?:the\s+|full\s+|total\s+)?control\s+(?:of|over)"),
        ("fell", r"\s+into\s+the\s+hands\s+of"),
        ("fell fallen fall falls falling", r"\s+(?:in)?to"),
        ("came", r"\s+under\s+(?:the\s+)?control\s+of"),
        ("lost", r"\s+(?:significant\s+|much\s+|more\s+)?territory"),
    ],
    "return": [
        ("returned returning repatriated deported deporting expelled", ""),
        ("came went", r"\s+back"),
        # "sent back", "sent at least 4,200 Afghans back": the verb is the trigger, its object may stand between
        ("pushed forced sent", r"(?=(?:\s+(?:\d[\d,.]*|[^\W\d_][\w'’-]*)){0,6}?\s+back\b)"),
    ],
    "deployment": [
        (
            "deploy deployed deploys deploying deployment deployments redeploy redeployed redeploys redeploying"
            " redeployment redistributed dispatch dispatched dispatches dispatching mobilise mobilised mobilises"
            " mobilising mobilisation mobilize mobilized mobilizes mobilizing mobilization stationed sent send"
            " sends sending reinforced reinforces reinforcing reinforcements massed massing",
            "",
        ),
        # verbs that send troops only with troops as their object ("moved 1,500 police officers to", "directed
        # 2 battalions to"); "moved into X" stays an arrival
        ("moved moves moving directed directs rushed rushes rushing", rf"(?=(?:\s+[\w,'’-]+){{0,5}}?\s+{_FORCES})"),
    ],
    "flight": [
        (
            "fled flee flees fleeing escaped escape escapes escaping retreated retreat retreats retreating"
            " withdrew withdrawn withdraw withdraws withdrawing defected defect deserted",
            "",
        ),
        # "left Nagorno-Karabakh for Armenia", "leaving for Iran": leaving is a movement only towards a place
        ("left leave leaves leaving", r"(?=(?:\s+[\w'’-]+){0,4}?\s+for\s+(?:the\s+)?(?-i:[A-Z]))"),
    ],
    "crossing": [("crossed cross crosses entered enter enters entering", "")],
    "arrival": [
        (
            "arrived arrive arrives arriving poured streamed flooded reached reaching landed slipped sneaked trekked",
            "",
        ),
        ("passed moved went", r"\s+(?:in)?to|\s+through|\s+across|\s+over"),
        ("made", r"\s+(?:their|its|his|her)\s+way"),
        ("came", r"\s+(?:over|across|into|in)"),
        ("walked waded swam", r"\s+(?:across|into|through|over)"),
        ("brought", ""),  # "boats brought about 300 people to Lesbos": the people are its object
        ("got", r"\s+across"),
    ],
    "movement_noun": [
        (
            "withdrawal retreat retreats crossing crossings exodus influx arrival arrivals evacuation return returns"
            " flight passage",
            r"(?=\s+(?:of|into|to|across|over|from)\b)",
        ),
        ("arrivals", ""),  # "6,800 new arrivals at the crossing", "registered 5,120 new arrivals": counted only
    ],
}


def _trigger_pattern(only: str = "") -> re.Pattern[str]:
    """The event words by kind with what must follow them; with ``only``, that word's alternatives alone."""
    kinds = []
    for kind, entries in TRIGGER_WORDS.items():
        phrases = []
        for first_words, rest in entries:
            choices = [word for word in sorted(first_words.split(), key=len, reverse=True) if only in ("", word)]
            if choices:
                phrases.append(f"(?:{'|'.join(choices)})(?:{rest})")
        if phrases:
            kinds.append(f"(?P<{kind}>(?:{'|'.join(phrases)})\\b)")
    return re.compile(r"\b(?:" + "|".join(kinds) + ")", re.IGNORECASE)


def _trigger_scanner() -> WordScanner:
    starts = {word for entries in TRIGGER_WORDS.values() for words, _ in entries for word in words.split()}
    return WordScanner(_trigger_pattern(), starts, by_word={word: _trigger_pattern(word) for word in starts})


_TRIGGERS = _trigger_scanner()
# A clause break, which no trigger window crosses: ";", a dash between spaces, ", which", ", ... said". Each kind has
# a pattern of its own that starts with its one character, which the engine skips to (a pattern of all three starts
# with a space, and so is tried at every space); words never break at a space within them (possessive quantifiers).
_CLAUSE_COMMA = re.compile(
    r",\s++(?:(?:which|who|whom|(?:from|of|in|among)\s+(?:which|whom)|according\s+to|as)\b"
    r"|(?:[\w()'’.-]++\s++){0,8}?(?:said|says|told|reported|added)\b)"
)
_SEMICOLON = re.compile(";")
_SPACED_DASH = re.compile(r"[—–-](?<=\s[—–-])(?=\s)")
_CONJUNCTION_WORDS = ("but", "while", "whereas", "however")
#: what may join two event words of one kind into one: "deported or came back", "sends reinforcements"
_JOINED = re.compile(r"\s*(?:,?\s*(?:and|or)\s+)?")
_WORD_BEFORE = re.compile(r"([\w'’-]+)\s+$")
_OF_A_NAME = re.compile(r"crossings?\s+of\s+(?-i:[A-Z])", re.IGNORECASE)
_COUNT_BEFORE = re.compile(r"\d[\d,. ]*\s+(?:[\w-]+\s+)?$")
_CONJUNCTIONS = WordScanner(re.compile(r"(?:but|while|whereas|however)\b", re.IGNORECASE), _CONJUNCTION_WORDS)
_FACILITY = re.compile(
    r"\b(?:consulates?|consular|embass(?:y|ies)|diplomatic\s+missions?|missions?|air\s?bases?|airbase|airfield"
    r"|bases?|offices?|operations|crossings?|crossing\s+points?|(?:border|frontier)\s+posts?|checkpoints?|bridges?"
    r"|ports?|airports?|gates?|terminals?)\b"
    # translated text names a crossing point "the point of X", "the post of X"
    r"|\b(?:point|post)\s+of\s+(?-i:[A-Z])",
    re.IGNORECASE,
)
#: how every match of _FACILITY starts (see scan.search_at_words)
_FACILITY_STARTS = ("consul", "embass", "diplomatic", "mission", "air", "base", "office", "operations", "crossing")
_FACILITY_STARTS += ("border", "frontier", "checkpoint", "bridge", "port", "gate", "terminal", "point", "post")
_TROOPS = re.compile(rf"\b{_FORCES}", re.IGNORECASE)
_BORDER_WORDS = ("border", "frontier", "boundary", "checkpoint", "crossing point")
_DIRECTIONS = words("to into in toward towards across enter entered entering enters reach reached reaching for")
_ORIGINS = words("from leaving left")
_AT = words("at")
#: "fled the fighting in X": a place where there was fighting is where people came from
_CONFLICT_NOUNS = words("fighting violence war clashes bombing bombings bombardments offensive shelling attacks")
_LOCATIONS = words("through via at near in into to outside over on along across by reached reach reaches reaching")
_DIRECTION_FILLERS = words("""
    the territory soil of border with neighbouring neighboring nearby adjacent northern southern eastern western
    central north-eastern north-western south-eastern south-western northeastern northwestern southeastern
    southwestern
""")
_PLACE_FILLERS = words(
    "the border area areas town city village locality district province region crossing point gate post checkpoint of"
    " parish church school schools camp camps compound compounds centre center hospital mosque stadium"
)
# where people shelter: "in the houses of the inhabitants of X", "with relatives in the town of X"
_SHELTER_FILLERS = _PLACE_FILLERS | words("houses house homes home inhabitants residents relatives families hosts")
# where troops are sent: any locative, and "around X" ("to the border area around X")
_DEPLOYED_AT = _LOCATIONS | words("around towards toward")
_DEPLOYMENT_FILLERS = _PLACE_FILLERS | words("county state zone sector frontier")
_TERRITORY_AFTER = re.compile(r"^['’]?s?\s+(?:territory|soil|side|border\s+guards?|authorities)\b", re.IGNORECASE)
_SUBJECT_BEFORE_VERB = re.compile(
    r"^\s*(?:of\s+(?:them|those|these)\s+|more\s+|others\s+)?"  # "about 600 of them sought shelter", "400 more"
    r"(?:have|has|had|were|was|are|is|also|reportedly|already|all|then|later|had\s+been|have\s+been)?"
    r"\s*(?:(?:managed|tried|attempted|began|started|continued|continue|had|were\s+able)\s+to\s+)?$",
    re.IGNORECASE,
)
# what may stand between a movement verb and the people it counts after it: "crossed by 500 people", and
# in translated text "have entered in the country 97,000 citizens", "have passed to the territory of X 300 people"
_OBJECT_GAP = re.compile(
    r"\s*(?:by|were|was|(?:in|into|to|on)\s+(?:the\s+)?(?:country|territory|republic)(?:\s+of\s+\w+)?)?\s*",
    re.IGNORECASE,
)
_OF_FORCES = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:forces|troops|army|police|guards|military|personnel)\b",
    re.IGNORECASE,
)
_QUANTIFIERS = frozenset({"some", "many", "several", "more", "most", "all", "few", "the", "these", "those", "other"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def find_triggers(text: str) -> list[Trigger]:
    """The event words of a sentence in order (a facility or troop check decides the ambiguous ones)."""
    triggers = []
    for match in _TRIGGERS.finditer(text):
        kind = match.lastgroup or ""
        if kind == "closure" and not search_at_words(_FACILITY, text, _FACILITY_STARTS):
            if not match.group().lower().startswith(("evacuat", "withdr")):
                continue
            kind = "flight" if match.group().lower().startswith("withdr") else ""
            if not kind:
                continue
        if kind == "deployment" and not _TROOPS.search(text) and not has_border_word(text, (0, len(text))):
            continue  # "sent 300 more members to the frontier": people sent to a border are its guards
        if kind == "movement_noun" and _names_a_crossing_point(text, match.start()):
            continue
        if match.group().lower() == "arrivals" and not _COUNT_BEFORE.search(
            text, max(0, match.start() - 40), match.start()
        ):
            continue  # "arrivals" alone is a movement only as a count: "5,120 new arrivals"
        previous = triggers[-1] if triggers else None
        if previous is not None and previous.kind == kind and _JOINED.fullmatch(text, previous.end, match.start()):
            triggers[-1] = Trigger(kind, previous.start, match.end(), text[previous.start : match.end()])
            continue  # "sends reinforcements", "were deported or came back": one event word
        triggers.append(Trigger(kind, match.start(), match.end(), match.group()))
    return triggers


def _names_a_crossing_point(text: str, start: int) -> bool:
    """Is the noun at ``start`` a crossing point, not a movement: "the Milak crossing", "the border crossing",
    "the crossings of Norte de Santander"?"""
    if _OF_A_NAME.match(text, start):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    return word.lower() in ("border", "frontier") or (word[:1].isupper() and before.start(1) > 0)


def frames_of(text: str, triggers: list[Trigger]) -> list[Frame]:
    """Give each trigger the part of the sentence it owns: up to its neighbours or a clause break."""
    breaks = _clause_breaks(text)
    lowered = text.lower()
    if any(word in lowered for word in _CONJUNCTION_WORDS):
        breaks = sorted(breaks + [match.start() for match in _CONJUNCTIONS.finditer(text)])
    frames = []
    for index, trigger in enumerate(triggers):
        before = bisect.bisect_left(breaks, trigger.start)  # breaks[before - 1] is the last one before it
        left_start = breaks[before - 1] if before else 0
        if index:
            left_start = max(left_start, triggers[index - 1].end)
        after = bisect.bisect_left(breaks, trigger.end, before)
        right_end = breaks[after] if after < len(breaks) else len(text)
        if index + 1 < len(triggers):
            right_end = min(right_end, triggers[index + 1].start)
        frames.append(Frame(trigger, (left_start, trigger.start), (trigger.end, right_end)))
    return frames


def _clause_breaks(text: str) -> list[int]:
    """Where the clauses of ``text`` break, in order: as one scan for ";", a dash between spaces and ", which" or
    ", ... said" finds them, where a dash inside ", ... - ... said" is no break of its own."""
    commas = [match.span() for match in _CLAUSE_COMMA.finditer(text)] if "," in text else []
    breaks = [start for start, _ in commas]
    if ";" in text:
        breaks += [match.start() for match in _SEMICOLON.finditer(text)]
    if "-" in text or "—" in text or "–" in text:
        dash_end = 0  # the dashes of " - - " overlap: the second is no break
        for match in _SPACED_DASH.finditer(text):
            space = match.start() - 1
            if space >= dash_end and not any(start < space < end for start, end in commas):
                breaks.append(space)
                dash_end = space + 3
    return sorted(breaks)


def frame_count(text: str, frame: Frame, numbers: list[NumberMention], *, object_first: bool) -> NumberMention | None:
    """The count of people the event is about: the subject before the trigger or the object after it.

    Parenthesised numbers belong to list items, not to the frame. A bare number counts
    people only right before the verb ("some 300 crossed").
    """
    left = [n for n in numbers if frame.left[0] <= n.start and n.end <= frame.left[1] and not n.parenthesised]
    right = [n for n in numbers if frame.right[0] <= n.start and n.end <= frame.right[1] and not n.parenthesised]
    subject = next((n for n in reversed(left) if _counts_subject(text, n, frame.trigger)), None)
    obj = next((n for n in right if n.is_people and n.start - frame.trigger.end <= 60), None)
    if object_first:
        return obj or subject
    if subject is None and obj is not None and _OBJECT_GAP.fullmatch(text[frame.trigger.end : obj.start]):
        return obj  # "crossed by 500 people"
    return subject


def _counts_subject(text: str, number: NumberMention, trigger: Trigger) -> bool:
    if number.is_people:
        return True
    return number.kind == "bare" and bool(_SUBJECT_BEFORE_VERB.match(text[number.end : trigger.start]))


def direction_before(before: list[str]) -> bool:
    """Is the name after the words ``before`` (:func:`words_before`) a destination ("into X", "enter X")?"""
    return preceded_by(before, _DIRECTIONS, _DIRECTION_FILLERS)


def origin_before(before: list[str]) -> bool:
    """Is the name after the words ``before`` where people came from ("from X", "out of X")?"""
    previous = before[-3:]
    while previous and previous[-1] in ("the", "neighbouring", "neighboring"):
        previous.pop()
    return bool(previous) and (
        previous[-1] in _ORIGINS
        or previous[-2:] == ["out", "of"]
        or (previous[-1] == "in" and len(previous) > 1 and previous[-2] in _CONFLICT_NOUNS)
    )


def station_before(before: list[str]) -> bool:
    """Is the name after the words ``before`` where someone stands ("officers at the X border post")?"""
    return preceded_by([w for w in before if not w.endswith(("'s", "’s"))], _AT, _PLACE_FILLERS)


def location_before(before: list[str]) -> bool:
    """Is the name after the words ``before`` where something happened ("through X", "at the town of X")?"""
    # "into India's Mizoram state": a possessive before the name says whose it is, not where
    return preceded_by([w for w in before if not w.endswith(("'s", "’s"))], _LOCATIONS, _PLACE_FILLERS)


def shelter_place_before(before: list[str]) -> bool:
    """Is the name after the words ``before`` where people sheltered ("in the homes of the residents of X")?"""
    return preceded_by([w for w in before if not w.endswith(("'s", "’s"))], _LOCATIONS, _SHELTER_FILLERS)


def deployment_place_before(before: list[str]) -> bool:
    """Is the name after the words ``before`` where troops were sent ("to the border area around X", "to the
    border in the county X")?"""
    return preceded_by(before, _DEPLOYED_AT, _DEPLOYMENT_FILLERS)


def territory_after(text: str, end: int) -> bool:
    """A demonym used as a country: "Tajik territory", "Afghan soil", "the Iranian side"."""
    return bool(_TERRITORY_AFTER.match(text[end : end + 30]))


def has_border_word(text: str, span: tuple[int, int]) -> bool:
    """ "border", "frontier", "boundary", "checkpoint" or "crossing point" in the span."""
    lowered = text[span[0] : span[1]].lower()
    return any(word in lowered for word in _BORDER_WORDS)


def actor_phrase(text: str, frame: Frame, count: NumberMention | None) -> str:
    """Who moved, as written: the counted noun phrase ("Afghan soldiers", "members of the security
    forces"), else the last people noun before the trigger with its demonym ("Afghan troops")."""
    if count is not None and count.noun:
        phrase_end = count.noun_end
        tail = _OF_FORCES.match(text, phrase_end, frame.right[1])
        if tail:
            phrase_end = tail.end()
        return " ".join(text[count.end : phrase_end].split()) or count.noun
    words = list(_WORD.finditer(text, frame.left[0], frame.left[1]))
    for index in range(len(words) - 1, -1, -1):
        if words[index].group().lower() in PEOPLE_NOUNS:
            before = words[index - 1].group() if index else ""
            first = index - 1 if before[:1].isupper() and before.lower() not in _QUANTIFIERS else index
            return text[words[first].start() : words[index].end()]
    return ""
