"""Run word patterns only where they can match: at their start words, or just before a position.

Python's ``re`` tries every alternative at every position of the text; for patterns of
many words (event verbs, number words, month names) that dominates extraction time. A
:class:`WordScanner` finds the positions where one of the pattern's first words (or a
digit) starts, in one Aho-Corasick pass in C, and matches the pattern anchored there.
The pattern must only match at such a position; :meth:`finditer` then returns what
``pattern.finditer`` would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import ahocorasick

_PHRASE_ENDS = frozenset(",;:.!?)]")
_QUOTES = "\"'“”‘’(["
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_DIGITS = "0123456789"


class WordScanner:
    """``pattern`` anchored at each whole start word (case-insensitive ASCII) or digit run.

    ``by_word`` may give, for a start word, a smaller pattern that matches what ``pattern``
    matches where that word stands (only the alternatives that begin with it): a pattern
    of a hundred words costs a hundred tries at every start, the smaller one a few.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        start_words: Iterable[str],
        *,
        digits: bool = False,
        by_word: Mapping[str, re.Pattern[str]] | None = None,
    ) -> None:
        self.pattern = pattern
        self.digits = digits
        self._automaton = ahocorasick.Automaton()
        for word in {w.lower() for w in start_words}:
            self._automaton.add_word(word, (len(word), (by_word or {}).get(word, pattern)))
        if digits:
            for digit in _DIGITS:
                self._automaton.add_word(digit, (0, pattern))
        self._automaton.make_automaton()

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """Non-overlapping matches of the pattern in ``text[start:end]``, left to right."""
        end = len(text) if end is None else end
        lowered = text[start:end].lower()
        if len(lowered) != end - start:  # a few letters change length when lowered ("İ")
            lowered = text[start:end].translate(_ASCII_LOWER)
        covered = start
        for position, pattern in self._starts(lowered):
            position += start
            if position < covered:
                continue
            match = pattern.match(text, position, end)
            if match is not None and match.end() > match.start():
                covered = match.end()
                yield match

    def _starts(self, lowered: str) -> list[tuple[int, re.Pattern[str]]]:
        """Where a start word or digit run begins, with the pattern to try there (sorted)."""
        starts: dict[int, re.Pattern[str]] = {}
        for last, (length, pattern) in self._automaton.iter(lowered):
            if length == 0:  # a digit: only the first of a run
                if last == 0 or not lowered[last - 1].isdigit():
                    starts[last] = self.pattern
                continue
            first = last - length + 1
            if first > 0 and lowered[first - 1].isalnum():
                continue
            if last + 1 < len(lowered) and lowered[last + 1].isalpha():
                continue
            # two start words at one place ("a few", "a few hundred"): the whole pattern decides
            starts[first] = pattern if starts.get(first, pattern) is pattern else self.pattern
        return sorted(starts.items())  # positions are unique: the patterns are never compared


def lower_case_reading(text: str) -> str | None:
    """``text`` in lower case, when a case-sensitive pattern of lower-case words reads it as the same pattern
    with IGNORECASE reads ``text`` (which is slower: it cannot skip an alternative on its first letter).

    None when lowering changes the length ("İ") or the text has a letter that case-insensitive matching takes
    for an ASCII one ("ı" for "i", "ſ" for "s").
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "ı" in lowered or "ſ" in lowered:
        return None
    return lowered


def match_before(pattern: re.Pattern[str], text: str, end: int, reach: int = 40) -> re.Match[str] | None:
    """``pattern`` (which ends in ``$``) matched so that it ends at ``end``: "is this preceded by ...?".

    The pattern must start with a single ``\\b`` before a word: the regex engine then rejects
    every position but a word start at once, so one search over the ``reach`` characters
    before ``end`` costs less than trying each word start from Python.
    """
    return pattern.search(text, max(0, end - reach), end)


def ends_in(text: str, end: int, endings: tuple[str, ...], reach: int = 40) -> bool:
    """Does ``text`` just before ``end``, spaces aside, end in one of ``endings`` (lower case)?

    A test far cheaper than :func:`match_before`, to try a pattern only where it can match: one whose every match
    ends in one of ``endings`` and then only spaces. Where lower case reads other letters than a case-insensitive
    pattern does (:func:`lower_case_reading`), True: the pattern decides.
    """
    tail = lower_case_reading(text[max(0, end - reach) : end].rstrip())
    return tail is None or tail.endswith(endings)


def search_at_words(
    pattern: re.Pattern[str], text: str, words: tuple[str, ...], start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """``pattern.search(text, start, end)`` for a pattern whose every match starts with one of ``words`` (lower case).

    The pattern is tried only where one of those words stands in ``text`` read in lower case (found by ``str.find``,
    in C), in order: a case-insensitive pattern of many words is otherwise tried at every position. Where lower case
    reads other letters than the pattern does (:func:`lower_case_reading`), the span is searched as a whole.
    """
    end = len(text) if end is None else end
    lowered = lower_case_reading(text[start:end])
    if lowered is None:
        return pattern.search(text, start, end)
    places = set()
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            places.add(at)
            at = lowered.find(word, at + 1)
    for at in sorted(places):
        match = pattern.match(text, start + at, end)
        if match is not None:
            return match
    return None


def may_hold(text: str, words: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
    """Does ``text[start:end]`` hold one of ``words`` (lower case)?

    A test far cheaper than a search, to search only where a pattern can match: one whose every match holds one of
    ``words``. Where lower case reads other letters than a case-insensitive pattern does (:func:`lower_case_reading`),
    True: the pattern decides.
    """
    lowered = lower_case_reading(text[start:end])
    return lowered is None or any(word in lowered for word in words)


def words_before(text: str, end: int, reach: int = 48) -> list[str]:
    """The lower-case words just before ``end`` (nearest last), back to a comma or other clause mark."""
    start = max(0, end - reach)
    words = text[start:end].lower().split()
    if start > 0 and words and not text[start - 1].isspace():
        words = words[1:]  # cut in the middle of a word
    cut = len(words)
    while cut and words[cut - 1][-1] not in _PHRASE_ENDS:
        cut -= 1
    return [word.strip(_QUOTES) for word in words[cut:]]


def preceded_by(before: list[str], heads: frozenset[str], fillers: frozenset[str] = frozenset()) -> bool:
    """Do the words ``before`` a place (:func:`words_before`) end in one of ``heads``, with only ``fillers``
    after it ("into the neighbouring")?"""
    for word in reversed(before):
        if word in heads:
            return True
        if word not in fillers:
            return False
    return False
