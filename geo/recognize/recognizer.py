"""Finding the place mentions in a text: gazetteer names, demonyms, and the traps around them.

The search is one pass over word tokens: at each capitalised word, the longest run of up
to six words whose folded form is a gazetteer name (or a demonym) is a candidate, so
"Mazar-e-Sharif" wins over "Sharif". Each candidate is then judged by what surrounds it:

* a person's name: a title or a given name before it ("President Ghani", "Andrew
  Trapani"), or a capitalised word that is only a name right next to it ("Ashraf Ghani");
  such names are remembered for the whole document, so a lone "Karzai" is a person too;
  a common surname that names only a small place needs a cue;
* an organisation: a news agency or alliance ("Reuters", "Nato"), a title or
  organisation word on its own, or a name followed by "news agency";
* calendar words and feasts, bare generic nouns ("the Gulf"), and acronyms that do not
  abbreviate a prominent place ("TV"; but "US", "NSW", "S.C." do);
* common English words ("Most", "Reading", "Police"): at the start of a sentence or in a
  headline only a country counts; elsewhere they need a cue ("in Reading", "Reading
  Borough", "Reading, England").

What survives becomes a :class:`Mention` with the cues found: a feature hint ("Darvaz
District", "the city of Khorog") and stated containers ("Langar of Ishkashim District",
"Paris, Texas") for resolution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from gazetteer.matching import ADMIN_WORDS
from gazetteer.normalize import fold
from geo.recognize.lexicon import (
    CONTRACTIONS,
    CROSSING_POINT_NOUNS,
    FEATURE_WORDS,
    GENERIC_FEATURES,
    LOCATIVE_CUES,
    ORGANISATION_HEADS,
    ORGANISATION_NOUNS,
    ORGANISATIONS,
    PERSON_TITLES,
    PLACE_HEAD_NOUNS,
    PLACE_MODIFIERS,
    calendar_words,
    demonyms,
    given_names,
    is_common_word,
    is_name_word,
    surnames,
)
from geo.recognize.names import NameTable
from geo.recognize.tokens import Tokens, fold_word, possessive

#: a name at least this likely is a country, a first-level division or a large city
STRONG = 0.75
#: the prior of a country: a common English word that names one is always a place ("Turkey")
COUNTRY = 1.0
DETERMINERS = frozenset(
    "the a an this that these those my our your his her their its no all some every each any".split()
)
_PLACE_PREFIXES = {
    "city": "populated",
    "town": "populated",
    "village": "populated",
    "settlement": "populated",
    "locality": "populated",
    "commune": "admin",
    "municipality": "admin",
}
#: "the frontier post of X", "the crossing point of X": a crossing point named after its generic words
_CROSSING_POINT_HEADS = frozenset("post crossing checkpoint point gate".split())
#: the generic names of crossing points (see :data:`CROSSING_POINT_NOUNS`) by their first word,
#: so that a word that begins none is passed over with one look-up
_CROSSING_POINT_NOUNS_BY_FIRST = {
    first: tuple(nouns for nouns in CROSSING_POINT_NOUNS if nouns[0] == first) for first, *_ in CROSSING_POINT_NOUNS
}
_CONTAINER_GAP = re.compile(r"\s*(?:\([^()\n]{0,40}\))?\s*,?\s*(?:of|in)\s+(?:the\s+)?")
_LIST_GAP = re.compile(r"\s*(?:\([^()\n]{0,40}\))?\s*(?:,|and|,\s*and)\s+")
_COMMA = (", ", ",", ",\u00a0")
_APOSTROPHE = re.compile("['’ʼ]")
#: a name word after an elided article or preposition, within a name: "d'Ivoire" of "Côte d'Ivoire"
_ELIDED_CAPITAL = re.compile("[a-z]{1,3}['’ʼ][A-Z]")
#: the words whose "'s" is "is" or "has" ("He's", "It's", "There's"), not a possessive
_S_CONTRACTED = frozenset("he she it that what who there here where how let".split())
_ABBREVIATION_CHARS = 6
#: "8 P.M.": a time, never the initials of a place ("Principality of Monaco")
_CLOCK_ABBREVIATIONS = frozenset({"am", "pm"})
_FIRST = attrgetter("first")


@dataclass(slots=True)
class Mention:
    """A place mention found in text, with the cues that help resolve it.

    ``queries`` are the names to look up, best first (the surface, "Darvaz District" with
    its generic word, the expansions of an acronym, or a demonym's country). ``within``
    holds the indices of mentions stated to contain this one ("Langar of Ishkashim
    District", "Paris, Texas").
    """

    start: int
    end: int
    surface: str
    queries: tuple[str, ...]
    kind: str  # "name", "demonym", "district"
    weight: float
    feature_hint: str = ""
    country_code: str = ""
    cued: bool = False
    within: list[int] = field(default_factory=list)
    listed: bool = True  # False: a name the gazetteer lacks, found by what the text says

    @property
    def query(self) -> str:
        return self.queries[0]


#: what a run of words names: key, queries, weight, kind, country code, whether an acronym,
#: and how far the span's end lies from the last word's end (-2 before a possessive "'s")
_Reading = tuple[str, tuple[str, ...], float, str, str, bool, int]


class _Opening(NamedTuple):
    """What a capitalised word begins, the same in every text (see :meth:`Recognizer._open`)."""

    reading: _Reading | None  # what the word names alone: None also for a word never a place alone ("May")
    goes_on: bool  # a longer name may begin with it ("New", "U" of "U.S.")
    short: bool  # it names alone a place of two letters, or of three that are an English word ("In", "Van")


@dataclass(slots=True)
class _Candidate:
    first: int  # token indices
    last: int
    key: str
    queries: tuple[str, ...]
    weight: float
    kind: str
    start: int  # character offsets
    end: int
    country_code: str = ""
    acronym: bool = False
    listed: bool = True


class Recognizer:
    """Finds place mentions with one name table; reusable across documents and threads."""

    def __init__(self, names: NameTable) -> None:
        self.names = names
        self.calendar = calendar_words()
        self.demonyms = demonyms()
        self.given_names = given_names()
        self.surnames = surnames()
        self.introducers = PERSON_TITLES | self.given_names
        #: words that are never a place on their own: calendar, generic, modifier, organisation, title
        self.never_alone = (
            self.calendar | GENERIC_FEATURES | PLACE_MODIFIERS | ORGANISATIONS | PERSON_TITLES | ORGANISATION_HEADS
        )
        # Most words and names recur from text to text: each is read once.
        self._opening = lru_cache(maxsize=200_000)(self._open)
        self._reading = lru_cache(maxsize=200_000)(self._read)

    def find(self, text: str) -> list[Mention]:
        """Every place mention in ``text``, in order, with exact offsets."""
        tokens = Tokens(text)
        candidates = self._scan(tokens)
        judge = _Judge(self, tokens, candidates)
        kept = [c for c in candidates if judge.rejection(c) is None]
        kept += judge.unlisted_places(kept)
        kept.sort(key=lambda c: c.start)
        return _mentions(tokens, kept, extend=True)

    def explain(self, text: str) -> list[tuple[str, int, int, str | None]]:
        """Each candidate as (surface, start, end, why it was rejected or None): for debugging."""
        tokens = Tokens(text)
        candidates = self._scan(tokens)
        judge = _Judge(self, tokens, candidates)
        return [(text[c.start : c.end], c.start, c.end, judge.rejection(c)) for c in candidates]

    def describe(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Mention]:
        """Mentions for given spans (gold spans), kept exactly, with the same cues and links."""
        tokens = Tokens(text)
        candidates = []
        for start, end in spans:
            first = bisect_left(tokens.ends, start + 1)
            last = max(bisect_left(tokens.starts, end) - 1, first)
            key = fold(text[start:end])
            demonym = self.demonyms.get(key)
            if demonym is not None:
                code, country = demonym
                candidates.append(_Candidate(first, last, key, (country,), 1.0, "demonym", start, end, code))
                continue
            weight = self.names.get(key) or 0.0
            queries: tuple[str, ...] = (text[start:end],)
            compact = key.replace(" ", "")
            if compact.isalpha() and len(compact) <= 4 and text[start:end].replace(".", "").isupper():
                weight, queries = max(weight, STRONG), self._acronym_queries(compact) or queries
            candidates.append(_Candidate(first, last, key, queries, weight, "name", start, end))
        return _mentions(tokens, candidates, extend=False)

    # -- candidates ------------------------------------------------------------------

    def _scan(self, tokens: Tokens) -> list[_Candidate]:
        """Longest gazetteer name or demonym at each capitalised word, left to right.

        What a capitalised word begins comes from :meth:`_open` and what each longer run of
        words names from :meth:`_read`, each once for the recogniser; most words begin
        nothing, and are passed over at C speed.
        """
        found: list[_Candidate] = []
        words, keys, gaps, capitals = tokens.words, tokens.keys, tokens.gaps, tokens.capitals
        count = len(words)
        prefixes, max_words = self.names.prefixes, self.names.max_words
        openings = list(map(self._opening, map(words.__getitem__, capitals)))
        next_free = 0
        for index, opening in compress(zip(capitals, openings, strict=True), openings):
            if index < next_free:
                continue
            best, best_last = opening.reading, index  # the longest reading so far, of the words up to best_last
            run = keys[index]  # the keys of the words so far, joined: "mazar e"
            letters = len(words[index]) == 1  # all words so far single capitals, as in "U.S." (an acronym)
            last = index
            going = opening.goes_on and (gaps[index] == " " or tokens.joins_next(index))
            while going and last + 1 < count and last + 1 - index < max_words:
                last += 1
                word = words[last]
                letters = letters and len(word) == 1 and word.isupper()
                if word[0].isupper() or _ELIDED_CAPITAL.match(word):
                    if letters and tokens.dotted(last - 1):  # "U.S.", "S.C.": an acronym written with dots
                        dotted_letters = "".join(words[index : last + 1]).lower()
                        reading = self._reading(run, word, dotted_letters, tokens.dotted(last))
                    else:
                        reading = self._reading(run, word, None, False)
                    if reading is not None:
                        best, best_last = reading, last
                run += " " + keys[last]
                going = (letters or run in prefixes) and (gaps[last] == " " or tokens.joins_next(last))
            if best is None or (best_last == index and opening.short and self._hopeless(best[0], index, tokens)):
                continue
            key, queries, weight, kind, code, acronym, end_shift = best
            start, end = tokens.starts[index], tokens.ends[best_last] + end_shift
            found.append(_Candidate(index, best_last, key, queries, weight, kind, start, end, code, acronym))
            next_free = best_last + 1
        return found

    def _open(self, word: str) -> _Opening | None:
        """What a capitalised word begins, or None: most begin no name, and a contraction ("I've",
        "He's") never does.

        A word that is never a place on its own ("May", "Gov", "Council") names nothing alone,
        but may still begin a longer name ("May Pen").
        """
        key = fold_word(word)
        apostrophe = _APOSTROPHE.search(word) is not None
        if not (
            key in self.names.weights
            or key in self.names.prefixes
            or key in self.demonyms
            or (len(word) <= 4 and word.isupper())
            or apostrophe
        ) or (apostrophe and _contraction(word)):
            return None
        reading = self._read(None, word, None, False)
        goes_on = len(word) == 1 or key in self.names.prefixes
        short = False
        if reading is not None:
            name, _queries, _weight, kind, _code, acronym, _end_shift = reading
            if kind == "name" and not acronym:
                if name in self.never_alone:
                    reading = None
                else:
                    short = len(name) <= 2 or (len(name) == 3 and is_common_word(name))
        if reading is None and not goes_on:
            return None
        return _Opening(reading, goes_on, short)

    def _hopeless(self, name: str, index: int, tokens: Tokens) -> bool:
        """A short one-word name that its context does not make a place: "He", "In", "Ore".

        Dropped before judging, for speed; a short word with its dot ("Ky.") may still be an
        abbreviation after a place, and "the city of Van" keeps its three letters.
        """
        return not tokens.dotted(index) and (len(name) <= 2 or not _prefix_hint(tokens, index))

    def _read(self, run: str | None, word: str, dotted_letters: str | None, final_dot: bool) -> _Reading | None:
        """What the words ``run`` then ``word`` name, if anything (the same in every text).

        ``dotted_letters`` are the letters of an acronym written with dots ("U.S.", "S.C."),
        whose span keeps its final dot if it has one.
        """
        stem_shift = -2 if possessive(word) else 0
        stem_key = fold_word(word[:-2] if stem_shift else word)
        if run is not None:
            stem_key = run + " " + stem_key
        weights = self.names.weights
        if (
            stem_key not in weights
            and stem_key not in self.demonyms
            and not stem_shift
            and not (len(word) <= 4 and word.isupper())
        ):
            return None  # the common case, decided with two look-ups
        demonym = self.demonyms.get(stem_key)
        if demonym is not None:
            code, country = demonym
            return stem_key, (country,), 1.0, "demonym", code, False, stem_shift
        if dotted_letters is not None:
            return self._acronym(dotted_letters, int(final_dot))
        if run is None and 2 <= len(word) <= 4 and word.isupper():
            return self._acronym(word.lower(), 0)
        weight = weights.get(stem_key)
        if weight is not None:
            return stem_key, (), weight, "name", "", False, stem_shift
        if stem_shift:
            full_key = fold_word(word) if run is None else run + " " + fold_word(word)
            weight = weights.get(full_key)
            if weight is not None:
                return full_key, (), weight, "name", "", False, 0
        return None

    def _acronym(self, letters: str, end_shift: int) -> _Reading | None:
        if letters in _CLOCK_ABBREVIATIONS:
            return None
        queries = self._acronym_queries(letters)
        if not queries:
            return None
        weight = max(self.names.get(fold(q)) or 0.0 for q in queries)
        return letters, queries, weight, "name", "", True, end_shift

    def _acronym_queries(self, letters: str) -> tuple[str, ...]:
        """The names an acronym may stand for: a dotted alias that the gazetteer lists ("U.S.",
        "S.C.") names its place and nothing else; bare initials may stand for prominent
        names with those initials ("South Carolina" for "SC"), most likely first. Only an
        acronym that the gazetteer lists as a prominent place's name qualifies ("UN" does not)."""
        dotted = " ".join(letters)
        if (self.names.get(dotted) or 0.0) >= STRONG:
            return (dotted,)
        if (self.names.get(letters) or 0.0) < STRONG:
            return ()
        expansions = self.names.initialisms.get(letters, ())
        return tuple(dict.fromkeys(e for e in expansions if e != dotted and _reads_as_english(e)))


class _Judge:
    """Decides which candidates of one text are place mentions."""

    def __init__(self, recognizer: Recognizer, tokens: Tokens, candidates: list[_Candidate]) -> None:
        self.r = recognizer
        self.tokens = tokens
        self.candidates = candidates  # in order, none overlapping another
        self.by_first = {c.first: c for c in candidates}
        self.by_last = {c.last: c for c in candidates}
        capitals = tokens.capitals
        #: indices of the words that are only names (see :func:`is_name_word`)
        self.name_words = set(compress(capitals, map(is_name_word, map(tokens.words.__getitem__, capitals))))
        self.person_tokens: set[int] = set()
        self.person_words = self._person_words()

    def _in_one_candidate(self, first: int, last: int) -> bool:
        """Whether the tokens ``first`` to ``last`` all lie within one candidate."""
        before = bisect_right(self.candidates, first, key=_FIRST) - 1
        return before >= 0 and self.candidates[before].last >= last

    def _introduces_person(self, i: int) -> bool:
        """A title ("Gov.", "spokesman") or a given name ("Andrew") before a capitalised word."""
        tokens = self.tokens
        if i < 0 or i + 1 >= len(tokens.words) or not tokens.capitalized(i + 1):
            return False
        gap = tokens.gap_after(i)
        key = tokens.keys[i]
        if key in PERSON_TITLES:
            return gap in (" ", ". ")
        return (
            gap == " "
            and key in self.r.given_names
            and tokens.capitalized(i)
            and tokens.keys[i + 1] not in FEATURE_WORDS
            and not is_common_word(tokens.keys[i + 1])
            and not (is_common_word(key) and (tokens.sentence_start(i) or tokens.title_line(i)))
        )

    def _person_words(self) -> set[str]:
        """Words of personal names in this text ("Hamid Karzai" -> hamid, karzai).

        The capitalised words after a title or a given name ("Capt. Roy A. Nelson"), and two
        or more name words in a row that are not one place name as a whole.
        """
        tokens = self.tokens
        keys, gaps, name_words = tokens.keys, tokens.gaps, self.name_words
        words: set[str] = set()
        run: list[int] = []
        introducers = self.r.introducers
        # Only the name words and the capitalised words after a title or a given name matter.
        introduced = [i for i in tokens.capitals if keys[i - 1] in introducers]
        for i in sorted(name_words.union(introduced)):
            # "Prince Edward Island", "Sierra Leone": a title or given name inside a place name.
            if (
                i > 0
                and keys[i - 1] in introducers
                and not self._in_one_candidate(i - 1, i)
                and self._introduces_person(i - 1)
            ):
                j = i
                while j < len(tokens.words) and self._in_personal_name(j):
                    self.person_tokens.add(j)
                    if j in name_words:
                        words.add(keys[j])
                    if gaps[j] not in (" ", ". "):
                        break
                    j += 1
            if i not in name_words:
                continue
            # a possessive ends a name: "India's Mizoram" is two names, "Ghani's" the end of one
            if run and not (run[-1] == i - 1 and tokens.spaced(i - 1) and not possessive(tokens.words[i - 1])):
                if len(run) > 1:
                    self._remember(run, words)
                run = []
            run.append(i)
        self._remember(run, words)
        return words

    def _in_personal_name(self, i: int) -> bool:
        """A name word, an initial ("A.") or a given name, as in "Roy A. Nelson"."""
        return i in self.name_words or _initial(self.tokens, i) or self.tokens.keys[i] in self.r.given_names

    def _remember(self, run: list[int], words: set[str]) -> None:
        """Keep a run of name words as a name unless it lies within one place name, is a thing's whole
        name after "the" ("the Taung Pyo border post", but not "the David Geffen School") or follows the
        generic words of a place ("the village of Shah Porir Dwip"); its
        last word is remembered as a surname ("Karzai"), not its first ("Dresden" of "Dresden Zoo")."""
        tokens = self.tokens
        if len(run) < 2:
            return
        after = run[-1] + 1
        if run[0] > 0 and tokens.keys[run[0] - 1] == "the" and after < len(tokens) and not tokens.capitalized(after):
            return
        if _prefix_hint(tokens, run[0]) or (
            run[0] >= 2 and tokens.keys[run[0] - 1] == "of" and tokens.keys[run[0] - 2] in _CROSSING_POINT_HEADS
        ):
            return  # "the village of Shah Porir Dwip", "the frontier post of Ras Jedir"
        if not self._in_one_candidate(run[0], run[-1]):
            words.add(tokens.keys[run[-1]])
            self.person_tokens.update(run)

    def cued(self, c: _Candidate) -> bool:
        """A word or a neighbouring place that says this is a place."""
        tokens = self.tokens
        if _cue_before(tokens, c.first) or _feature_after(tokens, c.last) or _prefix_hint(tokens, c.first):
            return True
        after = c.last + 1
        if after < len(tokens.words) and tokens.spaced(c.last) and tokens.keys[after] in PLACE_HEAD_NOUNS:
            return not tokens.capitalized(after) or tokens.keys[after] in FEATURE_WORDS
        if tokens.gap_after(c.last) in _COMMA and after in self.by_first:
            return True
        return c.first > 0 and tokens.gap_after(c.first - 1) in _COMMA and (c.first - 1) in self.by_last

    def rejection(self, c: _Candidate) -> str | None:
        """Why a candidate is not a place mention, or None when it is one."""
        tokens = self.tokens
        single = c.first == c.last
        before_s = c.end < tokens.ends[c.last]
        if c.key in ORGANISATIONS or (single and (c.key in PERSON_TITLES or c.key in ORGANISATION_HEADS)):
            return "organisation or title"
        if not self.person_tokens.isdisjoint(range(c.first, c.last + 1)):
            return "part of a person's name"
        reason = self._neighbour_rejection(c, before_s)
        if reason or c.kind == "demonym":
            return reason
        if single and (c.key in self.r.calendar or c.key in GENERIC_FEATURES or c.key in PLACE_MODIFIERS):
            return "calendar or generic word"
        if single and c.weight < 0.9 and c.key in self.person_words:
            return "a person's name in this text"
        if c.acronym:
            if c.weight < STRONG or _in_capitals(tokens, c) or tokens.text[c.end : c.end + 1] == "$":
                return "acronym of no prominent place"  # or a currency, "US$"
            return None
        if self._abbreviation_after_place(c):
            c.end = tokens.ends[c.last] + 1  # the abbreviation's dot belongs to it
            return None
        compact = c.key.replace(" ", "")
        common = all(map(is_common_word, tokens.keys[c.first : c.last + 1]))
        if len(compact) <= 2 or (len(compact) == 3 and common and not _prefix_hint(tokens, c.first)):
            return "short word"
        if len(compact) == 3 and c.weight < STRONG and tokens.gap_after(c.last) == "-":
            return "first part of a compound word"  # "Tri-State", "Wal-Mart"
        after = c.last + 1 if tokens.spaced(c.last) else None
        if after is not None and tokens.keys[after] in ORGANISATION_NOUNS and c.weight < STRONG:
            return "organisation"
        if common:
            return self._common_word_rejection(c)
        if single and c.weight < STRONG and not self.cued(c):
            if c.key in self.r.surnames:
                return "a surname without a cue"
            if c.key in self.r.given_names:
                return "a given name without a cue"  # "Kristina said", "asked Meredith"
        return None

    def unlisted_places(self, kept: list[_Candidate]) -> list[_Candidate]:
        """Names the gazetteer does not list, where the text says they are places.

        "the village of Qizilqaqa", "Yamg District", "in Tolmaru, Auckland": one to three
        capitalised name words after "city/town/village/district... of", before a capitalised
        "District" or "Province", or between a preposition of place and ", " plus a prominent place.
        """
        tokens = self.tokens
        taken = {i for c in kept for i in range(c.first, c.last + 1)} | self.person_tokens
        starts = {c.first: c for c in kept}
        found: list[_Candidate] = []
        next_free = 0
        name_words = self.name_words
        for i in sorted(name_words - taken):
            if i < next_free:
                continue
            last = i
            while last - i < 2 and tokens.spaced(last) and last + 1 not in taken and last + 1 in name_words:
                last += 1
            after = last + 1
            stated = (
                _prefix_hint(tokens, i)
                or (_feature_after(tokens, last) and tokens.capitalized(after) and not tokens.sentence_start(i))
                or (_crossing_point_after(tokens, last) and (tokens.keys[i - 1] == "the" or _cue_before(tokens, i)))
                or (i >= 2 and tokens.keys[i - 1] == "of" and tokens.keys[i - 2] in _CROSSING_POINT_HEADS)
                or (
                    _cue_before(tokens, i)
                    and tokens.gap_after(last) in _COMMA
                    and after in starts
                    and starts[after].weight >= STRONG
                )
            )
            if stated:
                start, end = tokens.starts[i], tokens.ends[last]
                key = fold(tokens.text[start:end])
                found.append(_Candidate(i, last, key, (), 0.0, "name", start, end, listed=False))
                next_free = last + 1
        return found

    def _abbreviation_after_place(self, c: _Candidate) -> bool:
        """ "Louisville, Ky." or "Charleston, W.Va.": a division's abbreviation after a place and a comma."""
        tokens = self.tokens
        word = tokens.words[c.last]
        return (
            c.weight >= STRONG
            and len(word) <= 4
            and tokens.dotted(c.last)
            and c.first > 0
            and tokens.gap_after(c.first - 1) in _COMMA
            and (c.first - 1) in self.by_last
        )

    def _neighbour_rejection(self, c: _Candidate, before_s: bool) -> str | None:
        """A capitalised name word right before or after: the candidate is part of a longer name.

        ``before_s``: the candidate ends before a possessive "'s" ("Kabul's"), so nothing follows it.
        """
        tokens = self.tokens
        before = c.first - 1
        if (
            before in self.name_words
            and tokens.spaced(before)
            and not tokens.sentence_start(before)
            and not possessive(tokens.words[before])  # not "Carter's Brindlewood home"
            and not tokens.title_line(c.first)
        ):
            return "part of a longer name"
        after = c.last + 1
        if after in self.name_words and not before_s and after not in self.by_first:
            gap = tokens.gaps[c.last]
            if (gap in (" ", "\u00a0") and not tokens.title_line(c.first)) or gap in ("-", "‐"):
                return "part of a longer name"
        return None

    def _common_word_rejection(self, c: _Candidate) -> str | None:
        """A place name that is also English words needs a strong prior or a cue.

        One word ("Most", "Reading") is a place at the start of a sentence or in a
        headline only if it names a country, and elsewhere with a cue ("in Reading",
        "Reading Borough", "Reading, England"). Several words ("Rock Hill", "Walker
        County") are a place unless they open with a determiner.
        """
        tokens = self.tokens
        if c.weight >= COUNTRY:
            return None
        if c.first != c.last:
            return "common words" if tokens.keys[c.first] in DETERMINERS and c.weight < STRONG else None
        if self.cued(c) and not (tokens.sentence_start(c.first) and _cue_before(tokens, c.first)):
            return None
        return "common word without a cue"


def _reads_as_english(name: str) -> bool:
    """Whether half the words of a folded name are English ("south carolina", not "tanjung verde")."""
    words = [w for w in name.split() if w not in ("of", "the", "and")]
    return all(len(w) > 1 for w in words) and sum(is_common_word(w) for w in words) * 2 >= len(words)


def _contraction(word: str) -> bool:
    """ "I've", "He's", "don't": a pronoun or verb with an apostrophe ending ("Cox's" is a possessive)."""
    for apostrophe in "'’ʼ":
        head, _, tail = word.rpartition(apostrophe)
        if head and tail.lower() in CONTRACTIONS:
            if tail.lower() == "s":
                return head.lower() in _S_CONTRACTED
            return is_common_word(fold_word(head)) or len(head) <= 2
    return False


def _initial(tokens: Tokens, i: int) -> bool:
    return len(tokens.words[i]) == 1 and tokens.words[i].isupper() and tokens.dotted(i)


def _in_capitals(tokens: Tokens, c: _Candidate) -> bool:
    """Whether the words around a candidate are in capitals too (a shouted headline)."""
    around = [i for i in (c.first - 1, c.last + 1) if 0 <= i < len(tokens.words)]
    return any(len(tokens.words[i]) > 1 and tokens.words[i].isupper() for i in around)


def _cue_before(tokens: Tokens, first: int) -> bool:
    """A preposition of place before the name, perhaps with "the": "in (the) X", "near X"."""
    index = first - 1
    if index >= 0 and tokens.keys[index] == "the":
        index -= 1
    return index >= 0 and not tokens.capitalized(index) and tokens.keys[index] in LOCATIVE_CUES


def _feature_after(tokens: Tokens, last: int) -> bool:
    return last + 1 < len(tokens.words) and tokens.spaced(last) and tokens.keys[last + 1] in FEATURE_WORDS


def _crossing_point_after(tokens: Tokens, last: int) -> bool:
    """Does a crossing point's generic name follow, in lower case: "(the Argeen) crossing", "border post"?"""
    words, keys = tokens.words, tokens.keys
    if last + 1 >= len(words):
        return False
    for nouns in _CROSSING_POINT_NOUNS_BY_FIRST.get(keys[last + 1], ()):
        end = last + len(nouns)
        if end < len(words) and all(
            keys[last + k] == noun and words[last + k].islower() and tokens.spaced(last + k - 1)
            for k, noun in enumerate(nouns, 1)
        ):
            return True
    return False


def _prefix_hint(tokens: Tokens, first: int) -> str:
    """ "the city of X" -> "populated", "the province of X" -> "admin"."""
    if first >= 2 and tokens.keys[first - 1] == "of":
        word = tokens.keys[first - 2]
        if word in _PLACE_PREFIXES:
            return _PLACE_PREFIXES[word]
        if word in ADMIN_WORDS:
            return "admin"
    return ""


def _mentions(tokens: Tokens, kept: list[_Candidate], *, extend: bool) -> list[Mention]:
    """Mentions with their cues; ``extend`` takes a capitalised "District" after a name into its span."""
    text = tokens.text
    mentions: list[Mention] = []
    for c in kept:
        start, end = c.start, c.end
        queries = c.queries or (text[start:end],)
        kind, hint = c.kind, ""
        inside = c.last < len(tokens.words)
        if c.kind == "name" and c.first < c.last and tokens.keys[c.last] in ADMIN_WORDS:
            kind, hint = "district", "admin"
        elif c.kind == "name" and inside and _feature_after(tokens, c.last):
            word = tokens.keys[c.last + 1]
            hint = "admin" if word in ADMIN_WORDS else "populated"
            if extend and tokens.capitalized(c.last + 1):
                end = tokens.ends[c.last + 1]
                queries = (text[start:end], *queries)
                kind = "district" if hint == "admin" else kind
        hint = hint or (_prefix_hint(tokens, c.first) if inside else "")
        cued = bool(hint) or (inside and _cue_before(tokens, c.first))
        cued = cued or not c.listed
        surface = text[start:end]
        mentions.append(
            Mention(start, end, surface, queries, kind, c.weight, hint, c.country_code, cued, listed=c.listed)
        )
    _link_containers(text, mentions)
    return mentions


def _in_list(text: str, mentions: list[Mention], first: int, second: int) -> bool:
    """Whether "X, Y" is part of a list ("California, Colorado, Georgia and Ohio"), not "Paris, Texas"."""
    before = first > 0 and _LIST_GAP.fullmatch(text[mentions[first - 1].end : mentions[first].start])
    after = second + 1 < len(mentions) and _LIST_GAP.fullmatch(text[mentions[second].end : mentions[second + 1].start])
    return bool(before or after)


def _link_containers(text: str, mentions: list[Mention]) -> None:
    """Record stated containers: "X, Y" and "X (..) and Z of/in Y District"."""
    for index in range(1, len(mentions)):
        container, previous = mentions[index], mentions[index - 1]
        if container.kind == "demonym":
            continue
        gap = text[previous.end : container.start]
        if gap in _COMMA and previous.kind != "demonym":
            previous.cued = container.cued = True
            if container.surface.endswith(".") and len(container.surface) <= _ABBREVIATION_CHARS:
                container.feature_hint = "admin"  # "Harrisburg, Pa.": a division's abbreviation
            if not _in_list(text, mentions, index - 1, index):
                previous.within.append(index)
        elif container.feature_hint == "admin" and _CONTAINER_GAP.fullmatch(gap):
            members = [index - 1]
            while members[-1] > 0 and len(members) < 4:
                member = members[-1]
                if not _LIST_GAP.fullmatch(text[mentions[member - 1].end : mentions[member].start]):
                    break
                members.append(member - 1)
            for member in members:
                mentions[member].within.append(index)
                mentions[member].cued = True
