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

import re
from dataclasses import dataclass, field

from geo.incidents.counts import NumberMention
from geo.model import EventType, Toponym


@dataclass(frozen=True, slots=True)
class Trigger:
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
    def event_type(self) -> EventType:
        return _EVENT_TYPES[self.kind]

    @property
    def is_movement(self) -> bool:
        return self.kind in _MOVEMENT_KINDS


@dataclass(slots=True)
class Frame:
    """One trigger with the span of its sentence it owns: ``left`` before it, ``right`` after it."""

    trigger: Trigger
    left: tuple[int, int]
    right: tuple[int, int]
    count: NumberMention | None = None
    places: list[Toponym] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.left[0]

    @property
    def end(self) -> int:
        return self.right[1]


_MOVEMENT_KINDS = frozenset({"flight", "refuge", "crossing", "arrival", "return", "movement_noun"})
_EVENT_TYPES = {
    "flight": EventType.BORDER_CROSSING, "refuge": EventType.BORDER_CROSSING,
    "crossing": EventType.BORDER_CROSSING, "arrival": EventType.BORDER_CROSSING, "return": EventType.BORDER_CROSSING,
    "movement_noun": EventType.BORDER_CROSSING, "seizure": EventType.TERRITORY_SEIZED,
    "deployment": EventType.DEPLOYMENT, "closure": EventType.FACILITY_CLOSURE,
}
_TRIGGERS = re.compile(
    r"(?P<refuge>\b(?:sought|seek|seeks|seeking|took|take|takes|taking|taken|found|find|finds|finding"
    r"|given|granted|offered)\s+(?:(?:temporary|political)\s+)?(?:refuge|shelter|asylum|sanctuary)\b)"
    r"|(?P<closure>\b(?:suspend(?:ed|s|ing)?|closed|closes|closing|close|closure\s+of|shut(?:s|ting)?"
    r"(?:\s+down)?|vacat(?:ed|es|ing|e)|abandon(?:ed|s|ing)?|evacuat(?:ed|es|ing|e)|withdrawal\s+from"
    r"|withdrew\s+from|withdrawn\s+from|pulled\s+out\s+(?:of|from)|handed\s+over|hand(?:s|ing)?\s+over)\b)"
    r"|(?P<seizure>\b(?:took|taken|take|takes|taking)\s+(?:over|control\s+of)\b"
    r"|\b(?:captured|capture|captures|capturing|seized|seize|seizes|seizing|overran|overrun|overruns"
    r"|conquered|occupied|gained\s+control\s+of|gain\s+control\s+of|lost\s+control\s+of)\b"
    r"|\b(?:fell|fallen|fall|falls|falling)\s+(?:in)?to\b|\bfell\s+into\s+the\s+hands\s+of\b"
    r"|\bcame\s+under\s+(?:the\s+)?control\s+of\b|\blost\s+(?:significant\s+|much\s+|more\s+)?territory\b)"
    r"|(?P<deployment>\b(?:deploy(?:ed|s|ing|ment|ments)?|dispatch(?:ed|es|ing)?|mobili[sz](?:ed|es|ing|ation)"
    r"|stationed|sent|send(?:s|ing)?|reinforc(?:ed|es|ing|ements)|massed|massing)\b)"
    r"|(?P<flight>\b(?:fled|flee|flees|fleeing|escaped|escape|escapes|escaping|retreated|retreat|retreats"
    r"|retreating|withdrew|withdrawn|withdraw|withdraws|withdrawing|defected|defect|deserted)\b)"
    r"|(?P<return>\b(?:returned|returning|repatriated|deported|deporting|expelled|pushed\s+back"
    r"|forced\s+back|sent\s+back)\b)"
    r"|(?P<crossing>\b(?:crossed|cross|crosses|entered|enter|enters|entering)\b)"
    r"|(?P<arrival>\b(?:arrived|arrive|arrives|arriving|poured|streamed|flooded|made\s+(?:their|its|his|her)\s+way"
    r"|came\s+(?:over|across|into)|got\s+across)\b)"
    r"|(?P<movement_noun>\b(?:withdrawal|retreats?|crossings?|exodus|influx|arrivals?|evacuation|return"
    r"|flight)(?=\s+(?:of|into|to|across|over|from)\b))",
    re.IGNORECASE,
)
# A clause break: a trigger's window never reaches across one.
_CLAUSE_BREAK = re.compile(
    r";|\s[—–-]\s|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|,\s+(?:which|who|whom)\b|,\s+according\s+to\b"
    r"|,\s+(?:\w+\s+){0,4}?(?:said|says|told|reported|added)\b"
)
_FACILITY = re.compile(
    r"\b(?:consulates?|consular|embass(?:y|ies)|diplomatic\s+missions?|missions?|air\s?bases?|airbase|airfield"
    r"|bases?|offices?|operations|crossings?|crossing\s+points?|border\s+posts?|checkpoints?|bridges?|ports?"
    r"|airports?)\b",
    re.IGNORECASE,
)
_TROOPS = re.compile(
    r"\b(?:troops|soldiers|forces|personnel|guards|servicemen|units|battalions|brigades|military|army|police"
    r"|reinforcements|commandos|marines|paratroopers|reservists)\b",
    re.IGNORECASE,
)
BORDER_WORDS = re.compile(r"\b(?:border|borders|frontier|boundary|crossing\s+point|checkpoint)\b", re.IGNORECASE)
_DIRECTION_BEFORE = re.compile(
    r"\b(?:to|into|in|toward|towards|across|enter|entered|entering|enters|reach|reached|reaching|for)\s+"
    r"(?:the\s+)?(?:territory\s+of\s+|soil\s+of\s+|border\s+with\s+|the\s+border\s+with\s+)?"
    r"(?:(?:neighbou?ring|nearby|adjacent|northern|southern|eastern|western|central|north-?eastern|north-?western"
    r"|south-?eastern|south-?western)\s+)?$",
    re.IGNORECASE,
)
_ORIGIN_BEFORE = re.compile(r"\b(?:from|out\s+of|leaving|left)\s+(?:the\s+)?(?:neighbou?ring\s+)?$", re.IGNORECASE)
_LOCATION_BEFORE = re.compile(
    r"\b(?:through|via|at|near|in|into|to|outside|across\s+from|over|on|along)\s+(?:the\s+)?"
    r"(?:(?:border\s+)?(?:areas?|town|city|village|district|province|region|crossing|post|checkpoint)\s+of\s+)?$",
    re.IGNORECASE,
)
_TERRITORY_AFTER = re.compile(r"^['’]?s?\s+(?:territory|soil|side|border\s+guards?|authorities)\b", re.IGNORECASE)
_SUBJECT_BEFORE_VERB = re.compile(
    r"^\s*(?:have|has|had|were|was|are|is|also|reportedly|already|all|then|later|had\s+been|have\s+been)?\s*$",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(r"\s*(?:by|were|was)?\s*", re.IGNORECASE)
_ACTOR_AFTER_BY = re.compile(r"\b(?:by|to|of)\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s?){1,4})")
_CAPITALISED_RUN = re.compile(r"(?:the\s+)?((?:[A-Z][\w'’-]*(?:\s+|$)){1,4})")


def find_triggers(text: str) -> list[Trigger]:
    """The event words of a sentence in order (a facility or troop check decides the ambiguous ones)."""
    triggers = []
    for match in _TRIGGERS.finditer(text):
        kind = match.lastgroup or ""
        if kind == "closure" and not _FACILITY.search(text):
            if not match.group().lower().startswith(("evacuat", "withdr")):
                continue
            kind = "flight" if match.group().lower().startswith("withdr") else ""
            if not kind:
                continue
        if kind == "deployment" and not _TROOPS.search(text):
            continue
        previous = triggers[-1] if triggers else None
        if previous is not None and previous.kind == kind and not text[previous.end:match.start()].strip():
            triggers[-1] = Trigger(kind, previous.start, match.end(), text[previous.start:match.end()])
            continue  # "sends reinforcements", "fled and crossed": one event word
        triggers.append(Trigger(kind, match.start(), match.end(), match.group()))
    return triggers


def frames_of(text: str, triggers: list[Trigger]) -> list[Frame]:
    """Give each trigger the part of the sentence it owns: up to its neighbours or a clause break."""
    breaks = [match.start() for match in _CLAUSE_BREAK.finditer(text)]
    frames = []
    for index, trigger in enumerate(triggers):
        left_start = max([0, *(b for b in breaks if b < trigger.start)])
        if index:
            left_start = max(left_start, triggers[index - 1].end)
        right_end = min([len(text), *(b for b in breaks if b >= trigger.end)])
        if index + 1 < len(triggers):
            right_end = min(right_end, triggers[index + 1].start)
        frames.append(Frame(trigger, (left_start, trigger.start), (trigger.end, right_end)))
    return frames


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
    if subject is None and obj is not None and _OBJECT_GAP.fullmatch(text[frame.trigger.end:obj.start]):
        return obj  # "crossed by 500 people"
    return subject


def _counts_subject(text: str, number: NumberMention, trigger: Trigger) -> bool:
    if number.is_people:
        return True
    return number.kind == "bare" and bool(_SUBJECT_BEFORE_VERB.match(text[number.end:trigger.start]))


def in_span(toponym_start: int, span: tuple[int, int]) -> bool:
    return span[0] <= toponym_start < span[1]


def direction_before(text: str, start: int) -> bool:
    """Is the name at ``start`` a destination ("into X", "to neighbouring X", "enter X")?"""
    return bool(_DIRECTION_BEFORE.search(text, max(0, start - 40), start))


def origin_before(text: str, start: int) -> bool:
    return bool(_ORIGIN_BEFORE.search(text, max(0, start - 25), start))


def location_before(text: str, start: int) -> bool:
    """Is the name at ``start`` where something happened ("through X", "at the town of X", "in X")?"""
    return bool(_LOCATION_BEFORE.search(text, max(0, start - 45), start))


def territory_after(text: str, end: int) -> bool:
    """A demonym used as a country: "Tajik territory", "Afghan soil", "the Iranian side"."""
    return bool(_TERRITORY_AFTER.match(text[end:end + 30]))


def has_border_word(text: str, span: tuple[int, int]) -> bool:
    return bool(BORDER_WORDS.search(text, span[0], span[1]))


def actor_phrase(text: str, frame: Frame, count: NumberMention | None) -> str:
    """Who acted, as written: the counted noun phrase, "by/to X" after the trigger, or the subject."""
    if count is not None and count.noun:
        phrase_end = count.noun_end
        tail = re.match(r"\s+of\s+(?:the\s+)?((?:[\w'’-]+\s){0,3}[\w'’-]+)", text[phrase_end:frame.right[1]])
        if tail and tail.group(1).split()[-1].lower() in ("forces", "troops", "army", "police", "guards",
                                                          "military", "personnel"):
            phrase_end += tail.end()
        return " ".join(text[count.number_start:phrase_end].split()[1:]) or count.noun
    after = _ACTOR_AFTER_BY.search(text, frame.right[0], frame.right[1])
    if after and frame.trigger.kind == "seizure":
        return after.group(1).strip()
    subject = None
    for match in _CAPITALISED_RUN.finditer(text, frame.left[0], frame.left[1]):
        subject = match
    if subject:
        return subject.group(1).strip()
    return after.group(1).strip() if after else ""
